package dev.pls.core.backtest;

import dev.pls.core.card.BatchScores;
import dev.pls.core.model.Model;
import dev.pls.core.model.Points;
import dev.pls.core.model.Rule;
import dev.pls.core.model.Tier;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/*
 * What a replay remembers of each entity, folded from every step's scores as they come, so that
 * memory is bounded by the entities and not by steps x entities: per entity a few ints and longs
 * (first step, steps scored, peak tier before the outcome, highest score before the outcome), the
 * first step in each tier (an int per tier), and a bitset of the rules fired before the outcome (a
 * long per 64 rules). Arrays are indexed by a dense entity number, given in order of entry, and
 * grow by doubling.
 *
 * A step at instant T counts "before the outcome" when the entity has no outcome or T is strictly
 * before its outcome time. The summary is computed once, at the end, from these arrays;
 * docs/evaluation.md defines each figure.
 */
/** The per-entity state of a replay and the figures made from it. Not thread-safe. */
final class Tally {
  /** The normal quantile of a two-sided 95% interval. */
  private static final double Z = Rate.Z95;

  private final Model model;
  private final Schedule.Grid grid;
  private final Optional<Outcomes> outcomes;
  private final List<String> tierNames = new ArrayList<>();
  private final Map<String, Integer> tierIndex = new HashMap<>();
  private final int none;
  private final int rules;
  private final int words;
  private final Map<String, Integer> index = new HashMap<>();

  private int n;
  private String[] ids = new String[16];
  private int[] firstStep = new int[16];
  private Instant[] own; // cohort only: each entity's instant
  private Instant[] outcome = new Instant[16];
  private int[] steps = new int[16];
  private int[] firstInTier; // n x (tiers + 1), -1 when never; the last column is none
  private int[] peak = new int[16];
  private long[] highest = new long[16];
  private long[] fired;
  // The rises of each entity's running highest score on steps where it is not excluded (starting
  // from 0, so only positive scores): a few per entity, the capacity curve's input.
  private long[] running = new long[16];
  private int[][] riseStep = new int[16][];
  private long[][] riseScore = new long[16][];
  private int[] rises = new int[16];

  Tally(Model model, Schedule schedule, Optional<Outcomes> outcomes) {
    this.model = model;
    this.grid = schedule instanceof Schedule.Grid g ? g : null;
    this.own = grid == null ? new Instant[16] : null;
    this.outcomes = outcomes;
    for (Tier t : model.tiers()) {
      tierIndex.put(t.name(), tierNames.size());
      tierNames.add(t.name());
    }
    this.none = tierNames.size();
    tierIndex.put(Tier.NONE, none);
    this.rules = model.rules().size();
    this.words = (rules + 63) >>> 6;
    this.firstInTier = new int[16 * (none + 1)];
    this.fired = new long[16 * words];
  }

  /** How many entities have been scored. */
  int entities() {
    return n;
  }

  /**
   * Folds one step's scores, at step {@code step} of the grid (0 for a cohort) and instant {@code
   * at}; adds each row's tier to {@code tierCounts} (indexed as tiers, then none) when given.
   */
  void fold(BatchScores scores, int step, Instant at, long[] tierCounts) {
    for (int row = 0; row < scores.size(); row++) {
      int e = entity(scores.entity(row), step, at);
      steps[e]++;
      Integer t = tierIndex.get(scores.tier(row));
      if (t == null) {
        throw new AssertionError("a card's tier '" + scores.tier(row) + "' is not the model's");
      }
      if (tierCounts != null) {
        tierCounts[t]++;
      }
      int cell = e * (none + 1) + t;
      if (firstInTier[cell] < 0) {
        firstInTier[cell] = step;
      }
      if (!scores.excluded(row) && scores.scoreHundredths(row) > running[e]) {
        rise(e, step, scores.scoreHundredths(row));
      }
      if (outcome[e] == null || at.isBefore(outcome[e])) {
        peak[e] = Math.min(peak[e], t);
        highest[e] = Math.max(highest[e], scores.scoreHundredths(row));
        for (int r = 0; r < rules; r++) {
          if (scores.fired(row, r)) {
            fired[e * words + (r >>> 6)] |= 1L << r;
          }
        }
      }
    }
  }

  /** The number of {@code id}, entering it at {@code step} and {@code at} if it is new. */
  private int entity(String id, int step, Instant at) {
    Integer known = index.get(id);
    if (known != null) {
      return known;
    }
    if (n == ids.length) {
      grow();
    }
    int e = n++;
    index.put(id, e);
    ids[e] = id;
    firstStep[e] = step;
    if (own != null) {
      own[e] = at;
    }
    outcome[e] = outcomes.flatMap(o -> o.time(id)).orElse(null);
    Arrays.fill(firstInTier, e * (none + 1), (e + 1) * (none + 1), -1);
    peak[e] = none;
    highest[e] = Long.MIN_VALUE;
    return e;
  }

  private void rise(int e, int step, long score) {
    running[e] = score;
    int k = rises[e];
    if (riseStep[e] == null) {
      riseStep[e] = new int[2];
      riseScore[e] = new long[2];
    } else if (k == riseStep[e].length) {
      riseStep[e] = Arrays.copyOf(riseStep[e], k * 2);
      riseScore[e] = Arrays.copyOf(riseScore[e], k * 2);
    }
    riseStep[e][k] = step;
    riseScore[e][k] = score;
    rises[e] = k + 1;
  }

  private void grow() {
    int c = ids.length * 2;
    ids = Arrays.copyOf(ids, c);
    firstStep = Arrays.copyOf(firstStep, c);
    if (own != null) {
      own = Arrays.copyOf(own, c);
    }
    outcome = Arrays.copyOf(outcome, c);
    steps = Arrays.copyOf(steps, c);
    firstInTier = Arrays.copyOf(firstInTier, c * (none + 1));
    peak = Arrays.copyOf(peak, c);
    highest = Arrays.copyOf(highest, c);
    fired = Arrays.copyOf(fired, c * words);
    running = Arrays.copyOf(running, c);
    riseStep = Arrays.copyOf(riseStep, c);
    riseScore = Arrays.copyOf(riseScore, c);
    rises = Arrays.copyOf(rises, c);
  }

  private Instant instant(int e, int step) {
    return grid != null ? grid.at(step) : own[e];
  }

  private boolean prior(int e) {
    return outcome[e] != null && !outcome[e].isAfter(instant(e, firstStep[e]));
  }

  private boolean fired(int e, int rule) {
    return (fired[e * words + (rule >>> 6)] & (1L << rule)) != 0;
  }

  /** What was seen of each entity, ordered by id. */
  List<EntityResult> results() {
    List<Rule> modelRules = model.rules();
    TreeMap<String, Integer> sorted = new TreeMap<>(index);
    List<EntityResult> out = new ArrayList<>(n);
    for (int e : sorted.values()) {
      Map<String, Instant> first = new LinkedHashMap<>();
      for (int t = 0; t < none; t++) {
        int s = firstInTier[e * (none + 1) + t];
        if (s >= 0) {
          first.put(tierNames.get(t), instant(e, s));
        }
      }
      List<String> firedIds = new ArrayList<>();
      for (int r = 0; r < rules; r++) {
        if (fired(e, r)) {
          firedIds.add(modelRules.get(r).id());
        }
      }
      out.add(
          new EntityResult(
              ids[e],
              instant(e, firstStep[e]),
              steps[e],
              first,
              peak[e] == none ? Tier.NONE : tierNames.get(peak[e]),
              highest[e] == Long.MIN_VALUE ? Optional.empty() : Optional.of(new Points(highest[e])),
              Optional.ofNullable(outcome[e]),
              prior(e),
              firedIds));
    }
    return out;
  }

  /**
   * The capacity curve: swept from the highest candidate threshold down, each rise of an entity's
   * running highest score moving it to an earlier qualifying step (see {@link CapacityCurve}).
   */
  CapacityCurve capacity() {
    ZoneId zone = model.zone();
    Instant first = null;
    Instant last = null;
    if (grid != null) {
      first = grid.at(0);
      last = grid.at(grid.count() - 1);
    } else {
      for (int e = 0; e < n; e++) {
        first = first == null || own[e].isBefore(first) ? own[e] : first;
        last = last == null || own[e].isAfter(last) ? own[e] : last;
      }
    }
    if (first == null) {
      return new CapacityCurve(zone, monday(Instant.EPOCH, zone), 0, List.of());
    }
    LocalDate firstWeek = monday(first, zone);
    int weeks = week(firstWeek, last, zone) + 1;
    List<long[]> moves = new ArrayList<>(); // {score, entity, rise}
    for (int e = 0; e < n; e++) {
      for (int i = 0; i < rises[e]; i++) {
        moves.add(new long[] {riseScore[e][i], e, i});
      }
    }
    moves.sort((x, y) -> Long.compare(y[0], x[0]));
    long converted = 0;
    for (int e = 0; e < n; e++) {
      if (outcome[e] != null && !prior(e)) {
        converted++;
      }
    }
    int[] at = new int[n]; // the rise an entity qualifies at, -1 while it does not
    Arrays.fill(at, -1);
    long[] weekly = new long[weeks];
    long[] state = new long[4]; // backlog, qualified, qualified before outcome, and converted
    List<CapacityCurve.Point> points = new ArrayList<>();
    int i = 0;
    while (i < moves.size()) {
      long score = moves.get(i)[0];
      for (; i < moves.size() && moves.get(i)[0] == score; i++) {
        int e = (int) moves.get(i)[1];
        if (at[e] >= 0) {
          count(e, at[e], -1, firstWeek, zone, weekly, state);
        }
        at[e] = (int) moves.get(i)[2];
        count(e, at[e], +1, firstWeek, zone, weekly, state);
      }
      int busiest = 0;
      for (int w = 1; w < weeks; w++) {
        if (weekly[w] > weekly[busiest]) {
          busiest = w;
        }
      }
      boolean withOutcomes = outcomes.isPresent();
      points.add(
          new CapacityCurve.Point(
              new Points(score),
              state[0],
              state[1],
              weekly[busiest],
              state[1] == 0 ? Optional.empty() : Optional.of(firstWeek.plusWeeks(busiest)),
              (double) state[1] / weeks,
              withOutcomes ? rate(state[3], state[2]) : Optional.empty(),
              withOutcomes ? rate(state[3], converted) : Optional.empty()));
    }
    Collections.reverse(points);
    return new CapacityCurve(zone, firstWeek, weeks, points);
  }

  /**
   * Adds ({@code sign} +1) or takes away (-1) entity {@code e} qualifying at its rise {@code r}.
   */
  private void count(
      int e, int r, int sign, LocalDate firstWeek, ZoneId zone, long[] weekly, long[] state) {
    int step = riseStep[e][r];
    Instant when = instant(e, step);
    if (grid != null && step == 0) {
      state[0] += sign;
    } else {
      weekly[week(firstWeek, when, zone)] += sign;
      state[1] += sign;
    }
    if (!prior(e) && (outcome[e] == null || when.isBefore(outcome[e]))) {
      state[2] += sign;
      if (outcome[e] != null) {
        state[3] += sign;
      }
    }
  }

  private static LocalDate monday(Instant at, ZoneId zone) {
    return at.atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  private static int week(LocalDate firstWeek, Instant at, ZoneId zone) {
    return Math.toIntExact(ChronoUnit.WEEKS.between(firstWeek, monday(at, zone)));
  }

  /** The summary, given the steps scored and the entities skipped. */
  Summary summary(Schedule schedule, int stepsScored, long skipped) {
    Map<String, Summary.TierCounts> tiers = new LinkedHashMap<>();
    for (int t = 0; t <= none; t++) {
      long ever = 0;
      long peaks = 0;
      for (int e = 0; e < n; e++) {
        if (firstInTier[e * (none + 1) + t] >= 0) {
          ever++;
        }
        if (peak[e] == t) {
          peaks++;
        }
      }
      tiers.put(name(t), new Summary.TierCounts(ever, peaks));
    }
    return new Summary(
        model.id(),
        model.version(),
        schedule,
        stepsScored,
        n,
        skipped,
        tiers,
        outcomes.map(this::outcomeFigures));
  }

  private String name(int tier) {
    return tier == none ? Tier.NONE : tierNames.get(tier);
  }

  private Summary.OutcomeFigures outcomeFigures(Outcomes o) {
    long entities = 0;
    long prior = 0;
    long converted = 0;
    long[] tierEntities = new long[none + 1];
    long[] tierConverted = new long[none + 1];
    long[] ruleFired = new long[rules];
    long[] ruleConverted = new long[rules];
    List<long[]> scored = new ArrayList<>(); // {highest, converted ? 1 : 0}
    for (int e = 0; e < n; e++) {
      if (prior(e)) {
        prior++;
        continue;
      }
      entities++;
      boolean c = outcome[e] != null;
      if (c) {
        converted++;
      }
      tierEntities[peak[e]]++;
      if (c) {
        tierConverted[peak[e]]++;
      }
      for (int r = 0; r < rules; r++) {
        if (fired(e, r)) {
          ruleFired[r]++;
          if (c) {
            ruleConverted[r]++;
          }
        }
      }
      if (highest[e] == Long.MIN_VALUE) {
        throw new AssertionError("entity '" + ids[e] + "' is not prior but has no step before");
      }
      scored.add(new long[] {highest[e], c ? 1 : 0});
    }
    long unmatched = o.entities().stream().filter(id -> !index.containsKey(id)).count();
    Optional<Rate> base =
        entities == 0 ? Optional.empty() : Optional.of(Rate.of(converted, entities));
    Map<String, Summary.TierOutcome> tierFigures = new LinkedHashMap<>();
    for (int t = 0; t <= none; t++) {
      Optional<Rate> rate = rate(tierConverted[t], tierEntities[t]);
      tierFigures.put(
          name(t),
          new Summary.TierOutcome(tierEntities[t], tierConverted[t], rate, tierLift(rate, base)));
    }
    Map<String, Summary.RuleOutcome> ruleFigures = new LinkedHashMap<>();
    List<Rule> modelRules = model.rules();
    for (int r = 0; r < rules; r++) {
      long f = ruleFired[r];
      long cf = ruleConverted[r];
      Optional<Rate> rf = rate(cf, f);
      Optional<Rate> rn = rate(converted - cf, entities - f);
      ruleFigures.put(
          modelRules.get(r).id(), new Summary.RuleOutcome(f, cf, rf, rn, ruleLift(rf, rn)));
    }
    return new Summary.OutcomeFigures(
        o.name(),
        entities,
        prior,
        unmatched,
        converted,
        base,
        tierFigures,
        ruleFigures,
        auc(scored));
  }

  private static Optional<Rate> rate(long count, long of) {
    return of == 0 ? Optional.empty() : Optional.of(Rate.of(count, of));
  }

  /**
   * A tier's lift: its rate over the base rate, the interval its rate's Wilson interval over the
   * base rate (the base rate taken as known).
   */
  static Optional<Lift> tierLift(Optional<Rate> rate, Optional<Rate> base) {
    if (rate.isEmpty() || base.isEmpty() || base.get().value() == 0) {
      return Optional.empty();
    }
    double b = base.get().value();
    return Optional.of(
        new Lift(
            rate.get().value() / b,
            OptionalDouble.of(rate.get().low() / b),
            OptionalDouble.of(rate.get().high() / b)));
  }

  /**
   * A rule's lift: the rate when fired over the rate when not, with the Katz log interval of a
   * ratio of two independent proportions, absent when either count is 0.
   */
  static Optional<Lift> ruleLift(Optional<Rate> fired, Optional<Rate> notFired) {
    if (fired.isEmpty() || notFired.isEmpty() || notFired.get().value() == 0) {
      return Optional.empty();
    }
    Rate a = fired.get();
    Rate c = notFired.get();
    double rr = a.value() / c.value();
    if (a.count() == 0) {
      return Optional.of(new Lift(rr, OptionalDouble.empty(), OptionalDouble.empty()));
    }
    double se = Math.sqrt(1.0 / a.count() - 1.0 / a.of() + 1.0 / c.count() - 1.0 / c.of());
    double log = Math.log(rr);
    return Optional.of(
        new Lift(
            rr,
            OptionalDouble.of(Math.exp(log - Z * se)),
            OptionalDouble.of(Math.exp(log + Z * se))));
  }

  /**
   * The ROC AUC of {@code scored} ({score, positive}) by the Mann–Whitney statistic with mid-ranks
   * (ties count half); absent without positives or negatives.
   */
  static OptionalDouble auc(List<long[]> scored) {
    long positives = scored.stream().filter(s -> s[1] == 1).count();
    long negatives = scored.size() - positives;
    if (positives == 0 || negatives == 0) {
      return OptionalDouble.empty();
    }
    List<long[]> sorted = new ArrayList<>(scored);
    sorted.sort((x, y) -> Long.compare(x[0], y[0]));
    double rankSum = 0;
    int i = 0;
    while (i < sorted.size()) {
      int j = i;
      long pos = 0;
      while (j < sorted.size() && sorted.get(j)[0] == sorted.get(i)[0]) {
        pos += sorted.get(j)[1];
        j++;
      }
      double midRank = (i + 1 + j) / 2.0; // ranks i+1 .. j
      rankSum += midRank * pos;
      i = j;
    }
    double u = rankSum - positives * (positives + 1) / 2.0;
    return OptionalDouble.of(u / ((double) positives * negatives));
  }
}
