package dev.pls.dsl;

import java.util.Locale;

/**
 * How serious a {@link Diagnostic} is: an error stops the file from compiling, a warning does not.
 */
public enum Severity {
  ERROR,
  WARNING;

  /** The word used in rendered diagnostics: {@code error} or {@code warning}. */
  public String displayName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
