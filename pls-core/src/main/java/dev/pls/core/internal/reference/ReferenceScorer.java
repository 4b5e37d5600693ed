package dev.pls.core.internal.reference;

import static java.util.Objects.requireNonNull;

import dev.pls.core.card.CategoryScore;
import dev.pls.core.card.Contribution;
import dev.pls.core.card.Decayed;
import dev.pls.core.card.HandoffFacts;
import dev.pls.core.card.ScoreCard;
import dev.pls.core.card.SignalValue;
import dev.pls.core.input.Entity;
import dev.pls.core.input.Event;
import dev.pls.core.internal.Arithmetic;
import dev.pls.core.internal.Cells;
import dev.pls.core.internal.Decays;
import dev.pls.core.internal.Evaluator;
import dev.pls.core.internal.InputChecks;
import dev.pls.core.internal.TimeFrame;
import dev.pls.core.model.Aggregate;
import dev.pls.core.model.Category;
import dev.pls.core.model.EventFilter;
import dev.pls.core.model.Exclusion;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Handoff;
import dev.pls.core.model.MemberAggregate;
import dev.pls.core.model.Model;
import dev.pls.core.model.Points;
import dev.pls.core.model.Rollup;
import dev.pls.core.model.Rule;
import dev.pls.core.model.Tier;
import dev.pls.core.model.Value;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/*
 * The reference evaluator: the semantics of docs/semantics.md written as plainly as possible.
 *
 * It is the oracle that faster evaluators are tested against, so it favours obviousness over
 * speed everywhere: every aggregate is recomputed from the entity's event list by a direct loop
 * (memoised only within one card, which cannot change a result), numbers are BigDecimal, and the
 * scoring steps run in the order the semantics state them: rules by category with caps and floors
 * filled in rule order, then exclusions and tiers, which may read the category totals.
 */
/** The reference evaluator. Immutable and thread-safe. */
public final class ReferenceScorer implements Evaluator {

  private final Model model;

  public ReferenceScorer(Model model) {
    this.model = requireNonNull(model, "model");
  }

  @Override
  public Model model() {
    return model;
  }

  @Override
  public ScoreCard score(Entity entity, Instant asOf) {
    requireNonNull(entity, "entity");
    requireNonNull(asOf, "asOf");
    InputChecks.eventsBelong(model.entity(), entity);
    InputChecks.traitsTyped(model.traits(), entity.traits(), "entity.traits");
    InputChecks.members(model, entity);
    TimeFrame frame = new TimeFrame(model.resolution(), model.zone(), asOf);

    // An account that rolls up members: score every member with the member model first; only
    // the included (not excluded) ones are part of the account from then on.
    List<ScoreCard> memberCards = new ArrayList<>();
    List<Member> included = new ArrayList<>();
    if (model.memberModel().isPresent()) {
      ReferenceScorer members = new ReferenceScorer(model.memberModel().get());
      List<Entity> sorted = new ArrayList<>(entity.members());
      sorted.sort(java.util.Comparator.comparing(Entity::id));
      for (Entity m : sorted) {
        ScoreCard card = members.score(m, asOf);
        memberCards.add(card);
        if (!card.isExcluded()) {
          included.add(new Member(m, card));
        }
      }
    }
    Evaluation ev =
        new Evaluation(
            entity, frame, included, model.memberModel().map(Model::tiers).orElse(List.of()));

    List<CategoryScore> categories = new ArrayList<>();
    List<Contribution> contributions = new ArrayList<>();
    Points score = Points.ZERO;
    if (model.rollup().isPresent()) {
      Rollup rollup = model.rollup().get();
      Points uncapped = rollUp(rollup, included, false);
      Points applied = rollUp(rollup, included, true);
      categories.add(
          new CategoryScore(
              rollup.category(),
              Points.max(uncapped, Points.ZERO),
              Points.min(uncapped, Points.ZERO),
              applied));
      if (!included.isEmpty()) {
        contributions.add(
            new Contribution(
                rollup.category(),
                rollup.label(),
                rollup.category(),
                uncapped,
                applied,
                List.of(
                    new SignalValue(
                        "members", Optional.empty(), Optional.of(Value.num(included.size()))))));
      }
      score = applied;
    }
    for (Category c : model.categories()) {
      Points positive = Points.ZERO;
      Points negative = Points.ZERO;
      Points appliedPositive = Points.ZERO;
      Points appliedNegative = Points.ZERO;
      for (Rule r : c.rules()) {
        if (!ev.holds(r.condition())) {
          continue;
        }
        Points p = r.points();
        Optional<Decayed> decayed = Optional.empty();
        if (r.decay().isPresent()) {
          // Decay takes the age of the newest event the condition read; with none, full points.
          Optional<Instant> newest = ev.newest(Decays.ageReads(r.condition()));
          if (newest.isPresent()) {
            long age = frame.bucketsBefore(newest.get());
            decayed = Optional.of(new Decayed(p, age, model.resolution()));
            p = new Points(Decays.points(r.decay().get(), p.hundredths(), age, model.resolution()));
          }
        }
        Points applied;
        if (p.signum() >= 0) {
          positive = positive.plus(p);
          applied = p;
          if (c.cap().isPresent()) {
            Points room = Points.max(Points.ZERO, c.cap().get().minus(appliedPositive));
            applied = Points.min(p, room);
          }
          appliedPositive = appliedPositive.plus(applied);
        } else {
          negative = negative.plus(p);
          applied = p;
          if (c.floor().isPresent()) {
            Points room = Points.min(Points.ZERO, c.floor().get().minus(appliedNegative));
            applied = Points.max(p, room);
          }
          appliedNegative = appliedNegative.plus(applied);
        }
        contributions.add(
            new Contribution(
                r.id(), r.label(), c.name(), p, applied, ev.values(r.condition()), decayed));
      }
      Points total = appliedPositive.plus(appliedNegative);
      categories.add(new CategoryScore(c.name(), positive, negative, total));
      ev.totals.put(c.name(), total);
      score = score.plus(total);
    }

    // Exclusions may read category totals, so they are decided once every category is added up;
    // no rule reads an exclusion, so the order changes nothing else.
    Optional<String> excluded = Optional.empty();
    for (Exclusion x : model.exclusions()) {
      if (ev.holds(x.condition())) {
        excluded = Optional.of(x.reason());
        break;
      }
    }
    ev.score = score;
    String tier = Tier.NONE;
    if (excluded.isEmpty()) {
      for (Tier t : model.tiers()) {
        if (ev.holds(t.condition())) {
          tier = t.name();
          break;
        }
      }
    }
    return new ScoreCard(
        entity.id(),
        model.entity(),
        model.id(),
        model.version(),
        asOf,
        score,
        tier,
        excluded,
        categories,
        contributions,
        memberCards,
        model.handoff().map(ev::facts),
        Cells.of(model, excluded, categories));
  }

  /**
   * The rollup of the included members' scores, each first capped at {@code cap} when given:
   * straight from the definitions in {@link Rollup}.
   */
  /** The rollup of the included members' scores, each within the member bounds when asked. */
  private static Points rollUp(Rollup rollup, List<Member> included, boolean bounded) {
    List<Points> scores = new ArrayList<>();
    for (Member m : included) {
      Points s = m.card().score();
      scores.add(bounded ? rollup.bounded(s) : s);
    }
    if (scores.isEmpty()) {
      return Points.ZERO;
    }
    Points sum = Points.ZERO;
    switch (rollup.kind()) {
      case SUM:
        for (Points s : scores) {
          sum = sum.plus(s);
        }
        return sum;
      case MAX:
        Points max = scores.get(0);
        for (Points s : scores) {
          max = Points.max(max, s);
        }
        return max;
      case AVERAGE:
        for (Points s : scores) {
          sum = sum.plus(s);
        }
        return Points.of(
            sum.toBigDecimal()
                .divide(BigDecimal.valueOf(scores.size()), 2, java.math.RoundingMode.HALF_EVEN));
      default:
        scores.sort(java.util.Comparator.reverseOrder());
        for (Points s : scores.subList(0, Math.min(rollup.k(), scores.size()))) {
          sum = sum.plus(s);
        }
        return sum;
    }
  }

  /** A member of the account being scored that its member model did not exclude. */
  private record Member(Entity entity, ScoreCard card) {}

  /** The state of scoring one entity as of one instant. */
  private static final class Evaluation {
    private final Entity entity;
    private final TimeFrame frame;
    private final List<Event> events = new ArrayList<>();
    private final Map<Expr.Agg, Optional<Value>> aggregates = new HashMap<>();
    private final List<Member> members;
    private final List<Tier> memberTiers;
    private Points score;
    private final Map<String, Points> totals = new HashMap<>();

    /**
     * The evaluation of {@code entity}; for an account with members, its events are its own and
     * those of its included members.
     */
    Evaluation(Entity entity, TimeFrame frame, List<Member> members, List<Tier> memberTiers) {
      this.entity = entity;
      this.frame = frame;
      this.members = members;
      this.memberTiers = memberTiers;
      addEvents(entity.events());
      for (Member m : members) {
        addEvents(m.entity().events());
      }
    }

    private void addEvents(List<Event> all) {
      for (Event e : all) {
        if (!e.time().isAfter(frame.asOf())) {
          events.add(e);
        }
      }
    }

    /** The hand-off facts: segment, triggers, suppression, holds and context, as of T. */
    HandoffFacts facts(Handoff h) {
      String segment = Handoff.NO_SEGMENT;
      for (Handoff.Segment s : h.segments()) {
        if (holds(s.condition())) {
          segment = s.name();
          break;
        }
      }
      List<String> triggers = new ArrayList<>();
      for (Handoff.Trigger t : h.triggers()) {
        if (holds(t.condition())) {
          triggers.add(t.name());
        }
      }
      Optional<String> suppressed = Optional.empty();
      for (Handoff.Suppression x : h.suppressions()) {
        if (holds(x.condition())) {
          suppressed = Optional.of(x.reason());
          break;
        }
      }
      List<String> holding = new ArrayList<>();
      for (Handoff.Hold x : h.holds()) {
        if (holds(x.condition())) {
          holding.add(x.tier());
        }
      }
      List<SignalValue> context = new ArrayList<>();
      for (Handoff.ContextItem c : h.context()) {
        context.add(
            new SignalValue(
                c.name(), Optional.empty(), Optional.ofNullable(eval(c.value(), null))));
      }
      return new HandoffFacts(segment, triggers, suppressed, holding, context);
    }

    boolean holds(Expr condition) {
      return eval(condition, null) instanceof Value.Bool b && b.value();
    }

    /** The values a condition reads, for the card: signals and traits, first use first. */
    List<SignalValue> values(Expr condition) {
      Map<Object, SignalValue> seen = new LinkedHashMap<>();
      condition.walk(
          x -> {
            if (x instanceof Expr.Agg a && !seen.containsKey(a)) {
              seen.put(a, new SignalValue(a.signal().name(), a.window(), aggregate(a)));
            } else if (x instanceof Expr.Members m && !seen.containsKey(m)) {
              seen.put(
                  m,
                  new SignalValue(
                      m.aggregate().toString(), m.window(), Optional.ofNullable(eval(m, null))));
            } else if (x instanceof Expr.TraitRef t && !seen.containsKey(t)) {
              seen.put(
                  t,
                  new SignalValue(
                      t.name(),
                      Optional.empty(),
                      Optional.ofNullable(entity.traits().get(t.name()))));
            }
          });
      return List.copyOf(seen.values());
    }

    /** The value of {@code e}, or null when it is missing. {@code event} is set inside filters. */
    private Value eval(Expr e, Event event) {
      if (e instanceof Expr.Literal l) {
        return l.value();
      } else if (e instanceof Expr.Agg a) {
        return aggregate(a).orElse(null);
      } else if (e instanceof Expr.Members m) {
        return members(m.aggregate(), m.window());
      } else if (e instanceof Expr.TraitRef t) {
        return entity.traits().get(t.name());
      } else if (e instanceof Expr.PropRef p) {
        return event.properties().get(p.name());
      } else if (e instanceof Expr.ScoreRef) {
        if (score == null) {
          throw new AssertionError("score read before it is known");
        }
        return new Value.Num(score.toBigDecimal());
      } else if (e instanceof Expr.CategoryTotal c) {
        Points total = totals.get(c.category());
        if (total == null) {
          throw new AssertionError("total of '" + c.category() + "' read before it is known");
        }
        return new Value.Num(total.toBigDecimal());
      } else if (e instanceof Expr.Arith a) {
        return arith(a.op(), eval(a.left(), event), eval(a.right(), event));
      } else if (e instanceof Expr.Compare c) {
        Value l = eval(c.left(), event);
        Value r = eval(c.right(), event);
        Integer cmp = compare(l, r);
        boolean ordered = c.op().ordering();
        boolean result = cmp != null && (!ordered || orderable(l)) && c.op().test(cmp);
        return Value.bool(result);
      } else if (e instanceof Expr.Between b) {
        Value v = eval(b.operand(), event);
        Integer lo = compare(v, eval(b.low(), event));
        Integer hi = compare(v, eval(b.high(), event));
        return Value.bool(lo != null && hi != null && orderable(v) && lo >= 0 && hi <= 0);
      } else if (e instanceof Expr.In in) {
        Value v = eval(in.operand(), event);
        return Value.bool(v != null && in.values().contains(v));
      } else if (e instanceof Expr.And a) {
        for (Expr o : a.operands()) {
          if (!truth(eval(o, event))) {
            return Value.bool(false);
          }
        }
        return Value.bool(true);
      } else if (e instanceof Expr.Or o) {
        for (Expr x : o.operands()) {
          if (truth(eval(x, event))) {
            return Value.bool(true);
          }
        }
        return Value.bool(false);
      } else if (e instanceof Expr.Not n) {
        return Value.bool(!truth(eval(n.operand(), event)));
      } else if (e instanceof Expr.IsMissing m) {
        return Value.bool(eval(m.operand(), event) == null);
      } else if (e instanceof Expr.Lower l) {
        Value v = eval(l.operand(), event);
        return v instanceof Value.Str s ? Value.str(s.value().toLowerCase(Locale.ROOT)) : null;
      }
      throw new AssertionError("unknown expression: " + e);
    }

    private static boolean truth(Value v) {
      return v instanceof Value.Bool b && b.value();
    }

    private static boolean orderable(Value v) {
      return v instanceof Value.Num || v instanceof Value.Time;
    }

    /** compareTo of two values of one type; null when either is missing or the types differ. */
    private static Integer compare(Value l, Value r) {
      if (l == null || r == null || l.type() != r.type()) {
        return null;
      }
      if (l instanceof Value.Num a && r instanceof Value.Num b) {
        return a.value().compareTo(b.value());
      }
      if (l instanceof Value.Time a && r instanceof Value.Time b) {
        return a.value().compareTo(b.value());
      }
      if (l instanceof Value.Str a && r instanceof Value.Str b) {
        return a.value().compareTo(b.value());
      }
      return Boolean.compare(((Value.Bool) l).value(), ((Value.Bool) r).value());
    }

    private static Value arith(Expr.ArithOp op, Value l, Value r) {
      if (!(l instanceof Value.Num a) || !(r instanceof Value.Num b)) {
        return null;
      }
      BigDecimal result = Arithmetic.apply(op, a.value(), b.value());
      return result == null ? null : new Value.Num(result);
    }

    /** An account-level signal, straight from its definition in {@link MemberAggregate}. */
    private Value members(MemberAggregate agg, Optional<dev.pls.core.model.Window> window) {
      if (agg instanceof MemberAggregate.Count) {
        return Value.num(members.size());
      } else if (agg instanceof MemberAggregate.Where w) {
        int n = 0;
        for (Member m : members) {
          if (new Evaluation(m.entity(), frame, List.of(), List.of()).holds(w.condition())) {
            n++;
          }
        }
        return Value.num(n);
      } else if (agg instanceof MemberAggregate.Active a) {
        int n = 0;
        for (Member m : members) {
          if (activeIn(m, a.filter(), window)) {
            n++;
          }
        }
        return Value.num(n);
      } else if (agg instanceof MemberAggregate.New x) {
        int n = 0;
        for (Member m : members) {
          Instant first = null;
          for (Event e : m.entity().events()) {
            if (!e.time().isAfter(frame.asOf()) && matches(x.filter(), e)) {
              first = first == null || e.time().isBefore(first) ? e.time() : first;
            }
          }
          if (first != null && frame.contains(window, first)) {
            n++;
          }
        }
        return Value.num(n);
      } else if (agg instanceof MemberAggregate.AtTier t) {
        List<String> order = new ArrayList<>();
        for (Tier tier : memberTiers) {
          order.add(tier.name());
        }
        int rank = order.indexOf(t.tier());
        int n = 0;
        for (Member m : members) {
          int r = order.indexOf(m.card().tier());
          if (r >= 0 && r <= rank) {
            n++;
          }
        }
        return Value.num(n);
      } else if (agg instanceof MemberAggregate.DistinctTrait d) {
        Set<Value> values = new HashSet<>();
        for (Member m : members) {
          Value v = m.entity().traits().get(d.trait());
          if (v != null && (d.active().isEmpty() || activeIn(m, d.active().get(), window))) {
            values.add(v);
          }
        }
        return Value.num(values.size());
      } else if (agg instanceof MemberAggregate.ActiveGrowth g) {
        int week0 = 0;
        int week1 = 0;
        for (Member m : members) {
          boolean in0 = false;
          boolean in1 = false;
          for (Event e : m.entity().events()) {
            if (!e.time().isAfter(frame.asOf()) && matches(g.filter(), e)) {
              long week = frame.week(e.time());
              in0 |= week == 0;
              in1 |= week == 1;
            }
          }
          week0 += in0 ? 1 : 0;
          week1 += in1 ? 1 : 0;
        }
        if (week1 == 0) {
          return null;
        }
        return new Value.Num(
            Arithmetic.divide(
                BigDecimal.valueOf((week0 - week1) * 100L), BigDecimal.valueOf(week1)));
      }
      throw new AssertionError("unknown member aggregate: " + agg);
    }

    /** Whether the member has a matching event in the window (all history up to T without one). */
    private boolean activeIn(
        Member m, EventFilter filter, Optional<dev.pls.core.model.Window> window) {
      for (Event e : m.entity().events()) {
        if (frame.contains(window, e.time()) && matches(filter, e)) {
          return true;
        }
      }
      return false;
    }

    private boolean matches(EventFilter f, Event e) {
      if (f.event().isPresent() && !f.event().get().equals(e.name())) {
        return false;
      }
      return f.where().isEmpty() || truth(eval(f.where().get(), e));
    }

    /** The matching events in the aggregate's window. */
    private List<Event> matching(EventFilter f, Optional<dev.pls.core.model.Window> window) {
      List<Event> out = new ArrayList<>();
      for (Event e : events) {
        if (frame.contains(window, e.time()) && matches(f, e)) {
          out.add(e);
        }
      }
      return out;
    }

    /** The latest of the instants {@code lastSeen} reads (last_seen aggregates) give, if any. */
    Optional<Instant> newest(List<Expr.Agg> lastSeen) {
      Instant newest = null;
      for (Expr.Agg a : lastSeen) {
        Optional<Value> v = aggregate(a);
        if (v.isPresent()) {
          Instant t = ((Value.Time) v.get()).value();
          newest = newest == null || t.isAfter(newest) ? t : newest;
        }
      }
      return Optional.ofNullable(newest);
    }

    private Optional<Value> aggregate(Expr.Agg a) {
      Optional<Value> cached = aggregates.get(a);
      if (cached == null) {
        cached = Optional.ofNullable(compute(a.signal().aggregate(), a.window()));
        aggregates.put(a, cached);
      }
      return cached;
    }

    private Value compute(Aggregate agg, Optional<dev.pls.core.model.Window> window) {
      if (agg instanceof Aggregate.Count c) {
        return Value.num(matching(c.filter(), window).size());
      } else if (agg instanceof Aggregate.Distinct d) {
        Set<Value> distinct = new HashSet<>();
        for (Event e : matching(d.filter(), window)) {
          e.property(d.prop()).ifPresent(distinct::add);
        }
        return Value.num(distinct.size());
      } else if (agg instanceof Aggregate.Sum s) {
        BigDecimal sum = BigDecimal.ZERO;
        for (BigDecimal v : numbers(s.filter(), s.prop(), window)) {
          sum = sum.add(v);
        }
        // Exact while adding, rounded once: what the sum is, whatever the order of its events.
        BigDecimal rounded = Arithmetic.round(sum);
        return rounded == null ? null : new Value.Num(rounded);
      } else if (agg instanceof Aggregate.Min m) {
        BigDecimal min = null;
        for (BigDecimal v : numbers(m.filter(), m.prop(), window)) {
          min = min == null || v.compareTo(min) < 0 ? v : min;
        }
        return min == null ? null : Value.num(min);
      } else if (agg instanceof Aggregate.Max m) {
        BigDecimal max = null;
        for (BigDecimal v : numbers(m.filter(), m.prop(), window)) {
          max = max == null || v.compareTo(max) > 0 ? v : max;
        }
        return max == null ? null : Value.num(max);
      } else if (agg instanceof Aggregate.ActiveDays d) {
        Set<LocalDate> days = new HashSet<>();
        for (Event e : matching(d.filter(), window)) {
          days.add(frame.day(e.time()));
        }
        return Value.num(days.size());
      } else if (agg instanceof Aggregate.DaysSince d) {
        Instant last = last(matching(d.filter(), window));
        return last == null ? null : Value.num(frame.daysBefore(last));
      } else if (agg instanceof Aggregate.FirstSeen f) {
        Instant first = first(matching(f.filter(), window));
        return first == null ? null : new Value.Time(first);
      } else if (agg instanceof Aggregate.LastSeen l) {
        Instant last = last(matching(l.filter(), window));
        return last == null ? null : new Value.Time(last);
      } else if (agg instanceof Aggregate.MinutesBetween m) {
        Instant from = first(matching(m.from(), window));
        Instant to = first(matching(m.to(), window));
        if (from == null || to == null) {
          return null;
        }
        Duration d = Duration.between(from, to);
        BigDecimal seconds =
            BigDecimal.valueOf(d.getSeconds()).add(BigDecimal.valueOf(d.getNano(), 9));
        return new Value.Num(Arithmetic.divide(seconds, BigDecimal.valueOf(60)));
      } else if (agg instanceof Aggregate.GrowthWeeks g) {
        Map<Long, Integer> weekly = weeklyCounts(g.filter());
        int streak = 0;
        while (weekly.getOrDefault((long) streak, 0) > weekly.getOrDefault(streak + 1L, 0)) {
          streak++;
        }
        return Value.num(streak);
      } else if (agg instanceof Aggregate.Trend t) {
        Map<Long, Integer> weekly = weeklyCounts(t.filter());
        long n = t.weeks();
        long sx = 0;
        long sy = 0;
        long sxy = 0;
        long sxx = 0;
        for (int x = 0; x < n; x++) {
          long y = weekly.getOrDefault(n - 1 - x, 0);
          sx += x;
          sy += y;
          sxy += x * y;
          sxx += (long) x * x;
        }
        BigDecimal numerator = BigDecimal.valueOf(n * sxy - sx * sy);
        BigDecimal denominator = BigDecimal.valueOf(n * sxx - sx * sx);
        return new Value.Num(Arithmetic.divide(numerator, denominator));
      }
      throw new AssertionError("unknown aggregate: " + agg);
    }

    private List<BigDecimal> numbers(
        EventFilter f, String prop, Optional<dev.pls.core.model.Window> window) {
      List<BigDecimal> out = new ArrayList<>();
      for (Event e : matching(f, window)) {
        if (e.properties().get(prop) instanceof Value.Num n) {
          out.add(n.value());
        }
      }
      return out;
    }

    /** Matching events per week (week 0 ends with T's date), over all history up to T. */
    private Map<Long, Integer> weeklyCounts(EventFilter f) {
      Map<Long, Integer> weekly = new HashMap<>();
      for (Event e : matching(f, Optional.empty())) {
        weekly.merge(frame.week(e.time()), 1, Integer::sum);
      }
      return weekly;
    }

    private static Instant first(List<Event> events) {
      Instant first = null;
      for (Event e : events) {
        first = first == null || e.time().isBefore(first) ? e.time() : first;
      }
      return first;
    }

    private static Instant last(List<Event> events) {
      Instant last = null;
      for (Event e : events) {
        last = last == null || e.time().isAfter(last) ? e.time() : last;
      }
      return last;
    }
  }
}
