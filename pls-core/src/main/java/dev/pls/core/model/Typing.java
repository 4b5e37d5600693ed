package dev.pls.core.model;

import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Type-checks a condition when a model is built, so that a model that builds cannot fail at
 * evaluation with a type error. Property references are dynamically typed (events carry what they
 * carry): a property of an unexpected type compares false, like a missing one.
 */
final class Typing {

  /** Where an expression stands, which decides what it may refer to. */
  enum Scope {
    RULE("rule condition"),
    EXCLUSION("exclusion condition"),
    TIER("tier condition"),
    HANDOFF("hand-off condition"),
    MEMBER("member condition"),
    FILTER("event filter");

    final String what;

    Scope(String what) {
      this.what = what;
    }
  }

  private final Map<String, Trait> traits;
  private final BiConsumer<Signal, String> onSignal;
  private final Optional<Model> members;
  private final java.util.Set<String> categories;

  Typing(
      Map<String, Trait> traits,
      java.util.Set<String> categories,
      BiConsumer<Signal, String> onSignal,
      Optional<Model> members) {
    this.traits = traits;
    this.categories = categories;
    this.onSignal = onSignal;
    this.members = members;
  }

  /** Checks a condition, naming {@code where} in the message of any error. */
  void checkCondition(Expr condition, Scope scope, String where) {
    Optional<ValueType> t = type(condition, scope, where);
    if (t.isPresent() && t.get() != ValueType.BOOLEAN) {
      throw new IllegalArgumentException(
          where
              + ": condition must be a bool, but '"
              + condition
              + "' is a "
              + t.get().displayName());
    }
  }

  /** The expression's type; empty for a dynamically typed event property. */
  Optional<ValueType> type(Expr e, Scope scope, String where) {
    if (e instanceof Expr.Literal l) {
      return Optional.of(l.value().type());
    }
    if (e instanceof Expr.Members m) {
      return members(m, scope, where);
    }
    if (e instanceof Expr.Agg a) {
      if (scope == Scope.FILTER) {
        throw error(where, "an event filter cannot use the signal '" + a.signal().name() + "'");
      }
      if (scope == Scope.MEMBER) {
        throw error(
            where,
            "a member condition reads member traits only, not the signal '"
                + a.signal().name()
                + "'");
      }
      Aggregate agg = a.signal().aggregate();
      if (a.window().isPresent() && !agg.windowed()) {
        throw error(where, "'" + agg + "' has its own horizon and takes no window");
      }
      for (EventFilter f : agg.filters()) {
        f.where().ifPresent(w -> checkCondition(w, Scope.FILTER, where + ", filter of " + agg));
      }
      onSignal.accept(a.signal(), where);
      return Optional.of(agg.type());
    }
    if (e instanceof Expr.TraitRef t) {
      if (scope == Scope.FILTER) {
        throw error(where, "an event filter cannot use the trait '" + t.name() + "'");
      }
      Trait trait = traits.get(t.name());
      if (trait == null) {
        throw error(where, "unknown trait '" + t.name() + "': declare it in the model first");
      }
      return Optional.of(trait.type().valueType());
    }
    if (e instanceof Expr.PropRef p) {
      if (scope != Scope.FILTER) {
        throw error(
            where, "the event property '" + p.name() + "' can only be used in an event filter");
      }
      return Optional.empty();
    }
    if (e instanceof Expr.ScoreRef s) {
      if (scope != Scope.TIER && scope != Scope.HANDOFF) {
        throw error(where, "'score' can only be used in a tier or hand-off condition");
      }
      return Optional.of(ValueType.NUMBER);
    }
    if (e instanceof Expr.CategoryTotal c) {
      if (scope != Scope.EXCLUSION && scope != Scope.TIER && scope != Scope.HANDOFF) {
        throw error(
            where,
            "the total of category '"
                + c.category()
                + "' can only be read in an exclusion, tier or hand-off condition; rules make the"
                + " totals");
      }
      if (!categories.contains(c.category())) {
        throw error(
            where, "unknown category '" + c.category() + "': its categories are " + categories);
      }
      return Optional.of(ValueType.NUMBER);
    }
    if (e instanceof Expr.Arith a) {
      expect(a.left(), ValueType.NUMBER, scope, where, "arithmetic");
      expect(a.right(), ValueType.NUMBER, scope, where, "arithmetic");
      return Optional.of(ValueType.NUMBER);
    }
    if (e instanceof Expr.Compare c) {
      Optional<ValueType> l = type(c.left(), scope, where);
      Optional<ValueType> r = type(c.right(), scope, where);
      if (l.isPresent() && r.isPresent() && l.get() != r.get()) {
        throw error(
            where,
            "cannot compare a "
                + l.get().displayName()
                + " with a "
                + r.get().displayName()
                + " in '"
                + c
                + "'");
      }
      Optional<ValueType> t = l.isPresent() ? l : r;
      if (c.op().ordering() && t.isPresent() && !orderable(t.get())) {
        throw error(
            where,
            "'"
                + c.op().symbol()
                + "' needs numbers or times, but '"
                + c
                + "' compares "
                + t.get().displayName()
                + "s");
      }
      return Optional.of(ValueType.BOOLEAN);
    }
    if (e instanceof Expr.Between b) {
      Optional<ValueType> t = type(b.operand(), scope, where);
      for (Expr bound : new Expr[] {b.low(), b.high()}) {
        Optional<ValueType> bt = type(bound, scope, where);
        if (t.isPresent() && bt.isPresent() && t.get() != bt.get()) {
          throw error(where, "the bounds of '" + b + "' do not match its type");
        }
        t = t.isPresent() ? t : bt;
      }
      if (t.isPresent() && !orderable(t.get())) {
        throw error(where, "'between' needs numbers or times, in '" + b + "'");
      }
      return Optional.of(ValueType.BOOLEAN);
    }
    if (e instanceof Expr.In in) {
      Optional<ValueType> t = type(in.operand(), scope, where);
      for (Value v : in.values()) {
        if (t.isPresent() && v.type() != t.get()) {
          throw error(
              where,
              "'"
                  + in
                  + "' tests a "
                  + t.get().displayName()
                  + " against the "
                  + v.type().displayName()
                  + " "
                  + v);
        }
      }
      return Optional.of(ValueType.BOOLEAN);
    }
    if (e instanceof Expr.And a) {
      a.operands().forEach(o -> expect(o, ValueType.BOOLEAN, scope, where, "'and'"));
      return Optional.of(ValueType.BOOLEAN);
    }
    if (e instanceof Expr.Or o) {
      o.operands().forEach(x -> expect(x, ValueType.BOOLEAN, scope, where, "'or'"));
      return Optional.of(ValueType.BOOLEAN);
    }
    if (e instanceof Expr.Not n) {
      expect(n.operand(), ValueType.BOOLEAN, scope, where, "'not'");
      return Optional.of(ValueType.BOOLEAN);
    }
    if (e instanceof Expr.IsMissing m) {
      type(m.operand(), scope, where);
      return Optional.of(ValueType.BOOLEAN);
    }
    if (e instanceof Expr.Lower l) {
      expect(l.operand(), ValueType.STRING, scope, where, "lower()");
      return Optional.of(ValueType.STRING);
    }
    throw new AssertionError("unknown expression: " + e);
  }

  private Optional<ValueType> members(Expr.Members m, Scope scope, String where) {
    if (scope == Scope.FILTER || scope == Scope.MEMBER) {
      throw error(where, "'" + m + "' cannot be used in a " + scope.what);
    }
    if (members.isEmpty()) {
      throw error(
          where,
          "'"
              + m
              + "' reads an account's members: only an account model that rolls up a user model"
              + " has them");
    }
    Model memberModel = members.get();
    MemberAggregate agg = m.aggregate();
    if (m.window().isPresent() && !agg.windowed()) {
      throw error(where, "'" + agg + "' takes no window");
    }
    if (m.window().isEmpty() && agg.needsWindow()) {
      throw error(where, "'" + agg + "' needs a window, e.g. '" + agg + " within 7d'");
    }
    agg.events()
        .flatMap(EventFilter::where)
        .ifPresent(w -> checkCondition(w, Scope.FILTER, where + ", filter of " + agg));
    if (agg instanceof MemberAggregate.Where w) {
      Map<String, Trait> memberTraits = new java.util.LinkedHashMap<>();
      memberModel.traits().forEach(t -> memberTraits.put(t.name(), t));
      new Typing(memberTraits, java.util.Set.of(), (s, x) -> {}, Optional.empty())
          .checkCondition(w.condition(), Scope.MEMBER, where + ", member condition of " + agg);
    } else if (agg instanceof MemberAggregate.AtTier t) {
      if (memberModel.tiers().stream().noneMatch(x -> x.name().equals(t.tier()))) {
        throw error(
            where,
            "the member model '"
                + memberModel.id()
                + "' has no tier '"
                + t.tier()
                + "'; its tiers are "
                + memberModel.tiers().stream().map(Tier::name).toList());
      }
    } else if (agg instanceof MemberAggregate.DistinctTrait d) {
      if (memberModel.trait(d.trait()).isEmpty()) {
        throw error(
            where, "the member model '" + memberModel.id() + "' has no trait '" + d.trait() + "'");
      }
    }
    return Optional.of(ValueType.NUMBER);
  }

  private void expect(Expr e, ValueType expected, Typing.Scope scope, String where, String what) {
    Optional<ValueType> t = type(e, scope, where);
    if (t.isPresent() && t.get() != expected) {
      throw error(
          where,
          what
              + " needs a "
              + expected.displayName()
              + ", but '"
              + e
              + "' is a "
              + t.get().displayName());
    }
  }

  private static boolean orderable(ValueType t) {
    return t == ValueType.NUMBER || t == ValueType.TIME;
  }

  private static IllegalArgumentException error(String where, String message) {
    return new IllegalArgumentException(where + ": " + message);
  }
}
