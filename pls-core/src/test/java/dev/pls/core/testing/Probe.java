package dev.pls.core.testing;

import dev.pls.core.card.ScoreCard;
import dev.pls.core.card.SignalValue;
import dev.pls.core.input.Entity;
import dev.pls.core.input.Event;
import dev.pls.core.model.Aggregate;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Model;
import dev.pls.core.model.Resolution;
import dev.pls.core.model.Signal;
import dev.pls.core.model.Value;
import dev.pls.core.model.Window;
import dev.pls.core.scoring.Scorer;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads one aggregate's value the way a user sees it: on the card of a one-rule model whose rule
 * always fires ({@code x is missing or x is present}), so the value comes out of the public API
 * exactly as a fired rule reports it.
 *
 * <pre>
 * Probe.daily(ZoneOffset.UTC).value(Aggregate.count("ping"), Window.days(7), asOf, events)
 * </pre>
 */
public final class Probe {
  private final Resolution resolution;
  private final ZoneId zone;
  private final Function<Model, Scorer> scorers;

  private Probe(Resolution resolution, ZoneId zone, Function<Model, Scorer> scorers) {
    this.resolution = resolution;
    this.zone = zone;
    this.scorers = scorers;
  }

  /** A probe for models of resolution 1d in {@code zone}, scored by the reference evaluator. */
  public static Probe daily(ZoneId zone) {
    return new Probe(Resolution.DAY, zone, Scorer::reference);
  }

  /** A probe for models of resolution 1h in {@code zone}, scored by the reference evaluator. */
  public static Probe hourly(ZoneId zone) {
    return new Probe(Resolution.HOUR, zone, Scorer::reference);
  }

  /** A probe for daily UTC models. */
  public static Probe utc() {
    return daily(ZoneOffset.UTC);
  }

  /** This probe with another evaluator, e.g. a fast one under test. */
  public Probe scoredBy(Function<Model, Scorer> scorers) {
    return new Probe(resolution, zone, scorers);
  }

  /** The aggregate's value over {@code window} as of {@code asOf}; empty when missing. */
  public Optional<Value> value(
      Aggregate aggregate, Window window, Instant asOf, List<Event> events) {
    return value(aggregate, Optional.of(window), asOf, events);
  }

  /** The aggregate's value over all history (or its own horizon); empty when missing. */
  public Optional<Value> value(Aggregate aggregate, Instant asOf, List<Event> events) {
    return value(aggregate, Optional.empty(), asOf, events);
  }

  /** The aggregate's value; empty when missing. */
  public Optional<Value> value(
      Aggregate aggregate, Optional<Window> window, Instant asOf, List<Event> events) {
    Expr.Agg x = new Expr.Agg(Signal.inline(aggregate), window);
    Model model =
        Model.builder("probe")
            .resolution(resolution)
            .zone(zone)
            .category(
                "probe", c -> c.rule("read", Expr.any(x.isMissing(), x.isPresent()), 1, "read"))
            .build();
    String user = events.isEmpty() ? "u" : events.get(0).user();
    ScoreCard card = scorers.apply(model).score(new Entity(user, java.util.Map.of(), events), asOf);
    List<SignalValue> values = card.contributions().get(0).values();
    return values.get(0).value();
  }

  /** The number of matching events in {@code window}: {@code count(name) within window}. */
  public long count(String name, Window window, Instant asOf, List<Event> events) {
    Value v = value(Aggregate.count(name), window, asOf, events).orElseThrow();
    return ((Value.Num) v).value().longValueExact();
  }
}
