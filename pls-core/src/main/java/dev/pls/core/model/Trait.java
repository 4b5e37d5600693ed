package dev.pls.core.model;

import static java.util.Objects.requireNonNull;

import dev.pls.core.internal.base.Names;

/**
 * A declared, typed attribute of an entity: employees, industry, plan, email domain.
 *
 * <p>The model names a trait {@code name} in its rules; the host's data may call it something else,
 * such as the CRM column {@code "Total Time Spent on Website"}: that is its {@code source}. Readers
 * of entity data (the CLI's traits files) look the trait up by its source name and give it to the
 * model under its name. Most traits are called alike in both, and {@link #Trait(String, TraitType)}
 * makes such a one.
 *
 * @param name the trait's name in the model: in its rules, in {@code Entity} traits and on cards
 * @param type its declared type
 * @param source the trait's name in the host's data (a column or a member), often {@code name}
 * @throws IllegalArgumentException if {@code name} or {@code source} is blank, starts or ends with
 *     white space or holds a control character
 */
public record Trait(String name, TraitType type, String source) {
  public Trait {
    Names.check(name, "name");
    requireNonNull(type, "type");
    Names.check(source, "source");
  }

  /** A trait called {@code name} in the model and in the data alike. */
  public Trait(String name, TraitType type) {
    this(name, type, name);
  }

  /** Whether the data calls this trait by another name than the model does. */
  public boolean renamed() {
    return !source.equals(name);
  }
}
