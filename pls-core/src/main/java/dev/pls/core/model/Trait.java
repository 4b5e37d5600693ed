package dev.pls.core.model;

import static java.util.Objects.requireNonNull;

import dev.pls.core.internal.base.Names;

/**
 * A declared, typed attribute of an entity: employees, industry, plan, email domain.
 *
 * @param name the trait's name, as it appears in entity data
 * @param type its declared type
 */
public record Trait(String name, TraitType type) {
  public Trait {
    Names.check(name, "name");
    requireNonNull(type, "type");
  }
}
