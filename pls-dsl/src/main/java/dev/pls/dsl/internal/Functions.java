package dev.pls.dsl.internal;

import dev.pls.core.model.Aggregate;
import dev.pls.core.model.EventFilter;
import dev.pls.core.model.Expr;
import dev.pls.core.model.MemberAggregate;
import dev.pls.core.model.ValueType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/*
 * The functions of the rules language as a declaration table, as cel-java declares its overloads:
 * one record per function saying what each argument must be, what the call returns, how it uses a
 * window, the usage line a wrong call is answered with, and how checked arguments lower to the
 * core model. The condition typer checks a call against its declaration; no other code knows a
 * function by its name.
 *
 * The core's Aggregate and MemberAggregate stay the truth about what a lowered aggregate reads
 * (its type, whether it is windowed, whether it needs a window): a named signal is checked against
 * them, since its call is long gone by the time it is used. FunctionsTest holds the table and the
 * core in step.
 */
/** The language's functions: one declaration each, in the order suggestions list them. */
final class Functions {
  private Functions() {}

  /** What a function computes, which decides where it may appear and what it lowers to. */
  enum Family {
    /** Reads the entity's events: lowers to an {@link Aggregate}; a signal may name one. */
    AGGREGATE,
    /** Reads an account's members: lowers to a {@link MemberAggregate}; a signal may name one. */
    MEMBER,
    /** A function of a value: lowers to an {@link Expr}. */
    SCALAR
  }

  /** What an argument position accepts. */
  enum Param {
    /** An event filter: an event name or {@code any}, optionally with {@code where}. */
    EVENT,
    /** An event filter with a property, e.g. {@code feature_used.feature}. */
    EVENT_PROPERTY,
    /** A horizon in whole weeks, e.g. {@code 4w}. */
    WEEKS,
    /** {@code where} and a condition on the member model's traits. */
    MEMBER_WHERE,
    /** A tier of the member model, by bare name. */
    MEMBER_TIER,
    /** A trait of the member model, by bare name. */
    MEMBER_TRAIT,
    /** A bare name of this model whose value is a string. */
    STRING_NAME
  }

  /** How a function uses a window ({@code within}), its own or the condition's. */
  enum WindowUse {
    /** Reads events in its window, or in all history without one. */
    OPTIONAL,
    /** Reads events in its window and must have one: "new" means new within a period. */
    REQUIRED,
    /** Has its own horizon in weeks, so a window is an error. */
    OWN_HORIZON,
    /** Reads no events, so a window is an error. */
    NONE,
    /** Reads events, and so takes a window, only when given its optional event argument. */
    WITH_EVENTS;

    /** Whether a call with {@code args} arguments reads events in a window. */
    boolean windowed(int args) {
      return switch (this) {
        case OPTIONAL, REQUIRED -> true;
        case OWN_HORIZON, NONE -> false;
        case WITH_EVENTS -> args > 1;
      };
    }
  }

  /**
   * A call's checked arguments, as its lowering reads them.
   *
   * @param events the event filters, in argument order
   * @param property the property the event argument reads, if any
   * @param weeks the horizon in weeks, or 0
   * @param name the member tier or trait named, if any
   * @param expr the lowered member condition, or the operand of a scalar function
   */
  record Args(
      List<EventFilter> events,
      Optional<String> property,
      int weeks,
      Optional<String> name,
      Optional<Expr> expr) {

    EventFilter event(int i) {
      return events.get(i);
    }

    Optional<EventFilter> optionalEvent() {
      return events.isEmpty() ? Optional.empty() : Optional.of(events.get(0));
    }
  }

  /**
   * One function.
   *
   * @param name what a call names
   * @param family what it computes
   * @param params what each argument must be, in order
   * @param required how many leading arguments are required; the rest are optional
   * @param result the type of its value
   * @param window how it uses a window
   * @param usage the line a call with wrong arguments is answered with
   * @param lowering builds the core model's counterpart from checked arguments
   * @param <T> what the function lowers to
   */
  record Declaration<T>(
      String name,
      Family family,
      List<Param> params,
      int required,
      ValueType result,
      WindowUse window,
      String usage,
      Function<Args, T> lowering) {

    Declaration {
      params = List.copyOf(params);
      if (required < 0 || required > params.size()) {
        throw new AssertionError(name + ": " + required + " required of " + params.size());
      }
    }

    /** Whether a call may have {@code n} arguments. */
    boolean accepts(int n) {
      return n >= required && n <= params.size();
    }

    T lower(Args args) {
      return lowering.apply(args);
    }
  }

  private static final Map<String, Declaration<Aggregate>> AGGREGATES = new LinkedHashMap<>();
  private static final Map<String, Declaration<MemberAggregate>> MEMBER_FUNCTIONS =
      new LinkedHashMap<>();
  private static final Map<String, Declaration<Expr>> SCALARS = new LinkedHashMap<>();

  static {
    event("count", WindowUse.OPTIONAL, a -> Aggregate.count(a.event(0)));
    property("distinct", a -> Aggregate.distinct(a.event(0), a.property().orElseThrow()));
    property("sum", a -> Aggregate.sum(a.event(0), a.property().orElseThrow()));
    property("min", a -> Aggregate.min(a.event(0), a.property().orElseThrow()));
    property("max", a -> Aggregate.max(a.event(0), a.property().orElseThrow()));
    event("active_days", WindowUse.OPTIONAL, a -> Aggregate.activeDays(a.event(0)));
    event("days_since", WindowUse.OPTIONAL, a -> Aggregate.daysSince(a.event(0)));
    aggregate(
        "first_seen",
        List.of(Param.EVENT),
        ValueType.TIME,
        WindowUse.OPTIONAL,
        oneEvent("first_seen"),
        a -> Aggregate.firstSeen(a.event(0)));
    aggregate(
        "last_seen",
        List.of(Param.EVENT),
        ValueType.TIME,
        WindowUse.OPTIONAL,
        oneEvent("last_seen"),
        a -> Aggregate.lastSeen(a.event(0)));
    aggregate(
        "minutes_between",
        List.of(Param.EVENT, Param.EVENT),
        ValueType.NUMBER,
        WindowUse.OPTIONAL,
        "minutes_between() takes two events, e.g. minutes_between(signed_up, activated)",
        a -> Aggregate.minutesBetween(a.event(0), a.event(1)));
    event("growth_weeks", WindowUse.OWN_HORIZON, a -> Aggregate.growthWeeks(a.event(0)));
    aggregate(
        "trend",
        List.of(Param.EVENT, Param.WEEKS),
        ValueType.NUMBER,
        WindowUse.OWN_HORIZON,
        "trend() takes an event and a horizon in weeks, e.g. trend(any, 4w)",
        a -> Aggregate.trend(a.event(0), a.weeks()));

    member(
        "members",
        List.of(Param.MEMBER_WHERE),
        1,
        WindowUse.NONE,
        "members counts members; members(where ...) counts those whose traits match, e.g."
            + " members(where title in {\"CEO\", \"CTO\"})",
        a -> new MemberAggregate.Where(a.expr().orElseThrow()));
    memberOfEvent(
        "active_members", WindowUse.OPTIONAL, a -> new MemberAggregate.Active(a.event(0)));
    memberOfEvent("new_members", WindowUse.REQUIRED, a -> new MemberAggregate.New(a.event(0)));
    member(
        "members_at_tier",
        List.of(Param.MEMBER_TIER),
        1,
        WindowUse.NONE,
        "members_at_tier() takes a tier of the member model, e.g. members_at_tier(hot)",
        a -> new MemberAggregate.AtTier(a.name().orElseThrow()));
    member(
        "member_values",
        List.of(Param.MEMBER_TRAIT, Param.EVENT),
        1,
        WindowUse.WITH_EVENTS,
        "member_values() takes a member trait and optionally an event, e.g."
            + " member_values(department) or member_values(department, any) within 30d",
        a -> new MemberAggregate.DistinctTrait(a.name().orElseThrow(), a.optionalEvent()));
    memberOfEvent(
        "active_growth", WindowUse.OWN_HORIZON, a -> new MemberAggregate.ActiveGrowth(a.event(0)));

    SCALARS.put(
        "lower",
        new Declaration<>(
            "lower",
            Family.SCALAR,
            List.of(Param.STRING_NAME),
            1,
            ValueType.STRING,
            WindowUse.NONE,
            "lower() takes one name, e.g. lower(industry)",
            a -> new Expr.Lower(a.expr().orElseThrow())));
  }

  private static String oneEvent(String fn) {
    return fn + "() takes one event (no property), e.g. " + fn + "(invite_sent)";
  }

  private static void event(String fn, WindowUse window, Function<Args, Aggregate> lowering) {
    aggregate(fn, List.of(Param.EVENT), ValueType.NUMBER, window, oneEvent(fn), lowering);
  }

  private static void property(String fn, Function<Args, Aggregate> lowering) {
    aggregate(
        fn,
        List.of(Param.EVENT_PROPERTY),
        ValueType.NUMBER,
        WindowUse.OPTIONAL,
        fn + "() takes one event and a property, e.g. " + fn + "(feature_used.feature)",
        lowering);
  }

  private static void aggregate(
      String fn,
      List<Param> params,
      ValueType result,
      WindowUse window,
      String usage,
      Function<Args, Aggregate> lowering) {
    AGGREGATES.put(
        fn,
        new Declaration<>(
            fn, Family.AGGREGATE, params, params.size(), result, window, usage, lowering));
  }

  private static void memberOfEvent(
      String fn, WindowUse window, Function<Args, MemberAggregate> lowering) {
    member(
        fn,
        List.of(Param.EVENT),
        1,
        window,
        fn + "() takes one event (no property), e.g. " + fn + "(any)",
        lowering);
  }

  private static void member(
      String fn,
      List<Param> params,
      int required,
      WindowUse window,
      String usage,
      Function<Args, MemberAggregate> lowering) {
    MEMBER_FUNCTIONS.put(
        fn,
        new Declaration<>(
            fn, Family.MEMBER, params, required, ValueType.NUMBER, window, usage, lowering));
  }

  /** The aggregate function called {@code name}, if there is one. */
  static Optional<Declaration<Aggregate>> aggregate(String name) {
    return Optional.ofNullable(AGGREGATES.get(name));
  }

  /** The member function called {@code name}, if there is one. */
  static Optional<Declaration<MemberAggregate>> member(String name) {
    return Optional.ofNullable(MEMBER_FUNCTIONS.get(name));
  }

  /** The scalar function called {@code name}, if there is one. */
  static Optional<Declaration<Expr>> scalar(String name) {
    return Optional.ofNullable(SCALARS.get(name));
  }

  /** Every function, aggregates first, then member functions, then scalar functions. */
  static List<Declaration<?>> all() {
    List<Declaration<?>> all = new ArrayList<>(AGGREGATES.values());
    all.addAll(MEMBER_FUNCTIONS.values());
    all.addAll(SCALARS.values());
    return List.copyOf(all);
  }

  /** Every function's name, in the order of {@link #all()}. */
  static List<String> names() {
    return all().stream().map(Declaration::name).toList();
  }
}
