package dev.pls.core.internal.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.pls.core.internal.Arithmetic;
import dev.pls.core.model.Value;
import java.math.BigDecimal;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** The store's division-free quotient (trend slopes) equals the reference's 34-digit division. */
class BucketsQuotientProperties {

  @Property(tries = 300)
  void quotient_whenDefined_equalsReferenceDivision(
      @ForAll long numerator, @ForAll @IntRange(min = 1, max = 2000) int denominator) {
    Value q = Buckets.quotient(numerator, denominator);
    if (q != null) {
      assertEquals(reference(numerator, denominator), q);
    }
  }

  @Property(tries = 100)
  void quotient_fourWeekTrendOfRealisticCounts_isDefinedAndExact(
      @ForAll @LongRange(min = -1_000_000_000L, max = 1_000_000_000L) long numerator) {
    long denominator = Aggregation.trendDenominator(4);
    assertEquals(20, denominator);
    Value q = Buckets.quotient(numerator, denominator);
    assertNotNull(q);
    assertEquals(reference(numerator, denominator), q);
  }

  private static Value reference(long numerator, long denominator) {
    return Value.num(
        Arithmetic.divide(BigDecimal.valueOf(numerator), BigDecimal.valueOf(denominator)));
  }
}
