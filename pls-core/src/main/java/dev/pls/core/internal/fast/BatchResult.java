package dev.pls.core.internal.fast;

import dev.pls.core.card.BatchScores;
import dev.pls.core.card.ScoreCard;
import dev.pls.core.model.Tier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/*
 * The batch result of the feature-table scorer and the store alike: the Outcomes of every row, the
 * ids, and the slot values kept for cards (CardValues, one part per partRows rows: the whole table,
 * or one per store chunk). A card is assembled from these (CardAssembler) and nothing else: the
 * entity is not scored again, so a card always agrees with the row's score, tier and fired rules,
 * and does not depend on what the store ingested since.
 */
/** {@link BatchScores} over primitive outcomes. Immutable and thread-safe once built. */
final class BatchResult implements BatchScores {
  private final Plan plan;
  private final CardAssembler cards;
  private final Instant asOf;
  private final Outcomes out;
  private final IntFunction<String> ids;
  private final RowValues values;

  /** Where a card's slot values come from: row {@code row}'s into {@code f}. */
  interface RowValues {
    void load(int row, SlotValues f);
  }

  /**
   * A batch of {@code out}'s rows as of {@code asOf}; row {@code r}'s values are row {@code r %
   * partRows} of {@code parts[r / partRows]}.
   */
  BatchResult(
      Plan plan,
      CardAssembler cards,
      Instant asOf,
      Outcomes out,
      IntFunction<String> ids,
      CardValues[] parts,
      int partRows) {
    this(plan, cards, asOf, out, ids, (row, f) -> parts[row / partRows].load(row % partRows, f));
  }

  /** A batch of {@code out}'s rows as of {@code asOf} whose cards read {@code values}. */
  BatchResult(
      Plan plan,
      CardAssembler cards,
      Instant asOf,
      Outcomes out,
      IntFunction<String> ids,
      RowValues values) {
    this.plan = plan;
    this.cards = cards;
    this.asOf = asOf;
    this.out = out;
    this.ids = ids;
    this.values = values;
  }

  @Override
  public int size() {
    return out.size();
  }

  @Override
  public String entity(int row) {
    return ids.apply(row);
  }

  @Override
  public long scoreHundredths(int row) {
    return out.scores[row];
  }

  @Override
  public String tier(int row) {
    int t = out.tier[row];
    return t < 0 ? Tier.NONE : plan.tierNames[t];
  }

  @Override
  public boolean excluded(int row) {
    return out.exclusion[row] >= 0;
  }

  @Override
  public boolean fired(int row, int rule) {
    if (rule < 0 || rule >= plan.rules.length) {
      throw new IndexOutOfBoundsException("rule: " + rule + " of " + plan.rules.length);
    }
    return out.fired(row, rule);
  }

  @Override
  public List<String> firedRules(int row) {
    List<String> fired = new ArrayList<>();
    for (int r = 0; r < plan.rules.length; r++) {
      if (out.fired(row, r)) {
        fired.add(plan.rules[r].id());
      }
    }
    return fired;
  }

  @Override
  public ScoreCard card(int row) {
    String id = ids.apply(row);
    // Values of its own: cards may be asked for from several threads at once.
    SlotValues f = new SlotValues(plan.slots, plan.memos);
    values.load(row, f);
    return cards.card(id, asOf, out, row, f, List.of());
  }
}
