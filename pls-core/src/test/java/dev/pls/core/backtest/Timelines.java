package dev.pls.core.backtest;

import static dev.pls.core.testing.Fixtures.at;
import static dev.pls.core.testing.Fixtures.event;

import dev.pls.core.model.Expr;
import dev.pls.core.model.Model;
import dev.pls.core.model.TraitType;
import dev.pls.core.model.Value;
import dev.pls.core.model.Window;
import java.time.Duration;
import java.util.Map;

/**
 * The small model and timeline of the worked example in {@code docs/evaluation.md}, shared by the
 * hand-computed tests.
 */
final class Timelines {
  private Timelines() {}

  /**
   * demo (ever) +50; invite within 7 days +20; bots excluded; hot at 50, warm at 20. Day
   * resolution, UTC.
   */
  static final Model MODEL =
      Model.builder("bt")
          .version(2)
          .trait("bot", TraitType.BOOL)
          .category(
              "c",
              c ->
                  c.rule("demo", Expr.occurred("demo"), 50, "Booked a demo")
                      .rule("invite", Expr.occurred("invite", Window.days(7)), 20, "Invited"))
          .exclude(Expr.trait("bot").eq(true), "bot")
          .tier("hot", Expr.score().ge(50))
          .tier("warm", Expr.score().ge(20))
          .build();

  /** Daily at midnight UTC, 1 to 5 March 2026. */
  static final Schedule.Grid GRID =
      new Schedule.Grid(at("2026-03-01T00:00:00Z"), at("2026-03-05T00:00:00Z"), Duration.ofDays(1));

  /** The worked example's outcomes: a, c (prior), d, and zed (never scored). */
  static Outcomes outcomes() {
    return Outcomes.builder("converted")
        .add("a", at("2026-03-03T12:00:00Z"))
        .add("c", at("2026-03-03T00:00:00Z"))
        .add("d", at("2026-03-04T12:00:00Z"))
        .add("d", at("2026-03-05T12:00:00Z"))
        .add("zed", at("2026-03-02T00:00:00Z"))
        .build();
  }

  /** Feeds the worked example's traits and events, in time order. */
  static void feed(Replay r) {
    r.traits("d", Map.of());
    r.traits("g", Map.of());
    r.traits("e", Map.of("bot", Value.bool(true)));
    r.event(event("a", "invite", "2026-02-27T12:00:00Z"));
    r.event(event("e", "demo", "2026-02-28T09:00:00Z"));
    r.event(event("b", "demo", "2026-03-01T05:00:00Z"));
    r.event(event("c", "invite", "2026-03-02T06:00:00Z"));
    r.event(event("a", "demo", "2026-03-03T10:00:00Z"));
  }
}
