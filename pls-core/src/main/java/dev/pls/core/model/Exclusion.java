package dev.pls.core.model;

import static java.util.Objects.requireNonNull;

import dev.pls.core.internal.base.Names;

/**
 * A false-positive control: an entity for which the condition holds gets no tier but {@code none},
 * and its card gives the reason.
 *
 * @param condition a boolean expression over signals, traits and category totals
 * @param reason why such entities are excluded, e.g. "personal email domain"
 */
public record Exclusion(Expr condition, String reason) {
  public Exclusion {
    requireNonNull(condition, "condition");
    Names.check(reason, "reason");
  }
}
