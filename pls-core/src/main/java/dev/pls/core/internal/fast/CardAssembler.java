package dev.pls.core.internal.fast;

import dev.pls.core.card.CategoryScore;
import dev.pls.core.card.Contribution;
import dev.pls.core.card.Decayed;
import dev.pls.core.card.HandoffFacts;
import dev.pls.core.card.ScoreCard;
import dev.pls.core.card.SignalValue;
import dev.pls.core.internal.Cells;
import dev.pls.core.internal.TimeFrame;
import dev.pls.core.model.Handoff;
import dev.pls.core.model.Model;
import dev.pls.core.model.Points;
import dev.pls.core.model.Rollup;
import dev.pls.core.model.Tier;
import dev.pls.core.model.Value;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/*
 * Builds a card from what scoring a row left (Outcomes: score, tier, exclusion, fired-rule bits)
 * and the row's slot values, for every fast engine: FastScorer and ColumnarStore.score after
 * ChunkEvaluator.evaluateOne, and BatchResult.card from what a batch holds. No rule condition is
 * evaluated again: categories and contributions are folded from the fired bits with Caps, as the
 * evaluators folded them into the score. The slot values serve only what the primitives cannot
 * say: the values each fired rule shows, and the hand-off facts (segments, triggers, suppressions,
 * holds, context), which a batch does not compute for every row because few cards are asked for.
 *
 * The reference evaluator assembles its card with the same steps but does not call this: it is
 * the oracle the fast engines are tested against, so a card assembly shared with it would make a
 * bug here invisible to the differential properties; and it works in Points over the model's own
 * rules and conditions, where this works in hundredths over the plan's arrays and slots. Sharing
 * would make the reference read plan structures, less plain than the semantics it states.
 */
/** Assembles cards for one plan. Immutable and thread-safe. */
final class CardAssembler {
  private final Plan plan;

  CardAssembler(Plan plan) {
    this.plan = plan;
  }

  /**
   * The card of row {@code row} of {@code out}, whose slot values {@code f} holds; {@code
   * memberCards} are an account's members' cards (empty otherwise), which its score includes.
   */
  ScoreCard card(
      String id, Instant asOf, Outcomes out, int row, SlotValues f, List<ScoreCard> memberCards) {
    Plan p = plan;
    Model m = p.model;
    int x = out.exclusion[row];
    Optional<String> excluded = x < 0 ? Optional.empty() : Optional.of(p.exclusionReasons[x]);
    List<CategoryScore> categories = new ArrayList<>(p.hasCap.length + 1);
    List<Contribution> contributions = new ArrayList<>();
    TimeFrame frame = p.frame(asOf);
    if (m.rollup().isPresent()) {
      Rollup rollup = m.rollup().get();
      long[] rolled = Members.rollUp(rollup, memberCards);
      categories.add(
          new CategoryScore(
              rollup.category(),
              new Points(Math.max(rolled[0], 0)),
              new Points(Math.min(rolled[0], 0)),
              new Points(rolled[1])));
      long included = memberCards.stream().filter(c -> !c.isExcluded()).count();
      if (included > 0) {
        contributions.add(
            new Contribution(
                rollup.category(),
                rollup.label(),
                rollup.category(),
                new Points(rolled[0]),
                new Points(rolled[1]),
                List.of(
                    new SignalValue(
                        "members", Optional.empty(), Optional.of(Value.num(included))))));
      }
    }
    for (int c = 0; c < p.hasCap.length; c++) {
      long positive = 0;
      long negative = 0;
      long appliedPositive = 0;
      long appliedNegative = 0;
      for (int r = p.categoryStart[c]; r < p.categoryStart[c + 1]; r++) {
        if (!out.fired(row, r)) {
          continue;
        }
        long age = p.age(r, f, frame);
        long points = p.points(r, age);
        long applied;
        if (points >= 0) {
          positive += points;
          applied = Caps.positive(points, p.hasCap[c], p.cap[c], appliedPositive);
          appliedPositive += applied;
        } else {
          negative += points;
          applied = Caps.negative(points, p.hasFloor[c], p.floor[c], appliedNegative);
          appliedNegative += applied;
        }
        contributions.add(
            new Contribution(
                p.rules[r].id(),
                p.rules[r].label(),
                p.ruleCategory[r],
                new Points(points),
                new Points(applied),
                shown(p.ruleShown[r], f),
                age < 0
                    ? Optional.empty()
                    : Optional.of(new Decayed(p.rules[r].points(), age, m.resolution()))));
      }
      if (p.readsTotals) {
        f.totals(p.hasCap.length)[c] = appliedPositive + appliedNegative;
      }
      categories.add(
          new CategoryScore(
              m.categories().get(c).name(),
              new Points(positive),
              new Points(negative),
              new Points(appliedPositive + appliedNegative)));
    }
    long score = out.scores[row];
    int t = out.tier[row];
    // Hand-off conditions may read the score and the totals, whatever the exclusion.
    f.score = score;
    return new ScoreCard(
        id,
        m.entity(),
        m.id(),
        m.version(),
        asOf,
        new Points(score),
        t < 0 ? Tier.NONE : p.tierNames[t],
        excluded,
        categories,
        contributions,
        memberCards,
        m.handoff().isPresent() ? Optional.of(facts(f)) : Optional.empty(),
        Cells.of(m, excluded, categories));
  }

  private HandoffFacts facts(SlotValues f) {
    Plan p = plan;
    String segment = Handoff.NO_SEGMENT;
    for (int i = 0; i < p.segments.length; i++) {
      if (p.segments[i].test(f)) {
        segment = p.segmentNames[i];
        break;
      }
    }
    List<String> triggers = new ArrayList<>();
    for (int i = 0; i < p.triggers.length; i++) {
      if (p.triggers[i].test(f)) {
        triggers.add(p.triggerNames[i]);
      }
    }
    Optional<String> suppressed = Optional.empty();
    for (int i = 0; i < p.suppressions.length; i++) {
      if (p.suppressions[i].test(f)) {
        suppressed = Optional.of(p.suppressionReasons[i]);
        break;
      }
    }
    List<String> holding = new ArrayList<>();
    for (int i = 0; i < p.holds.length; i++) {
      if (p.holds[i].test(f)) {
        holding.add(p.holdTiers[i]);
      }
    }
    List<SignalValue> context = new ArrayList<>(p.context.length);
    for (int i = 0; i < p.context.length; i++) {
      context.add(
          new SignalValue(
              p.contextNames[i], Optional.empty(), Optional.ofNullable(p.context[i].value(f))));
    }
    return new HandoffFacts(segment, triggers, suppressed, holding, context);
  }

  private static List<SignalValue> shown(Plan.Shown[] shown, SlotValues f) {
    List<SignalValue> out = new ArrayList<>(shown.length);
    for (Plan.Shown s : shown) {
      out.add(new SignalValue(s.name(), s.window(), Optional.ofNullable(f.value(s.slot()))));
    }
    return out;
  }
}
