package dev.pls.core.card;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * What the hand-off needs to know of one entity at one instant, computed by the evaluator onto the
 * card ({@link ScoreCard#handoff()}); the {@link dev.pls.core.model.Handoff} declares what is
 * computed.
 *
 * @param segment the entity's segment, or {@value dev.pls.core.model.Handoff#NO_SEGMENT}
 * @param triggers the triggers whose condition holds, in hand-off order
 * @param suppressed the reason of the first suppression that holds, if any
 * @param holding the tiers whose hold condition holds, in hand-off order
 * @param context the context values, in hand-off order
 */
public record HandoffFacts(
    String segment,
    List<String> triggers,
    Optional<String> suppressed,
    List<String> holding,
    List<SignalValue> context) {
  public HandoffFacts {
    requireNonNull(segment, "segment");
    triggers = List.copyOf(requireNonNull(triggers, "triggers"));
    requireNonNull(suppressed, "suppressed");
    holding = List.copyOf(requireNonNull(holding, "holding"));
    context = List.copyOf(requireNonNull(context, "context"));
  }
}
