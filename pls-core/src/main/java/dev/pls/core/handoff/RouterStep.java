package dev.pls.core.handoff;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSortedMap;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * What one {@link Router#step} did: the alerts it made, by priority, and how many of each outcome.
 *
 * <p>Every candidate alert of the step is counted exactly once: as a {@linkplain Alert.Status#SENT
 * sent}, {@linkplain Alert.Status#TRIAGE triaged} or {@linkplain Alert.Status#HELD_OUT held-out}
 * alert in {@link #alerts()}, or as suppressed or cooled down. Nothing is dropped silently.
 *
 * @param at the step's instant
 * @param alerts every alert the step made, sent, triaged and held out, highest priority first
 * @param sent per queue of the hand-off (every queue, in name order), the alerts sent
 * @param triaged per queue of the hand-off (every queue, in name order), the alerts that did not
 *     fit the queue's capacity for the day and went to triage
 * @param heldOut the alerts to entities in the hold-out
 * @param suppressed per suppression reason of the hand-off (every reason, in order), the alerts not
 *     made because the reason held
 * @param cooledDown the alerts withheld because the entity had an alert in the same queue within
 *     the cooldown and this one did not escalate
 */
public record RouterStep(
    Instant at,
    List<Alert> alerts,
    SortedMap<String, Integer> sent,
    SortedMap<String, Integer> triaged,
    int heldOut,
    SortedMap<String, Integer> suppressed,
    int cooledDown) {

  public RouterStep {
    requireNonNull(at, "at");
    alerts = List.copyOf(requireNonNull(alerts, "alerts"));
    sent = counts(sent, "sent");
    triaged = counts(triaged, "triaged");
    if (heldOut < 0) {
      throw new IllegalArgumentException("heldOut: must not be negative, was " + heldOut);
    }
    suppressed = counts(suppressed, "suppressed");
    if (cooledDown < 0) {
      throw new IllegalArgumentException("cooledDown: must not be negative, was " + cooledDown);
    }
  }

  private static SortedMap<String, Integer> counts(Map<String, Integer> counts, String argument) {
    requireNonNull(counts, argument);
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      if (e.getValue() == null || e.getValue() < 0) {
        throw new IllegalArgumentException(
            argument + ": count of '" + e.getKey() + "' must not be negative, was " + e.getValue());
      }
    }
    return ImmutableSortedMap.copyOf(counts);
  }

  /** How many alerts went to triage, over all queues: the step's overflow. */
  public int overflowed() {
    return total(triaged);
  }

  /** How many alerts were suppressed, over all reasons. */
  public int suppressedTotal() {
    return total(suppressed);
  }

  private static int total(Map<String, Integer> counts) {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }
}
