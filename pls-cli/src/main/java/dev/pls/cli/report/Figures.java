package dev.pls.cli.report;

import dev.pls.core.backtest.BacktestResult;
import dev.pls.core.backtest.EntityResult;
import dev.pls.core.backtest.Rate;
import dev.pls.core.model.Points;
import dev.pls.core.model.Tier;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The figures of the report that a {@link BacktestResult} does not hold ready-made, derived from
 * its entities.
 *
 * <p>Score bands are deciles by rank with ties kept together: entities (not prior, with a highest
 * score) are sorted by highest score and cut into ten groups of about equal size, except that
 * entities with the same score always share a band, so a band's edges are scores that occur and
 * there may be fewer than ten bands. Equal-count bands put the same weight of evidence behind each
 * observed rate, whatever the shape of the score distribution; fixed-width bands would leave most
 * bands nearly empty when scores bunch up, as lead scores do.
 */
final class Figures {
  private Figures() {}

  /** At most this many score bands. */
  static final int BANDS = 10;

  /** At most this many histogram bins. */
  static final int BINS = 20;

  /** The tiers an entity can enter, in model order: the summary's tiers but {@code none}. */
  static List<String> enterableTiers(BacktestResult result) {
    List<String> tiers = new ArrayList<>();
    for (String t : result.summary().tiers().keySet()) {
      if (!t.equals(Tier.NONE)) {
        tiers.add(t);
      }
    }
    // A tier the summary does not name should not happen; show it rather than drop it, sorted so
    // the page stays deterministic.
    TreeSet<String> extra = new TreeSet<>();
    for (EntityResult e : result.entities()) {
      for (String t : e.firstInTier().keySet()) {
        if (!tiers.contains(t)) {
          extra.add(t);
        }
      }
    }
    tiers.addAll(extra);
    return List.copyOf(tiers);
  }

  /**
   * One ISO week.
   *
   * @param label e.g. {@code 2024-W03}
   * @param monday its first day
   * @param entered per tier, the entities that entered it for the first time that week
   */
  record Week(String label, LocalDate monday, Map<String, Long> entered) {
    long total() {
      return entered.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /**
   * Per ISO week in {@code zone}, from the first week any entity entered a tier to the last (weeks
   * without entries included, so the axis is time), how many entities entered each tier for the
   * first time.
   */
  static List<Week> weeklyEntries(BacktestResult result, List<String> tiers, ZoneId zone) {
    TreeMap<LocalDate, Map<String, Long>> byWeek = new TreeMap<>();
    for (EntityResult e : result.entities()) {
      for (Map.Entry<String, Instant> first : e.firstInTier().entrySet()) {
        LocalDate monday = monday(first.getValue(), zone);
        byWeek.computeIfAbsent(monday, m -> zeros(tiers)).merge(first.getKey(), 1L, Long::sum);
      }
    }
    List<Week> weeks = new ArrayList<>();
    if (byWeek.isEmpty()) {
      return weeks;
    }
    for (LocalDate m = byWeek.firstKey(); !m.isAfter(byWeek.lastKey()); m = m.plusWeeks(1)) {
      weeks.add(new Week(isoWeek(m), m, byWeek.getOrDefault(m, zeros(tiers))));
    }
    return weeks;
  }

  private static Map<String, Long> zeros(List<String> tiers) {
    Map<String, Long> m = new LinkedHashMap<>();
    for (String t : tiers) {
      m.put(t, 0L);
    }
    return m;
  }

  static LocalDate monday(Instant at, ZoneId zone) {
    return at.atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
  }

  static String isoWeek(LocalDate day) {
    return String.format(
        java.util.Locale.ROOT,
        "%d-W%02d",
        day.get(IsoFields.WEEK_BASED_YEAR),
        day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
  }

  /**
   * One score band.
   *
   * @param number from 1, lowest scores first
   * @param low the lowest highest-score in it
   * @param high the highest highest-score in it
   * @param rate converted ÷ entities in it, with its Wilson interval
   */
  record Band(int number, Points low, Points high, Rate rate) {}

  /** The entities an outcome figure counts that have a score: not prior, highest score present. */
  static List<EntityResult> scored(List<EntityResult> entities) {
    List<EntityResult> scored = new ArrayList<>();
    for (EntityResult e : entities) {
      if (!e.prior() && e.highestScore().isPresent()) {
        scored.add(e);
      }
    }
    scored.sort(
        Comparator.comparing((EntityResult e) -> e.highestScore().orElseThrow())
            .thenComparing(EntityResult::entity));
    return scored;
  }

  /** The score bands (see the class comment), lowest first; empty when no entity has a score. */
  static List<Band> bands(List<EntityResult> entities) {
    List<EntityResult> scored = scored(entities);
    int n = scored.size();
    List<Band> bands = new ArrayList<>();
    int start = 0;
    long converted = 0;
    for (int i = 0; i < n; i++) {
      if (scored.get(i).converted()) {
        converted++;
      }
      Points score = scored.get(i).highestScore().orElseThrow();
      boolean last = i == n - 1;
      boolean full = (long) (i + 1) * BANDS >= (long) (bands.size() + 1) * n;
      if (last || (full && !scored.get(i + 1).highestScore().orElseThrow().equals(score))) {
        bands.add(
            new Band(
                bands.size() + 1,
                scored.get(start).highestScore().orElseThrow(),
                score,
                Rate.of(converted, i + 1 - start)));
        start = i + 1;
        converted = 0;
      }
    }
    return bands;
  }

  /**
   * One histogram bin: highest scores from {@code from} (included) to {@code to} (excluded).
   *
   * @param converted entities in it that converted (0 without outcomes)
   * @param other the other entities in it
   */
  record Bin(Points from, Points to, long converted, long other) {}

  /**
   * The histogram of highest scores in at most {@link #BINS} bins of a round width (1, 2 or 5 times
   * a power of ten, in hundredths). With outcomes, prior entities are left out, as from every
   * outcome figure; without, every entity with a highest score counts as other.
   */
  static List<Bin> histogram(List<EntityResult> entities, boolean outcomes) {
    List<EntityResult> counted = new ArrayList<>();
    for (EntityResult e : entities) {
      if (e.highestScore().isPresent() && !(outcomes && e.prior())) {
        counted.add(e);
      }
    }
    List<Bin> bins = new ArrayList<>();
    if (counted.isEmpty()) {
      return bins;
    }
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (EntityResult e : counted) {
      long h = e.highestScore().orElseThrow().hundredths();
      min = Math.min(min, h);
      max = Math.max(max, h);
    }
    long width = roundWidth(min, max);
    long first = Math.floorDiv(min, width);
    int count = (int) (Math.floorDiv(max, width) - first + 1);
    long[] conv = new long[count];
    long[] other = new long[count];
    for (EntityResult e : counted) {
      int i = (int) (Math.floorDiv(e.highestScore().orElseThrow().hundredths(), width) - first);
      if (e.converted()) {
        conv[i]++;
      } else {
        other[i]++;
      }
    }
    for (int i = 0; i < count; i++) {
      long from = (first + i) * width;
      bins.add(new Bin(new Points(from), new Points(from + width), conv[i], other[i]));
    }
    return bins;
  }

  private static long roundWidth(long min, long max) {
    for (long scale = 1; ; scale *= 10) {
      for (long m : new long[] {1, 2, 5}) {
        long w = m * scale;
        if (Math.floorDiv(max, w) - Math.floorDiv(min, w) + 1 <= BINS) {
          return w;
        }
      }
    }
  }
}
