package dev.pls.core.internal.fast;

import dev.pls.core.internal.Decays;
import dev.pls.core.internal.TimeFrame;
import dev.pls.core.model.Aggregate;
import dev.pls.core.model.Category;
import dev.pls.core.model.EventFilter;
import dev.pls.core.model.Exclusion;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Handoff;
import dev.pls.core.model.MemberAggregate;
import dev.pls.core.model.Model;
import dev.pls.core.model.Rule;
import dev.pls.core.model.Tier;
import dev.pls.core.model.Value;
import dev.pls.core.model.Window;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/*
 * The planner: turns a Model into arrays the evaluators index by position.
 *
 * - Every distinct (aggregate, window) pair read by a rule, exclusion or tier becomes one slot,
 *   however many conditions read it, so an aggregate shared between rules is computed once (two
 *   signals with equal aggregates share a slot too; cards still name each by its own signal).
 *   Every trait a condition reads is a slot as well.
 * - Every distinct event filter is numbered, so an event is matched against each filter once.
 * - Conditions compile to Node trees (see Node); identical arithmetic subexpressions share one
 *   memo cell, so "active_days within 30d / 30" is divided once per entity, not once per rule.
 * - Points, caps and floors become longs of hundredths; rule, category and tier names are kept
 *   only for building cards.
 * - A decayed rule's age reads (Decays.ageReads: last_seen of each filter over each aggregate's
 *   window) become ordinary aggregate slots, shared with any equal last_seen, and are kept for
 *   cards; its points are then computed per entity by Decays from the newest of them.
 */
/** A model compiled for fast evaluation. Immutable and thread-safe once built. */
final class Plan {

  /** One aggregate slot: what to compute, over which window. */
  record AggSlot(
      int slot, Aggregate aggregate, Optional<Window> window, int[] filters, int property) {

    /**
     * Whether a store keeps this aggregate's state for events beyond its retained span: true for
     * all-history aggregates; windowed ones and trends never read that far back.
     */
    boolean allHistory() {
      return window.isEmpty() && !(aggregate instanceof Aggregate.Trend);
    }
  }

  /**
   * One account-level member signal: what to compute over the included members, over which window,
   * with the event filter it reads (-1 for none) and, for {@code members(where ...)}, the index of
   * its condition in {@link #memberConditions}.
   */
  record MemberSlot(
      int slot, MemberAggregate aggregate, Optional<Window> window, int filter, int condition) {}

  /** A value a rule's card entry shows: a signal over a window, or a trait. */
  record Shown(String name, Optional<Window> window, int slot) {}

  /** One compiled event filter. */
  record Filter(Optional<String> event, Node where) {}

  final Model model;
  final List<AggSlot> aggregates = new ArrayList<>();
  final List<Filter> filters = new ArrayList<>();

  /** Event properties that aggregates read (distinct, sum, min, max), numbered. */
  final List<String> properties = new ArrayList<>();

  /**
   * Every event property the model reads, in where-conditions or aggregates, numbered: the property
   * columns of a store's {@code EventColumns}, in the order they were first met.
   */
  final List<String> columns = new ArrayList<>();

  /** Trait name and slot, in declaration order of first use. */
  final List<String> traitNames = new ArrayList<>();

  final List<Integer> traitSlots = new ArrayList<>();
  int slots;
  int memos;

  // Rules in model order, flattened; category c owns rules [categoryStart[c], categoryStart[c+1]).
  final Node[] ruleConditions;
  final long[] rulePoints;

  /**
   * Per rule, the slots of the last_seen reads its decay takes the age from (Decays.ageReads), or
   * null when it does not decay.
   */
  final int[][] ruleAgeSlots;

  /** Whether some rule decays: only then do scoring passes need the as-of instant's frame. */
  final boolean decays;

  final Shown[][] ruleShown;
  final Rule[] rules;
  final String[] ruleCategory;
  final int[] categoryStart;

  /**
   * Whether an exclusion, tier or hand-off condition reads a category total: then the evaluators
   * keep each category's total per row (SlotValues.totals), and no row loop is generated.
   */
  boolean readsTotals;

  final boolean[] hasCap;
  final long[] cap;
  final boolean[] hasFloor;
  final long[] floor;
  final Node[] exclusions;
  final String[] exclusionReasons;
  final Node[] tiers;
  final String[] tierNames;

  // Account models that roll up members.
  final List<MemberSlot> memberSlots = new ArrayList<>();

  /** The member conditions of members(where ...) signals, in the member model's terms. */
  final List<Expr> memberConditions = new ArrayList<>();

  // The hand-off, when the model has one (all arrays empty otherwise).
  final Node[] segments;
  final String[] segmentNames;
  final Node[] triggers;
  final String[] triggerNames;
  final Node[] suppressions;
  final String[] suppressionReasons;
  final Node[] holds;
  final String[] holdTiers;
  final Node[] context;
  final String[] contextNames;

  /**
   * Per slot, whether a card reads it: a rule shows it, or the hand-off reads it. What a batch
   * keeps to build cards later (see CardValues); tiers and exclusions it keeps as indexes.
   */
  final boolean[] cardSlots;

  private final Map<Object, Integer> slotOf = new LinkedHashMap<>();
  private final Map<EventFilter, Integer> filterOf = new LinkedHashMap<>();
  private final Map<Expr.Arith, Integer> memoOf = new LinkedHashMap<>();

  Plan(Model model) {
    this.model = model;
    List<Rule> all = model.rules();
    int n = all.size();
    ruleConditions = new Node[n];
    rulePoints = new long[n];
    ruleAgeSlots = new int[n][];
    ruleShown = new Shown[n][];
    rules = all.toArray(new Rule[0]);
    ruleCategory = new String[n];
    List<Category> categories = model.categories();
    categoryStart = new int[categories.size() + 1];
    hasCap = new boolean[categories.size()];
    cap = new long[categories.size()];
    hasFloor = new boolean[categories.size()];
    floor = new long[categories.size()];
    int r = 0;
    for (int c = 0; c < categories.size(); c++) {
      Category category = categories.get(c);
      categoryStart[c] = r;
      hasCap[c] = category.cap().isPresent();
      cap[c] = category.cap().map(p -> p.hundredths()).orElse(0L);
      hasFloor[c] = category.floor().isPresent();
      floor[c] = category.floor().map(p -> p.hundredths()).orElse(0L);
      for (Rule rule : category.rules()) {
        ruleConditions[r] = compile(rule.condition());
        rulePoints[r] = rule.points().hundredths();
        ruleShown[r] = shown(rule.condition());
        if (rule.decay().isPresent()) {
          ruleAgeSlots[r] =
              Decays.ageReads(rule.condition()).stream().mapToInt(this::aggregateSlot).toArray();
        }
        ruleCategory[r] = category.name();
        r++;
      }
    }
    categoryStart[categories.size()] = r;
    decays = all.stream().anyMatch(x -> x.decay().isPresent());
    List<Exclusion> xs = model.exclusions();
    exclusions = new Node[xs.size()];
    exclusionReasons = new String[xs.size()];
    for (int i = 0; i < xs.size(); i++) {
      exclusions[i] = compile(xs.get(i).condition());
      exclusionReasons[i] = xs.get(i).reason();
    }
    List<Tier> ts = model.tiers();
    tiers = new Node[ts.size()];
    tierNames = new String[ts.size()];
    for (int i = 0; i < ts.size(); i++) {
      tiers[i] = compile(ts.get(i).condition());
      tierNames[i] = ts.get(i).name();
    }
    Handoff h = model.handoff().orElse(null);
    List<Handoff.Segment> ss = h == null ? List.of() : h.segments();
    segments = ss.stream().map(x -> compile(x.condition())).toArray(Node[]::new);
    segmentNames = ss.stream().map(Handoff.Segment::name).toArray(String[]::new);
    List<Handoff.Trigger> tr = h == null ? List.of() : h.triggers();
    triggers = tr.stream().map(x -> compile(x.condition())).toArray(Node[]::new);
    triggerNames = tr.stream().map(Handoff.Trigger::name).toArray(String[]::new);
    List<Handoff.Suppression> sp = h == null ? List.of() : h.suppressions();
    suppressions = sp.stream().map(x -> compile(x.condition())).toArray(Node[]::new);
    suppressionReasons = sp.stream().map(Handoff.Suppression::reason).toArray(String[]::new);
    List<Handoff.Hold> hs = h == null ? List.of() : h.holds();
    holds = hs.stream().map(x -> compile(x.condition())).toArray(Node[]::new);
    holdTiers = hs.stream().map(Handoff.Hold::tier).toArray(String[]::new);
    List<Handoff.ContextItem> cs = h == null ? List.of() : h.context();
    context = cs.stream().map(x -> compile(x.value())).toArray(Node[]::new);
    contextNames = cs.stream().map(Handoff.ContextItem::name).toArray(String[]::new);
    List<Expr> handoffReads = new ArrayList<>();
    ss.forEach(x -> handoffReads.add(x.condition()));
    tr.forEach(x -> handoffReads.add(x.condition()));
    sp.forEach(x -> handoffReads.add(x.condition()));
    hs.forEach(x -> handoffReads.add(x.condition()));
    cs.forEach(x -> handoffReads.add(x.value()));
    // Every slot those expressions read exists already: shown() finds them, it makes none.
    int planned = slots;
    cardSlots = new boolean[slots];
    for (Shown[] shown : ruleShown) {
      for (Shown x : shown) {
        cardSlots[x.slot()] = true;
      }
    }
    for (int[] ages : ruleAgeSlots) {
      for (int slot : ages == null ? new int[0] : ages) {
        cardSlots[slot] = true;
      }
    }
    for (Expr e : handoffReads) {
      for (Shown x : shown(e)) {
        cardSlots[x.slot()] = true;
      }
    }
    if (slots != planned) {
      throw new AssertionError("a hand-off expression read a slot its node does not");
    }
  }

  /**
   * The age of the newest event rule {@code r}'s condition read, in buckets, for the entity whose
   * values {@code f} holds; -1 when it read none or the rule does not decay.
   */
  long age(int r, SlotValues f, TimeFrame frame) {
    int[] ages = ruleAgeSlots[r];
    if (ages == null) {
      return -1;
    }
    java.time.Instant newest = null;
    for (int slot : ages) {
      Value v = f.value(slot);
      if (v != null) {
        java.time.Instant t = ((Value.Time) v).value();
        newest = newest == null || t.isAfter(newest) ? t : newest;
      }
    }
    return newest == null ? -1 : frame.bucketsBefore(newest);
  }

  /**
   * The frame decayed rules read their ages in, as of {@code asOf}; null when no rule decays, so
   * that plans without decay do no calendar arithmetic per entity for it.
   */
  TimeFrame frame(java.time.Instant asOf) {
    return decays ? new TimeFrame(model.resolution(), model.zone(), asOf) : null;
  }

  /** Rule {@code r}'s points in hundredths at {@code age} (from {@link #age}; -1: in full). */
  long points(int r, long age) {
    return age < 0
        ? rulePoints[r]
        : Decays.points(rules[r].decay().get(), rulePoints[r], age, model.resolution());
  }

  private int memberSlot(Expr.Members m) {
    Integer slot = slotOf.get(m);
    if (slot == null) {
      slot = slots++;
      slotOf.put(m, slot);
      MemberAggregate agg = m.aggregate();
      int filter = agg.events().map(this::filter).orElse(-1);
      int condition = -1;
      if (agg instanceof MemberAggregate.Where w) {
        condition = memberConditions.size();
        memberConditions.add(w.condition());
      }
      memberSlots.add(new MemberSlot(slot, agg, m.window(), filter, condition));
    }
    return slot;
  }

  /**
   * The feature-table column key of an aggregate slot: its first signal's name (declared signals
   * first, as {@link Model#signals()} orders them) with the window.
   */
  String key(AggSlot a) {
    for (dev.pls.core.model.Signal s : model.signals()) {
      if (s.aggregate().equals(a.aggregate())) {
        return dev.pls.core.input.FeatureTable.key(s.name(), a.window());
      }
    }
    return dev.pls.core.input.FeatureTable.key(a.aggregate().toString(), a.window());
  }

  /**
   * Which filters {@code e} matches and the values of the properties aggregates read. {@code f} is
   * scratch for evaluating where-conditions.
   */
  void match(dev.pls.core.input.Event e, SlotValues f, boolean[] matched, Value[] props) {
    f.event = e;
    for (int i = 0; i < matched.length; i++) {
      Filter filter = filters.get(i);
      matched[i] =
          (filter.event().isEmpty() || filter.event().get().equals(e.name()))
              && (filter.where() == null || filter.where().test(f));
    }
    f.event = null;
    for (int i = 0; i < props.length; i++) {
      props[i] = e.properties().get(properties.get(i));
    }
  }

  private Shown[] shown(Expr condition) {
    Map<Object, Shown> seen = new LinkedHashMap<>();
    condition.walk(
        x -> {
          if (x instanceof Expr.Agg a && !seen.containsKey(a)) {
            seen.put(a, new Shown(a.signal().name(), a.window(), aggregateSlot(a)));
          } else if (x instanceof Expr.Members m && !seen.containsKey(m)) {
            seen.put(m, new Shown(m.aggregate().toString(), m.window(), memberSlot(m)));
          } else if (x instanceof Expr.TraitRef t && !seen.containsKey(t)) {
            seen.put(t, new Shown(t.name(), Optional.empty(), traitSlot(t)));
          }
        });
    return seen.values().toArray(new Shown[0]);
  }

  private int aggregateSlot(Expr.Agg a) {
    Aggregate agg = a.signal().aggregate();
    // growth and trend have their own horizon; a window on them cannot pass the model's checks.
    Optional<Window> window = agg.windowed() ? a.window() : Optional.empty();
    Object key = List.of(agg, window);
    Integer slot = slotOf.get(key);
    if (slot == null) {
      slot = slots++;
      slotOf.put(key, slot);
      List<EventFilter> fs = agg.filters();
      int[] ids = new int[fs.size()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = filter(fs.get(i));
      }
      int property = -1;
      if (agg.property().isPresent()) {
        column(agg.property().get());
        property = properties.indexOf(agg.property().get());
        if (property < 0) {
          property = properties.size();
          properties.add(agg.property().get());
        }
      }
      aggregates.add(new AggSlot(slot, agg, window, ids, property));
    }
    return slot;
  }

  private int traitSlot(Expr.TraitRef t) {
    Integer slot = slotOf.get(t);
    if (slot == null) {
      slot = slots++;
      slotOf.put(t, slot);
      traitNames.add(t.name());
      traitSlots.add(slot);
    }
    return slot;
  }

  /** The number of event property {@code name} among {@link #columns}, numbering it if new. */
  private int column(String name) {
    int c = columns.indexOf(name);
    if (c < 0) {
      c = columns.size();
      columns.add(name);
    }
    return c;
  }

  /** The model's event filters, in the order of their numbers. */
  List<EventFilter> eventFilters() {
    return List.copyOf(filterOf.keySet());
  }

  private int filter(EventFilter f) {
    Integer id = filterOf.get(f);
    if (id == null) {
      id = filters.size();
      filterOf.put(f, id);
      filters.add(new Filter(f.event(), f.where().map(this::compile).orElse(null)));
    }
    return id;
  }

  private int categoryNumber(String name) {
    List<Category> categories = model.categories();
    for (int c = 0; c < categories.size(); c++) {
      if (categories.get(c).name().equals(name)) {
        return c;
      }
    }
    throw new AssertionError("the model checks category names, but not '" + name + "'");
  }

  Node compile(Expr e) {
    Node fast = specialise(e);
    return fast != null ? fast : generic(e);
  }

  private Node generic(Expr e) {
    if (e instanceof Expr.Literal l) {
      return new Node.Literal(l.value());
    } else if (e instanceof Expr.Agg a) {
      return new Node.Slot(aggregateSlot(a));
    } else if (e instanceof Expr.Members m) {
      return new Node.Slot(memberSlot(m));
    } else if (e instanceof Expr.TraitRef t) {
      return new Node.Slot(traitSlot(t));
    } else if (e instanceof Expr.PropRef p) {
      return new Node.Property(p.name(), column(p.name()));
    } else if (e instanceof Expr.ScoreRef) {
      return new Node.Score();
    } else if (e instanceof Expr.CategoryTotal t) {
      readsTotals = true;
      return new Node.CategoryTotal(categoryNumber(t.category()));
    } else if (e instanceof Expr.Arith a) {
      Integer memo = memoOf.get(a);
      if (memo == null) {
        memo = memos++;
        memoOf.put(a, memo);
      }
      // Filters see one event at a time: memoising per entity there would be wrong.
      int cell = reads(a, Expr.PropRef.class) ? -1 : memo;
      return new Node.Arith(a.op(), compile(a.left()), compile(a.right()), cell);
    } else if (e instanceof Expr.Compare c) {
      return new Node.Compare(c.op(), compile(c.left()), compile(c.right()));
    } else if (e instanceof Expr.Between b) {
      return new Node.Between(compile(b.operand()), compile(b.low()), compile(b.high()));
    } else if (e instanceof Expr.In in) {
      return new Node.In(compile(in.operand()), in.values());
    } else if (e instanceof Expr.And a) {
      return new Node.And(a.operands().stream().map(this::compile).toArray(Node[]::new));
    } else if (e instanceof Expr.Or o) {
      return new Node.Or(o.operands().stream().map(this::compile).toArray(Node[]::new));
    } else if (e instanceof Expr.Not n) {
      return new Node.Not(compile(n.operand()));
    } else if (e instanceof Expr.IsMissing m) {
      return new Node.IsMissing(compile(m.operand()));
    } else if (e instanceof Expr.Lower l) {
      return new Node.Lower(compile(l.operand()));
    }
    throw new AssertionError("unknown expression: " + e);
  }

  private static boolean reads(Expr e, Class<? extends Expr> kind) {
    boolean[] found = {false};
    e.walk(x -> found[0] |= kind.isInstance(x));
    return found[0];
  }

  /** A range test for "signal/trait/score op number" and "... between n and m", or null. */
  private Node specialise(Expr e) {
    Expr operand;
    long[] range;
    if (e instanceof Expr.Compare c && number(c.right()) != null) {
      operand = c.left();
      range = range(c.op(), number(c.right()));
    } else if (e instanceof Expr.Between b && number(b.low()) != null && number(b.high()) != null) {
      operand = b.operand();
      range = new long[] {Numbers.ceil(number(b.low())), Numbers.floor(number(b.high())), 0};
    } else {
      return null;
    }
    if (operand instanceof Expr.ScoreRef) {
      long[] hundredths = scoreRange(e);
      return new Node.ScoreRange(hundredths[0], hundredths[1], hundredths[2] != 0);
    }
    if (operand instanceof Expr.Arith a && e instanceof Expr.Compare c) {
      return specialiseDivision(c, a);
    }
    int slot;
    if (operand instanceof Expr.Agg a) {
      slot = aggregateSlot(a);
    } else if (operand instanceof Expr.TraitRef t) {
      slot = traitSlot(t);
    } else if (operand instanceof Expr.Members m) {
      slot = memberSlot(m);
    } else {
      return null;
    }
    return new Node.SlotRange(slot, range[0], range[1], range[2] != 0, Long.MAX_VALUE, generic(e));
  }

  /*
   * "x / c op d" for a whole x with |x| <= 1e15, a whole divisor 0 < c <= 1000 and a literal d of
   * at most 10 decimal places holds exactly when "x op d*c" does, even though the division rounds
   * to 34 digits: x/c - d is zero or at least 1e-10/1000 = 1e-13 away from d, while rounding moves
   * a value below 1e16 by at most 5e-19, so rounding can neither cross d nor land on it. Larger x
   * go to the generic node (the range node's guard).
   */
  private Node specialiseDivision(Expr.Compare c, Expr.Arith a) {
    BigDecimal divisor = number(a.right());
    BigDecimal d = number(c.right());
    if (a.op() != Expr.ArithOp.DIV
        || divisor == null
        || !Numbers.integral(divisor)
        || divisor.signum() <= 0
        || divisor.compareTo(BigDecimal.valueOf(1000)) > 0
        || d.stripTrailingZeros().scale() > 10) {
      return null;
    }
    int slot;
    if (a.left() instanceof Expr.Agg agg) {
      slot = aggregateSlot(agg);
    } else if (a.left() instanceof Expr.TraitRef t) {
      slot = traitSlot(t);
    } else {
      return null;
    }
    long[] range = range(c.op(), d.multiply(divisor));
    return new Node.SlotRange(
        slot, range[0], range[1], range[2] != 0, 1_000_000_000_000_000L, generic(c));
  }

  private long[] scoreRange(Expr e) {
    // Score is in hundredths: compare it with the literal times 100.
    if (e instanceof Expr.Compare c) {
      return range(c.op(), number(c.right()).movePointRight(2));
    }
    Expr.Between b = (Expr.Between) e;
    return new long[] {
      Numbers.ceil(number(b.low()).movePointRight(2)),
      Numbers.floor(number(b.high()).movePointRight(2)),
      0
    };
  }

  /** The numeric literal's decimal if it is small enough for long bounds, else null. */
  private static BigDecimal number(Expr e) {
    return e instanceof Expr.Literal l
            && l.value() instanceof Value.Num n
            && Numbers.small(n.value())
        ? n.value()
        : null;
  }

  /**
   * {min, max, negate} such that for a whole number x, "x op d" iff (min <= x <= max) != negate.
   */
  private static long[] range(Expr.CompareOp op, BigDecimal d) {
    boolean whole = Numbers.integral(d);
    switch (op) {
      case EQ:
        return whole ? new long[] {Numbers.floor(d), Numbers.floor(d), 0} : new long[] {1, 0, 0};
      case NE:
        return whole
            ? new long[] {Numbers.floor(d), Numbers.floor(d), 1}
            : new long[] {Long.MIN_VALUE, Long.MAX_VALUE, 0};
      case LT:
        return new long[] {Long.MIN_VALUE, Numbers.ceil(d) - 1, 0};
      case LE:
        return new long[] {Long.MIN_VALUE, Numbers.floor(d), 0};
      case GT:
        return new long[] {Numbers.floor(d) + 1, Long.MAX_VALUE, 0};
      case GE:
        return new long[] {Numbers.ceil(d), Long.MAX_VALUE, 0};
    }
    throw new AssertionError("unknown operator: " + op);
  }
}
