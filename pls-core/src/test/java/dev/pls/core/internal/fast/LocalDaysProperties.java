package dev.pls.core.internal.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * One {@link LocalDays} asked for a run of instants (or their epoch seconds) (in time order,
 * shuffled, and on, just before and just after the zone's transitions, with and without nanos)
 * gives what {@link Aggregation#epochDay} gives for each, and the offset {@link
 * ZoneRules#getOffset} gives: its kept offset never outlives a transition.
 */
class LocalDaysProperties {
  private static final List<String> ZONES =
      List.of(
          "UTC",
          "+05:30",
          "America/New_York",
          "Australia/Lord_Howe",
          "Europe/London",
          "Asia/Kathmandu",
          "Pacific/Apia",
          "America/Sao_Paulo");

  @Property(tries = 300)
  void epochDay_runOfInstantsAroundTransitions_equalsAggregation(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 7) int zoneIndex) {
    Random r = new Random(seed);
    ZoneRules rules = ZoneId.of(ZONES.get(zoneIndex)).getRules();
    List<Instant> instants = instants(r, rules);
    if (r.nextBoolean()) {
      java.util.Collections.shuffle(instants, r);
    }
    LocalDays days = new LocalDays(rules);
    for (Instant t : instants) {
      assertEquals(Aggregation.epochDay(t, rules), days.epochDay(t), () -> t + " in " + rules);
    }
  }

  /**
   * The columnar ingest path asks by epoch second alone; interleaved with instants, as both run.
   */
  @Property(tries = 300)
  void epochDayOfSeconds_runOfInstantsAroundTransitions_equalsAggregation(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 7) int zoneIndex) {
    Random r = new Random(seed);
    ZoneRules rules = ZoneId.of(ZONES.get(zoneIndex)).getRules();
    List<Instant> instants = instants(r, rules);
    if (r.nextBoolean()) {
      java.util.Collections.shuffle(instants, r);
    }
    LocalDays days = new LocalDays(rules);
    for (Instant t : instants) {
      long day = r.nextBoolean() ? days.epochDay(t.getEpochSecond()) : days.epochDay(t);
      assertEquals(Aggregation.epochDay(t, rules), day, () -> t + " in " + rules);
    }
  }

  @Property(tries = 300)
  void offsetSeconds_runOfInstantsAroundTransitions_equalsZoneRules(
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 7) int zoneIndex) {
    Random r = new Random(seed);
    ZoneRules rules = ZoneId.of(ZONES.get(zoneIndex)).getRules();
    LocalDays days = new LocalDays(rules);
    for (Instant t : instants(r, rules)) {
      assertEquals(
          rules.getOffset(t).getTotalSeconds(), days.offsetSeconds(t), () -> t + " in " + rules);
    }
  }

  /** Instants from 1900 to 2100, many of them within seconds of a transition. */
  private static List<Instant> instants(Random r, ZoneRules rules) {
    List<Instant> out = new ArrayList<>();
    long start = Instant.parse("1900-01-01T00:00:00Z").getEpochSecond();
    long end = Instant.parse("2100-01-01T00:00:00Z").getEpochSecond();
    long t = start + (long) (r.nextDouble() * (end - start));
    for (int i = 0; i < 200; i++) {
      int nanos = r.nextBoolean() ? 0 : 1 + r.nextInt(999_999_999);
      switch (r.nextInt(4)) {
        case 0 -> t += r.nextInt(86_400 * 3);
        case 1 -> t -= r.nextInt(3_600);
        case 2 -> {
          ZoneOffsetTransition next = rules.nextTransition(Instant.ofEpochSecond(t));
          if (next != null) {
            t = next.toEpochSecond() + r.nextInt(3) - 1;
          }
        }
        default -> t = start + (long) (r.nextDouble() * (end - start));
      }
      out.add(Instant.ofEpochSecond(t, nanos));
    }
    return out;
  }
}
