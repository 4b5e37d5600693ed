package dev.pls.core.card;

import static java.util.Objects.requireNonNull;

import dev.pls.core.model.Points;
import java.util.List;
import java.util.Optional;

/**
 * A rule that fired, on a {@link ScoreCard}.
 *
 * @param ruleId the rule's id
 * @param label the rule's label
 * @param category the rule's category
 * @param points the rule's points: as written, or after decay when the rule decays
 * @param applied the points it actually contributed after the category's cap or floor; the {@code
 *     applied} of a card's contributions add up to its score
 * @param values what the rule's condition read, in the order it reads them
 * @param decayed for a decayed rule whose condition read an event, the points as written and the
 *     age they were decayed by; empty otherwise
 */
public record Contribution(
    String ruleId,
    String label,
    String category,
    Points points,
    Points applied,
    List<SignalValue> values,
    Optional<Decayed> decayed) {

  public Contribution {
    requireNonNull(ruleId, "ruleId");
    requireNonNull(label, "label");
    requireNonNull(category, "category");
    requireNonNull(points, "points");
    requireNonNull(applied, "applied");
    values = List.copyOf(requireNonNull(values, "values"));
    requireNonNull(decayed, "decayed");
  }

  /** A contribution of a rule that does not decay. */
  public Contribution(
      String ruleId,
      String label,
      String category,
      Points points,
      Points applied,
      List<SignalValue> values) {
    this(ruleId, label, category, points, applied, values, Optional.empty());
  }

  /** Whether a cap or floor reduced this rule's points. */
  public boolean limited() {
    return !points.equals(applied);
  }
}
