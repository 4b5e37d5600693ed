package dev.pls.core.backtest;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * What the readiness gate found ({@link Readiness#assess}): each prerequisite measured, and the
 * model's inputs the data never gives.
 *
 * @param model the model's id
 * @param asOf the instant the data was assessed as of
 * @param items the prerequisites in order: {@code active_accounts}, {@code activation_rate}, {@code
 *     identity_coverage}, {@code event_volume}
 * @param missingEvents event names the model reads that never occur in the data, sorted
 * @param missingProperties event properties the model reads that no event has, sorted
 * @param silentRules rules (by id, in model order) that fired for no entity at any daily step of
 *     the window
 */
public record ReadinessReport(
    String model,
    Instant asOf,
    List<Item> items,
    List<String> missingEvents,
    List<String> missingProperties,
    List<String> silentRules) {

  public ReadinessReport {
    requireNonNull(model, "model");
    requireNonNull(asOf, "asOf");
    items = List.copyOf(items);
    missingEvents = List.copyOf(missingEvents);
    missingProperties = List.copyOf(missingProperties);
    silentRules = List.copyOf(silentRules);
  }

  /**
   * One prerequisite.
   *
   * @param name its name, e.g. {@code active_accounts}
   * @param value what was measured: a count, a share from 0 to 1, or events a day; NaN when it
   *     could not be measured
   * @param passed whether it meets the requirement
   * @param detail the measurement and the requirement, in words
   */
  public record Item(String name, double value, boolean passed, String detail) {
    public Item {
      requireNonNull(name, "name");
      requireNonNull(detail, "detail");
    }
  }

  /**
   * Whether the data is ready: every prerequisite passed and the model reads no event or property
   * the data lacks (a rule that never fires does not fail the gate).
   */
  public boolean ready() {
    return items.stream().allMatch(Item::passed)
        && missingEvents.isEmpty()
        && missingProperties.isEmpty();
  }

  /** The names of the failing items, then {@code instrumentation} when an input is missing. */
  public List<String> failing() {
    List<String> out = new java.util.ArrayList<>();
    items.stream().filter(i -> !i.passed()).forEach(i -> out.add(i.name()));
    if (!missingEvents.isEmpty() || !missingProperties.isEmpty()) {
      out.add("instrumentation");
    }
    return List.copyOf(out);
  }
}
