package dev.pls.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.card.ScoreCard;
import dev.pls.core.input.Entity;
import dev.pls.core.input.Event;
import dev.pls.core.model.Aggregate;
import dev.pls.core.model.EventFilter;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Model;
import dev.pls.core.model.NumberRange;
import dev.pls.core.model.Signal;
import dev.pls.core.model.TraitType;
import dev.pls.core.scoring.Scorer;
import dev.pls.core.testing.Fixtures;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/*
 * Numbers at the edge of the range, on every engine: 34-digit traits and amounts multiplied,
 * added, divided and summed. Each result is held to an oracle written here from the words of
 * docs/semantics.md §9 (not from the engines' shared code): the exact result rounded half-even to
 * 34 significant digits when it is at least 0.1 in absolute value, else to 34 digits after the
 * point, and missing when that is 10^34 or more. A rule per expression fires exactly when the
 * engine's value equals the oracle's (or, for a missing one, when it is missing), and every card
 * equals the reference's, so engines that rounded differently, or not at all, disagree here.
 */
/** Rounding of products and sums of 34-digit numbers is the documented one on every engine. */
class ArithmeticContractProperties {
  private static final BigDecimal LIMIT = BigDecimal.ONE.scaleByPowerOfTen(NumberRange.DIGITS);
  private static final BigDecimal TENTH = new BigDecimal("0.1");
  private static final EventFilter PAY = EventFilter.of("pay");

  @Provide
  Arbitrary<Engine> engines() {
    return Arbitraries.of(Engine.class).edgeCases(c -> c.add(Engine.values()));
  }

  /** The documented rounding, or null for missing. */
  private static BigDecimal oracle(BigDecimal exact) {
    BigDecimal r =
        exact.abs().compareTo(TENTH) >= 0
            ? exact.round(MathContext.DECIMAL128)
            : exact.setScale(NumberRange.DIGITS, RoundingMode.HALF_EVEN);
    return r.abs().compareTo(LIMIT) >= 0 ? null : r;
  }

  /** The documented rounding of {@code x / y}, y not zero, or null for missing. */
  private static BigDecimal quotient(BigDecimal x, BigDecimal y) {
    // BigDecimal rounds a quotient correctly to either precision or scale; which one is the
    // documented one depends on whether the exact quotient is at least 0.1.
    BigDecimal q =
        x.abs().compareTo(y.abs().multiply(TENTH)) >= 0
            ? x.divide(y, MathContext.DECIMAL128)
            : x.divide(y, NumberRange.DIGITS, RoundingMode.HALF_EVEN);
    return q.abs().compareTo(LIMIT) >= 0 ? null : q;
  }

  /** A number in range: 1 to 34 random digits, anywhere from 10^-34 to just below 10^34. */
  private static BigDecimal number(Random r) {
    int digits = 1 + r.nextInt(NumberRange.DIGITS);
    BigInteger unscaled = new BigInteger(digits * 4, r).mod(BigInteger.TEN.pow(digits));
    int scale = digits - NumberRange.DIGITS + r.nextInt(2 * NumberRange.DIGITS + 1 - digits);
    return new BigDecimal(r.nextBoolean() ? unscaled : unscaled.negate(), scale);
  }

  /** A rule that fires exactly when {@code e}'s value is what the oracle says. */
  private static Expr is(Expr e, BigDecimal expected) {
    return expected == null ? e.isMissing() : e.eq(expected);
  }

  @Property(tries = 300)
  void productsQuotientsAndSumsOf34DigitNumbers_roundAsDocumented_onEveryEngine(
      @ForAll Random random, @ForAll boolean readsEvents, @ForAll("engines") Engine engine) {
    BigDecimal a = number(random);
    BigDecimal b = number(random);
    BigDecimal c = number(random);
    assertTrue(NumberRange.contains(a) && NumberRange.contains(b) && NumberRange.contains(c));
    List<Expr> checks = new ArrayList<>();
    Expr ea = Expr.trait("a");
    Expr eb = Expr.trait("b");
    Expr ec = Expr.trait("c");
    checks.add(is(ea.times(eb), oracle(a.multiply(b))));
    checks.add(is(ea.plus(eb), oracle(a.add(b))));
    checks.add(is(ea.minus(eb), oracle(a.subtract(b))));
    BigDecimal ab = oracle(a.multiply(b));
    checks.add(is(ea.times(eb).times(ec), ab == null ? null : oracle(ab.multiply(c))));
    checks.add(is(ea.times(eb).plus(ec), ab == null ? null : oracle(ab.add(c))));
    if (b.signum() != 0) {
      checks.add(is(ea.div(eb), quotient(a, b)));
    }
    List<Event> events = new ArrayList<>();
    BigDecimal sum = BigDecimal.ZERO;
    if (readsEvents) {
      int n = 1 + random.nextInt(8);
      for (int i = 0; i < n; i++) {
        BigDecimal amount = number(random);
        sum = sum.add(amount);
        events.add(
            Fixtures.event(
                "u",
                "pay",
                Fixtures.AS_OF.minusSeconds(60L * (1 + random.nextInt(5000))),
                "amount",
                amount));
      }
      Expr total = new Signal("total", Aggregate.sum(PAY, "amount")).allTime();
      BigDecimal s = oracle(sum);
      checks.add(is(total, s));
      checks.add(is(total.times(ea), s == null ? null : oracle(s.multiply(a))));
    }
    Model.Builder m =
        Model.builder("arith")
            .trait("a", TraitType.NUMBER)
            .trait("b", TraitType.NUMBER)
            .trait("c", TraitType.NUMBER);
    m.category(
        "checks",
        cat -> {
          for (int i = 0; i < checks.size(); i++) {
            cat.rule("r" + i, checks.get(i), 1, "check " + i);
          }
        });
    Model model = m.build();
    Entity entity =
        Entity.builder("u").trait("a", a).trait("b", b).trait("c", c).events(events).build();
    ScoreCard card = engine.scorer(model).score(entity, Fixtures.AS_OF);
    for (int i = 0; i < checks.size(); i++) {
      assertTrue(card.fired("r" + i), checks.get(i) + " with a=" + a + " b=" + b + " c=" + c);
    }
    assertEquals(Scorer.reference(model).score(entity, Fixtures.AS_OF), card);
  }
}
