package dev.pls.core.internal.fast;

import static java.util.Objects.requireNonNull;

import dev.pls.core.Aggregate;
import dev.pls.core.CategoryScore;
import dev.pls.core.Contribution;
import dev.pls.core.Entity;
import dev.pls.core.EntityKind;
import dev.pls.core.Event;
import dev.pls.core.Model;
import dev.pls.core.Points;
import dev.pls.core.ScoreCard;
import dev.pls.core.Scorer;
import dev.pls.core.SignalValue;
import dev.pls.core.Tier;
import dev.pls.core.Trait;
import dev.pls.core.Value;
import dev.pls.core.internal.ReferenceScorer;
import dev.pls.core.internal.TimeFrame;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/*
 * The fast evaluator over an entity's events.
 *
 * One pass over the events: each event is matched once against each distinct filter of the plan,
 * then folded into the accumulator of every aggregate slot whose window it falls in. Window
 * starts are computed once per call from the shared TimeFrame arithmetic, days as epoch-day
 * numbers from the zone's offset (no LocalDate per event). Then the compiled conditions run
 * over the frame: fired rules are a bit set and points are longs of hundredths; names, labels
 * and Values are made only for the card, and only for rules that fired.
 *
 * Exactness: counts, distinct counts, active days, days since and growth streaks are longs;
 * sums, minima and maxima stay BigDecimal as in the reference; minutes_between and trend divide
 * with the same MathContext. Arithmetic in conditions uses the reference's operations.
 */
/** The fast {@link Scorer}. Immutable and thread-safe; per-thread scratch state is reused. */
public final class FastScorer implements Scorer {
  private final Plan plan;
  private final ThreadLocal<Frame> frames;

  public FastScorer(Model model) {
    this.plan = new Plan(requireNonNull(model, "model"));
    this.frames = ThreadLocal.withInitial(() -> new Frame(plan.slots, plan.memos));
  }

  @Override
  public Model model() {
    return plan.model;
  }

  Plan plan() {
    return plan;
  }

  @Override
  public ScoreCard score(Entity entity, Instant asOf) {
    requireNonNull(entity, "entity");
    requireNonNull(asOf, "asOf");
    checkEvents(entity);
    checkTraits(entity);
    Frame f = frames.get();
    f.nextEntity();
    for (int i = 0; i < plan.traitNames.size(); i++) {
      f.setValue(plan.traitSlots.get(i), entity.traits().get(plan.traitNames.get(i)));
    }
    aggregate(entity.events(), asOf, f);
    return card(plan, entity.id(), asOf, f);
  }

  /**
   * The values the model reads for one entity, keyed as {@link dev.pls.core.FeatureTable} columns
   * are: what a warehouse would precompute. Empty values are missing.
   */
  public java.util.Map<String, Optional<Value>> features(Entity entity, Instant asOf) {
    requireNonNull(entity, "entity");
    requireNonNull(asOf, "asOf");
    checkEvents(entity);
    checkTraits(entity);
    Frame f = new Frame(plan.slots, plan.memos);
    for (int i = 0; i < plan.traitNames.size(); i++) {
      f.setValue(plan.traitSlots.get(i), entity.traits().get(plan.traitNames.get(i)));
    }
    aggregate(entity.events(), asOf, f);
    java.util.Map<String, Optional<Value>> out = new java.util.LinkedHashMap<>();
    for (int i = 0; i < plan.traitNames.size(); i++) {
      out.put(plan.traitNames.get(i), Optional.ofNullable(f.value(plan.traitSlots.get(i))));
    }
    for (Plan.AggSlot a : plan.aggregates) {
      out.put(plan.key(a), Optional.ofNullable(f.value(a.slot())));
    }
    return out;
  }

  // ---- aggregation ----

  /** One accumulator per aggregate slot; allocated per call, which is fine off the hot path. */
  private static final class Acc {
    long count;
    Set<Value> distinct;
    BigDecimal number;
    Instant first;
    Instant second;
    long[] days = new long[0];
    int size;

    void addDay(long day) {
      if (size == days.length) {
        days = Arrays.copyOf(days, Math.max(8, size * 2));
      }
      days[size++] = day;
    }
  }

  private void aggregate(List<Event> events, Instant asOf, Frame f) {
    TimeFrame frame = new TimeFrame(plan.model.resolution(), plan.model.zone(), asOf);
    ZoneRules rules = plan.model.zone().getRules();
    long asOfDay = frame.asOfDay().toEpochDay();
    List<Plan.AggSlot> slots = plan.aggregates;
    Instant[] starts = new Instant[slots.size()];
    Acc[] accs = new Acc[slots.size()];
    for (int i = 0; i < starts.length; i++) {
      Plan.AggSlot s = slots.get(i);
      starts[i] = s.window().map(frame::windowStart).orElse(null);
      accs[i] = new Acc();
    }
    boolean[] matched = new boolean[plan.filters.size()];
    for (Event e : events) {
      Instant t = e.time();
      if (t.isAfter(asOf)) {
        continue;
      }
      f.event = e;
      for (int i = 0; i < matched.length; i++) {
        Plan.Filter filter = plan.filters.get(i);
        matched[i] =
            (filter.event().isEmpty() || filter.event().get().equals(e.name()))
                && (filter.where() == null || filter.where().test(f));
      }
      long day = Long.MIN_VALUE;
      for (int i = 0; i < accs.length; i++) {
        Plan.AggSlot s = slots.get(i);
        if (starts[i] != null && t.isBefore(starts[i])) {
          continue;
        }
        Aggregate agg = s.aggregate();
        Acc acc = accs[i];
        if (agg instanceof Aggregate.MinutesBetween) {
          if (matched[s.filters()[0]] && (acc.first == null || t.isBefore(acc.first))) {
            acc.first = t;
          }
          if (matched[s.filters()[1]] && (acc.second == null || t.isBefore(acc.second))) {
            acc.second = t;
          }
          continue;
        }
        if (!matched[s.filters()[0]]) {
          continue;
        }
        if (day == Long.MIN_VALUE) {
          day = epochDay(t, rules);
        }
        fold(agg, acc, e, t, day, asOfDay);
      }
    }
    f.event = null;
    for (int i = 0; i < accs.length; i++) {
      finish(slots.get(i), accs[i], asOfDay, rules, f);
    }
  }

  private static void fold(Aggregate agg, Acc acc, Event e, Instant t, long day, long asOfDay) {
    if (agg instanceof Aggregate.Count) {
      acc.count++;
    } else if (agg instanceof Aggregate.Distinct d) {
      Value v = e.properties().get(d.prop());
      if (v != null) {
        if (acc.distinct == null) {
          acc.distinct = new HashSet<>();
        }
        acc.distinct.add(v);
      }
    } else if (agg instanceof Aggregate.Sum s) {
      if (e.properties().get(s.prop()) instanceof Value.Num n) {
        acc.number = acc.number == null ? n.value() : acc.number.add(n.value());
      }
    } else if (agg instanceof Aggregate.Min m) {
      if (e.properties().get(m.prop()) instanceof Value.Num n
          && (acc.number == null || n.value().compareTo(acc.number) < 0)) {
        acc.number = n.value();
      }
    } else if (agg instanceof Aggregate.Max m) {
      if (e.properties().get(m.prop()) instanceof Value.Num n
          && (acc.number == null || n.value().compareTo(acc.number) > 0)) {
        acc.number = n.value();
      }
    } else if (agg instanceof Aggregate.ActiveDays) {
      acc.addDay(day);
    } else if (agg instanceof Aggregate.DaysSince || agg instanceof Aggregate.LastSeen) {
      if (acc.second == null || t.isAfter(acc.second)) {
        acc.second = t;
      }
    } else if (agg instanceof Aggregate.FirstSeen) {
      if (acc.first == null || t.isBefore(acc.first)) {
        acc.first = t;
      }
    } else if (agg instanceof Aggregate.GrowthWeeks || agg instanceof Aggregate.Trend) {
      acc.count++;
      acc.addDay((asOfDay - day) / 7);
    } else {
      throw new AssertionError("unknown aggregate: " + agg);
    }
  }

  private static void finish(Plan.AggSlot s, Acc acc, long asOfDay, ZoneRules rules, Frame f) {
    Aggregate agg = s.aggregate();
    int slot = s.slot();
    if (agg instanceof Aggregate.Count) {
      f.setLong(slot, acc.count);
    } else if (agg instanceof Aggregate.Distinct) {
      f.setLong(slot, acc.distinct == null ? 0 : acc.distinct.size());
    } else if (agg instanceof Aggregate.Sum) {
      f.setValue(slot, acc.number == null ? Value.num(0) : Value.num(acc.number));
    } else if (agg instanceof Aggregate.Min || agg instanceof Aggregate.Max) {
      f.setValue(slot, acc.number == null ? null : Value.num(acc.number));
    } else if (agg instanceof Aggregate.ActiveDays) {
      f.setLong(slot, distinctCount(acc.days, acc.size));
    } else if (agg instanceof Aggregate.DaysSince) {
      if (acc.second == null) {
        f.setMissing(slot);
      } else {
        f.setLong(slot, asOfDay - epochDay(acc.second, rules));
      }
    } else if (agg instanceof Aggregate.FirstSeen) {
      f.setValue(slot, acc.first == null ? null : new Value.Time(acc.first));
    } else if (agg instanceof Aggregate.LastSeen) {
      f.setValue(slot, acc.second == null ? null : new Value.Time(acc.second));
    } else if (agg instanceof Aggregate.MinutesBetween) {
      f.setValue(slot, minutesBetween(acc.first, acc.second));
    } else if (agg instanceof Aggregate.GrowthWeeks) {
      f.setLong(slot, growth(acc));
    } else if (agg instanceof Aggregate.Trend t) {
      f.setValue(slot, trend(acc, t.weeks()));
    } else {
      throw new AssertionError("unknown aggregate: " + agg);
    }
  }

  /** The epoch day of {@code t}'s local date: what {@code LocalDate.toEpochDay} would give. */
  static long epochDay(Instant t, ZoneRules rules) {
    return Math.floorDiv(t.getEpochSecond() + rules.getOffset(t).getTotalSeconds(), 86_400L);
  }

  static long distinctCount(long[] values, int size) {
    if (size == 0) {
      return 0;
    }
    long[] sorted = Arrays.copyOf(values, size);
    Arrays.sort(sorted);
    long n = 1;
    for (int i = 1; i < size; i++) {
      if (sorted[i] != sorted[i - 1]) {
        n++;
      }
    }
    return n;
  }

  static Value minutesBetween(Instant from, Instant to) {
    if (from == null || to == null) {
      return null;
    }
    Duration d = Duration.between(from, to);
    BigDecimal seconds = BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9));
    return Value.num(seconds.divide(BigDecimal.valueOf(60), ReferenceScorer.DIVISION));
  }

  /** The streak needs weeks 0..count+1 at most: a streak of s needs s+1 strictly falling counts. */
  private static long growth(Acc acc) {
    int horizon = (int) Math.min(acc.count + 2, Integer.MAX_VALUE - 8);
    int[] weekly = new int[horizon];
    for (int i = 0; i < acc.size; i++) {
      if (acc.days[i] < horizon) {
        weekly[(int) acc.days[i]]++;
      }
    }
    int streak = 0;
    while (streak + 1 < horizon && weekly[streak] > weekly[streak + 1]) {
      streak++;
    }
    return streak;
  }

  private static Value trend(Acc acc, int weeks) {
    long[] weekly = new long[weeks];
    for (int i = 0; i < acc.size; i++) {
      if (acc.days[i] < weeks) {
        weekly[(int) acc.days[i]]++;
      }
    }
    return slope(weekly);
  }

  /** Least-squares slope of {@code weekly} (index = weeks ago), oldest first, x = 0..n-1. */
  static Value slope(long[] weekly) {
    long n = weekly.length;
    long sx = 0;
    long sy = 0;
    long sxy = 0;
    long sxx = 0;
    for (int x = 0; x < n; x++) {
      long y = weekly[(int) (n - 1 - x)];
      sx += x;
      sy += y;
      sxy += x * y;
      sxx += (long) x * x;
    }
    BigDecimal numerator = BigDecimal.valueOf(n * sxy - sx * sy);
    BigDecimal denominator = BigDecimal.valueOf(n * sxx - sx * sx);
    return Value.num(numerator.divide(denominator, ReferenceScorer.DIVISION));
  }

  // ---- scoring ----

  /** The card of the entity whose values {@code f} holds. */
  static ScoreCard card(Plan p, String id, Instant asOf, Frame f) {
    Optional<String> excluded = Optional.empty();
    for (int i = 0; i < p.exclusions.length; i++) {
      if (p.exclusions[i].test(f)) {
        excluded = Optional.of(p.exclusionReasons[i]);
        break;
      }
    }
    List<CategoryScore> categories = new ArrayList<>(p.hasCap.length);
    List<Contribution> contributions = new ArrayList<>();
    long score = 0;
    for (int c = 0; c < p.hasCap.length; c++) {
      long positive = 0;
      long negative = 0;
      long appliedPositive = 0;
      long appliedNegative = 0;
      for (int r = p.categoryStart[c]; r < p.categoryStart[c + 1]; r++) {
        if (!p.ruleConditions[r].test(f)) {
          continue;
        }
        long points = p.rulePoints[r];
        long applied = points;
        if (points >= 0) {
          positive += points;
          if (p.hasCap[c]) {
            applied = Math.min(points, Math.max(0, p.cap[c] - appliedPositive));
          }
          appliedPositive += applied;
        } else {
          negative += points;
          if (p.hasFloor[c]) {
            applied = Math.max(points, Math.min(0, p.floor[c] - appliedNegative));
          }
          appliedNegative += applied;
        }
        contributions.add(
            new Contribution(
                p.rules[r].id(),
                p.rules[r].label(),
                p.ruleCategory[r],
                p.rules[r].points(),
                new Points(applied),
                shown(p.ruleShown[r], f)));
      }
      long total = appliedPositive + appliedNegative;
      categories.add(
          new CategoryScore(
              p.model.categories().get(c).name(),
              new Points(positive),
              new Points(negative),
              new Points(total)));
      score += total;
    }
    String tier = Tier.NONE;
    if (excluded.isEmpty()) {
      f.score = score;
      for (int i = 0; i < p.tiers.length; i++) {
        if (p.tiers[i].test(f)) {
          tier = p.tierNames[i];
          break;
        }
      }
    }
    Model m = p.model;
    return new ScoreCard(
        id,
        m.entity(),
        m.id(),
        m.version(),
        asOf,
        new Points(score),
        tier,
        excluded,
        categories,
        contributions);
  }

  private static List<SignalValue> shown(Plan.Shown[] shown, Frame f) {
    List<SignalValue> out = new ArrayList<>(shown.length);
    for (Plan.Shown s : shown) {
      out.add(new SignalValue(s.name(), s.window(), Optional.ofNullable(f.value(s.slot()))));
    }
    return out;
  }

  // ---- argument checks, as the reference makes them ----

  private void checkEvents(Entity entity) {
    List<Event> events = entity.events();
    EntityKind kind = plan.model.entity();
    for (int i = 0; i < events.size(); i++) {
      Event e = events.get(i);
      if (kind == EntityKind.USER && !e.user().equals(entity.id())) {
        throw new IllegalArgumentException(
            "entity.events["
                + i
                + "]: belongs to user '"
                + e.user()
                + "', not to '"
                + entity.id()
                + "'");
      }
      if (kind == EntityKind.ACCOUNT && !e.account().equals(Optional.of(entity.id()))) {
        throw new IllegalArgumentException(
            "entity.events["
                + i
                + "]: belongs to account '"
                + e.account().orElse("(none)")
                + "', not to '"
                + entity.id()
                + "'");
      }
    }
  }

  private void checkTraits(Entity entity) {
    for (Trait t : plan.model.traits()) {
      Value v = entity.traits().get(t.name());
      if (v != null && !t.type().accepts(v)) {
        throw new IllegalArgumentException(
            "entity.traits['"
                + t.name()
                + "']: must be "
                + t.type().displayName()
                + ", was "
                + v.type().displayName()
                + " "
                + v);
      }
    }
  }
}
