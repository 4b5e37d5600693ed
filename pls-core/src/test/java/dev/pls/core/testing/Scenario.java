package dev.pls.core.testing;

import dev.pls.core.Entity;
import dev.pls.core.Model;
import java.time.Instant;

/**
 * One generated scoring problem: a model, an entity to score with it and the as-of instant.
 *
 * @param model the model
 * @param entity the entity, whose events are in no particular order
 * @param asOf the instant to score as of
 */
public record Scenario(Model model, Entity entity, Instant asOf) {
  /** This scenario with the entity's events in another order. */
  public Scenario withEvents(java.util.List<dev.pls.core.Event> events) {
    return new Scenario(model, new Entity(entity.id(), entity.traits(), events), asOf);
  }
}
