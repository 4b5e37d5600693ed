package dev.pls.core.internal.base;

import static java.util.Objects.requireNonNull;

/** Argument checks for names shared by the model, its inputs and its results. */
public final class Names {
  private Names() {}

  /**
   * Checks that {@code name} is a usable name: not null, not blank, no control characters and no
   * leading or trailing white space.
   */
  public static String check(String name, String argument) {
    requireNonNull(name, argument);
    if (name.isBlank()) {
      throw new IllegalArgumentException(argument + ": must not be blank");
    }
    if (!name.strip().equals(name)) {
      throw new IllegalArgumentException(
          argument + ": must not start or end with white space: '" + name + "'");
    }
    for (int i = 0; i < name.length(); i++) {
      if (Character.isISOControl(name.charAt(i))) {
        throw new IllegalArgumentException(
            argument + ": must not contain control characters: '" + name + "'");
      }
    }
    return name;
  }
}
