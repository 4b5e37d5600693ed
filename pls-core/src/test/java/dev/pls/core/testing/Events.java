package dev.pls.core.testing;

import dev.pls.core.input.Entity;
import dev.pls.core.input.Event;
import dev.pls.core.model.Model;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/*
 * Generators of as-of instants, event streams and entities for property tests, in the
 * vocabulary of Models (events a, b, c and "other"; properties n and s; traits t_num, t_int,
 * t_str, t_bool).
 *
 * Event times are drawn relative to the as-of instant T and the model's zone, so that a good
 * share of them sit exactly where evaluators go wrong: at T, just after T, at the first instant
 * of a local day and the nanosecond before it, at local hour starts, and on both sides of the
 * DST changes that the as-of instants are chosen around. Streams are in no particular order.
 */
/** Reusable jqwik {@link Arbitrary} providers of as-of instants, events and entities. */
public final class Events {
  private Events() {}

  /** The user every generated event and entity belongs to. */
  public static final String USER = "u";

  /** Instants around which as-of instants are drawn: DST changes in {@link Models#ZONES}. */
  public static final List<Instant> ANCHORS =
      List.of(
          Instant.parse("2026-03-08T07:00:00Z"), // New York spring forward
          Instant.parse("2026-03-29T01:00:00Z"), // Berlin spring forward
          Instant.parse("2026-04-04T15:00:00Z"), // Lord Howe: 02:00 +11 -> 01:30 +10:30
          Instant.parse("2026-10-03T15:30:00Z"), // Lord Howe: 02:00 +10:30 -> 02:30 +11
          Instant.parse("2026-10-25T01:00:00Z"), // Berlin fall back
          Instant.parse("2026-11-01T06:00:00Z"), // New York fall back
          Instant.parse("2026-11-20T12:00:00Z")); // an ordinary Friday noon UTC

  /**
   * As-of instants: within three days either side of an {@link #ANCHORS anchor} (so windows and
   * weeks straddle a DST change), on an exact hour, or anywhere in 2026.
   */
  public static Arbitrary<Instant> asOfs() {
    Arbitrary<Instant> nearAnchor =
        Combinators.combine(
                Arbitraries.of(ANCHORS), Arbitraries.longs().between(-3 * 86_400, 3 * 86_400))
            .as(Instant::plusSeconds);
    Arbitrary<Instant> onTheHour =
        Combinators.combine(Arbitraries.of(ANCHORS), Arbitraries.integers().between(-72, 72))
            .as((a, h) -> a.plus(Duration.ofHours(h)));
    Arbitrary<Instant> anyTime =
        Arbitraries.longs()
            .between(0, 365L * 86_400 - 1)
            .map(s -> Instant.parse("2026-01-01T00:00:00Z").plusSeconds(s));
    return Memo.of(
        Arbitraries.frequencyOf(
            Tuple.of(5, nearAnchor), Tuple.of(2, onTheHour), Tuple.of(1, anyTime)));
  }

  /**
   * Something generated relative to a model's zone and an as-of instant, so that generators need no
   * {@code flatMap} (which makes jqwik rebuild the arbitraries under it for every value).
   */
  @FunctionalInterface
  public interface Relative<T> {
    /** The value for a model in {@code zone} scored as of {@code asOf}. */
    T at(ZoneId zone, Instant asOf);
  }

  /**
   * Event times for a model in a zone scored as of T: mostly in the 45 days before T, some exactly
   * at window edges (local day starts, local hour starts, a nanosecond either side), at T, and some
   * after T (which must never count).
   */
  public static Arbitrary<Relative<Instant>> times() {
    Arbitrary<Relative<Instant>> before =
        Arbitraries.longs().between(0, 45L * 86_400).map(s -> (z, t) -> t.minusSeconds(s));
    Arbitrary<Relative<Instant>> nanosBefore =
        Arbitraries.longs()
            .between(0, 3L * 86_400_000_000_000L)
            .map(n -> (z, t) -> t.minusNanos(n));
    Arbitrary<Relative<Instant>> dayEdge =
        Combinators.combine(Arbitraries.integers().between(0, 45), Arbitraries.of(0L, -1L, 1L))
            .as(
                (k, nanos) ->
                    (z, t) ->
                        t.atZone(z)
                            .toLocalDate()
                            .minusDays(k)
                            .atStartOfDay(z)
                            .toInstant()
                            .plusNanos(nanos));
    Arbitrary<Relative<Instant>> hourEdge =
        Combinators.combine(Arbitraries.integers().between(0, 80), Arbitraries.of(0L, -1L))
            .as(
                (k, nanos) ->
                    (z, t) ->
                        t.atZone(z)
                            .truncatedTo(ChronoUnit.HOURS)
                            .toInstant()
                            .minus(Duration.ofHours(k))
                            .plusNanos(nanos));
    Arbitrary<Relative<Instant>> atT = Arbitraries.of(0L, 1L).map(n -> (z, t) -> t.minusNanos(n));
    Arbitrary<Relative<Instant>> afterT =
        Arbitraries.of(Duration.ofNanos(1), Duration.ofSeconds(1), Duration.ofDays(2))
            .map(d -> (z, t) -> t.plus(d));
    return Memo.of(
        Arbitraries.frequencyOf(
            Tuple.of(8, before),
            Tuple.of(1, nanosBefore),
            Tuple.of(3, dayEdge),
            Tuple.of(2, hourEdge),
            Tuple.of(1, atT),
            Tuple.of(1, afterT)));
  }

  /** Events of {@link #USER} at a time from {@link #times()}. */
  public static Arbitrary<Relative<Event>> events() {
    Arbitrary<String> names =
        Arbitraries.frequencyOf(
            Tuple.of(6, Arbitraries.of(Models.EVENT_NAMES)),
            Tuple.of(1, Arbitraries.just("other")));
    Arbitrary<Optional<Object>> n =
        Arbitraries.frequencyOf(
                Tuple.of(4, Models.numbers().map(v -> (Object) v)),
                Tuple.of(1, Arbitraries.of((Object) "7", (Object) true)))
            .optional(0.7);
    Arbitrary<Optional<String>> s = Arbitraries.of(Models.STRINGS).optional(0.7);
    return Memo.of(
        Combinators.combine(names, times(), n, s)
            .as(
                (name, time, nv, sv) ->
                    (z, t) -> {
                      Event e = Event.of(USER, name, time.at(z, t));
                      if (nv.isPresent()) {
                        e = e.withProperty(Models.NUM_PROP, nv.get());
                      }
                      if (sv.isPresent()) {
                        e = e.withProperty(Models.STR_PROP, sv.get());
                      }
                      return e;
                    }));
  }

  /** Streams of 0 to {@code max} events, in no particular order, with repeats. */
  public static Arbitrary<Relative<List<Event>>> streams(int max) {
    return events()
        .list()
        .ofMaxSize(max)
        .withSizeDistribution(RandomDistribution.uniform())
        .map(es -> (z, t) -> es.stream().map(e -> e.at(z, t)).toList());
  }

  /** Streams for a model in {@code zone} scored as of {@code asOf}. */
  public static Arbitrary<List<Event>> streams(ZoneId zone, Instant asOf, int max) {
    return streams(max).map(r -> r.at(zone, asOf));
  }

  /** Entities of {@link #USER} with up to 40 events and each trait possibly missing. */
  public static Arbitrary<Relative<Entity>> entities() {
    Arbitrary<Optional<BigDecimal>> num = Models.numbers().optional(0.8);
    Arbitrary<Optional<Integer>> integer = Arbitraries.integers().between(0, 2000).optional(0.8);
    Arbitrary<Optional<String>> str = Arbitraries.of(Models.STRINGS).optional(0.8);
    Arbitrary<Optional<Boolean>> bool = Arbitraries.of(true, false).optional(0.8);
    return Memo.of(
        Combinators.combine(streams(40), num, integer, str, bool)
            .as(
                (events, tn, ti, ts, tb) ->
                    (z, t) -> {
                      Entity.Builder b = Entity.builder(USER).events(events.at(z, t));
                      tn.ifPresent(v -> b.trait("t_num", v));
                      ti.ifPresent(v -> b.trait("t_int", v));
                      ts.ifPresent(v -> b.trait("t_str", v));
                      tb.ifPresent(v -> b.trait("t_bool", v));
                      return b.build();
                    }));
  }

  /** A generated model, an entity for it and an as-of instant. */
  public static Arbitrary<Scenario> scenarios() {
    return scenarios(Models.models());
  }

  /** Scenarios for models drawn from {@code models}. */
  public static Arbitrary<Scenario> scenarios(Arbitrary<Model> models) {
    return Memo.of(
        Combinators.combine(models, asOfs(), entities())
            .as((m, t, e) -> new Scenario(m, e.at(m.zone(), t), t)));
  }
}
