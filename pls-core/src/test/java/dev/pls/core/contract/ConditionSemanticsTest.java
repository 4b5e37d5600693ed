package dev.pls.core.contract;

import static dev.pls.core.model.Expr.trait;
import static dev.pls.core.testing.Fixtures.AS_OF;
import static dev.pls.core.testing.Fixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.card.ScoreCard;
import dev.pls.core.card.SignalValue;
import dev.pls.core.input.Entity;
import dev.pls.core.model.Aggregate;
import dev.pls.core.model.EventFilter;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Model;
import dev.pls.core.model.TraitType;
import dev.pls.core.model.Value;
import dev.pls.core.model.Window;
import dev.pls.core.scoring.Scorer;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/*
 * Conditions: missing values, not, is missing / is present, arithmetic, division by zero,
 * lower(), in and between. Each test scores a one-rule model and asks whether the rule fired.
 */
class ConditionSemanticsTest {

  /** A user with 200 employees, industry "FINTECH", no ratio trait; 2 pings and 0 pongs today. */
  private static final Entity USER =
      Entity.builder("u")
          .trait("employees", 200)
          .trait("industry", "FINTECH")
          .trait("trial", true)
          .event(event("u", "ping", "2026-11-20T10:00:00Z"))
          .event(event("u", "ping", "2026-11-20T11:00:00Z"))
          .build();

  private static final Expr PINGS = Expr.agg(Aggregate.count("ping"), Window.days(1));
  private static final Expr PONGS = Expr.agg(Aggregate.count("pong"), Window.days(1));
  private static final Expr RATIO = trait("ratio");

  private final Engine engine;

  ConditionSemanticsTest(Engine engine) {
    this.engine = engine;
  }

  private Scorer scorer(Model model) {
    return engine.scorer(model);
  }

  private ScoreCard score(Expr condition) {
    Model model =
        Model.builder("conditions")
            .trait("employees", TraitType.INT)
            .trait("industry", TraitType.STRING)
            .trait("trial", TraitType.BOOL)
            .trait("ratio", TraitType.NUMBER)
            .category("c", c -> c.rule("r", condition, 1, "r"))
            .build();
    return scorer(model).score(USER, AS_OF);
  }

  private boolean fires(Expr condition) {
    return score(condition).fired("r");
  }

  @EveryEngine
  void comparison_onMissingTrait_isFalseWhateverTheOperator() {
    assertFalse(fires(RATIO.gt(0)));
    assertFalse(fires(RATIO.le(0)));
    assertFalse(fires(RATIO.eq(0)));
    assertFalse(fires(RATIO.ne(0)));
    assertFalse(fires(RATIO.between(-1000, 1000)));
    assertFalse(fires(RATIO.in(1, 2)));
  }

  @EveryEngine
  void not_ofComparisonOnMissing_isTrue() {
    // not (ratio > 5) holds when ratio is missing, unlike ratio <= 5
    assertTrue(fires(RATIO.gt(5).not()));
    assertFalse(fires(RATIO.le(5)));
  }

  @EveryEngine
  void isMissing_isPresent_testTheValue() {
    assertTrue(fires(RATIO.isMissing()));
    assertFalse(fires(RATIO.isPresent()));
    assertTrue(fires(trait("employees").isPresent()));
    assertFalse(fires(trait("employees").isMissing()));
  }

  @EveryEngine
  void arithmetic_onMissing_isMissing() {
    assertTrue(fires(RATIO.plus(1).isMissing()));
    assertFalse(fires(RATIO.times(0).eq(0)));
    assertTrue(fires(trait("employees").plus(RATIO).isMissing()));
  }

  @EveryEngine
  void division_byZero_isMissing() {
    // 2 pings / 0 pongs is missing: neither >= 0 nor < 0
    assertTrue(fires(PINGS.div(PONGS).isMissing()));
    assertFalse(fires(PINGS.div(PONGS).ge(0)));
    assertFalse(fires(PINGS.div(PONGS).lt(0)));
    // 0 / 2 is 0
    assertTrue(fires(PONGS.div(PINGS).eq(0)));
  }

  @EveryEngine
  void division_roundsToThirtyFourSignificantDigits() {
    // 200 / 3 = 66.666...: 34 significant digits end in ...67
    ScoreCard card = score(trait("employees").div(3).gt(66));
    assertTrue(card.fired("r"));
    assertTrue(fires(trait("employees").div(3).eq(new BigDecimal("66." + "6".repeat(31) + "7"))));
    // 200 / 600 = 0.333...3 (34 threes), times 3 is 0.999...9, not 1: the rounding is visible
    assertFalse(fires(trait("employees").div(600).times(3).eq(1)));
    assertTrue(
        fires(trait("employees").div(600).times(3).eq(new BigDecimal("0." + "9".repeat(34)))));
  }

  @EveryEngine
  void multiplication_roundsToThirtyFourSignificantDigits() {
    // (200 / 3) * 3 is exactly 200.0000...01 (35 digits), which rounds half-even to 200
    assertTrue(fires(trait("employees").div(3).times(3).eq(200)));
    // 1.000...01 (34 digits) squared is 1.000...02000...01 (67 digits): rounded, 1.000...02
    Expr x = Expr.lit(new BigDecimal("1." + "0".repeat(32) + "1"));
    assertTrue(fires(x.times(x).eq(new BigDecimal("1." + "0".repeat(32) + "2"))));
  }

  @EveryEngine
  void aLongProductChain_staysBoundedInDigits() {
    // x^256 of a 34-digit x would have 8,704 digits exactly; each product rounds to 34, so the
    // chain is the same number as rounding step by step, whichever engine evaluates it.
    BigDecimal x = new BigDecimal("1.000000000000000000000000000000001");
    Expr chain = trait("employees").div(200);
    BigDecimal expected = BigDecimal.ONE;
    for (int i = 0; i < 256; i++) {
      chain = chain.times(Expr.lit(x));
      expected = expected.multiply(x, java.math.MathContext.DECIMAL128);
    }
    assertTrue(expected.precision() <= 34);
    assertTrue(x.pow(256).precision() > 8_000);
    assertTrue(fires(chain.eq(expected)));
  }

  @EveryEngine
  void arithmetic_beyondTheRange_isMissing_andBelowItRoundsToZero() {
    // 200 * 10^32 = 2 * 10^34 is not below 10^34: missing, so it compares false either way
    Expr big = trait("employees").times(new BigDecimal("1E+32"));
    assertFalse(fires(big.gt(0)));
    assertFalse(fires(big.le(0)));
    assertTrue(fires(big.isMissing()));
    // 9,999...9 (34 nines) + 1 is 10^34: missing too
    Expr nines = Expr.lit(new BigDecimal("9".repeat(34)));
    assertTrue(fires(nines.plus(trait("employees").div(200)).isMissing()));
    assertTrue(fires(nines.minus(trait("employees").div(200)).gt(0)));
    // 200 * 10^-34 = 2 * 10^-32; divided by 1,000 it is 2 * 10^-35, under half of 10^-34, so 0;
    // divided by 300 it is 6.7 * 10^-35, over half, so 10^-34
    Expr small = trait("employees").times(new BigDecimal("1E-34"));
    assertTrue(fires(small.eq(new BigDecimal("2E-32"))));
    assertTrue(fires(small.div(1000).eq(0)));
    assertTrue(fires(small.div(300).eq(new BigDecimal("1E-34"))));
  }

  @EveryEngine
  void lower_isLocaleIndependent() {
    // Under the tr_TR default locale "FINTECH".toLowerCase() would be "fıntech" (dotless i).
    assertTrue(fires(new Expr.Lower(trait("industry")).eq("fintech")));
    assertTrue(fires(new Expr.Lower(trait("industry")).in("software", "fintech")));
  }

  @EveryEngine
  void stringMatches_areExactAndCaseSensitive() {
    assertFalse(fires(trait("industry").eq("fintech")));
    assertFalse(fires(trait("industry").in("software", "fintech")));
    assertTrue(fires(trait("industry").in("software", "FINTECH")));
  }

  @EveryEngine
  void in_comparesNumbersByValue() {
    assertTrue(fires(trait("employees").in(new BigDecimal("200.00"), 500)));
  }

  @EveryEngine
  void between_includesBothEnds() {
    assertTrue(fires(trait("employees").between(200, 500)));
    assertTrue(fires(trait("employees").between(50, 200)));
    assertFalse(fires(trait("employees").between(201, 500)));
    assertFalse(fires(trait("employees").between(50, 199)));
  }

  @EveryEngine
  void andOr_treatMissingAsNotHolding() {
    assertFalse(fires(RATIO.gt(0).and(trait("trial").eq(true))));
    assertTrue(fires(RATIO.gt(0).or(trait("trial").eq(true))));
    assertTrue(fires(Expr.any(RATIO.gt(0), RATIO.le(0), trait("employees").eq(200))));
  }

  @EveryEngine
  void timeComparisons_orderInstants_andMissingTimesCompareFalse() {
    // pings at 10:00 and 11:00 today; no pong ever
    Expr firstPing = Expr.agg(Aggregate.firstSeen(EventFilter.of("ping")));
    Expr lastPing = Expr.agg(Aggregate.lastSeen(EventFilter.of("ping")));
    Expr firstPong = Expr.agg(Aggregate.firstSeen(EventFilter.of("pong")));
    assertTrue(fires(firstPing.eq(Instant.parse("2026-11-20T10:00:00Z"))));
    assertTrue(fires(firstPing.lt(lastPing)));
    assertTrue(
        fires(
            lastPing.between(
                Instant.parse("2026-11-20T11:00:00Z"), Instant.parse("2026-11-20T12:00:00Z"))));
    assertFalse(fires(firstPong.lt(Instant.parse("2030-01-01T00:00:00Z"))));
    assertTrue(fires(firstPong.isMissing()));
  }

  @EveryEngine
  void firedRule_reportsMissingValuesItRead() {
    ScoreCard card = score(RATIO.isMissing().and(trait("employees").gt(100)));
    assertEquals(
        List.of(
            new SignalValue("ratio", Optional.empty(), Optional.empty()),
            new SignalValue("employees", Optional.empty(), Optional.of(Value.num(200)))),
        card.contribution("r").orElseThrow().values());
    assertEquals("ratio = missing", card.contributions().get(0).values().get(0).toString());
  }
}
