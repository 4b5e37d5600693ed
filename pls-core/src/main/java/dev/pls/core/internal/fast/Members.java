package dev.pls.core.internal.fast;

import dev.pls.core.card.ScoreCard;
import dev.pls.core.input.Entity;
import dev.pls.core.input.Event;
import dev.pls.core.internal.Arithmetic;
import dev.pls.core.internal.TimeFrame;
import dev.pls.core.model.MemberAggregate;
import dev.pls.core.model.Model;
import dev.pls.core.model.Points;
import dev.pls.core.model.Rollup;
import dev.pls.core.model.Tier;
import dev.pls.core.model.Value;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/*
 * The fast evaluator's side of account models: scores the members with the member model's fast
 * scorer, folds the included members' events into the account's aggregation (one filter match per
 * event serves both the account's aggregates and the member signals), fills the member-signal
 * slots and rolls the member scores up in longs of hundredths.
 *
 * Member conditions (members(where ...)) read member traits: they are compiled once into a plan
 * of their own, a model with the member model's traits and one zero-point rule per condition.
 */
/** Account scoring for the fast evaluator. Immutable and thread-safe. */
final class Members {
  private final Plan plan;
  private final FastScorer scorer;
  private final Plan conditions;
  private final List<String> tiers;

  Members(Plan plan) {
    this.plan = plan;
    Model memberModel = plan.model.memberModel().orElseThrow();
    this.scorer = new FastScorer(memberModel);
    this.tiers = memberModel.tiers().stream().map(Tier::name).toList();
    Model.Builder b = Model.builder("member_conditions");
    memberModel.traits().forEach(b::trait);
    if (!plan.memberConditions.isEmpty()) {
      b.category(
          "conditions",
          c -> {
            for (int i = 0; i < plan.memberConditions.size(); i++) {
              c.rule("c" + i, plan.memberConditions.get(i), Points.ZERO, "c" + i);
            }
          });
    }
    this.conditions = new Plan(b.build());
  }

  /** The account's members' cards, ordered by member id. */
  List<ScoreCard> cards(Entity account, Instant asOf) {
    List<Entity> sorted = new ArrayList<>(account.members());
    sorted.sort(Comparator.comparing(Entity::id));
    List<ScoreCard> cards = new ArrayList<>(sorted.size());
    for (Entity m : sorted) {
      cards.add(scorer.score(m, asOf));
    }
    return cards;
  }

  /**
   * Folds the included members' events into {@code aggregation} and sets every member slot of
   * {@code f}. {@code cards} are {@link #cards}'s, in the same order as {@code sorted}.
   */
  void aggregate(
      List<Entity> sorted,
      List<ScoreCard> cards,
      Instant asOf,
      Aggregation aggregation,
      SlotValues f,
      boolean[] matched,
      Value[] properties) {
    List<Plan.MemberSlot> slots = plan.memberSlots;
    int n = slots.size();
    TimeFrame frame = new TimeFrame(plan.model.resolution(), plan.model.zone(), asOf);
    Instant[] starts = new Instant[n];
    for (int i = 0; i < n; i++) {
      starts[i] = slots.get(i).window().map(frame::windowStart).orElse(null);
    }
    long[] counts = new long[n];
    long[] week1 = new long[n];
    List<Set<Value>> distinct = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      distinct.add(new HashSet<>());
    }
    boolean[] active = new boolean[n];
    boolean[] lastWeek = new boolean[n];
    Instant[] first = new Instant[n];
    SlotValues cf = new SlotValues(conditions.slots, conditions.memos);
    int included = 0;
    for (int m = 0; m < sorted.size(); m++) {
      ScoreCard card = cards.get(m);
      if (card.isExcluded()) {
        continue;
      }
      included++;
      Entity member = sorted.get(m);
      Arrays.fill(active, false);
      Arrays.fill(lastWeek, false);
      Arrays.fill(first, null);
      for (Event e : member.events()) {
        Instant t = e.time();
        if (t.isAfter(asOf)) {
          continue;
        }
        plan.match(e, f, matched, properties);
        aggregation.add(t, matched, properties);
        for (int i = 0; i < n; i++) {
          Plan.MemberSlot s = slots.get(i);
          if (s.filter() < 0 || !matched[s.filter()]) {
            continue;
          }
          if (s.aggregate() instanceof MemberAggregate.New) {
            first[i] = first[i] == null || t.isBefore(first[i]) ? t : first[i];
          } else if (s.aggregate() instanceof MemberAggregate.ActiveGrowth) {
            long week = frame.week(t);
            active[i] |= week == 0;
            lastWeek[i] |= week == 1;
          } else if (starts[i] == null || !t.isBefore(starts[i])) {
            active[i] = true;
          }
        }
      }
      cf.nextEntity();
      for (int i = 0; i < conditions.traitNames.size(); i++) {
        cf.setValue(
            conditions.traitSlots.get(i), member.traits().get(conditions.traitNames.get(i)));
      }
      for (int i = 0; i < n; i++) {
        MemberAggregate agg = slots.get(i).aggregate();
        if (agg instanceof MemberAggregate.Where) {
          counts[i] += conditions.ruleConditions[slots.get(i).condition()].test(cf) ? 1 : 0;
        } else if (agg instanceof MemberAggregate.Active) {
          counts[i] += active[i] ? 1 : 0;
        } else if (agg instanceof MemberAggregate.New) {
          counts[i] +=
              first[i] != null && (starts[i] == null || !first[i].isBefore(starts[i])) ? 1 : 0;
        } else if (agg instanceof MemberAggregate.AtTier t) {
          int rank = tiers.indexOf(card.tier());
          counts[i] += rank >= 0 && rank <= tiers.indexOf(t.tier()) ? 1 : 0;
        } else if (agg instanceof MemberAggregate.DistinctTrait d) {
          Value v = member.traits().get(d.trait());
          if (v != null && (d.active().isEmpty() || active[i])) {
            distinct.get(i).add(v);
          }
        } else if (agg instanceof MemberAggregate.ActiveGrowth) {
          counts[i] += active[i] ? 1 : 0;
          week1[i] += lastWeek[i] ? 1 : 0;
        }
      }
    }
    for (int i = 0; i < n; i++) {
      Plan.MemberSlot s = slots.get(i);
      MemberAggregate agg = s.aggregate();
      if (agg instanceof MemberAggregate.Count) {
        f.setLong(s.slot(), included);
      } else if (agg instanceof MemberAggregate.DistinctTrait) {
        f.setLong(s.slot(), distinct.get(i).size());
      } else if (agg instanceof MemberAggregate.ActiveGrowth) {
        if (week1[i] == 0) {
          f.setMissing(s.slot());
        } else {
          BigDecimal growth =
              Arithmetic.divide(
                  BigDecimal.valueOf((counts[i] - week1[i]) * 100L), BigDecimal.valueOf(week1[i]));
          f.setValue(s.slot(), new Value.Num(growth));
        }
      } else {
        f.setLong(s.slot(), counts[i]);
      }
    }
  }

  /**
   * The rollup of the included members' scores in hundredths: {unbounded, bounded}, the second with
   * each member's score held within the member floor and cap. Both are 0 when no member is
   * included.
   */
  static long[] rollUp(Rollup rollup, List<ScoreCard> cards) {
    int n = 0;
    long[] scores = new long[cards.size()];
    for (ScoreCard c : cards) {
      if (!c.isExcluded()) {
        scores[n++] = c.score().hundredths();
      }
    }
    scores = Arrays.copyOf(scores, n);
    long cap = rollup.memberCap().map(Points::hundredths).orElse(Long.MAX_VALUE);
    long floor = rollup.memberFloor().map(Points::hundredths).orElse(Long.MIN_VALUE);
    long[] capped = new long[n];
    for (int i = 0; i < n; i++) {
      capped[i] = Math.max(Math.min(scores[i], cap), floor);
    }
    return new long[] {combine(rollup, scores), combine(rollup, capped)};
  }

  private static long combine(Rollup rollup, long[] scores) {
    int n = scores.length;
    if (n == 0) {
      return 0;
    }
    long sum = 0;
    switch (rollup.kind()) {
      case SUM:
        for (long s : scores) {
          sum += s;
        }
        return sum;
      case MAX:
        long max = Long.MIN_VALUE;
        for (long s : scores) {
          max = Math.max(max, s);
        }
        return max;
      case AVERAGE:
        for (long s : scores) {
          sum += s;
        }
        return BigDecimal.valueOf(sum)
            .divide(BigDecimal.valueOf(n), 0, RoundingMode.HALF_EVEN)
            .longValueExact();
      default:
        long[] sorted = scores.clone();
        Arrays.sort(sorted);
        for (int i = n - 1; i >= Math.max(0, n - rollup.k()); i--) {
          sum += sorted[i];
        }
        return sum;
    }
  }
}
