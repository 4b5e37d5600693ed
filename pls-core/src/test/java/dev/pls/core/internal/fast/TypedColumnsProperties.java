package dev.pls.core.internal.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.card.BatchScores;
import dev.pls.core.card.ScoreCard;
import dev.pls.core.input.Entity;
import dev.pls.core.input.FeatureTable;
import dev.pls.core.model.Category;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Model;
import dev.pls.core.model.NumberRange;
import dev.pls.core.model.Points;
import dev.pls.core.model.Rule;
import dev.pls.core.model.TraitType;
import dev.pls.core.model.Value;
import dev.pls.core.scoring.Scorer;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Typed feature columns (int, long, double, boolean, dictionary codes, each with or without missing
 * rows) and the binding's array outputs give the reference evaluator's results, row by row: the
 * generated loop and the column-at-a-time path, full (score, tier, fired rules) and score and tier
 * only, one range and several in parallel.
 */
class TypedColumnsProperties {
  private static final Instant T = Instant.parse("2026-11-20T12:00:00Z");
  private static final ExecutorService POOL = Executors.newFixedThreadPool(2);

  @AfterContainer
  static void stop() {
    POOL.shutdownNow();
  }

  /** Decimals next to which doubles are adversarial: not representable, ties, signs, sizes. */
  static final List<BigDecimal> DECIMALS =
      List.of(
          new BigDecimal("0.3"),
          new BigDecimal("0.30000000000000004"),
          new BigDecimal("0.30000000000000001"),
          new BigDecimal("0.1"),
          new BigDecimal("-0.1"),
          new BigDecimal("0"),
          new BigDecimal("1.5"),
          new BigDecimal("-2.25"),
          new BigDecimal("2"),
          new BigDecimal("123456789.123456789"),
          new BigDecimal("9007199254740993"),
          new BigDecimal("1e20"),
          new BigDecimal("-1e20"),
          new BigDecimal("0.000001"));

  // ---- Hand-made traits: every typed shape the loop takes, against the reference.

  @Property(tries = 200)
  void score_typedTraitColumns_equalReferenceCardsAndBindingArrays(@ForAll long seed) {
    Random r = new Random(seed);
    Model model = traitModel(r);
    int rows = r.nextInt(6) == 0 ? 2 * 2048 + 1 + r.nextInt(100) : 1 + r.nextInt(80);
    List<Entity> entities = new ArrayList<>();
    Map<String, Object[]> raw = new LinkedHashMap<>();
    for (String t : List.of("n", "x", "flag", "s")) {
      raw.put(t, new Object[rows]);
    }
    for (int row = 0; row < rows; row++) {
      Entity.Builder e = Entity.builder("u" + row);
      if (r.nextInt(5) != 0) {
        long n = r.nextInt(4) == 0 ? r.nextInt() : r.nextInt(12) - 3;
        raw.get("n")[row] = n;
        e.trait("n", n);
      }
      if (r.nextInt(5) != 0) {
        double x = adversarialDouble(r);
        raw.get("x")[row] = x;
        e.trait("x", BigDecimal.valueOf(x));
      }
      if (r.nextInt(4) != 0) {
        boolean flag = r.nextBoolean();
        raw.get("flag")[row] = flag;
        e.trait("flag", flag);
      }
      if (r.nextInt(4) != 0) {
        String s = List.of("a", "b", "c", "A", "").get(r.nextInt(5));
        raw.get("s")[row] = s;
        e.trait("s", s);
      }
      entities.add(e.build());
    }
    FeatureTable.Builder b = FeatureTable.builder(entities.stream().map(Entity::id).toList());
    raw.forEach((key, values) -> addColumn(b, key, values, r));
    FeatureTable table = b.build();
    assertTrue(new TableScorer(model).bind(table).generated(), "typed shapes are generated");
    check(model, table, entities, seed, T);
  }

  // ---- Generated models with events: their features as typed columns.

  @Provide
  net.jqwik.api.Arbitrary<DifferentialArbitraries.Scenario> scenarios() {
    return DifferentialArbitraries.undecayedScenarios();
  }

  @Property(tries = 100)
  void score_typedFeatureColumns_equalReferenceCardsAndBindingArrays(
      @ForAll("scenarios") DifferentialArbitraries.Scenario s, @ForAll long seed) {
    Random r = new Random(seed);
    List<Entity> entities = new ArrayList<>();
    entities.add(s.entity());
    for (int i = 1; i < 40; i++) {
      Entity e = DifferentialArbitraries.entity(r, ZoneId.of("UTC"), s.asOf());
      entities.add(renamed(e, "u" + (i + 1)));
    }
    check(s.model(), typedTable(s.model(), entities, s.asOf(), r), entities, seed, s.asOf());
  }

  @Provide
  net.jqwik.api.Arbitrary<DifferentialArbitraries.Scenario> seedScenarios() {
    return DifferentialArbitraries.seedScenarios();
  }

  /** The seed template over typed columns runs its generated loop and gives the reference's. */
  @Property(tries = 30)
  void score_seedTemplateTypedColumns_generatedLoopEqualsReference(
      @ForAll("seedScenarios") DifferentialArbitraries.Scenario s, @ForAll long seed) {
    Random r = new Random(seed);
    List<Entity> entities = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      entities.add(renamed(DifferentialArbitraries.seedEntity(r, s.asOf()), "u" + i));
    }
    FeatureTable table = typedTable(s.model(), entities, s.asOf(), r);
    assertTrue(new TableScorer(s.model()).bind(table).generated(), "the seed template's loop");
    check(s.model(), table, entities, seed, s.asOf());
  }

  /** The fast evaluator's features of {@code entities}, each column typed at random. */
  private static FeatureTable typedTable(
      Model model, List<Entity> entities, Instant asOf, Random r) {
    FastScorer fast = new FastScorer(model);
    Map<String, Object[]> raw = new LinkedHashMap<>();
    for (int row = 0; row < entities.size(); row++) {
      for (Map.Entry<String, Optional<Value>> e :
          fast.features(entities.get(row), asOf).entrySet()) {
        Object v = e.getValue().map(TypedColumnsProperties::plain).orElse(null);
        raw.computeIfAbsent(e.getKey(), k -> new Object[entities.size()])[row] = v;
      }
    }
    FeatureTable.Builder b = FeatureTable.builder(entities.stream().map(Entity::id).toList());
    raw.forEach(
        (key, values) -> {
          boolean intTrait = model.trait(key).map(t -> t.type() == TraitType.INT).orElse(false);
          addColumn(b, key, values, r, intTrait);
        });
    return b.build();
  }

  /** Every engine path over {@code table} gives the reference's card, score, tier and rules. */
  private static void check(
      Model model, FeatureTable table, List<Entity> entities, long seed, Instant asOf) {
    Scorer reference = Scorer.reference(model);
    TableScorer scorer = new TableScorer(model);
    BatchScores batch = scorer.score(table, asOf);
    int size = table.size();
    String why = "seed " + seed + "\n" + model;
    for (int row = 0; row < size; row++) {
      ScoreCard expected = reference.score(entities.get(row), asOf);
      int at = row;
      assertEquals(expected, batch.card(row), () -> "row " + at + ", " + why);
      assertEquals(expected.score(), batch.score(row), why);
      assertEquals(expected.tier(), batch.tier(row), why);
    }
    BatchScores parallelBatch = scorer.scoreInParallel(table, asOf);
    for (int row = 0; row < size; row++) {
      assertEquals(batch.scoreHundredths(row), parallelBatch.scoreHundredths(row), why);
      assertEquals(batch.firedRules(row), parallelBatch.firedRules(row), why);
    }
    int tiers = model.tiers().size();
    for (TableScorer engine : List.of(scorer, TableScorer.columnAtATime(model))) {
      TableBinding binding = engine.bind(table);
      int stride = binding.firedStride();
      long[] scores = new long[size];
      int[] tier = new int[size];
      long[] fired = new long[size * stride];
      // Dirty buffers: a binding overwrites every output of the rows it scores.
      java.util.Arrays.fill(fired, -1L);
      java.util.Arrays.fill(tier, 7);
      binding.score(0, size, scores, tier, fired);
      for (int row = 0; row < size; row++) {
        String where = "row " + row + ", " + why;
        assertEquals(batch.scoreHundredths(row), scores[row], where);
        assertEquals(
            batch.tier(row),
            tier[row] < 0 ? dev.pls.core.model.Tier.NONE : binding.tierNames().get(tier[row]));
        assertTrue(tier[row] >= -1 && tier[row] < tiers, where);
        for (int k = 0; k < model.rules().size(); k++) {
          boolean bit = (fired[row * stride + (k >>> 6)] & (1L << k)) != 0;
          assertEquals(batch.fired(row, k), bit, where);
        }
        for (int w = 0; w < stride; w++) {
          long beyond =
              w == stride - 1 && model.rules().size() % 64 != 0
                  ? fired[row * stride + w] >>> (model.rules().size() % 64)
                  : 0;
          assertEquals(0, beyond, where);
        }
      }
      long[] onlyScores = new long[size];
      int[] onlyTiers = new int[size];
      binding.score(0, size, onlyScores, onlyTiers, null);
      assertArrayEquals(scores, onlyScores, why);
      assertArrayEquals(tier, onlyTiers, why);

      long[] parallelScores = new long[size];
      int[] parallelTiers = new int[size];
      long[] parallelFired = new long[size * stride];
      binding.score(parallelScores, parallelTiers, parallelFired, POOL, 3);
      assertArrayEquals(scores, parallelScores, why);
      assertArrayEquals(tier, parallelTiers, why);
      assertArrayEquals(fired, parallelFired, why);
      binding.score(parallelScores, parallelTiers, null, POOL, 2);
      assertArrayEquals(scores, parallelScores, why);

      // A range in the middle writes its rows and no other.
      if (size > 2) {
        long[] part = new long[size];
        int[] partTiers = new int[size];
        java.util.Arrays.fill(part, 42);
        binding.score(1, size - 1, part, partTiers, null);
        assertEquals(42, part[0]);
        assertEquals(42, part[size - 1]);
        for (int row = 1; row < size - 1; row++) {
          assertEquals(scores[row], part[row], why);
        }
      }
    }
  }

  /** A model over four traits whose conditions are the typed shapes, nested and negated. */
  static Model traitModel(Random r) {
    Model.Builder b =
        Model.builder("typed")
            .trait("n", TraitType.INT)
            .trait("x", TraitType.NUMBER)
            .trait("flag", TraitType.BOOL)
            .trait("s", TraitType.STRING);
    int rule = 0;
    int categories = 1 + r.nextInt(3);
    for (int c = 0; c < categories; c++) {
      Category.Builder cb = Category.builder("c" + c);
      if (r.nextInt(3) == 0) {
        cb.cap(r.nextInt(40));
      }
      for (int i = 1 + r.nextInt(6); i > 0; i--) {
        long hundredths = (r.nextInt(61) - 20) * 100L + (r.nextInt(4) == 0 ? 25 : 0);
        cb.rule(new Rule("r" + rule, "rule " + rule, condition(r, 2), new Points(hundredths)));
        rule++;
      }
      b.category(cb.build());
    }
    if (r.nextInt(3) == 0) {
      b.exclude(condition(r, 0), "excluded");
    }
    for (int t = r.nextInt(3); t > 0; t--) {
      b.tier("t" + t, Expr.score().ge(BigDecimal.valueOf(10L * t + r.nextInt(10))));
    }
    return b.build();
  }

  private static Expr condition(Random r, int depth) {
    BigDecimal c = DECIMALS.get(r.nextInt(DECIMALS.size()));
    Expr x = Expr.trait("x");
    Expr n = Expr.trait("n");
    switch (r.nextInt(depth > 0 ? 17 : 14)) {
      case 0:
        return x.gt(c);
      case 1:
        return x.ge(c);
      case 2:
        return x.lt(c);
      case 3:
        return x.le(c);
      case 4:
        return r.nextBoolean() ? x.eq(c) : x.ne(c);
      case 5:
        {
          BigDecimal d = DECIMALS.get(r.nextInt(DECIMALS.size()));
          return x.between(c.min(d), c.max(d));
        }
      case 6:
        return r.nextBoolean() ? n.ge(r.nextInt(10) - 2) : n.between(0, r.nextInt(8));
      case 7:
        return r.nextBoolean() ? n.lt(c) : n.ne(3);
      case 8:
        // The bare boolean rule: the same as == true.
        return Expr.trait("flag");
      case 9:
        return r.nextBoolean()
            ? Expr.trait("flag").eq(r.nextBoolean())
            : Expr.trait("flag").ne(true);
      case 10:
        return r.nextBoolean()
            ? Expr.trait("s").in("a", "c")
            : Expr.trait("s").in(r.nextBoolean() ? "b" : "zzz");
      case 11:
        return r.nextBoolean() ? Expr.trait("s").eq("a") : Expr.trait("s").ne("b");
      case 12:
        return List.of("x", "n", "flag", "s").stream()
            .map(Expr::trait)
            .toList()
            .get(r.nextInt(4))
            .isMissing();
      case 13:
        return x.gt(c).not();
      case 14:
        return condition(r, depth - 1).and(condition(r, depth - 1));
      case 15:
        return condition(r, depth - 1).or(condition(r, depth - 1));
      default:
        return condition(r, depth - 1).not();
    }
  }

  /** A double on, next to or away from one of the decimals; always one a table accepts. */
  static double adversarialDouble(Random r) {
    double c = DECIMALS.get(r.nextInt(DECIMALS.size())).doubleValue();
    double x =
        switch (r.nextInt(8)) {
          case 0 -> c;
          case 1 -> Math.nextUp(c);
          case 2 -> Math.nextDown(c);
          case 3 -> 0.1 + 0.2;
          case 4 -> -0.0;
          case 5 -> r.nextInt(7) - 3;
          case 6 -> Math.nextUp(Math.nextUp(c));
          default -> r.nextGaussian() * 10;
        };
    return NumberRange.contains(BigDecimal.valueOf(x)) ? x : 0;
  }

  /** A value as the plain Java value a typed column holds: Long, BigDecimal, Boolean, String. */
  private static Object plain(Value v) {
    if (v instanceof Value.Num n) {
      BigDecimal d = n.value();
      return d.signum() == 0
              || d.stripTrailingZeros().scale() <= 0
                  && d.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0
          ? (Object) d.longValueExact()
          : d;
    }
    if (v instanceof Value.Bool b) {
      return b.value();
    }
    if (v instanceof Value.Str s) {
      return s.value();
    }
    return v;
  }

  private static void addColumn(FeatureTable.Builder b, String key, Object[] values, Random r) {
    addColumn(b, key, values, r, key.equals("n"));
  }

  /**
   * Adds {@code values} (nulls missing) as the narrowest typed column that holds them exactly,
   * chosen at random among those that do (Value[] always does), or leaves a trait column out.
   */
  private static void addColumn(
      FeatureTable.Builder b, String key, Object[] values, Random r, boolean intTrait) {
    int rows = values.length;
    BitSet missing = new BitSet();
    boolean longs = true;
    boolean ints = true;
    boolean doubles = !intTrait;
    boolean bools = true;
    boolean strings = true;
    boolean any = false;
    for (int i = 0; i < rows; i++) {
      Object v = values[i];
      if (v == null) {
        missing.set(i);
        continue;
      }
      any = true;
      longs &= v instanceof Long;
      ints &= v instanceof Long l && l == (int) (long) l;
      doubles &=
          v instanceof Double
              || v instanceof Long l && Math.abs(l) < (1L << 53)
              || v instanceof BigDecimal d && BigDecimal.valueOf(d.doubleValue()).compareTo(d) == 0;
      bools &= v instanceof Boolean;
      strings &= v instanceof String;
    }
    // An all-missing column could be of any type: only Value[] says nothing about it.
    List<String> kinds = new ArrayList<>(List.of("values"));
    if (any && longs) {
      kinds.add("long");
    }
    if (any && ints) {
      kinds.add("int");
    }
    if (any && doubles && !bools && !strings) {
      kinds.add("double");
    }
    if (any && bools) {
      kinds.add("bool");
    }
    if (any && strings) {
      kinds.add("dictionary");
    }
    String kind = kinds.get(r.nextInt(kinds.size()));
    // Missing rows hold junk the table must ignore.
    BitSet mask = missing.isEmpty() && r.nextBoolean() ? null : missing;
    switch (kind) {
      case "long" -> {
        long[] a = new long[rows];
        for (int i = 0; i < rows; i++) {
          a[i] = values[i] == null ? r.nextLong() : (Long) values[i];
        }
        b.column(key, a, mask);
      }
      case "int" -> {
        int[] a = new int[rows];
        for (int i = 0; i < rows; i++) {
          a[i] = values[i] == null ? r.nextInt() : (int) (long) (Long) values[i];
        }
        b.column(key, a, mask);
      }
      case "double" -> {
        double[] a = new double[rows];
        for (int i = 0; i < rows; i++) {
          Object v = values[i];
          a[i] =
              v == null
                  ? Double.NaN
                  : v instanceof Double d
                      ? d
                      : v instanceof Long l ? (double) l : ((BigDecimal) v).doubleValue();
        }
        b.column(key, a, mask);
      }
      case "bool" -> {
        boolean[] a = new boolean[rows];
        for (int i = 0; i < rows; i++) {
          a[i] = values[i] == null ? r.nextBoolean() : (Boolean) values[i];
        }
        b.column(key, a, mask);
      }
      case "dictionary" -> {
        List<String> dictionary = new ArrayList<>(List.of("unused", "a", "b", "c", "A", ""));
        for (Object v : values) {
          if (v != null && !dictionary.contains(v)) {
            dictionary.add((String) v);
          }
        }
        Collections.shuffle(dictionary, r);
        int[] codes = new int[rows];
        for (int i = 0; i < rows; i++) {
          codes[i] = values[i] == null ? -1 - r.nextInt(3) : dictionary.indexOf(values[i]);
        }
        b.dictionaryColumn(key, codes, dictionary, mask);
      }
      default -> {
        if (r.nextInt(8) == 0 && !any && List.of("n", "x", "flag", "s").contains(key)) {
          return; // a trait column nobody supplied
        }
        Value[] a = new Value[rows];
        for (int i = 0; i < rows; i++) {
          Object v = values[i];
          a[i] =
              v == null
                  ? null
                  : v instanceof Value val
                      ? val
                      : v instanceof Double d ? Value.num(BigDecimal.valueOf(d)) : Value.of(v);
        }
        b.column(key, a);
      }
    }
  }

  private static Entity renamed(Entity e, String id) {
    List<dev.pls.core.input.Event> events = new ArrayList<>();
    for (dev.pls.core.input.Event x : e.events()) {
      events.add(new dev.pls.core.input.Event(id, x.account(), x.name(), x.time(), x.properties()));
    }
    return new Entity(id, e.traits(), events);
  }
}
