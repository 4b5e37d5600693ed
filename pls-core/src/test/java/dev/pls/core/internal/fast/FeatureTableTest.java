package dev.pls.core.internal.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.input.FeatureTable;
import dev.pls.core.model.Value;
import dev.pls.core.scoring.FeatureScorer;
import dev.pls.core.testing.SeedTemplate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureTableTest {
  private static final Instant T = Instant.parse("2026-11-20T12:00:00Z");

  @Test
  void of_decayedModel_isRefusedNamingTheRule() {
    dev.pls.core.model.Expr used =
        dev.pls.core.model.Expr.agg(
                dev.pls.core.model.Aggregate.count("use"), dev.pls.core.model.Window.days(7))
            .ge(1);
    dev.pls.core.model.Model model =
        dev.pls.core.model.Model.builder("m")
            .category(
                "c",
                c ->
                    c.rule(
                        new dev.pls.core.model.Rule(
                                "fresh", "fresh", used, dev.pls.core.model.Points.of(5))
                            .decay(
                                dev.pls.core.model.Decay.halfLife(
                                    14, dev.pls.core.model.Window.Unit.DAYS))))
            .build();
    var e = assertThrows(IllegalArgumentException.class, () -> FeatureScorer.of(model));
    assertEquals(
        "model: rule 'fresh' has decay half_life 14d, which needs the time of the events its"
            + " condition read; a feature table holds only values: score it with Scorer.fast or"
            + " an EntityStore",
        e.getMessage());
  }

  @Test
  void column_wrongLength_throwsNamingTheColumn() {
    FeatureTable.Builder b = FeatureTable.builder(List.of("a", "b"));
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> b.column("invites within 7d", new long[3]));
    assertEquals("values: column 'invites within 7d' has 3 rows, the table 2", e.getMessage());
  }

  @Test
  void score_columnTheModelReadsIsAbsent_throwsNamingIt() {
    FeatureTable table = FeatureTable.builder(List.of("a")).build();
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FeatureScorer.of(SeedTemplate.model()).score(table, T));
    assertEquals(
        "table: no column 'premium_used within 30d', which the model reads", e.getMessage());
  }

  private static dev.pls.core.model.Model fit(dev.pls.core.model.Expr hot) {
    return dev.pls.core.model.Model.builder("fit")
        .version(1)
        .trait("employees", dev.pls.core.model.TraitType.INT)
        .trait("industry", dev.pls.core.model.TraitType.STRING)
        .category(
            "fit",
            c ->
                c.rule("big", dev.pls.core.model.Expr.trait("employees").ge(50), 10, "big")
                    .rule(
                        "target",
                        dev.pls.core.model.Expr.trait("industry").in("software", "fintech"),
                        20,
                        "target"))
        .tier("hot", hot)
        .build();
  }

  private static FeatureTable fitTable() {
    return FeatureTable.builder(List.of("a", "b", "c"))
        .column("employees", new long[] {100, 10, 0}, java.util.BitSet.valueOf(new long[] {4}))
        .column("industry", new Value[] {Value.str("software"), null, Value.str("fintech")})
        .build();
  }

  @Test
  void score_tierOnScoreRange_generatedLoopGivesScoresTiersAndRules() {
    TableScorer scorer = new TableScorer(fit(dev.pls.core.model.Expr.score().ge(30)));
    FeatureTable table = fitTable();
    assertTrue(scorer.generates(table));
    var scores = scorer.score(table, T);
    assertEquals(
        List.of(3000L, 0L, 2000L), List.of(0, 1, 2).stream().map(scores::scoreHundredths).toList());
    assertEquals(
        List.of("hot", "none", "none"), List.of(0, 1, 2).stream().map(scores::tier).toList());
    assertEquals(List.of("big", "target"), scores.firedRules(0));
    assertEquals(List.of("target"), scores.firedRules(2));
  }

  @Test
  void score_tierReadsScoreBeyondTheLongPath_scoredColumnAtATime() {
    // A literal of 1e15 or more keeps the comparison generic: it reads the score as a decimal,
    // which the generated loop cannot precompute before the score is known.
    TableScorer scorer =
        new TableScorer(fit(dev.pls.core.model.Expr.score().ge(new java.math.BigDecimal("1e16"))));
    FeatureTable table = fitTable();
    assertFalse(scorer.generates(table));
    var scores = scorer.score(table, T);
    assertEquals(3000L, scores.scoreHundredths(0));
    assertEquals("none", scores.tier(0));
  }

  @Test
  void score_tierReadsACategoryTotal_scoredColumnAtATimeWithEachRowsTotal() {
    // A total is known only after the rules, as the score is: no generated loop; rows a, b, c
    // have fit totals 30, 0 and 20.
    TableScorer scorer = new TableScorer(fit(dev.pls.core.model.Expr.total("fit").ge(20)));
    FeatureTable table = fitTable();
    assertFalse(scorer.generates(table));
    var scores = scorer.score(table, T);
    assertEquals(
        List.of("hot", "none", "hot"), List.of(0, 1, 2).stream().map(scores::tier).toList());
  }

  @Test
  void score_traitColumnOfWrongType_throwsNamingRow() {
    FeatureTable.Builder b = FeatureTable.builder(List.of("a"));
    b.column("employees", new Value[] {Value.str("many")});
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FeatureScorer.of(SeedTemplate.model()).score(b.build(), T));
    assertEquals(
        "table: column 'employees' row 0: must be int, was string \"many\"", e.getMessage());
  }
}
