package dev.pls.core.testing;

import dev.pls.core.model.Aggregate;
import dev.pls.core.model.Category;
import dev.pls.core.model.Decay;
import dev.pls.core.model.EventFilter;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Grid;
import dev.pls.core.model.Model;
import dev.pls.core.model.Points;
import dev.pls.core.model.Resolution;
import dev.pls.core.model.Rule;
import dev.pls.core.model.Signal;
import dev.pls.core.model.TraitType;
import dev.pls.core.model.Window;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/*
 * Generators of well-typed models for property tests, shared through pls-core's test jar so
 * that every evaluator (reference, fast) is held to the same contract on the same inputs.
 *
 * Every generated model uses one small vocabulary, so that generated events (see Events) hit
 * its filters often: event names a, b, c (events may also be named "other"), a numeric
 * property n and a string property s (either may be absent or of the other type), and four
 * traits t_num (number), t_int (int), t_str (string) and t_bool (bool), each possibly missing.
 *
 * Models cover every aggregate kind, with and without windows (1d models get day and week
 * windows, 1h models hour and day windows), event filters with `where`, arithmetic including
 * division (so by zero), missing tests, not/and/or, lower(), in, between, time comparisons;
 * categories with and without caps and floors, rules with whole and hundredth points of both
 * signs, exclusions, and tiers on the score, signals and traits. Zones include UTC, two zones
 * with a one-hour DST change, one with a 30-minute change and one with a half-hour offset.
 */
/** Reusable jqwik {@link Arbitrary} providers of {@link Model}s and their parts. */
public final class Models {
  private Models() {}

  /** The event names generated models read. */
  public static final List<String> EVENT_NAMES = List.of("a", "b", "c");

  /** The numeric event property generated models read. */
  public static final String NUM_PROP = "n";

  /** The string event property generated models read. */
  public static final String STR_PROP = "s";

  /** String values that properties, traits and literals draw from (case matters: x vs X). */
  public static final List<String> STRINGS = List.of("x", "y", "X");

  /** The zones generated models use. */
  public static final List<ZoneId> ZONES =
      List.of(
          ZoneOffset.UTC,
          ZoneId.of("America/New_York"),
          ZoneId.of("Europe/Berlin"),
          ZoneId.of("Australia/Lord_Howe"),
          ZoneId.of("Asia/Kolkata"));

  /** Instants that time comparisons ({@code first_seen(a) < t}) compare with. */
  public static final List<Instant> TIME_LITERALS =
      List.of(
          Instant.parse("2026-10-01T00:00:00Z"),
          Instant.parse("2026-11-01T06:00:00Z"),
          Instant.parse("2026-11-15T12:00:00Z"));

  /** Models of either resolution in any of {@link #ZONES}. */
  public static Arbitrary<Model> models() {
    return Memo.of(Arbitraries.oneOf(models(Resolution.DAY), models(Resolution.HOUR)));
  }

  /** Models of one resolution in any of {@link #ZONES}. */
  public static Arbitrary<Model> models(Resolution resolution) {
    return models(resolution, Arbitraries.of(ZONES), false, false);
  }

  /** Models of one resolution and zone. */
  public static Arbitrary<Model> models(Resolution resolution, ZoneId zone) {
    return models(resolution, Arbitraries.just(zone), false, false);
  }

  /**
   * Models of either resolution whose every aggregate has a window or is a trend, so that {@link
   * dev.pls.core.model.ModelInputs#historyDays()} is bounded.
   */
  public static Arbitrary<Model> boundedModels() {
    return Memo.of(
        Arbitraries.oneOf(
            models(Resolution.DAY, Arbitraries.of(ZONES), true, false),
            models(Resolution.HOUR, Arbitraries.of(ZONES), true, false)));
  }

  /**
   * Models whose conditions read only traits and the score, never an event: what a feature table of
   * traits alone can be scored with.
   */
  public static Arbitrary<Model> traitModels() {
    return Memo.of(
        Arbitraries.oneOf(
            models(Resolution.DAY, Arbitraries.of(ZONES), false, true),
            models(Resolution.HOUR, Arbitraries.of(ZONES), false, true)));
  }

  // No flatMap anywhere: jqwik builds the generators under a flatMap anew for every value,
  // hashing the whole arbitrary tree to memoize them (see Memo), which made generation slow.
  private static Arbitrary<Model> models(
      Resolution resolution, Arbitrary<ZoneId> zones, boolean bounded, boolean traitsOnly) {
    Arbitrary<List<IntFunction<Category>>> categories =
        categories(resolution, bounded, traitsOnly).list().ofMinSize(1).ofMaxSize(4);
    Arbitrary<List<Expr>> exclusions =
        conditions(resolution, false, bounded, traitsOnly, true).list().ofMaxSize(2);
    Arbitrary<List<Expr>> tiers =
        conditions(resolution, true, bounded, traitsOnly, true).list().ofMaxSize(3);
    // A grid in about half the models: its cutoffs (none: no grid), high to low, near the totals.
    Arbitrary<Set<Integer>> cutoffs = Arbitraries.integers().between(-10, 60).set().ofMaxSize(3);
    return Memo.of(
        Combinators.combine(zones, categories, exclusions, tiers, cutoffs, cutoffs)
            .as(
                (zone, cs, xs, ts, rowCuts, columnCuts) -> {
                  Model.Builder b =
                      Model.builder("generated")
                          .resolution(resolution)
                          .zone(zone)
                          .trait("t_num", TraitType.NUMBER)
                          .trait("t_int", TraitType.INT)
                          .trait("t_str", TraitType.STRING)
                          .trait("t_bool", TraitType.BOOL);
                  for (int i = 0; i < cs.size(); i++) {
                    b.category(cs.get(i).apply(i));
                  }
                  for (int i = 0; i < xs.size(); i++) {
                    b.exclude(totalOf(xs.get(i), cs.size()), "reason " + i);
                  }
                  for (int i = 0; i < ts.size(); i++) {
                    b.tier("tier" + i, totalOf(ts.get(i), cs.size()));
                  }
                  if (!rowCuts.isEmpty() && !columnCuts.isEmpty()) {
                    b.grid(
                        new Grid(
                            "g",
                            axis("c0", rowCuts, "R"),
                            axis("c" + (cs.size() - 1), columnCuts, "")));
                  }
                  return b.build();
                }));
  }

  /**
   * A grid axis on {@code category}: a band per cutoff, high to low, then the rest; labels are
   * {@code prefix} and the band's place ({@code R0}, or {@code 0} without a prefix).
   */
  private static Grid.Axis axis(String category, Set<Integer> cutoffs, String prefix) {
    List<Grid.Band> bands = new ArrayList<>();
    List<Integer> high = cutoffs.stream().sorted(Comparator.reverseOrder()).toList();
    for (int i = 0; i < high.size(); i++) {
      bands.add(Grid.Band.atLeast(prefix + i, Points.of(high.get(i))));
    }
    bands.add(Grid.Band.rest(prefix + high.size()));
    return new Grid.Axis(category, bands);
  }

  /** {@code e} with the total of c1 read as c0's when the model has only c0. */
  private static Expr totalOf(Expr e, int categories) {
    return categories > 1 ? e : renamed(e);
  }

  private static Expr renamed(Expr e) {
    if (e instanceof Expr.CategoryTotal t) {
      return t.category().equals("c1") ? Expr.total("c0") : t;
    } else if (e instanceof Expr.Compare c) {
      return new Expr.Compare(c.op(), renamed(c.left()), renamed(c.right()));
    } else if (e instanceof Expr.Between b) {
      return new Expr.Between(renamed(b.operand()), renamed(b.low()), renamed(b.high()));
    } else if (e instanceof Expr.In in) {
      return new Expr.In(renamed(in.operand()), in.values());
    } else if (e instanceof Expr.Arith a) {
      return new Expr.Arith(a.op(), renamed(a.left()), renamed(a.right()));
    } else if (e instanceof Expr.And a) {
      return new Expr.And(a.operands().stream().map(Models::renamed).toList());
    } else if (e instanceof Expr.Or o) {
      return new Expr.Or(o.operands().stream().map(Models::renamed).toList());
    } else if (e instanceof Expr.Not n) {
      return new Expr.Not(renamed(n.operand()));
    } else if (e instanceof Expr.IsMissing m) {
      return new Expr.IsMissing(renamed(m.operand()));
    }
    return e;
  }

  /**
   * Categories with 1-5 rules, maybe a cap and maybe a floor, as functions of the category's index
   * i, which names it {@code c<i>} and its rules {@code c<i>_r<j>}.
   */
  public static Arbitrary<IntFunction<Category>> categories(Resolution resolution) {
    return categories(resolution, false, false);
  }

  private static Arbitrary<IntFunction<Category>> categories(
      Resolution resolution, boolean bounded, boolean traitsOnly) {
    Arbitrary<Optional<Points>> cap =
        Arbitraries.integers().between(0, 50).map(Points::of).optional(0.4);
    Arbitrary<Optional<Points>> floor =
        Arbitraries.integers().between(-50, 0).map(Points::of).optional(0.4);
    Arbitrary<List<Expr>> conditions =
        conditions(resolution, false, bounded, traitsOnly).list().ofMinSize(1).ofMaxSize(5);
    Arbitrary<List<Points>> points = points().list().ofSize(5);
    // Decay only where a rule reads events (a decayed rule must), about two rules in five.
    Arbitrary<List<Optional<Decay>>> decays =
        traitsOnly
            ? Arbitraries.just(Collections.nCopies(5, Optional.empty()))
            : decays(resolution).optional(0.4).list().ofSize(5);
    return Memo.of(
        Combinators.combine(cap, floor, conditions, points, decays)
            .as(
                (c, f, cs, ps, ds) ->
                    index -> {
                      Category.Builder b = Category.builder("c" + index);
                      c.ifPresent(b::cap);
                      f.ifPresent(b::floor);
                      for (int j = 0; j < cs.size(); j++) {
                        Rule rule =
                            new Rule(
                                "c" + index + "_r" + j,
                                "rule " + index + "." + j,
                                cs.get(j),
                                ps.get(j));
                        if (ds.get(j).isPresent() && readsEvents(cs.get(j))) {
                          rule = rule.decay(ds.get(j).get());
                        }
                        b.rule(rule);
                      }
                      return b.build();
                    }));
  }

  /** Linear and half-life decays of lengths that fit {@code resolution}. */
  public static Arbitrary<Decay> decays(Resolution resolution) {
    return Memo.of(
        Combinators.combine(Arbitraries.of(Decay.Shape.class), windows(resolution)).as(Decay::new));
  }

  /**
   * Whether {@code condition} reads an event aggregate that gives an age, as a decayed rule must.
   */
  public static boolean readsEvents(Expr condition) {
    return !dev.pls.core.internal.Decays.ageReads(condition).isEmpty();
  }

  /** Rule points: mostly whole, sometimes hundredths, of both signs, sometimes zero. */
  public static Arbitrary<Points> points() {
    return Memo.of(
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(-30, 30).map(Points::of)),
            net.jqwik.api.Tuple.of(
                2, Arbitraries.integers().between(-3000, 3000).map(h -> new Points(h)))));
  }

  /** Windows that fit {@code resolution}: days and weeks at 1d, hours and days at 1h. */
  public static Arbitrary<Window> windows(Resolution resolution) {
    if (resolution == Resolution.DAY) {
      return Memo.of(
          Arbitraries.oneOf(
              Arbitraries.of(1, 2, 7, 14, 30).map(Window::days),
              Arbitraries.integers().between(1, 45).map(Window::days),
              Arbitraries.integers().between(1, 5).map(Window::weeks)));
    }
    return Memo.of(
        Arbitraries.oneOf(
            Arbitraries.of(1, 2, 3, 24).map(Window::hours),
            Arbitraries.integers().between(1, 72).map(Window::hours),
            Arbitraries.integers().between(1, 3).map(Window::days)));
  }

  /** Event filters over {@link #EVENT_NAMES} or any event, a third with a {@code where}. */
  public static Arbitrary<EventFilter> filters() {
    Arbitrary<EventFilter> base =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(4, Arbitraries.of(EVENT_NAMES).map(EventFilter::of)),
            net.jqwik.api.Tuple.of(1, Arbitraries.just(EventFilter.any())));
    return Memo.of(
        Combinators.combine(base, propertyConditions().optional(0.35))
            .as((f, w) -> w.map(f::where).orElse(f)));
  }

  /** Conditions on event properties, for {@code where}. */
  public static Arbitrary<Expr> propertyConditions() {
    Expr n = Expr.prop(NUM_PROP);
    Expr s = Expr.prop(STR_PROP);
    Arbitrary<Expr> atom =
        Arbitraries.oneOf(
            numbers().map(v -> (Expr) n.gt(v)),
            numbers().map(v -> (Expr) n.le(v)),
            Arbitraries.of(STRINGS).map(v -> (Expr) s.eq(v)),
            Arbitraries.of(STRINGS).map(v -> (Expr) s.in(v, "y")),
            Arbitraries.of(STRINGS).map(v -> (Expr) new Expr.Lower(s).eq(v)),
            Arbitraries.just((Expr) n.isMissing()));
    return Memo.of(Arbitraries.oneOf(atom, atom.map(Expr::not)));
  }

  /** Every aggregate kind over generated filters. */
  public static Arbitrary<Aggregate> aggregates() {
    return Memo.of(Arbitraries.oneOf(numericAggregates(), horizonAggregates(), timeAggregates()));
  }

  /** The numeric aggregates that take a window. */
  public static Arbitrary<Aggregate> numericAggregates() {
    Arbitrary<String> props = Arbitraries.of(NUM_PROP, STR_PROP);
    // sum/min/max of the string property are always 0 or missing: keep them, but rarely
    Arbitrary<String> numeric =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(5, Arbitraries.just(NUM_PROP)),
            net.jqwik.api.Tuple.of(1, Arbitraries.just(STR_PROP)));
    return Memo.of(
        Arbitraries.oneOf(
            filters().map(Aggregate::count),
            Combinators.combine(filters(), props).as(Aggregate::distinct),
            Combinators.combine(filters(), numeric).as(Aggregate::sum),
            Combinators.combine(filters(), numeric).as(Aggregate::min),
            Combinators.combine(filters(), numeric).as(Aggregate::max),
            filters().map(Aggregate::activeDays),
            filters().map(Aggregate::daysSince),
            Combinators.combine(filters(), filters()).as(Aggregate::minutesBetween)));
  }

  /** growth_weeks and trend, which have their own horizon. */
  public static Arbitrary<Aggregate> horizonAggregates() {
    return Memo.of(
        Arbitraries.oneOf(
            filters().map(Aggregate::growthWeeks),
            Combinators.combine(filters(), Arbitraries.integers().between(2, 6))
                .as(Aggregate::trend)));
  }

  /** first_seen and last_seen. */
  public static Arbitrary<Aggregate> timeAggregates() {
    return Memo.of(
        Arbitraries.oneOf(filters().map(Aggregate::firstSeen), filters().map(Aggregate::lastSeen)));
  }

  /** Numeric expressions: aggregates (windowed or not), numeric traits, arithmetic on them. */
  public static Arbitrary<Expr> numericExpressions(Resolution resolution) {
    return numericExpressions(resolution, false, false);
  }

  private static Arbitrary<Expr> numericExpressions(
      Resolution resolution, boolean bounded, boolean traitsOnly) {
    Arbitrary<Expr> windowed =
        Combinators.combine(numericAggregates(), windows(resolution).optional(bounded ? 1.0 : 0.75))
            .as((a, w) -> (Expr) new Expr.Agg(Signal.inline(a), w));
    Arbitrary<Expr> horizon =
        (bounded
                ? horizonAggregates().filter(a -> a instanceof Aggregate.Trend)
                : horizonAggregates())
            .map(a -> (Expr) Expr.agg(a));
    Arbitrary<Expr> traits = Arbitraries.of("t_num", "t_int").map(t -> (Expr) Expr.trait(t));
    Arbitrary<Expr> leaf =
        traitsOnly
            ? traits
            : Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, windowed),
                net.jqwik.api.Tuple.of(2, horizon),
                net.jqwik.api.Tuple.of(1, traits));
    Arbitrary<Expr> operand = Arbitraries.oneOf(leaf, numbers().map(Expr::lit));
    Arbitrary<Expr> arith =
        Combinators.combine(leaf, Arbitraries.of(Expr.ArithOp.values()), operand)
            .as((l, op, r) -> (Expr) new Expr.Arith(op, l, r));
    return Memo.of(
        Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, leaf), net.jqwik.api.Tuple.of(1, arith)));
  }

  /**
   * Boolean conditions for rules and exclusions ({@code tier == false}) or tiers ({@code tier ==
   * true}, which may also read the score), nested up to two levels of not/and/or.
   */
  public static Arbitrary<Expr> conditions(Resolution resolution, boolean tier) {
    return conditions(resolution, tier, false, false, false);
  }

  private static Arbitrary<Expr> conditions(
      Resolution resolution, boolean tier, boolean bounded, boolean traitsOnly) {
    return conditions(resolution, tier, bounded, traitsOnly, false);
  }

  /**
   * With {@code totals}, for exclusions and tiers of a generated model (which always has the
   * category c0 and sometimes c1), numbers may also be the totals of c0 and c1 (c1 read only via
   * {@link #totalOf}, which falls back to c0 when the model has one category).
   */
  private static Arbitrary<Expr> conditions(
      Resolution resolution, boolean tier, boolean bounded, boolean traitsOnly, boolean totals) {
    Arbitrary<Expr> atom = atoms(resolution, tier, bounded, traitsOnly, totals);
    Arbitrary<Expr> level1 =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(4, atom), net.jqwik.api.Tuple.of(1, compound(atom)));
    return Memo.of(
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(3, level1), net.jqwik.api.Tuple.of(1, compound(level1))));
  }

  private static Arbitrary<Expr> compound(Arbitrary<Expr> operand) {
    return Memo.of(
        Arbitraries.oneOf(
            operand.map(Expr::not),
            Combinators.combine(operand, operand).as(Expr::and),
            Combinators.combine(operand, operand).as(Expr::or)));
  }

  private static Arbitrary<Expr> atoms(
      Resolution resolution, boolean tier, boolean bounded, boolean traitsOnly, boolean totals) {
    Arbitrary<Expr> num = numericExpressions(resolution, bounded, traitsOnly);
    if (totals) {
      num =
          Arbitraries.frequencyOf(
              net.jqwik.api.Tuple.of(3, num),
              net.jqwik.api.Tuple.of(1, Arbitraries.of("c0", "c1").map(Expr::total)));
    }
    if (tier) {
      num =
          Arbitraries.frequencyOf(
              net.jqwik.api.Tuple.of(2, num),
              net.jqwik.api.Tuple.of(3, Arbitraries.just(Expr.score())));
    }
    Arbitrary<Expr.CompareOp> ops = Arbitraries.of(Expr.CompareOp.values());
    Arbitrary<Expr> time =
        Combinators.combine(timeAggregates(), windows(resolution).optional(bounded ? 1.0 : 0.5))
            .as((a, w) -> (Expr) new Expr.Agg(Signal.inline(a), w));
    // A time comparison reads first_seen or last_seen; with traits only, it compares no time.
    int times = traitsOnly ? 0 : 1;
    Expr str = Expr.trait("t_str");
    return Memo.of(
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(
                8,
                Combinators.combine(num, ops, literals())
                    .as((x, op, v) -> (Expr) new Expr.Compare(op, x, Expr.lit(v)))),
            net.jqwik.api.Tuple.of(
                2,
                Combinators.combine(num, literals(), literals())
                    .as((x, a, b) -> (Expr) x.between(a.min(b), a.max(b)))),
            net.jqwik.api.Tuple.of(1, num.map(x -> (Expr) x.isMissing())),
            net.jqwik.api.Tuple.of(1, num.map(x -> (Expr) x.isPresent())),
            net.jqwik.api.Tuple.of(1, Arbitraries.of(STRINGS).map(v -> (Expr) str.in(v, "y"))),
            net.jqwik.api.Tuple.of(
                1, Arbitraries.of(STRINGS).map(v -> (Expr) new Expr.Lower(str).eq(v))),
            net.jqwik.api.Tuple.of(
                1, Arbitraries.of(true, false).map(v -> (Expr) Expr.trait("t_bool").eq(v))),
            net.jqwik.api.Tuple.of(
                times,
                Combinators.combine(time, ops, Arbitraries.of(TIME_LITERALS))
                    .as((x, op, t) -> (Expr) new Expr.Compare(op, x, Expr.lit(t)))),
            net.jqwik.api.Tuple.of(
                times, Combinators.combine(time, time).as((x, y) -> (Expr) x.lt(y)))));
  }

  /** Literals that conditions compare with: mostly the small counts events produce. */
  public static Arbitrary<BigDecimal> literals() {
    return Memo.of(
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(
                4, Arbitraries.integers().between(0, 6).map(BigDecimal::valueOf)),
            net.jqwik.api.Tuple.of(1, numbers())));
  }

  /** Small numbers, whole and decimal, for literals and properties. */
  public static Arbitrary<BigDecimal> numbers() {
    return Memo.of(
        Arbitraries.oneOf(
            Arbitraries.integers().between(-3, 12).map(BigDecimal::valueOf),
            Arbitraries.of("0.3", "0.5", "1.5", "2.25", "-0.75", "100").map(BigDecimal::new)));
  }
}
