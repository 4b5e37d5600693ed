package dev.pls.core.testing;

import dev.pls.core.input.Entity;
import dev.pls.core.model.Model;
import java.time.Instant;

/**
 * One generated scoring problem: a model, an entity to score with it and the as-of instant.
 *
 * @param model the model
 * @param entity the entity, whose events are in no particular order
 * @param asOf the instant to score as of
 */
public record Scenario(Model model, Entity entity, Instant asOf) {
  /** The whole scenario as text, so that a failing property's sample can be read. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    sb.append(model)
        .append(" (resolution ")
        .append(model.resolution())
        .append(", zone ")
        .append(model.zone())
        .append(") as of ")
        .append(asOf)
        .append('\n');
    for (dev.pls.core.model.Category c : model.categories()) {
      sb.append("  category ").append(c.name());
      c.cap().ifPresent(x -> sb.append(" cap ").append(x));
      c.floor().ifPresent(x -> sb.append(" floor ").append(x));
      sb.append('\n');
      c.rules().forEach(r -> sb.append("    ").append(r).append('\n'));
    }
    model
        .exclusions()
        .forEach(
            x ->
                sb.append("  exclude ")
                    .append(x.condition())
                    .append(" : ")
                    .append(x.reason())
                    .append('\n'));
    model
        .tiers()
        .forEach(
            t ->
                sb.append("  tier ")
                    .append(t.name())
                    .append(" when ")
                    .append(t.condition())
                    .append('\n'));
    sb.append("  entity ").append(entity.id()).append(' ').append(entity.traits()).append('\n');
    entity.events().forEach(e -> sb.append("    ").append(e).append('\n'));
    return sb.toString();
  }

  /** This scenario with the entity's events in another order. */
  public Scenario withEvents(java.util.List<dev.pls.core.input.Event> events) {
    return new Scenario(model, new Entity(entity.id(), entity.traits(), events), asOf);
  }
}
