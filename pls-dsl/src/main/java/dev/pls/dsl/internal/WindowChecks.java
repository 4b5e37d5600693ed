package dev.pls.dsl.internal;

import dev.pls.core.model.MemberAggregate;
import dev.pls.core.model.Window;
import java.time.Duration;
import java.util.Optional;

/*
 * Window checks. A window literal is in hours, days or weeks, positive, at most Window.MAX_DAYS
 * and a whole number of the model's resolution buckets, so it relies on the header pass for the
 * resolution.
 *
 * `within W` after a condition applies to every aggregate in it that has no window of its own,
 * except those with their own horizon (growth_weeks, trend, active_growth); if it reaches none,
 * that is an error (a window on a trait). An aggregate call's own `within` binds to it alone, and
 * is an error on a function that takes no window (the function table says which). Event filters
 * and member conditions read one event or one member at a time and take no window; new_members
 * needs one, its own or the condition's.
 *
 * Condition typing carries an Ambient down the expression: the window in force and whether any
 * aggregate took it.
 */
/** Checks windows: literals, where a condition's window reaches, and calls' own windows. */
final class WindowChecks {

  /** The window a condition's {@code within} puts in force, and whether it reached anything. */
  static final class Ambient {
    private final Optional<Window> window;
    private boolean reached;

    private Ambient(Optional<Window> window) {
      this.window = window;
    }

    /** No window in force: a whole condition, a filter, a member condition, a value. */
    static Ambient none() {
      return new Ambient(Optional.empty());
    }
  }

  /**
   * A call's own window: absent, present, or wrong (reported).
   *
   * @param window the window, if the call has a valid one
   * @param failed whether the call's window is an error
   */
  record Own(Optional<Window> window, boolean failed) {
    private static final Own NONE = new Own(Optional.empty(), false);
    private static final Own FAILED = new Own(Optional.empty(), true);
  }

  private final Env env;
  private final Reporter reporter;

  WindowChecks(Env env) {
    this.env = env;
    this.reporter = env.reporter();
  }

  /** A window literal as a core window; empty on errors (reported). */
  Optional<Window> window(Ast.WindowLit w) {
    Window.Unit unit =
        switch (w.unit()) {
          case 'h' -> Window.Unit.HOURS;
          case 'd' -> Window.Unit.DAYS;
          case 'w' -> Window.Unit.WEEKS;
          default -> null;
        };
    if (unit == null) {
      reporter.error(
          Code.PLS0303, w.span(), "a window is in hours, days or weeks (h, d, w), not minutes");
      return Optional.empty();
    }
    if (w.amount() <= 0) {
      reporter.error(Code.PLS0303, w.span(), "a window must be positive, was " + w);
      return Optional.empty();
    }
    if ((long) w.amount() * unit.hours() > (long) Window.MAX_DAYS * 24) {
      reporter.error(
          Code.PLS0303,
          w.span(),
          "window " + w + " is longer than the maximum of " + Window.MAX_DAYS + "d");
      return Optional.empty();
    }
    Window window = new Window(w.amount(), unit);
    if (!window.fits(env.resolution())) {
      reporter.error(
          Code.PLS0303,
          w.span(),
          "window "
              + w
              + " is not a whole number of "
              + env.resolution()
              + " buckets; use a multiple of "
              + env.resolution());
      return Optional.empty();
    }
    return Optional.of(window);
  }

  /** A duration literal ({@code 30m}, {@code 4h}, {@code 7d}, {@code 2w}) as a duration. */
  static Duration duration(Ast.WindowLit w) {
    return switch (w.unit()) {
      case 'm' -> Duration.ofMinutes(w.amount());
      case 'h' -> Duration.ofHours(w.amount());
      case 'd' -> Duration.ofDays(w.amount());
      default -> Duration.ofDays(7L * w.amount());
    };
  }

  /**
   * The ambient window {@code within} puts in force over its operand; empty if the literal is wrong
   * or the scope takes no window (reported).
   */
  Optional<Ambient> open(Ast.Within w, Scope scope) {
    Optional<Window> window = window(w.window());
    if (window.isEmpty()) {
      return Optional.empty();
    }
    if (scope == Scope.FILTER || scope == Scope.MEMBER) {
      reporter.error(
          Code.PLS0302,
          w.window().span(),
          scope == Scope.FILTER
              ? "an event filter reads one event at a time and takes no window"
              : "a member condition reads member traits, which take no window");
      return Optional.empty();
    }
    return Optional.of(new Ambient(window));
  }

  /** Whether {@code within}'s window reached an aggregate of its operand; reports it if not. */
  boolean reached(Ast.Within w, Ambient ambient) {
    if (ambient.reached) {
      return true;
    }
    reporter.error(
        Code.PLS0302,
        w.window().span(),
        "'within "
            + w.window()
            + "' applies to no aggregate in '"
            + Printer.expr(w.operand())
            + "'; traits, literals, growth_weeks and trend take no window");
    return false;
  }

  /** A call's own {@code within}, checked against what its function declares. */
  Own own(Functions.Declaration<?> fn, Ast.Call c) {
    if (c.window().isEmpty()) {
      return Own.NONE;
    }
    Ast.WindowLit w = c.window().get();
    if (!fn.window().windowed(c.args().size())) {
      if (fn.family() == Functions.Family.MEMBER) {
        reporter.error(
            Code.PLS0306,
            w.span(),
            "'"
                + Printer.expr(new Ast.Call(c.function(), c.args(), Optional.empty(), c.span()))
                + "' takes no window: "
                + (fn.window() == Functions.WindowUse.OWN_HORIZON
                    ? "it compares the last two weeks"
                    : "it reads no events")
                + "; remove 'within "
                + w
                + "'");
      } else {
        reporter.error(
            Code.PLS0302,
            w.span(),
            c.function() + "() has its own horizon in weeks and takes no window");
      }
      return Own.FAILED;
    }
    Optional<Window> window = window(w);
    return window.isEmpty() ? Own.FAILED : new Own(window, false);
  }

  /**
   * The window an aggregate reads: none if it is not windowed, else its own, else the ambient one,
   * which it then counts as reached.
   */
  Optional<Window> applied(boolean windowed, Optional<Window> own, Ambient ambient) {
    if (!windowed) {
      return Optional.empty();
    }
    if (own.isPresent()) {
      return own;
    }
    if (ambient.window.isPresent()) {
      ambient.reached = true;
    }
    return ambient.window;
  }

  /** Whether a member aggregate that needs a window has one; reports it if not. */
  boolean hasNeededWindow(MemberAggregate a, Optional<Window> window, String text, Ast.Span span) {
    if (window.isPresent() || !a.needsWindow()) {
      return true;
    }
    reporter.error(
        Code.PLS0306,
        span,
        "'"
            + text
            + "' needs a window: new members are new within a period, e.g. '"
            + text
            + " within 7d'");
    return false;
  }
}
