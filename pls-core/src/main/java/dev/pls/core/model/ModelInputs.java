package dev.pls.core.model;

import java.util.List;
import java.util.OptionalInt;
import java.util.SortedSet;

/**
 * What a model reads, so that a host can check its inputs before scoring: the events, event
 * properties and traits it refers to, the windows it uses and how much history it needs.
 *
 * @param events event names read by name, sorted
 * @param readsAnyEvent whether some aggregate reads every event ({@code any})
 * @param properties event properties read by filters and aggregates, sorted
 * @param traits traits read by conditions, sorted
 * @param windows distinct windows used, shortest first
 * @param historyDays how many calendar days of history (the as-of day included) the model's
 *     aggregates can read, or empty when some aggregate reads all history
 */
public record ModelInputs(
    SortedSet<String> events,
    boolean readsAnyEvent,
    SortedSet<String> properties,
    SortedSet<String> traits,
    List<Window> windows,
    OptionalInt historyDays) {

  public ModelInputs {
    events = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(events));
    properties = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(properties));
    traits = java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(traits));
    windows = List.copyOf(windows);
    java.util.Objects.requireNonNull(historyDays, "historyDays");
  }
}
