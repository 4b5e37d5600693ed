package dev.pls.dsl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.model.Window;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Window literals, where a condition's window reaches, and calls' own windows. */
class WindowChecksTest {
  private static final String MODEL = "model m\ntrait employees: int\n";

  private static Ast.WindowLit lit(int amount, char unit) {
    return new Ast.WindowLit(amount, unit, Ast.Span.NONE);
  }

  @Test
  void window_validLiteral_isACoreWindow() {
    CheckerFixture f = CheckerFixture.declared(MODEL);
    assertEquals(Optional.of(new Window(2, Window.Unit.WEEKS)), f.windows.window(lit(2, 'w')));
    assertEquals(List.of(), f.diagnostics());
  }

  @Test
  void window_minutesOrZero_isReported() {
    CheckerFixture f = CheckerFixture.declared(MODEL);
    assertTrue(f.windows.window(lit(30, 'm')).isEmpty());
    assertTrue(f.windows.window(lit(0, 'd')).isEmpty());
    assertEquals(2, f.diagnostics().size());
    f.diagnostics().forEach(d -> assertTrue(d.contains("PLS0303"), d));
  }

  @Test
  void window_hoursInADayModel_isNotWholeBuckets() {
    CheckerFixture f = CheckerFixture.declared(MODEL);
    assertTrue(f.windows.window(lit(36, 'h')).isEmpty());
    CheckerFixture hourly = CheckerFixture.declared("model m resolution 1h\n");
    assertTrue(hourly.windows.window(lit(36, 'h')).isPresent());
  }

  @Test
  void duration_everyUnit() {
    assertEquals(Duration.ofMinutes(30), WindowChecks.duration(lit(30, 'm')));
    assertEquals(Duration.ofHours(4), WindowChecks.duration(lit(4, 'h')));
    assertEquals(Duration.ofDays(7), WindowChecks.duration(lit(7, 'd')));
    assertEquals(Duration.ofDays(14), WindowChecks.duration(lit(2, 'w')));
  }

  @Test
  void within_reachingNoAggregate_isReportedOnce() {
    CheckerFixture f = CheckerFixture.probing(MODEL, "employees > 3 within 7d");
    assertTrue(f.condition(Scope.RULE).isEmpty());
    assertEquals(1, f.diagnostics().size());
    assertTrue(f.diagnostics().get(0).contains("PLS0302 'within 7d' applies to no aggregate"));
  }

  @Test
  void ownWindow_onAFunctionWithItsOwnHorizon_isReported() {
    CheckerFixture f = CheckerFixture.probing(MODEL, "trend(any, 4w) within 7d > 0");
    assertTrue(f.condition(Scope.RULE).isEmpty());
    assertEquals(1, f.diagnostics().size());
    assertTrue(f.diagnostics().get(0).contains("PLS0302 trend() has its own horizon"));
  }
}
