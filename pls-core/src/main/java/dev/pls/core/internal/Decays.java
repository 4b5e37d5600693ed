package dev.pls.core.internal;

import dev.pls.core.model.Aggregate;
import dev.pls.core.model.Decay;
import dev.pls.core.model.EventFilter;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Resolution;
import dev.pls.core.model.Signal;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/*
 * Decay in one place, so that no two engines can compute it differently.
 *
 * What a decayed rule's age is taken from: the newest event the condition read. Each aggregate
 * the condition reads, over its window, reads the events of its filters; so the age reads are
 * last_seen(f) over that same window for every filter f of every aggregate. growth_weeks and trend
 * give no age: they take no window but a horizon of local weeks, which no window over hours
 * matches, and they measure a shape of weekly counts rather than an occurrence. Every engine already computes last_seen over any
 * window, held equal by the contract suites, so decay adds no new aggregate to any of them: an
 * engine computes these reads as it computes any signal and hands the newest to points().
 *
 * The arithmetic is on longs of hundredths and exact decimals, rounded once, half-even:
 * - linear: p * (L - a) / L for a < L, else 0; the quotient of two integers, rounded exactly;
 * - half-life: the factor is StrictMath.pow(2, -a / h) with a / h one correctly rounded double
 *   division. StrictMath is specified bit for bit (fdlibm), so every JVM gets the same double;
 *   the product of p and that double is then taken exactly (BigDecimal of the double) and rounded
 *   once. At a = 0 the factor is 1 and at a = h exactly 0.5, so those cases are exact.
 */
/** The age reads and the arithmetic of {@link Decay}, shared by every engine. */
public final class Decays {
  private Decays() {}

  /**
   * The reads a decayed rule takes its age from: {@code last_seen(f)} over the window of each
   * aggregate in {@code condition} but growth_weeks and trend, for each filter {@code f} it reads;
   * distinct, first use first. Empty when the condition reads no such aggregate.
   */
  public static List<Expr.Agg> ageReads(Expr condition) {
    List<Expr.Agg> reads = new ArrayList<>();
    condition.walk(
        x -> {
          if (x instanceof Expr.Agg a && a.signal().aggregate().windowed()) {
            Aggregate agg = a.signal().aggregate();
            Optional<dev.pls.core.model.Window> window = a.window();
            for (EventFilter f : agg.filters()) {
              Aggregate.LastSeen last = new Aggregate.LastSeen(f);
              Expr.Agg read = new Expr.Agg(Signal.inline(last), window);
              if (!reads.contains(read)) {
                reads.add(read);
              }
            }
          }
        });
    return List.copyOf(reads);
  }

  /**
   * The points, in hundredths, of a rule of {@code hundredths} points decayed by {@code decay} at
   * {@code age} buckets of {@code resolution} ({@code age >= 0}).
   */
  public static long points(Decay decay, long hundredths, long age, Resolution resolution) {
    if (age < 0) {
      throw new AssertionError("negative age: " + age);
    }
    long length = decay.length().buckets(resolution);
    switch (decay.shape()) {
      case LINEAR:
        if (age >= length) {
          return 0;
        }
        return BigDecimal.valueOf(hundredths)
            .multiply(BigDecimal.valueOf(length - age))
            .divide(BigDecimal.valueOf(length), 0, RoundingMode.HALF_EVEN)
            .longValueExact();
      case HALF_LIFE:
        double factor = StrictMath.pow(2, -((double) age / (double) length));
        return BigDecimal.valueOf(hundredths)
            .multiply(new BigDecimal(factor))
            .setScale(0, RoundingMode.HALF_EVEN)
            .longValueExact();
    }
    throw new AssertionError("unknown decay: " + decay);
  }
}
