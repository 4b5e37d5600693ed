package dev.pls.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pls.core.model.Decay;
import dev.pls.core.model.Resolution;
import dev.pls.core.model.Window;
import org.junit.jupiter.api.Test;

/* The decay arithmetic every engine shares, on hundredths, with values worked out by hand. */
class DecaysTest {
  private static final Decay HALF_14D = Decay.halfLife(14, Window.Unit.DAYS);
  private static final Decay LINEAR_2W = Decay.linear(2, Window.Unit.WEEKS);

  @Test
  void halfLife_atOneHalfLife_isExactlyHalf_roundedHalfEven() {
    assertEquals(1000, Decays.points(HALF_14D, 2000, 14, Resolution.DAY));
    // 0.03 / 2 = 0.015 -> 0.02; 0.01 / 2 = 0.005 -> 0; signs alike
    assertEquals(2, Decays.points(HALF_14D, 3, 14, Resolution.DAY));
    assertEquals(0, Decays.points(HALF_14D, 1, 14, Resolution.DAY));
    assertEquals(-2, Decays.points(HALF_14D, -3, 14, Resolution.DAY));
    assertEquals(250, Decays.points(HALF_14D, 1000, 28, Resolution.DAY));
  }

  @Test
  void halfLife_longAgo_reachesZero_andTheMaximumPointsStayExact() {
    assertEquals(0, Decays.points(HALF_14D, 100_000_000_000L, 100_000, Resolution.DAY));
    assertEquals(100_000_000_000L, Decays.points(HALF_14D, 100_000_000_000L, 0, Resolution.DAY));
  }

  @Test
  void lengths_areCountedInTheModelsBuckets() {
    // 2w = 14 days = 336 hours: 7 days or 168 hours are half the lifespan
    assertEquals(500, Decays.points(LINEAR_2W, 1000, 7, Resolution.DAY));
    assertEquals(500, Decays.points(LINEAR_2W, 1000, 168, Resolution.HOUR));
    assertEquals(0, Decays.points(LINEAR_2W, 1000, 14, Resolution.DAY));
    assertEquals(0, Decays.points(LINEAR_2W, -1000, 400, Resolution.DAY));
    // 10 * 13/14 = 9.2857... -> 9.29
    assertEquals(929, Decays.points(LINEAR_2W, 1000, 1, Resolution.DAY));
  }
}
