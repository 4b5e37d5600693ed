package dev.pls.core.handoff;

import static java.util.Objects.requireNonNull;

import dev.pls.core.card.Contribution;
import dev.pls.core.card.SignalValue;
import dev.pls.core.model.EntityKind;
import dev.pls.core.model.Handoff;
import dev.pls.core.model.Points;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A hand-off alert: one entity sent to one queue at one instant, with what a seller needs to act on
 * it. A {@link Router} makes alerts; see {@code docs/handoff.md} for when.
 *
 * @param at the instant of the router step that made it
 * @param entity the entity's id
 * @param kind user or account
 * @param account the entity's account: the entity itself for an account model, for a user model
 *     what the router step was told, if anything
 * @param tier the entity's effective tier (after hysteresis), or {@value Tier#NONE}
 * @param segment the entity's segment, or {@value Handoff#NO_SEGMENT}
 * @param queue the queue's name
 * @param queueLabel the queue's label, e.g. "Named AE"
 * @param level the highest level of what made the alert
 * @param due when someone must have acted: {@code at} plus the queue's SLA
 * @param reasons why: trigger labels in hand-off order, then {@code "entered tier <tier>"} when a
 *     tier route made it
 * @param status sent, in triage because the queue was full that day, or held out
 * @param score the card's score
 * @param shareable the phrases of the fired rules marked shareable, in card order, each once: what
 *     a seller may say to the customer; for an account that rolls up members, followed by those of
 *     its included members' fired rules, in member order
 * @param internal the labels of the fired rules that are not shareable, in card order: for the
 *     seller's eyes only
 * @param breakdown the card's contributions
 * @param context the hand-off's context values for the entity, in hand-off order
 */
public record Alert(
    Instant at,
    String entity,
    EntityKind kind,
    Optional<String> account,
    String tier,
    String segment,
    String queue,
    String queueLabel,
    Handoff.Level level,
    Instant due,
    List<String> reasons,
    Status status,
    Points score,
    List<String> shareable,
    List<String> internal,
    List<Contribution> breakdown,
    List<SignalValue> context) {

  /** What became of an alert. */
  public enum Status {
    /** Took one of the queue's slots for the day, or the queue is not limited. */
    SENT,
    /** The queue's capacity for the day was used up: kept on the triage list, not dropped. */
    TRIAGE,
    /** The entity is in the hold-out: recorded, not routed to a seller. */
    HELD_OUT
  }

  public Alert {
    requireNonNull(at, "at");
    requireNonNull(entity, "entity");
    requireNonNull(kind, "kind");
    requireNonNull(account, "account");
    requireNonNull(tier, "tier");
    requireNonNull(segment, "segment");
    requireNonNull(queue, "queue");
    requireNonNull(queueLabel, "queueLabel");
    requireNonNull(level, "level");
    requireNonNull(due, "due");
    reasons = List.copyOf(requireNonNull(reasons, "reasons"));
    if (reasons.isEmpty()) {
      throw new IllegalArgumentException("reasons: an alert has at least one reason");
    }
    requireNonNull(status, "status");
    requireNonNull(score, "score");
    shareable = List.copyOf(requireNonNull(shareable, "shareable"));
    internal = List.copyOf(requireNonNull(internal, "internal"));
    breakdown = List.copyOf(requireNonNull(breakdown, "breakdown"));
    context = List.copyOf(requireNonNull(context, "context"));
  }

  /**
   * The alert's id, what a seller's disposition record names: {@code
   * 2026-11-20T09:00:00Z/named_ae/ana@bigcorp.com}, the step's instant, the queue and the entity. A
   * router makes at most one alert per entity, queue and step, so the id is unique in a replay; the
   * same replay always gives the same ids.
   */
  public String id() {
    return at + "/" + queue + "/" + entity;
  }

  /**
   * One line for a log or a queue view: {@code 2026-11-20T09:00:00Z SENT u1 -> ae (Named AE) medium
   * tier hot score 85 due 2026-11-21T09:00:00Z: entered tier hot}.
   */
  public String summary() {
    return at
        + " "
        + status
        + " "
        + entity
        + " -> "
        + queue
        + " ("
        + queueLabel
        + ") "
        + level.displayName()
        + " tier "
        + tier
        + " score "
        + score
        + " due "
        + due
        + ": "
        + String.join("; ", reasons);
  }
}
