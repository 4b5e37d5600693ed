package dev.pls.dsl.internal;

import dev.pls.core.model.Aggregate;
import dev.pls.core.model.EventFilter;
import dev.pls.core.model.Expr;
import dev.pls.core.model.MemberAggregate;
import dev.pls.core.model.Signal;
import dev.pls.core.model.TraitType;
import dev.pls.core.model.Value;
import dev.pls.core.model.ValueType;
import dev.pls.core.model.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/*
 * Condition typing: resolves the names of an expression, types it and lowers it to a core Expr,
 * never changing the tree. A sub-expression with errors has the error type (Typed.ERROR): whatever
 * contains it is neither checked nor reported again, so one mistake makes one diagnostic.
 *
 * Name resolution, in this order: in a tier or hand-off condition, `score` is the score; then
 * declared signals (member signals too); then traits; then, where a number is expected in an
 * exclusion, tier or hand-off condition, a category's name is its total (in a rule it is PLS0307:
 * rules make the totals); then, in an account model with members,
 * `members`; then, only where a condition is expected, an event name (an event used as a
 * condition means "occurred at least once"). Inside an event filter's `where`, every name is a
 * property of the event, typed only at run time (Type.DYNAMIC); inside `members(where ...)`, a
 * trait of the member model. Events are open by default (any name is an event); once a file
 * declares an event with `event`, every event it uses must be declared, and typos get a
 * suggestion.
 *
 * A call is checked against its declaration in the function table, argument by argument. Member
 * functions lower to Expr.Members; a named member signal has no counterpart in the core model, so
 * each use is inlined as the Expr.Members it names.
 *
 * Relies on the header and declarations pass for the environment (the signals' declarations use
 * this pass to lower their calls, so a signal sees the traits, sets and events declared before
 * it), on the account pass for the member model's names, and on the window pass for windows.
 * Records in the environment every event the model reads.
 */
/** Types and lowers conditions and values; the function table decides what a call may say. */
final class Conditions {
  private final Env env;
  private final Reporter reporter;
  private final WindowChecks windows;
  private final AccountChecks accounts;

  Conditions(Env env, WindowChecks windows, AccountChecks accounts) {
    this.env = env;
    this.reporter = env.reporter();
    this.windows = windows;
    this.accounts = accounts;
  }

  /** Lowers a whole condition; empty when it has errors (reported). */
  Optional<Expr> condition(Ast.Expr e, Scope scope) {
    Typed t = lower(e, scope, WindowChecks.Ambient.none(), true);
    if (t.failed()) {
      return Optional.empty();
    }
    if (t.type().known() && t.type() != Type.BOOLEAN) {
      reporter.error(
          Code.PLS0301,
          e.span(),
          "a condition must be true or false, but '"
              + Printer.expr(e)
              + "' is a "
              + t.type().displayName()
              + "; compare it, e.g. '"
              + Printer.expr(e)
              + " >= 1'");
      return Optional.empty();
    }
    return Optional.of(t.expr());
  }

  /** Lowers a value expression: a hand-off context value, or a test's value expectation. */
  Typed value(Ast.Expr e, Scope scope) {
    return lower(e, scope, WindowChecks.Ambient.none(), false);
  }

  /** The aggregate a signal's defining call denotes; empty on errors (reported). */
  Optional<Aggregate> aggregate(Ast.Call c) {
    return lowerCall(Functions.aggregate(c.function()).orElseThrow(), c);
  }

  /** The member aggregate a call denotes; empty on errors (reported). */
  Optional<MemberAggregate> memberAggregate(Ast.Call c) {
    if (!accounts.hasMembers(c.function() + "()", c.span())) {
      return Optional.empty();
    }
    return lowerCall(Functions.member(c.function()).orElseThrow(), c);
  }

  private Typed lower(Ast.Expr e, Scope scope, WindowChecks.Ambient ambient, boolean wantBool) {
    if (e instanceof Ast.Within w) {
      Optional<WindowChecks.Ambient> inner = windows.open(w, scope);
      if (inner.isEmpty()) {
        return Typed.ERROR;
      }
      Typed t = lower(w.operand(), scope, inner.get(), wantBool);
      return t.failed() || windows.reached(w, inner.get()) ? t : Typed.ERROR;
    }
    if (e instanceof Ast.Lit l) {
      return Typed.of(new Expr.Literal(l.value()), l.value().type());
    }
    if (e instanceof Ast.Name n) {
      return name(n, scope, ambient, wantBool);
    }
    if (e instanceof Ast.Call c) {
      return call(c, scope, ambient);
    }
    if (e instanceof Ast.Neg n) {
      Typed t = expect(n.operand(), Type.NUMBER, scope, ambient, "'-'");
      return t.failed()
          ? t
          : Typed.of(new Expr.Arith(Expr.ArithOp.SUB, Expr.lit(0), t.expr()), ValueType.NUMBER);
    }
    if (e instanceof Ast.Arith a) {
      Typed l = expect(a.left(), Type.NUMBER, scope, ambient, "arithmetic");
      Typed r = expect(a.right(), Type.NUMBER, scope, ambient, "arithmetic");
      return l.failed() || r.failed()
          ? Typed.ERROR
          : Typed.of(new Expr.Arith(a.op(), l.expr(), r.expr()), ValueType.NUMBER);
    }
    if (e instanceof Ast.Compare c) {
      return compare(c, scope, ambient);
    }
    if (e instanceof Ast.Between b) {
      return between(b, scope, ambient);
    }
    if (e instanceof Ast.In in) {
      return in(in, scope, ambient);
    }
    if (e instanceof Ast.Missing m) {
      Typed o = lower(m.operand(), scope, ambient, false);
      if (o.failed()) {
        return o;
      }
      Expr x = new Expr.IsMissing(o.expr());
      return Typed.bool(m.present() ? new Expr.Not(x) : x);
    }
    if (e instanceof Ast.Not n) {
      Typed o = expect(n.operand(), Type.BOOLEAN, scope, ambient, "'not'");
      return o.failed() ? o : Typed.bool(new Expr.Not(o.expr()));
    }
    if (e instanceof Ast.And a) {
      Optional<List<Expr>> operands = booleans(a.operands(), scope, ambient, "'and'");
      return operands.isEmpty() ? Typed.ERROR : Typed.bool(new Expr.And(operands.get()));
    }
    if (e instanceof Ast.Or o) {
      Optional<List<Expr>> operands = booleans(o.operands(), scope, ambient, "'or'");
      return operands.isEmpty() ? Typed.ERROR : Typed.bool(new Expr.Or(operands.get()));
    }
    throw new AssertionError("unknown expression " + e);
  }

  private Typed compare(Ast.Compare c, Scope scope, WindowChecks.Ambient ambient) {
    Typed l = lower(c.left(), scope, ambient, false);
    Typed r = lower(c.right(), scope, ambient, false);
    if (l.failed() || r.failed()) {
      return Typed.ERROR;
    }
    if (l.type().known() && r.type().known() && l.type() != r.type()) {
      reporter.error(
          Code.PLS0301,
          c.span(),
          "cannot compare a "
              + l.type().displayName()
              + " with a "
              + r.type().displayName()
              + " in '"
              + Printer.expr(c)
              + "'");
      return Typed.ERROR;
    }
    // Either side may be a property, whose type only events know: then the other side decides.
    Type t = l.type().known() ? l.type() : r.type();
    if (c.op().ordering() && t.known() && !t.orderable()) {
      reporter.error(
          Code.PLS0301,
          c.span(),
          "'"
              + c.op().symbol()
              + "' orders numbers and times, not "
              + t.displayName()
              + "s; use == or != (or 'in')");
      return Typed.ERROR;
    }
    return Typed.bool(new Expr.Compare(c.op(), l.expr(), r.expr()));
  }

  private Typed between(Ast.Between b, Scope scope, WindowChecks.Ambient ambient) {
    Typed o = lower(b.operand(), scope, ambient, false);
    Typed lo = lower(b.low(), scope, ambient, false);
    Typed hi = lower(b.high(), scope, ambient, false);
    if (o.failed() || lo.failed() || hi.failed()) {
      return Typed.ERROR;
    }
    for (Typed t : List.of(o, lo, hi)) {
      if (t.type().known() && !t.type().orderable()) {
        reporter.error(
            Code.PLS0301,
            b.span(),
            "'between' needs numbers or times, but '"
                + Printer.expr(b)
                + "' has a "
                + t.type().displayName());
        return Typed.ERROR;
      }
    }
    return Typed.bool(new Expr.Between(o.expr(), lo.expr(), hi.expr()));
  }

  private Typed in(Ast.In in, Scope scope, WindowChecks.Ambient ambient) {
    Typed o = lower(in.operand(), scope, ambient, false);
    Optional<List<Value>> values = setValues(in.set());
    if (o.failed() || values.isEmpty()) {
      return Typed.ERROR;
    }
    for (Value v : values.get()) {
      if (o.type().known() && Type.of(v.type()) != o.type()) {
        reporter.error(
            Code.PLS0301,
            in.set().span(),
            "'"
                + Printer.expr(in.operand())
                + "' is a "
                + o.type().displayName()
                + " but the set holds "
                + v.type().displayName()
                + "s");
        return Typed.ERROR;
      }
    }
    Expr x = new Expr.In(o.expr(), values.get());
    return Typed.bool(in.negated() ? new Expr.Not(x) : x);
  }

  /** Operands that must each be true or false; empty if any has errors (all reported). */
  private Optional<List<Expr>> booleans(
      List<Ast.Expr> operands, Scope scope, WindowChecks.Ambient ambient, String what) {
    List<Expr> result = new ArrayList<>();
    boolean ok = true;
    for (Ast.Expr o : operands) {
      Typed t = expect(o, Type.BOOLEAN, scope, ambient, what);
      if (t.failed()) {
        ok = false;
      } else {
        result.add(t.expr());
      }
    }
    return ok ? Optional.of(result) : Optional.empty();
  }

  /** Lowers {@code e}, which {@code what} needs to be of type {@code expected}. */
  private Typed expect(
      Ast.Expr e, Type expected, Scope scope, WindowChecks.Ambient ambient, String what) {
    Typed t = lower(e, scope, ambient, expected == Type.BOOLEAN);
    if (t.type().known() && t.type() != expected) {
      reporter.error(
          Code.PLS0301,
          e.span(),
          what
              + " needs a "
              + expected.displayName()
              + ", but '"
              + Printer.expr(e)
              + "' is a "
              + t.type().displayName());
      return Typed.ERROR;
    }
    return t;
  }

  private Optional<List<Value>> setValues(Ast.SetRef set) {
    if (set.name().isEmpty()) {
      List<Value> values = new ArrayList<>();
      for (Ast.Lit l : set.values()) {
        if (!values.isEmpty() && values.get(0).type() != l.value().type()) {
          reporter.error(Code.PLS0301, l.span(), "a set holds values of one type");
          return Optional.empty();
        }
        values.add(l.value());
      }
      return Optional.of(values);
    }
    String name = set.name().get().name();
    List<Value> values = env.sets().get(name);
    if (values == null) {
      reporter.error(
          Code.PLS0201,
          set.name().get().span(),
          "unknown set '" + name + "'" + Names.didYouMean(reporter, name, env.sets().keySet()));
    }
    return Optional.ofNullable(values);
  }

  // ---- names ----

  private Typed name(Ast.Name n, Scope scope, WindowChecks.Ambient ambient, boolean wantBool) {
    String name = n.name();
    if (scope == Scope.FILTER) {
      return new Typed(new Expr.PropRef(name), Type.DYNAMIC);
    }
    if (scope == Scope.MEMBER) {
      return accounts.memberTrait(n);
    }
    if (name.equals("score")
        && !env.signals().containsKey(name)
        && !env.traits().containsKey(name)) {
      if (scope != Scope.TIER && scope != Scope.HANDOFF) {
        reporter.error(
            Code.PLS0304,
            n.span(),
            "'score' is only known in tier and hand-off conditions; rules and exclusions run"
                + " before the score exists");
        return Typed.ERROR;
      }
      return Typed.of(new Expr.ScoreRef(), ValueType.NUMBER);
    }
    Signal s = env.signals().get(name);
    if (s != null) {
      return aggregateRef(s, Optional.empty(), ambient);
    }
    MemberAggregate member = env.memberSignals().get(name);
    if (member != null) {
      return memberRef(member, Optional.empty(), ambient, name, n.span());
    }
    TraitType t = env.traits().get(name);
    if (t != null) {
      return Typed.of(new Expr.TraitRef(name), t.valueType());
    }
    if (!wantBool && categoryNames().contains(name) && scope != Scope.VALUE) {
      if (!readsTotals(scope)) {
        reporter.error(
            Code.PLS0307,
            n.span(),
            "a rule cannot read the total of category '"
                + name
                + "': rules make the totals; read it in a tier, exclusion or hand-off condition");
        return Typed.ERROR;
      }
      return Typed.of(new Expr.CategoryTotal(name), ValueType.NUMBER);
    }
    if (name.equals("members") && !env.sets().containsKey(name)) {
      if (env.memberModel().isPresent()) {
        return Typed.of(
            new Expr.Members(new MemberAggregate.Count(), Optional.empty()), ValueType.NUMBER);
      }
      if (env.membersDeclared()) {
        return Typed.ERROR; // the unresolved 'members' setting is reported
      }
      if (!wantBool) {
        accounts.noMembers("'members'", n.span());
        return Typed.ERROR;
      }
    }
    if (env.sets().containsKey(name)) {
      reporter.error(
          Code.PLS0301,
          n.span(),
          "'" + name + "' is a set; test membership with 'x in " + name + "'");
      return Typed.ERROR;
    }
    boolean declaredEvent = env.events().containsKey(name);
    if (wantBool && (declaredEvent || env.openEvents())) {
      String event = env.events().getOrDefault(name, name);
      env.reads(event, n.span());
      Typed count = aggregateRef(Signal.inline(Aggregate.count(event)), Optional.empty(), ambient);
      return Typed.bool(new Expr.Compare(Expr.CompareOp.GE, count.expr(), Expr.lit(1)));
    }
    unknownName(n, wantBool, declaredEvent, scope);
    return Typed.ERROR;
  }

  /** Whether conditions in {@code scope} run after the rules, so may read category totals. */
  private static boolean readsTotals(Scope scope) {
    return scope == Scope.EXCLUSION || scope == Scope.TIER || scope == Scope.HANDOFF;
  }

  /** The names of the file's categories, in declaration order. */
  private List<String> categoryNames() {
    return env.file().categories().stream().map(c -> c.name().name()).toList();
  }

  private void unknownName(Ast.Name n, boolean wantBool, boolean declaredEvent, Scope scope) {
    String name = n.name();
    List<String> candidates = new ArrayList<>(env.signals().keySet());
    candidates.addAll(env.traits().keySet());
    if (!wantBool && readsTotals(scope)) {
      candidates.addAll(categoryNames());
    }
    if (wantBool) {
      candidates.addAll(env.events().keySet());
      reporter.error(
          Code.PLS0202,
          n.span(),
          "unknown event '"
              + name
              + "'; this file declares its events, so declare it with 'event "
              + name
              + "'"
              + Names.didYouMean(reporter, name, candidates));
    } else if (declaredEvent || env.openEvents()) {
      reporter.error(
          Code.PLS0201,
          n.span(),
          "unknown signal or trait '"
              + name
              + "'"
              + Names.closest(reporter, name, candidates)
                  .map(c -> "; did you mean '" + c + "'?")
                  .orElse("; if it is an event, count it: count(" + name + ")"));
    } else {
      reporter.error(
          Code.PLS0201,
          n.span(),
          "unknown signal or trait '" + name + "'" + Names.didYouMean(reporter, name, candidates));
    }
  }

  private Typed aggregateRef(Signal s, Optional<Window> own, WindowChecks.Ambient a) {
    return Typed.of(
        new Expr.Agg(s, windows.applied(s.aggregate().windowed(), own, a)), s.aggregate().type());
  }

  private Typed memberRef(
      MemberAggregate a,
      Optional<Window> own,
      WindowChecks.Ambient ambient,
      String text,
      Ast.Span span) {
    Optional<Window> w = windows.applied(a.windowed(), own, ambient);
    if (!windows.hasNeededWindow(a, w, text, span)) {
      return Typed.ERROR;
    }
    return Typed.of(new Expr.Members(a, w), ValueType.NUMBER);
  }

  // ---- calls ----

  private Typed call(Ast.Call c, Scope scope, WindowChecks.Ambient ambient) {
    Optional<Functions.Declaration<Expr>> scalar = Functions.scalar(c.function());
    if (scope == Scope.MEMBER && scalar.isEmpty()) {
      reporter.error(
          Code.PLS0306,
          c.span(),
          "a member condition reads member traits only, e.g. members(where title in {\"CEO\"}),"
              + " not '"
              + Printer.expr(c)
              + "'");
      return Typed.ERROR;
    }
    if (scalar.isPresent()) {
      return scalarCall(scalar.get(), c, scope, ambient);
    }
    if (scope == Scope.FILTER) {
      reporter.error(
          Code.PLS0304,
          c.span(),
          "an event filter reads one event's properties; it cannot use an aggregate");
      return Typed.ERROR;
    }
    Optional<Functions.Declaration<MemberAggregate>> member = Functions.member(c.function());
    if (member.isPresent()) {
      Optional<MemberAggregate> a = memberAggregate(c);
      if (a.isEmpty()) {
        return Typed.ERROR;
      }
      WindowChecks.Own own = windows.own(member.get(), c);
      return own.failed()
          ? Typed.ERROR
          : memberRef(a.get(), own.window(), ambient, Printer.expr(c), c.span());
    }
    Optional<Functions.Declaration<Aggregate>> fn = Functions.aggregate(c.function());
    if (fn.isEmpty()) {
      reporter.error(
          Code.PLS0203,
          c.span(),
          "unknown function '"
              + c.function()
              + "'"
              + Names.didYouMean(reporter, c.function(), Functions.names()));
      return Typed.ERROR;
    }
    Optional<Aggregate> a = lowerCall(fn.get(), c);
    if (a.isEmpty()) {
      return Typed.ERROR;
    }
    WindowChecks.Own own = windows.own(fn.get(), c);
    return own.failed() ? Typed.ERROR : aggregateRef(Signal.inline(a.get()), own.window(), ambient);
  }

  /**
   * A scalar function's call, {@code lower(name)}: its operand is a bare name, and since a scalar
   * reads no events, a window is as wrong as any other argument.
   */
  private Typed scalarCall(
      Functions.Declaration<Expr> fn, Ast.Call c, Scope scope, WindowChecks.Ambient ambient) {
    Optional<Ast.Ident> name = bareName(c.args(), 0);
    if (!fn.accepts(c.args().size()) || name.isEmpty() || c.window().isPresent()) {
      reporter.error(Code.PLS0203, c.span(), fn.usage());
      return Typed.ERROR;
    }
    if (fn.params().get(0) != Functions.Param.STRING_NAME) {
      throw new AssertionError(fn.name() + " takes a name of a string");
    }
    Typed t =
        expect(
            new Ast.Name(name.get().name(), name.get().span()),
            Type.STRING,
            scope,
            ambient,
            fn.name() + "()");
    return t.failed()
        ? t
        : Typed.of(
            fn.lower(
                new Functions.Args(
                    List.of(), Optional.empty(), 0, Optional.empty(), Optional.of(t.expr()))),
            fn.result());
  }

  /**
   * Checks an aggregate or member function call's arguments against its declaration, in order, and
   * lowers it; empty on errors (reported). A wrong event argument is shown where it is; a wrong
   * name or condition argument, like a wrong number of arguments, at the whole call.
   */
  private <T> Optional<T> lowerCall(Functions.Declaration<T> fn, Ast.Call c) {
    List<Ast.Arg> args = c.args();
    if (!fn.accepts(args.size())) {
      reporter.error(Code.PLS0203, c.span(), fn.usage());
      return Optional.empty();
    }
    List<EventFilter> events = new ArrayList<>();
    Optional<String> property = Optional.empty();
    int weeks = 0;
    Optional<String> name = Optional.empty();
    Optional<Expr> expr = Optional.empty();
    for (int i = 0; i < args.size(); i++) {
      Ast.Arg arg = args.get(i);
      Functions.Param param = fn.params().get(i);
      switch (param) {
        case EVENT, EVENT_PROPERTY -> {
          boolean wantsProperty = param == Functions.Param.EVENT_PROPERTY;
          if (!(arg instanceof Ast.FilterArg f) || f.property().isPresent() != wantsProperty) {
            reporter.error(Code.PLS0203, arg.span(), fn.usage());
            return Optional.empty();
          }
          if (f.property().isPresent()) {
            property = Optional.of(f.property().get().name());
          }
          Optional<EventFilter> ef = filter(f);
          if (ef.isEmpty()) {
            return Optional.empty();
          }
          events.add(ef.get());
        }
        case WEEKS -> {
          if (!(arg instanceof Ast.DurationArg d)
              || d.window().unit() != 'w'
              || d.window().amount() < 2
              || d.window().amount() > Aggregate.Trend.MAX_WEEKS) {
            reporter.error(
                Code.PLS0203,
                arg.span(),
                fn.name()
                    + "'s horizon is 2w to "
                    + Aggregate.Trend.MAX_WEEKS
                    + "w, e.g. "
                    + fn.name()
                    + "(any, 4w)");
            return Optional.empty();
          }
          weeks = d.window().amount();
        }
        case MEMBER_WHERE -> {
          if (!(arg instanceof Ast.WhereArg w)) {
            reporter.error(Code.PLS0203, c.span(), fn.usage());
            return Optional.empty();
          }
          Optional<Expr> condition = memberCondition(w);
          if (condition.isEmpty()) {
            return Optional.empty();
          }
          expr = condition;
        }
        case MEMBER_TIER, MEMBER_TRAIT -> {
          Optional<Ast.Ident> bare = bareName(args, i);
          if (bare.isEmpty()) {
            reporter.error(Code.PLS0203, c.span(), fn.usage());
            return Optional.empty();
          }
          boolean known =
              param == Functions.Param.MEMBER_TIER
                  ? accounts.memberTier(bare.get())
                  : accounts.memberTraitName(bare.get());
          if (!known) {
            return Optional.empty();
          }
          name = Optional.of(bare.get().name());
        }
        case STRING_NAME -> throw new AssertionError(fn.name() + " is a scalar function");
      }
    }
    return Optional.of(fn.lower(new Functions.Args(events, property, weeks, name, expr)));
  }

  /** The condition of {@code members(where ...)}, on member traits; empty on errors (reported). */
  private Optional<Expr> memberCondition(Ast.WhereArg w) {
    Typed t = lower(w.condition(), Scope.MEMBER, WindowChecks.Ambient.none(), true);
    if (t.failed()) {
      return Optional.empty();
    }
    if (t.type().known() && t.type() != Type.BOOLEAN) {
      reporter.error(
          Code.PLS0301,
          w.condition().span(),
          "a member condition must be true or false, but '"
              + Printer.expr(w.condition())
              + "' is a "
              + t.type().displayName());
      return Optional.empty();
    }
    return Optional.of(t.expr());
  }

  /** An event argument as an event filter; empty on errors (reported). */
  private Optional<EventFilter> filter(Ast.FilterArg f) {
    Ast.EventName n = f.event();
    EventFilter ef;
    if (n.isAny()) {
      ef = EventFilter.any();
      env.readsAny();
    } else if (!n.quoted() && env.events().containsKey(n.name())) {
      ef = EventFilter.of(env.events().get(n.name()));
      env.reads(env.events().get(n.name()), n.span());
    } else if (!env.openEvents() && !env.events().containsValue(n.name())) {
      reporter.error(
          Code.PLS0202,
          n.span(),
          "unknown event '"
              + n.name()
              + "'; this file declares its events, so declare it with 'event "
              + (n.quoted() ? "name = " + Printer.quote(n.name()) : n.name())
              + "'"
              + Names.didYouMean(reporter, n.name(), env.events().keySet()));
      return Optional.empty();
    } else if (!env.usableText(n.name(), n.span(), "the event name")) {
      return Optional.empty();
    } else {
      ef = EventFilter.of(n.name());
      env.reads(n.name(), n.span());
    }
    if (f.where().isPresent()) {
      Typed w = lower(f.where().get(), Scope.FILTER, WindowChecks.Ambient.none(), true);
      if (w.failed()) {
        return Optional.empty();
      }
      if (w.type().known() && w.type() != Type.BOOLEAN) {
        reporter.error(
            Code.PLS0301,
            f.where().get().span(),
            "a 'where' filter must be true or false, but '"
                + Printer.expr(f.where().get())
                + "' is a "
                + w.type().displayName());
        return Optional.empty();
      }
      ef = ef.where(w.expr());
    }
    return Optional.of(ef);
  }

  /** Argument {@code i} when it is a bare name (no quotes, property or filter). */
  private static Optional<Ast.Ident> bareName(List<Ast.Arg> args, int i) {
    if (i < args.size()
        && args.get(i) instanceof Ast.FilterArg f
        && !f.event().quoted()
        && f.property().isEmpty()
        && f.where().isEmpty()) {
      return Optional.of(new Ast.Ident(f.event().name(), f.event().span()));
    }
    return Optional.empty();
  }
}
