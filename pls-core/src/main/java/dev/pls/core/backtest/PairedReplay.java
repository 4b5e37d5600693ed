package dev.pls.core.backtest;

import static java.util.Objects.requireNonNull;

import dev.pls.core.input.Event;
import dev.pls.core.model.Value;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One run of a {@link Comparison}: two {@link Replay}s, the champion's and the challenger's, fed
 * the same traits and events, and {@link #finish() finished} together into a {@link
 * ComparisonResult}. Each call is passed to both replays, the champion's first; what each replay
 * accepts and refuses is as {@link Replay} says.
 *
 * <p>Not thread-safe; single use.
 */
public final class PairedReplay {
  private final Comparison comparison;
  private final Replay champion;
  private final Replay challenger;
  private final RulePoints championPoints;
  private final RulePoints challengerPoints;

  PairedReplay(Comparison comparison) {
    this.comparison = comparison;
    Backtest a = comparison.champion();
    Backtest b = comparison.challenger();
    this.championPoints = new RulePoints(a.model(), a.outcomes());
    this.challengerPoints = new RulePoints(b.model(), b.outcomes());
    this.champion =
        withListener(
                a,
                (at, cards, done, total) -> {
                  championPoints.fold(cards, at);
                  a.listener().ifPresent(l -> l.step(at, cards, done, total));
                })
            .start();
    this.challenger =
        withListener(b, (at, cards, done, total) -> challengerPoints.fold(cards, at)).start();
  }

  private static Backtest withListener(Backtest b, Backtest.StepListener listener) {
    Backtest.Builder builder =
        Backtest.builder(b.model())
            .schedule(b.schedule())
            .accountRule(b.accountRule())
            .listener(listener);
    b.outcomes().ifPresent(builder::outcomes);
    return builder.build();
  }

  /**
   * Sets an entity's traits in both replays, as {@link Replay#traits} does.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if a value does not have its trait's declared type in either
   *     model
   * @throws IllegalStateException after {@link #finish()}
   */
  public void traits(String entity, Map<String, Value> traits) {
    champion.traits(entity, traits);
    challenger.traits(entity, traits);
  }

  /**
   * Records a user's traits in both replays, as {@link Replay#userTraits} does.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException after {@link #finish()}
   */
  public void userTraits(String user, Map<String, Value> traits) {
    champion.userTraits(user, traits);
    challenger.userTraits(user, traits);
  }

  /**
   * Feeds one event to both replays, as {@link Replay#event} does.
   *
   * @return false when the champion's replay could not key it or it falls after the schedule
   * @throws NullPointerException if {@code event} is null
   * @throws IllegalArgumentException if the event is at or before a step already scored (then
   *     neither replay took it)
   * @throws IllegalStateException after {@link #finish()}
   */
  public boolean event(Event event) {
    requireNonNull(event, "event");
    boolean taken = champion.event(event);
    challenger.event(event);
    return taken;
  }

  /**
   * Links two ids in both replays, as {@link Replay#link} does.
   *
   * @return what the link did in the champion's replay
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException as {@link Replay#link} does (then neither replay took it)
   * @throws IllegalStateException after {@link #finish()}
   */
  public dev.pls.core.input.IdentityGraph.Outcome link(String id, String userId, Instant time) {
    dev.pls.core.input.IdentityGraph.Outcome outcome = champion.link(id, userId, time);
    challenger.link(id, userId, time);
    return outcome;
  }

  /** What the links fed to the champion's replay did. */
  public dev.pls.core.input.IdentityGraph.Stats identityStats() {
    return champion.identityStats();
  }

  /** Events the champion's replay could not key or that fell after the schedule's end. */
  public long ignored() {
    return champion.ignored();
  }

  /** The instant before which events are refused: the last step scored, if any. */
  public Optional<Instant> lastStep() {
    return champion.lastStep();
  }

  /**
   * Scores the steps left in both replays and compares them.
   *
   * @throws IllegalStateException if called twice
   */
  public ComparisonResult finish() {
    BacktestResult a = champion.finish();
    BacktestResult b = challenger.finish();
    return Compare.of(
        comparison.champion().model(),
        comparison.challenger().model(),
        a,
        b,
        championPoints,
        challengerPoints);
  }
}
