package dev.pls.core.scoring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pls.core.input.FeatureTable;
import dev.pls.core.model.Category;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Model;
import dev.pls.core.model.Points;
import dev.pls.core.model.Rule;
import dev.pls.core.model.TraitType;
import dev.pls.core.model.ValueType;
import dev.pls.core.testing.SeedTemplate;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Typed columns and the binding's arrays, case by case; the properties check them wholesale. */
class FeatureBindingTest {
  private static final Instant T = Instant.parse("2026-11-20T12:00:00Z");

  /** One rule {@code x <op> c} worth 1 point over a double trait x. */
  private static long[] scores(Expr condition, double... xs) {
    Model model =
        Model.builder("m")
            .trait("x", TraitType.NUMBER)
            .category(
                Category.builder("c").rule(new Rule("r", "r", condition, Points.of(1))).build())
            .build();
    FeatureTable table = FeatureTable.builder(xs.length).column("x", xs).build();
    FeatureBinding binding = FeatureScorer.of(model).bind(table);
    long[] scores = new long[xs.length];
    binding.score(0, xs.length, scores, new int[xs.length], null);
    // The batch path and the reference over the same decimals agree.
    Scorer reference = Scorer.reference(model);
    for (int i = 0; i < xs.length; i++) {
      dev.pls.core.input.Entity e =
          dev.pls.core.input.Entity.builder("e").trait("x", BigDecimal.valueOf(xs[i])).build();
      assertEquals(reference.score(e, T).score().hundredths(), scores[i], "row " + i);
    }
    return scores;
  }

  private static final Expr X = Expr.trait("x");

  @Test
  void doubleColumn_valueEqualToTheThreshold_comparesAsItsDecimal() {
    assertArrayEquals(new long[] {100, 0}, scores(X.ge(new BigDecimal("0.3")), 0.3, 0.29));
    assertArrayEquals(new long[] {0, 100}, scores(X.gt(new BigDecimal("0.3")), 0.3, 0.31));
    assertArrayEquals(new long[] {100, 0}, scores(X.le(new BigDecimal("0.3")), 0.3, 0.31));
    assertArrayEquals(new long[] {100, 0}, scores(X.eq(new BigDecimal("0.3")), 0.3, 0.1 + 0.2));
  }

  @Test
  void doubleColumn_pointOnePlusPointTwo_isAboveThreeTenths() {
    // 0.1 + 0.2 is the double 0.30000000000000004, which is what the row holds.
    assertArrayEquals(new long[] {100}, scores(X.gt(new BigDecimal("0.3")), 0.1 + 0.2));
    assertArrayEquals(
        new long[] {100}, scores(X.eq(new BigDecimal("0.30000000000000004")), 0.1 + 0.2));
    assertArrayEquals(
        new long[] {0}, scores(X.ge(new BigDecimal("0.30000000000000005")), 0.1 + 0.2));
  }

  @Test
  void doubleColumn_thresholdNoDoubleNames_decidedByTheNeighbours() {
    // No double's decimal is 0.30000000000000001: 0.3 is below it, the next double above.
    BigDecimal c = new BigDecimal("0.30000000000000001");
    assertArrayEquals(new long[] {0, 100}, scores(X.ge(c), 0.3, Math.nextUp(0.3)));
    assertArrayEquals(new long[] {100, 0}, scores(X.lt(c), 0.3, Math.nextUp(0.3)));
    assertArrayEquals(new long[] {0, 0}, scores(X.eq(c), 0.3, Math.nextUp(0.3)));
    assertArrayEquals(new long[] {100, 100}, scores(X.ne(c), 0.3, Math.nextUp(0.3)));
  }

  @Test
  void doubleColumn_negativeAndHugeThresholds() {
    assertArrayEquals(
        new long[] {0, 100}, scores(X.lt(new BigDecimal("-2.25")), -2.25, Math.nextDown(-2.25)));
    assertArrayEquals(
        new long[] {100, 0}, scores(X.ge(new BigDecimal("1e20")), 1e20, Math.nextDown(1e20)));
    assertArrayEquals(
        new long[] {100, 0, 0},
        scores(X.between(new BigDecimal("-0.5"), new BigDecimal("0.5")), -0.0, 0.51, -0.6));
  }

  @Test
  void doubleColumn_nanInfinityOrOutOfRange_refusedNamingColumnAndRow() {
    FeatureTable.Builder b = FeatureTable.builder(2);
    var nan =
        assertThrows(
            IllegalArgumentException.class,
            () -> b.column("dau_mau", new double[] {1, Double.NaN}));
    assertEquals("values: column 'dau_mau' row 1: NaN is not a number in range", nan.getMessage());
    var inf =
        assertThrows(
            IllegalArgumentException.class,
            () -> b.column("dau_mau", new double[] {Double.NEGATIVE_INFINITY, 0}));
    assertEquals(
        "values: column 'dau_mau' row 0: -Infinity is not a number in range", inf.getMessage());
    var tiny =
        assertThrows(
            IllegalArgumentException.class, () -> b.column("dau_mau", new double[] {0, 1e-300}));
    assertEquals(
        "values[1] of column 'dau_mau': 1E-300 is out of range ("
            + dev.pls.core.model.NumberRange.describe()
            + ")",
        tiny.getMessage());
    // A missing row may hold anything.
    BitSet missing = new BitSet();
    missing.set(1);
    b.column("dau_mau", new double[] {0.5, Double.NaN}, missing);
  }

  @Test
  void dictionaryColumn_codeOutsideItsDictionary_refusedNamingColumnAndRow() {
    FeatureTable.Builder b = FeatureTable.builder(3);
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> b.dictionaryColumn("industry", new int[] {0, 2, 1}, List.of("a", "b"), null));
    assertEquals(
        "codes: column 'industry' row 1: code 2 is not in its dictionary of 2", e.getMessage());
  }

  @Test
  void dictionaryAndBooleanColumns_inBareBooleanAndMissing() {
    Model model =
        Model.builder("m")
            .trait("industry", TraitType.STRING)
            .trait("hit_usage_limit", TraitType.BOOL)
            .category(
                Category.builder("c")
                    .rule(
                        new Rule(
                            "fit",
                            "fit",
                            Expr.trait("industry").in("software", "fintech"),
                            Points.of(10)))
                    .rule(
                        new Rule(
                            "not_retail", "nr", Expr.trait("industry").ne("retail"), Points.of(1)))
                    .rule(new Rule("limit", "limit", Expr.trait("hit_usage_limit"), Points.of(20)))
                    .build())
            .tier("hot", Expr.score().ge(30))
            .build();
    BitSet missing = new BitSet();
    missing.set(3);
    FeatureTable table =
        FeatureTable.builder(List.of("a", "b", "c", "d"))
            .dictionaryColumn(
                "industry",
                new int[] {2, 0, 1, 99},
                List.of("retail", "software", "fintech"),
                missing)
            .column("hit_usage_limit", new boolean[] {true, false, true, true}, missing)
            .build();
    FeatureScorer scorer = FeatureScorer.of(model);
    FeatureBinding binding = scorer.bind(table);
    long[] scores = new long[4];
    int[] tiers = new int[4];
    long[] fired = new long[4 * binding.firedStride()];
    binding.score(0, 4, scores, tiers, fired);
    // fintech + not retail + limit; retail, no limit; software + not retail + limit; missing.
    assertArrayEquals(new long[] {3100, 0, 3100, 0}, scores);
    assertArrayEquals(new int[] {0, -1, 0, -1}, tiers);
    assertArrayEquals(new long[] {0b111, 0b000, 0b111, 0}, fired);
    assertEquals(List.of("hot"), binding.tierNames());
    assertEquals("hot", scorer.score(table, T).tier(0));
  }

  @Test
  void columns_seedTemplate_listsTraitsThenSignalsWithTypes() {
    List<FeatureTable.ColumnKey> columns = FeatureScorer.of(SeedTemplate.model()).columns();
    FeatureTable.ColumnKey employees =
        columns.stream().filter(c -> c.key().equals("employees")).findFirst().orElseThrow();
    assertEquals(new FeatureTable.ColumnKey("employees", ValueType.NUMBER, true, false), employees);
    FeatureTable.ColumnKey invites =
        columns.stream().filter(c -> c.key().equals("invites within 7d")).findFirst().orElseThrow();
    assertEquals(
        new FeatureTable.ColumnKey("invites within 7d", ValueType.NUMBER, false, true), invites);
  }

  @Test
  void bind_doubleColumnForAnIntTrait_refusedNamingIt() {
    Model model =
        Model.builder("m")
            .trait("employees", TraitType.INT)
            .category(
                Category.builder("c")
                    .rule(new Rule("r", "r", Expr.trait("employees").ge(50), Points.of(1)))
                    .build())
            .build();
    FeatureTable table = FeatureTable.builder(1).column("employees", new double[] {50}).build();
    var e = assertThrows(IllegalArgumentException.class, () -> FeatureScorer.of(model).bind(table));
    assertEquals(
        "table: column 'employees' holds doubles, but trait 'employees' is int: give it as an"
            + " int[] or long[] column",
        e.getMessage());
    FeatureTable bools = FeatureTable.builder(1).column("employees", new boolean[] {true}).build();
    var b = assertThrows(IllegalArgumentException.class, () -> FeatureScorer.of(model).bind(bools));
    assertEquals("table: column 'employees' holds bools, but is a number", b.getMessage());
  }

  @Test
  void score_arraysTooShortOrBadRange_namesTheArgument() throws Exception {
    Model model =
        Model.builder("m")
            .trait("n", TraitType.INT)
            .category(
                Category.builder("c")
                    .rule(new Rule("r", "r", Expr.trait("n").ge(1), Points.of(1)))
                    .build())
            .build();
    FeatureBinding binding =
        FeatureScorer.of(model)
            .bind(FeatureTable.builder(3).column("n", new int[] {0, 1, 2}).build());
    var scores =
        assertThrows(
            IllegalArgumentException.class,
            () -> binding.score(0, 3, new long[2], new int[3], null));
    assertEquals("scores: length 2, the rows scored need 3", scores.getMessage());
    var tiers =
        assertThrows(
            IllegalArgumentException.class,
            () -> binding.score(0, 3, new long[3], new int[1], null));
    assertEquals("tiers: length 1, the rows scored need 3", tiers.getMessage());
    var fired =
        assertThrows(
            IllegalArgumentException.class,
            () -> binding.score(0, 3, new long[3], new int[3], new long[2]));
    assertEquals("fired: length 2, the rows scored need 3 (1 per row)", fired.getMessage());
    var range =
        assertThrows(
            IndexOutOfBoundsException.class,
            () -> binding.score(2, 4, new long[4], new int[4], null));
    assertEquals("from, to: [2, 4) is not within the table's 3 rows", range.getMessage());
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      var tasks =
          assertThrows(
              IllegalArgumentException.class,
              () -> binding.score(new long[3], new int[3], null, pool, 0));
      assertEquals("tasks: 0, must be at least 1", tasks.getMessage());
      long[] out = new long[3];
      binding.score(out, new int[3], null, pool, 4);
      assertArrayEquals(new long[] {0, 100, 200 - 100}, out);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void builderWithoutIds_namesRowsByNumber() {
    FeatureTable table = FeatureTable.builder(3).build();
    assertEquals(List.of("0", "1", "2"), table.ids());
    var e = assertThrows(IllegalArgumentException.class, () -> FeatureTable.builder(-1));
    assertEquals("size: -1 is negative", e.getMessage());
  }
}
