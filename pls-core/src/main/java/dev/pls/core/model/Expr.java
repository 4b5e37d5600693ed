package dev.pls.core.model;

import static java.util.Objects.requireNonNull;

import dev.pls.core.internal.base.Names;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An expression in a condition: the syntax tree of the model's rules, exclusions, tiers and event
 * filters.
 *
 * <p>Build expressions with the static factories and the fluent methods: {@code
 * invites.within(Window.days(7)).between(3, 5)}, {@code Expr.trait("employees").gt(500)}, {@code
 * Expr.score().ge(80)}. Plain Java values ({@code 3}, {@code "software"}) become literals.
 *
 * <p>Evaluation (see {@code docs/semantics.md}): a missing value (a trait not given, {@code
 * days_since} of something that never happened, division by zero) makes every comparison on it
 * false and propagates through arithmetic; {@code is missing} tests for it; {@code not} negates the
 * truth of its operand, so {@code not (x > 5)} holds when {@code x} is missing. Types are checked
 * when the {@link Model} is built.
 */
public sealed interface Expr
    permits Expr.Literal,
        Expr.Agg,
        Expr.TraitRef,
        Expr.PropRef,
        Expr.ScoreRef,
        Expr.CategoryTotal,
        Expr.Members,
        Expr.Arith,
        Expr.Compare,
        Expr.Between,
        Expr.In,
        Expr.And,
        Expr.Or,
        Expr.Not,
        Expr.IsMissing,
        Expr.Lower {

  /**
   * A constant.
   *
   * @throws IllegalArgumentException if {@code value} is a number outside {@link NumberRange}
   */
  record Literal(Value value) implements Expr {
    public Literal {
      requireNonNull(value, "value");
      if (value instanceof Value.Num n) {
        NumberRange.check(n.value(), "value");
      }
    }

    @Override
    public String toString() {
      return value.toString();
    }
  }

  /** A signal's value over a window (or all history). */
  record Agg(Signal signal, Optional<Window> window) implements Expr {
    public Agg {
      requireNonNull(signal, "signal");
      requireNonNull(window, "window");
    }

    @Override
    public String toString() {
      // An inline aggregate is named by its own text, which reads best unquoted.
      String name = signal.name();
      String s = name.equals(signal.aggregate().toString()) ? name : Syntax.name(name);
      return window.map(w -> s + " within " + w).orElse(s);
    }
  }

  /** An entity trait. */
  record TraitRef(String name) implements Expr {
    public TraitRef {
      Names.check(name, "name");
    }

    @Override
    public String toString() {
      return Syntax.name(name);
    }
  }

  /** An event property; only inside an {@link EventFilter}'s condition. */
  record PropRef(String name) implements Expr {
    public PropRef {
      Names.check(name, "name");
    }

    @Override
    public String toString() {
      return Syntax.name(name);
    }
  }

  /** The entity's score after caps; only in tier conditions. */
  record ScoreRef() implements Expr {
    @Override
    public String toString() {
      return "score";
    }
  }

  /**
   * A category's total after its cap and floor, exactly the {@code total} of its {@link
   * dev.pls.core.card.CategoryScore} on the card; only in exclusion, tier and hand-off conditions,
   * which are evaluated after every rule (rules make the totals, so a rule cannot read one).
   *
   * @param category the name of one of the model's categories
   */
  record CategoryTotal(String category) implements Expr {
    public CategoryTotal {
      Names.check(category, "category");
    }

    @Override
    public String toString() {
      return Syntax.name(category);
    }
  }

  /**
   * An account-level signal over the account's members, e.g. {@code active_members(any) within 7d};
   * only in the conditions of an account model that has {@linkplain Model#memberModel() member
   * model}.
   */
  record Members(MemberAggregate aggregate, Optional<Window> window) implements Expr {
    public Members {
      requireNonNull(aggregate, "aggregate");
      requireNonNull(window, "window");
    }

    @Override
    public String toString() {
      return window.map(w -> aggregate + " within " + w).orElse(aggregate.toString());
    }
  }

  /**
   * Arithmetic operators. Each result is the exact result rounded once, half-even, to 34
   * significant digits or 34 digits after the point, whichever keeps fewer; a result of 10^34 or
   * more in absolute value is missing, as a division by zero is ({@code docs/semantics.md} §9).
   */
  enum ArithOp {
    ADD("+"),
    SUB("-"),
    MUL("*"),
    DIV("/");

    private final String symbol;

    ArithOp(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  /** {@code left op right} on numbers. */
  record Arith(ArithOp op, Expr left, Expr right) implements Expr {
    public Arith {
      requireNonNull(op, "op");
      requireNonNull(left, "left");
      requireNonNull(right, "right");
    }

    @Override
    public String toString() {
      return "(" + left + " " + op.symbol + " " + right + ")";
    }
  }

  /** Comparison operators. Ordering is defined on numbers and times only. */
  enum CompareOp {
    EQ("=="),
    NE("!="),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">=");

    private final String symbol;

    CompareOp(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    /** Whether this is an ordering ({@code <}, {@code <=}, {@code >}, {@code >=}). */
    public boolean ordering() {
      return this != EQ && this != NE;
    }

    /** Whether {@code comparison} (a {@code compareTo} result) satisfies this operator. */
    public boolean test(int comparison) {
      return switch (this) {
        case EQ -> comparison == 0;
        case NE -> comparison != 0;
        case LT -> comparison < 0;
        case LE -> comparison <= 0;
        case GT -> comparison > 0;
        case GE -> comparison >= 0;
      };
    }
  }

  /** {@code left op right}; false when either side is missing. */
  record Compare(CompareOp op, Expr left, Expr right) implements Expr {
    public Compare {
      requireNonNull(op, "op");
      requireNonNull(left, "left");
      requireNonNull(right, "right");
    }

    @Override
    public String toString() {
      return left + " " + op.symbol + " " + right;
    }
  }

  /** {@code operand between low and high}, both ends inclusive. */
  record Between(Expr operand, Expr low, Expr high) implements Expr {
    public Between {
      requireNonNull(operand, "operand");
      requireNonNull(low, "low");
      requireNonNull(high, "high");
    }

    @Override
    public String toString() {
      return operand + " between " + low + " and " + high;
    }
  }

  /**
   * {@code operand in {v1, v2...}}: exact membership.
   *
   * @throws IllegalArgumentException if the set is empty or holds a number outside {@link
   *     NumberRange}
   */
  record In(Expr operand, List<Value> values) implements Expr {
    public In {
      requireNonNull(operand, "operand");
      values = SetLiteral.of(requireNonNull(values, "values"));
      if (values.isEmpty()) {
        throw new IllegalArgumentException("values: a set must not be empty");
      }
      for (int i = 0; i < values.size(); i++) {
        if (values.get(i) instanceof Value.Num n) {
          NumberRange.check(n.value(), "values[" + i + "]");
        }
      }
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder(operand.toString()).append(" in {");
      for (int i = 0; i < values.size(); i++) {
        sb.append(i == 0 ? "" : ", ").append(values.get(i));
      }
      return sb.append('}').toString();
    }
  }

  /** All operands hold. */
  record And(List<Expr> operands) implements Expr {
    public And {
      operands = List.copyOf(requireNonNull(operands, "operands"));
      if (operands.size() < 2) {
        throw new IllegalArgumentException(
            "operands: 'and' needs at least two, got " + operands.size());
      }
    }

    @Override
    public String toString() {
      return join(operands, " and ");
    }
  }

  /** At least one operand holds. */
  record Or(List<Expr> operands) implements Expr {
    public Or {
      operands = List.copyOf(requireNonNull(operands, "operands"));
      if (operands.size() < 2) {
        throw new IllegalArgumentException(
            "operands: 'or' needs at least two, got " + operands.size());
      }
    }

    @Override
    public String toString() {
      return join(operands, " or ");
    }
  }

  /** The operand does not hold (including when it is missing). */
  record Not(Expr operand) implements Expr {
    public Not {
      requireNonNull(operand, "operand");
    }

    @Override
    public String toString() {
      return "not (" + operand + ")";
    }
  }

  /** {@code operand is missing}; {@code is present} is its negation. */
  record IsMissing(Expr operand) implements Expr {
    public IsMissing {
      requireNonNull(operand, "operand");
    }

    @Override
    public String toString() {
      return operand + " is missing";
    }
  }

  /** {@code lower(operand)}: a string in lower case (locale-independent). */
  record Lower(Expr operand) implements Expr {
    public Lower {
      requireNonNull(operand, "operand");
    }

    @Override
    public String toString() {
      return "lower(" + operand + ")";
    }
  }

  /**
   * Visits this expression and then its operands, recursively, in pre-order (see {@link
   * #children()} for what counts as an operand).
   *
   * @param visitor called once per node
   */
  default void walk(java.util.function.Consumer<? super Expr> visitor) {
    visitor.accept(this);
    for (Expr c : children()) {
      c.walk(visitor);
    }
  }

  /**
   * The direct operands of this expression, left to right: empty for leaves (literals, signals,
   * traits, properties, the score, category totals, member signals). The filters inside an
   * aggregate are not operands; read them from {@link Agg#signal()}. Nor is the member condition of
   * a {@link Members} signal, which reads the member model's traits, not this model's.
   */
  default List<Expr> children() {
    if (this instanceof Arith a) {
      return List.of(a.left(), a.right());
    } else if (this instanceof Compare c) {
      return List.of(c.left(), c.right());
    } else if (this instanceof Between b) {
      return List.of(b.operand(), b.low(), b.high());
    } else if (this instanceof In in) {
      return List.of(in.operand());
    } else if (this instanceof And a) {
      return a.operands();
    } else if (this instanceof Or o) {
      return o.operands();
    } else if (this instanceof Not n) {
      return List.of(n.operand());
    } else if (this instanceof IsMissing m) {
      return List.of(m.operand());
    } else if (this instanceof Lower l) {
      return List.of(l.operand());
    }
    return List.of();
  }

  // ---- factories ----

  /** A literal; {@link Value#of} converts plain Java values. */
  static Literal lit(Object value) {
    return new Literal(Value.of(value));
  }

  /** An entity trait. */
  static TraitRef trait(String name) {
    return new TraitRef(name);
  }

  /** An event property, for {@link EventFilter#where}. */
  static PropRef prop(String name) {
    return new PropRef(name);
  }

  /** An account-level signal over all history: {@code members}, {@code members_at_tier(hot)}. */
  static Members members(MemberAggregate aggregate) {
    return new Members(aggregate, Optional.empty());
  }

  /** An account-level signal over a window: {@code active_members(any) within 7d}. */
  static Members members(MemberAggregate aggregate, Window window) {
    return new Members(aggregate, Optional.of(requireNonNull(window, "window")));
  }

  /** The score, for tier conditions. */
  static ScoreRef score() {
    return new ScoreRef();
  }

  /**
   * The total of the category {@code name} after caps, for exclusion, tier and hand-off conditions.
   */
  static CategoryTotal total(String name) {
    return new CategoryTotal(name);
  }

  /** {@code event within window}: the event occurred at least once in the window. */
  static Compare occurred(String event, Window window) {
    return Signal.inline(Aggregate.count(event)).within(window).ge(1);
  }

  /** {@code event}: the event occurred at least once, ever (up to the as-of instant). */
  static Compare occurred(String event) {
    return Signal.inline(Aggregate.count(event)).allTime().ge(1);
  }

  /** {@code aggregate within window} for an aggregate written inline. */
  static Agg agg(Aggregate aggregate, Window window) {
    return Signal.inline(aggregate).within(window);
  }

  /** {@code aggregate} over all history, for an aggregate written inline. */
  static Agg agg(Aggregate aggregate) {
    return Signal.inline(aggregate).allTime();
  }

  /** All of the conditions. */
  static Expr all(Expr first, Expr second, Expr... more) {
    return new And(list(first, second, more));
  }

  /** Any of the conditions. */
  static Expr any(Expr first, Expr second, Expr... more) {
    return new Or(list(first, second, more));
  }

  // ---- fluent operators ----

  /** {@code this == value}. */
  default Compare eq(Object value) {
    return new Compare(CompareOp.EQ, this, of(value));
  }

  /** {@code this != value}. */
  default Compare ne(Object value) {
    return new Compare(CompareOp.NE, this, of(value));
  }

  /** {@code this < value}. */
  default Compare lt(Object value) {
    return new Compare(CompareOp.LT, this, of(value));
  }

  /** {@code this <= value}. */
  default Compare le(Object value) {
    return new Compare(CompareOp.LE, this, of(value));
  }

  /** {@code this > value}. */
  default Compare gt(Object value) {
    return new Compare(CompareOp.GT, this, of(value));
  }

  /** {@code this >= value}. */
  default Compare ge(Object value) {
    return new Compare(CompareOp.GE, this, of(value));
  }

  /** {@code this between low and high}, inclusive. */
  default Between between(Object low, Object high) {
    return new Between(this, of(low), of(high));
  }

  /** {@code this in {values}}. */
  default In in(Object... values) {
    requireNonNull(values, "values");
    List<Value> vs = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      vs.add(Value.of(requireNonNull(values[i], "values[" + i + "]")));
    }
    return new In(this, vs);
  }

  /** {@code this in {values}}. */
  default In in(List<?> values) {
    return in(requireNonNull(values, "values").toArray());
  }

  /** {@code this is missing}. */
  default IsMissing isMissing() {
    return new IsMissing(this);
  }

  /** {@code this is present}. */
  default Not isPresent() {
    return new Not(new IsMissing(this));
  }

  /** {@code this and other}. */
  default Expr and(Expr other) {
    return new And(List.of(this, requireNonNull(other, "other")));
  }

  /** {@code this or other}. */
  default Expr or(Expr other) {
    return new Or(List.of(this, requireNonNull(other, "other")));
  }

  /** {@code not this}. */
  default Not not() {
    return new Not(this);
  }

  /** {@code this + value}. */
  default Arith plus(Object value) {
    return new Arith(ArithOp.ADD, this, of(value));
  }

  /** {@code this - value}. */
  default Arith minus(Object value) {
    return new Arith(ArithOp.SUB, this, of(value));
  }

  /** {@code this * value}. */
  default Arith times(Object value) {
    return new Arith(ArithOp.MUL, this, of(value));
  }

  /** {@code this / value}. */
  default Arith div(Object value) {
    return new Arith(ArithOp.DIV, this, of(value));
  }

  private static Expr of(Object value) {
    requireNonNull(value, "value");
    return value instanceof Expr e ? e : lit(value);
  }

  private static List<Expr> list(Expr first, Expr second, Expr... more) {
    List<Expr> all = new ArrayList<>();
    all.add(requireNonNull(first, "first"));
    all.add(requireNonNull(second, "second"));
    all.addAll(Arrays.asList(requireNonNull(more, "more")));
    for (int i = 0; i < all.size(); i++) {
      requireNonNull(all.get(i), "conditions[" + i + "]");
    }
    return all;
  }

  private static String join(List<Expr> operands, String op) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < operands.size(); i++) {
      Expr e = operands.get(i);
      boolean paren = e instanceof And || e instanceof Or;
      sb.append(i == 0 ? "" : op).append(paren ? "(" + e + ")" : e.toString());
    }
    return sb.toString();
  }
}
