package dev.pls.core.backtest;

import dev.pls.core.card.BatchScores;
import dev.pls.core.card.Contribution;
import dev.pls.core.card.ScoreCard;
import dev.pls.core.model.Model;
import dev.pls.core.model.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@link BatchScores} over cards already made: what the listener gets for a cohort's instant and
 * for the path that scores whole entities (a model that rolls up members).
 */
final class CardBatch implements BatchScores {
  private final List<ScoreCard> cards;
  private final Map<String, Integer> ruleIndex;
  private final long[][] fired;

  /** A batch of {@code cards}, whose fired rules are read by {@code ruleIndex} (model order). */
  CardBatch(List<ScoreCard> cards, Map<String, Integer> ruleIndex) {
    this.cards = List.copyOf(cards);
    this.ruleIndex = ruleIndex;
    int words = (ruleIndex.size() + 63) >>> 6;
    this.fired = new long[this.cards.size()][words];
    for (int row = 0; row < this.cards.size(); row++) {
      for (Contribution c : this.cards.get(row).contributions()) {
        // The rollup's contribution of an account model is no rule of the model: not indexed.
        Integer i = ruleIndex.get(c.ruleId());
        if (i != null) {
          fired[row][i >>> 6] |= 1L << i;
        }
      }
    }
  }

  /** The index of each of {@code model}'s rules by id, in {@link Model#rules()} order. */
  static Map<String, Integer> ruleIndex(Model model) {
    Map<String, Integer> index = new java.util.LinkedHashMap<>();
    List<Rule> rules = model.rules();
    for (int i = 0; i < rules.size(); i++) {
      index.put(rules.get(i).id(), i);
    }
    return index;
  }

  @Override
  public int size() {
    return cards.size();
  }

  @Override
  public String entity(int row) {
    return cards.get(row).entity();
  }

  @Override
  public long scoreHundredths(int row) {
    return cards.get(row).score().hundredths();
  }

  @Override
  public String tier(int row) {
    return cards.get(row).tier();
  }

  @Override
  public boolean excluded(int row) {
    return cards.get(row).isExcluded();
  }

  @Override
  public boolean fired(int row, int rule) {
    if (rule < 0 || rule >= ruleIndex.size()) {
      throw new IndexOutOfBoundsException("rule: " + rule + " of " + ruleIndex.size());
    }
    return (fired[row][rule >>> 6] & (1L << rule)) != 0;
  }

  @Override
  public List<String> firedRules(int row) {
    List<String> ids = new ArrayList<>();
    for (Contribution c : cards.get(row).contributions()) {
      if (ruleIndex.containsKey(c.ruleId())) {
        ids.add(c.ruleId());
      }
    }
    return ids;
  }

  @Override
  public ScoreCard card(int row) {
    return cards.get(row);
  }
}
