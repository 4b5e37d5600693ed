package dev.pls.dsl.internal;

import dev.pls.core.model.Expr.ArithOp;
import dev.pls.core.model.Expr.CompareOp;
import dev.pls.core.model.NumberRange;
import dev.pls.core.model.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Turns a syntax-error-free parse tree into the {@link Ast}. The one place that knows the parse
 * tree's shape; nothing ANTLR leaves it.
 */
final class AstBuilder extends PlsBaseVisitor<Object> {
  private final String source;
  private final int[] lineStarts;
  private final Reporter reporter;

  AstBuilder(String source, Reporter reporter) {
    this.source = source;
    this.reporter = reporter;
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < source.length(); i++) {
      if (source.charAt(i) == '\n') {
        starts.add(i + 1);
      }
    }
    this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
  }

  // ---- spans ----

  Ast.Span span(Token t) {
    int len = t.getType() == Token.EOF ? 0 : Math.max(0, t.getStopIndex() - t.getStartIndex() + 1);
    return new Ast.Span(t.getLine(), t.getCharPositionInLine() + 1, len, t.getLine());
  }

  Ast.Span span(ParserRuleContext ctx) {
    Token start = ctx.getStart();
    Token stop = ctx.getStop() == null ? start : ctx.getStop();
    int end = stop.getStopIndex();
    if (stop.getLine() != start.getLine()) {
      int line = start.getLine();
      int lineEnd = line < lineStarts.length ? lineStarts[line] - 1 : source.length();
      end = lineEnd - 1;
    }
    int len = Math.max(1, end - start.getStartIndex() + 1);
    return new Ast.Span(
        start.getLine(), start.getCharPositionInLine() + 1, len, Math.max(stop.getLine(), 1));
  }

  private Ast.Span span(TerminalNode n) {
    return span(n.getSymbol());
  }

  private static Ast.Span join(Ast.Span a, Ast.Span b) {
    if (a.line() == b.line()) {
      return new Ast.Span(
          a.line(),
          a.column(),
          b.column() + b.length() - a.column(),
          Math.max(a.endLine(), b.endLine()));
    }
    return new Ast.Span(a.line(), a.column(), a.length(), Math.max(a.endLine(), b.endLine()));
  }

  // ---- file ----

  Ast.File file(PlsParser.FileContext ctx) {
    List<Ast.Model> models = new ArrayList<>();
    if (!ctx.item().isEmpty() || ctx.modelSection().isEmpty()) {
      models.add(model(Optional.empty(), ctx.item()));
    }
    for (PlsParser.ModelSectionContext m : ctx.modelSection()) {
      models.add(model(Optional.of(header(m.modelHeader())), m.item()));
    }
    return new Ast.File(models);
  }

  private Ast.Model model(Optional<Ast.Header> header, List<PlsParser.ItemContext> items) {
    List<Ast.Trait> traits = new ArrayList<>();
    List<Ast.SetDecl> sets = new ArrayList<>();
    List<Ast.SignalDecl> signals = new ArrayList<>();
    List<Ast.EventDecl> events = new ArrayList<>();
    List<Ast.CategoryDecl> categories = new ArrayList<>();
    List<Ast.ExcludeDecl> exclusions = new ArrayList<>();
    List<Ast.TierDecl> tiers = new ArrayList<>();
    List<Ast.TestDecl> tests = new ArrayList<>();
    List<Ast.RollupDecl> rollups = new ArrayList<>();
    List<Ast.HandoffDecl> handoff = new ArrayList<>();
    List<Object> order = new ArrayList<>();
    header.ifPresent(order::add);
    for (PlsParser.ItemContext item : items) {
      Object node = visit(item);
      order.add(node);
      if (node instanceof Ast.Trait t) {
        traits.add(t);
      } else if (node instanceof Ast.SetDecl s) {
        sets.add(s);
      } else if (node instanceof Ast.SignalDecl s) {
        signals.add(s);
      } else if (node instanceof Ast.EventDecl e) {
        events.add(e);
      } else if (node instanceof Ast.CategoryDecl c) {
        categories.add(c);
      } else if (node instanceof Ast.ExcludeDecl x) {
        exclusions.add(x);
      } else if (node instanceof Ast.TierDecl t) {
        tiers.add(t);
      } else if (node instanceof Ast.GridDecl || node instanceof Ast.ActivationDecl) {
        // kept in order only; Ast.Model.grids() and activations() find them there
      } else if (node instanceof Ast.TestDecl t) {
        tests.add(t);
      } else if (node instanceof Ast.RollupDecl r) {
        rollups.add(r);
      } else if (node instanceof Ast.HandoffDecl h) {
        handoff.add(h);
      } else {
        throw new AssertionError("unexpected item " + node);
      }
    }
    return new Ast.Model(
        header,
        traits,
        sets,
        signals,
        events,
        categories,
        exclusions,
        tiers,
        tests,
        rollups,
        handoff,
        order);
  }

  private Ast.Header header(PlsParser.ModelHeaderContext ctx) {
    Optional<Long> version = Optional.empty();
    if (ctx.NUMBER() != null) {
      String text = ctx.NUMBER().getText();
      try {
        long v = Long.parseLong(text);
        if (v < 1 || v > Integer.MAX_VALUE) {
          throw new NumberFormatException();
        }
        version = Optional.of(v);
      } catch (NumberFormatException e) {
        reporter.error(
            Code.PLS0102,
            span(ctx.NUMBER()),
            "the version must be a whole number from 1 to " + Integer.MAX_VALUE + ", was " + text);
      }
    }
    Optional<Ast.Ident> entity = Optional.empty();
    Optional<Ast.Ident> members = Optional.empty();
    Optional<Ast.WindowLit> resolution = Optional.empty();
    Optional<Ast.StrLit> zone = Optional.empty();
    for (PlsParser.SettingContext s : ctx.setting()) {
      if (s instanceof PlsParser.EntitySettingContext e) {
        entity = Optional.of(ident(e.ident()));
      } else if (s instanceof PlsParser.ResolutionSettingContext r) {
        resolution = Optional.of(window(r.DURATION().getSymbol()));
      } else if (s instanceof PlsParser.TimezoneSettingContext z) {
        zone = Optional.of(str(z.STRING().getSymbol()));
      } else if (s instanceof PlsParser.MembersSettingContext m) {
        members = Optional.of(ident(m.ident()));
      }
    }
    return new Ast.Header(
        ident(ctx.ident()), version, entity, members, resolution, zone, span(ctx));
  }

  @Override
  public Object visitTraitDecl(PlsParser.TraitDeclContext ctx) {
    return new Ast.Trait(
        ident(ctx.ident(0)),
        Optional.ofNullable(ctx.STRING()).map(s -> str(s.getSymbol())),
        ident(ctx.ident(1)),
        span(ctx));
  }

  @Override
  public Object visitSetDecl(PlsParser.SetDeclContext ctx) {
    return new Ast.SetDecl(ident(ctx.ident()), setLiteral(ctx.setLiteral()), span(ctx));
  }

  @Override
  public Object visitSignalDecl(PlsParser.SignalDeclContext ctx) {
    return new Ast.SignalDecl(ident(ctx.ident()), bounded(sum(ctx.sum())), span(ctx));
  }

  @Override
  public Object visitEventDecl(PlsParser.EventDeclContext ctx) {
    return new Ast.EventDecl(
        ident(ctx.ident()),
        Optional.ofNullable(ctx.STRING()).map(s -> str(s.getSymbol())),
        span(ctx));
  }

  @Override
  public Object visitCategoryDecl(PlsParser.CategoryDeclContext ctx) {
    Optional<Ast.NumberText> cap = Optional.empty();
    Optional<Ast.NumberText> floor = Optional.empty();
    for (PlsParser.CategoryLimitContext l : ctx.categoryLimit()) {
      if (l instanceof PlsParser.CapLimitContext c) {
        cap = Optional.of(number(c.signedNumber()));
      } else if (l instanceof PlsParser.FloorLimitContext f) {
        floor = Optional.of(number(f.signedNumber()));
      }
    }
    List<Ast.RuleDecl> rules = new ArrayList<>();
    for (PlsParser.RuleLineContext r : ctx.ruleLine()) {
      rules.add(rule(r));
    }
    return new Ast.CategoryDecl(
        ident(ctx.ident()), cap, floor, rules, span(ctx), ctx.getStop().getLine());
  }

  private Ast.RuleDecl rule(PlsParser.RuleLineContext ctx) {
    PlsParser.PointsContext p = ctx.points();
    String text = (p.sign == null ? "" : p.sign.getText()) + inRange(p.NUMBER().getSymbol());
    return new Ast.RuleDecl(
        bounded(condition(ctx.condition())),
        new Ast.NumberText(text, span(p)),
        Optional.ofNullable(ctx.decay())
            .map(d -> new Ast.DecayDecl(ident(d.shape), window(d.DURATION().getSymbol()), span(d))),
        Optional.ofNullable(ctx.label).map(this::str),
        Optional.ofNullable(ctx.share).map(this::str),
        Optional.ofNullable(ctx.ident()).map(this::ident),
        span(ctx));
  }

  @Override
  public Object visitExcludeDecl(PlsParser.ExcludeDeclContext ctx) {
    return new Ast.ExcludeDecl(
        bounded(condition(ctx.condition())), str(ctx.STRING().getSymbol()), span(ctx));
  }

  @Override
  public Object visitTierDecl(PlsParser.TierDeclContext ctx) {
    return new Ast.TierDecl(ident(ctx.ident()), bounded(condition(ctx.condition())), span(ctx));
  }

  @Override
  public Object visitGridDecl(PlsParser.GridDeclContext ctx) {
    return new Ast.GridDecl(ident(ctx.name), gridAxis(ctx.rows), gridAxis(ctx.columns), span(ctx));
  }

  private Ast.GridAxis gridAxis(PlsParser.GridAxisContext ctx) {
    List<Ast.GridBand> bands = new ArrayList<>();
    for (PlsParser.GridBandContext b : ctx.gridBand()) {
      String label = b.ident() != null ? b.ident().getText() : b.NUMBER().getText();
      bands.add(
          new Ast.GridBand(
              label, Optional.ofNullable(b.signedNumber()).map(this::number), span(b)));
    }
    return new Ast.GridAxis(ident(ctx.ident()), bands, span(ctx));
  }

  @Override
  public Object visitTestDecl(PlsParser.TestDeclContext ctx) {
    List<Ast.TestStmt> statements = new ArrayList<>();
    for (PlsParser.TestStatementContext s : ctx.testStatement()) {
      statements.add((Ast.TestStmt) visit(s));
    }
    return new Ast.TestDecl(
        str(ctx.STRING().getSymbol()), statements, span(ctx), ctx.getStop().getLine());
  }

  @Override
  public Object visitRollupDecl(PlsParser.RollupDeclContext ctx) {
    return new Ast.RollupDecl(
        ident(ctx.kind),
        Optional.ofNullable(ctx.k).map(t -> new Ast.NumberText(inRange(t), span(t))),
        Optional.ofNullable(ctx.floor).map(this::number),
        Optional.ofNullable(ctx.cap).map(t -> new Ast.NumberText(inRange(t), span(t))),
        Optional.ofNullable(ctx.name).map(this::ident),
        span(ctx));
  }

  // ---- the hand-off ----

  @Override
  public Object visitQueueDecl(PlsParser.QueueDeclContext ctx) {
    return new Ast.QueueDecl(
        ident(ctx.ident()),
        str(ctx.STRING().getSymbol()),
        window(ctx.DURATION().getSymbol()),
        Optional.ofNullable(ctx.NUMBER())
            .map(n -> new Ast.NumberText(inRange(n.getSymbol()), span(n))),
        span(ctx));
  }

  @Override
  public Object visitSegmentDecl(PlsParser.SegmentDeclContext ctx) {
    return new Ast.SegmentDecl(ident(ctx.ident()), bounded(condition(ctx.condition())), span(ctx));
  }

  @Override
  public Object visitRouteDecl(PlsParser.RouteDeclContext ctx) {
    List<Ast.Ident> segments = new ArrayList<>();
    ctx.segments.forEach(s -> segments.add(ident(s)));
    List<Ast.Ident> cells = new ArrayList<>();
    ctx.cells.forEach(c -> cells.add(new Ast.Ident(c.getText(), span(c))));
    return new Ast.RouteDecl(
        ident(ctx.tier),
        segments,
        cells,
        ident(ctx.queue),
        Optional.ofNullable(ctx.level).map(this::ident),
        span(ctx));
  }

  @Override
  public Object visitTriggerDecl(PlsParser.TriggerDeclContext ctx) {
    return new Ast.TriggerDecl(
        ident(ctx.name),
        str(ctx.STRING().getSymbol()),
        ident(ctx.level),
        bounded(condition(ctx.condition())),
        ident(ctx.queue),
        span(ctx));
  }

  @Override
  public Object visitHoldDecl(PlsParser.HoldDeclContext ctx) {
    return new Ast.HoldDecl(ident(ctx.ident()), bounded(condition(ctx.condition())), span(ctx));
  }

  @Override
  public Object visitSuppressDecl(PlsParser.SuppressDeclContext ctx) {
    return new Ast.SuppressDecl(
        bounded(condition(ctx.condition())), str(ctx.STRING().getSymbol()), span(ctx));
  }

  @Override
  public Object visitHoldoutDecl(PlsParser.HoldoutDeclContext ctx) {
    return new Ast.HoldoutDecl(
        new Ast.NumberText(inRange(ctx.NUMBER().getSymbol()), span(ctx.NUMBER())),
        str(ctx.STRING().getSymbol()),
        span(ctx));
  }

  @Override
  public Object visitCooldownDecl(PlsParser.CooldownDeclContext ctx) {
    return new Ast.CooldownDecl(window(ctx.DURATION().getSymbol()), span(ctx));
  }

  @Override
  public Object visitContextDecl(PlsParser.ContextDeclContext ctx) {
    return new Ast.ContextDecl(ident(ctx.ident()), bounded(condition(ctx.condition())), span(ctx));
  }

  @Override
  public Object visitActivationDecl(PlsParser.ActivationDeclContext ctx) {
    return new Ast.ActivationDecl(ident(ctx.ident()), span(ctx));
  }

  @Override
  public Object visitDispositionDecl(PlsParser.DispositionDeclContext ctx) {
    return new Ast.DispositionDecl(
        ident(ctx.name),
        ctx.polarity == null ? Optional.empty() : Optional.of(ident(ctx.polarity)),
        span(ctx));
  }

  @Override
  public Object visitTemplateDecl(PlsParser.TemplateDeclContext ctx) {
    return new Ast.TemplateDecl(ident(ctx.ident()), str(ctx.STRING().getSymbol()), span(ctx));
  }

  // ---- tests ----

  @Override
  public Object visitAsOfStatement(PlsParser.AsOfStatementContext ctx) {
    return new Ast.AsOf(ctx.TIMESTAMP().getText(), span(ctx));
  }

  @Override
  public Object visitEntityStatement(PlsParser.EntityStatementContext ctx) {
    List<Ast.Prop> traits = new ArrayList<>();
    ctx.traitValue().forEach(t -> traits.add(prop(t)));
    return new Ast.EntityDef(
        new Ast.Ident(ctx.kind.getText(), span(ctx.kind)), ident(ctx.ident()), traits, span(ctx));
  }

  private Ast.Prop prop(PlsParser.TraitValueContext ctx) {
    return new Ast.Prop(ident(ctx.ident()), literal(ctx.literal()), span(ctx));
  }

  @Override
  public Object visitEventsStatement(PlsParser.EventsStatementContext ctx) {
    List<Ast.EventLine> events = new ArrayList<>();
    for (PlsParser.EventLineContext e : ctx.eventLine()) {
      List<Ast.Prop> props = new ArrayList<>();
      e.traitValue().forEach(t -> props.add(prop(t)));
      Ast.EventTime time;
      if (e.eventTime() instanceof PlsParser.RelativeTimeContext r) {
        int sign = r.sign != null && r.sign.getText().equals("-") ? -1 : 1;
        time = new Ast.Relative(sign, window(r.DURATION().getSymbol()));
      } else {
        PlsParser.AbsoluteTimeContext a = (PlsParser.AbsoluteTimeContext) e.eventTime();
        time = new Ast.Absolute(a.TIMESTAMP().getText(), span(a));
      }
      events.add(new Ast.EventLine(eventName(e.eventName()), time, props, span(e)));
    }
    return new Ast.EventsDef(ident(ctx.ident()), events, span(ctx), ctx.getStop().getLine());
  }

  @Override
  public Object visitMembersStatement(PlsParser.MembersStatementContext ctx) {
    List<Ast.Ident> users = new ArrayList<>();
    ctx.users.forEach(u -> users.add(ident(u)));
    return new Ast.MembersDef(ident(ctx.account), users, span(ctx));
  }

  @Override
  public Object visitExpectStatement(PlsParser.ExpectStatementContext ctx) {
    Ast.Expectation e;
    PlsParser.ExpectationContext x = ctx.expectation();
    if (x instanceof PlsParser.ExpectScoreContext s) {
      e = new Ast.ExpectScore(number(s.signedNumber()));
    } else if (x instanceof PlsParser.ExpectCellContext c) {
      e =
          new Ast.ExpectCell(
              c.ident() != null ? c.ident().getText() : c.NUMBER().getText(), span(c));
    } else if (x instanceof PlsParser.ExpectTierContext t) {
      e = new Ast.ExpectTier(ident(t.ident()));
    } else if (x instanceof PlsParser.ExpectFiredContext f) {
      boolean quoted = f.STRING() != null;
      String rule = quoted ? str(f.STRING().getSymbol()).value() : f.ident().getText();
      Ast.Span s = quoted ? span(f.STRING()) : span(f.ident());
      e = new Ast.ExpectFired(f.negated != null, rule, quoted, s);
    } else if (x instanceof PlsParser.ExpectExcludedContext ex) {
      e =
          new Ast.ExpectExcluded(
              ex.negated != null, Optional.ofNullable(ex.STRING()).map(s -> str(s.getSymbol())));
    } else if (x instanceof PlsParser.ExpectSegmentContext sg) {
      e = new Ast.ExpectSegment(ident(sg.ident()));
    } else if (x instanceof PlsParser.ExpectTriggerContext tr) {
      e = new Ast.ExpectTrigger(tr.negated != null, ident(tr.ident()));
    } else if (x instanceof PlsParser.ExpectSuppressedContext su) {
      e =
          new Ast.ExpectSuppressed(
              su.negated != null,
              Optional.ofNullable(su.STRING()).map(s -> str(s.getSymbol())),
              su.STRING() == null ? span(su) : span(su.STRING()));
    } else {
      PlsParser.ExpectValueContext v = (PlsParser.ExpectValueContext) x;
      Ast.Expr operand = bounded(sum(v.sum()));
      if (v.DURATION() != null) {
        operand = new Ast.Within(operand, window(v.DURATION().getSymbol()), span(v.sum()));
      }
      e = new Ast.ExpectValue(operand, Optional.ofNullable(v.literal()).map(this::literal));
    }
    return new Ast.Expect(ident(ctx.ident()), e, span(ctx));
  }

  // ---- expressions ----

  Ast.Expr condition(PlsParser.ConditionContext ctx) {
    Ast.Expr e = or(ctx.orExpr());
    if (ctx.DURATION() != null) {
      return new Ast.Within(e, window(ctx.DURATION().getSymbol()), span(ctx));
    }
    return e;
  }

  private Ast.Expr or(PlsParser.OrExprContext ctx) {
    List<PlsParser.AndExprContext> children = ctx.andExpr();
    if (!chainWithinLimit(children.size(), ctx)) {
      return and(children.get(0));
    }
    List<Ast.Expr> operands = new ArrayList<>();
    children.forEach(a -> operands.add(and(a)));
    return operands.size() == 1 ? operands.get(0) : new Ast.Or(operands, span(ctx));
  }

  private Ast.Expr and(PlsParser.AndExprContext ctx) {
    List<PlsParser.NotExprContext> children = ctx.notExpr();
    if (!chainWithinLimit(children.size(), ctx)) {
      return not(children.get(0));
    }
    List<Ast.Expr> operands = new ArrayList<>();
    children.forEach(a -> operands.add(not(a)));
    return operands.size() == 1 ? operands.get(0) : new Ast.And(operands, span(ctx));
  }

  private Ast.Expr not(PlsParser.NotExprContext ctx) {
    if (ctx instanceof PlsParser.NotOpContext n) {
      return new Ast.Not(not(n.notExpr()), span(ctx));
    }
    return predicate(((PlsParser.PredicateOpContext) ctx).predicate());
  }

  private Ast.Expr predicate(PlsParser.PredicateContext ctx) {
    if (ctx instanceof PlsParser.ComparePredicateContext c) {
      return new Ast.Compare(compareOp(c.op.getText()), sum(c.sum(0)), sum(c.sum(1)), span(ctx));
    }
    if (ctx instanceof PlsParser.BetweenPredicateContext b) {
      return new Ast.Between(sum(b.sum(0)), sum(b.sum(1)), sum(b.sum(2)), span(ctx));
    }
    if (ctx instanceof PlsParser.InPredicateContext in) {
      PlsParser.SetRefContext ref = in.setRef();
      Ast.SetRef set;
      if (ref instanceof PlsParser.NamedSetContext n) {
        set = new Ast.SetRef(Optional.of(ident(n.ident())), List.of(), span(ref));
      } else {
        set =
            new Ast.SetRef(
                Optional.empty(),
                setLiteral(((PlsParser.InlineSetContext) ref).setLiteral()),
                span(ref));
      }
      return new Ast.In(sum(in.sum()), set, in.negated != null, span(ctx));
    }
    if (ctx instanceof PlsParser.MissingPredicateContext m) {
      boolean present = m.kind.getText().equals("present");
      if (m.negated != null) {
        present = !present;
      }
      return new Ast.Missing(sum(m.sum()), present, span(ctx));
    }
    return sum(((PlsParser.ValuePredicateContext) ctx).sum());
  }

  private static CompareOp compareOp(String symbol) {
    for (CompareOp op : CompareOp.values()) {
      if (op.symbol().equals(symbol)) {
        return op;
      }
    }
    throw new AssertionError("unknown comparison " + symbol);
  }

  private static ArithOp arithOp(String symbol) {
    for (ArithOp op : ArithOp.values()) {
      if (op.symbol().equals(symbol)) {
        return op;
      }
    }
    throw new AssertionError("unknown operator " + symbol);
  }

  // Operand and operator lists are fetched once: ANTLR's indexed accessors scan the children,
  // and a long chain must not cost quadratic time.
  private Ast.Expr sum(PlsParser.SumContext ctx) {
    List<PlsParser.ProductContext> operands = ctx.product();
    List<PlsParser.SumOpContext> ops = ctx.sumOp();
    Ast.Expr e = product(operands.get(0));
    if (!chainWithinLimit(operands.size(), ctx)) {
      return e;
    }
    for (int i = 1; i < operands.size(); i++) {
      Ast.Expr right = product(operands.get(i));
      e = new Ast.Arith(arithOp(ops.get(i - 1).getText()), e, right, join(e.span(), right.span()));
    }
    return e;
  }

  private Ast.Expr product(PlsParser.ProductContext ctx) {
    List<PlsParser.UnaryContext> operands = ctx.unary();
    List<PlsParser.ProductOpContext> ops = ctx.productOp();
    Ast.Expr e = unary(operands.get(0));
    if (!chainWithinLimit(operands.size(), ctx)) {
      return e;
    }
    for (int i = 1; i < operands.size(); i++) {
      Ast.Expr right = unary(operands.get(i));
      e = new Ast.Arith(arithOp(ops.get(i - 1).getText()), e, right, join(e.span(), right.span()));
    }
    return e;
  }

  /**
   * The expression, after reporting it when its tree is deeper than {@link Limits#MAX_EXPR_DEPTH}.
   * Every later pass (checker, formatter, the core model's walks) recurses over the tree, so the
   * depth, not only the nesting and chain limits, is what keeps their stacks bounded.
   */
  private Ast.Expr bounded(Ast.Expr e) {
    ExprDepth.tooDeep(e, Limits.MAX_EXPR_DEPTH)
        .ifPresent(
            deep ->
                reporter.error(
                    Code.PLS0005,
                    deep.span(),
                    "expression nested too deeply: its operators nest more than "
                        + Limits.MAX_EXPR_DEPTH
                        + " levels (each operator of a chain is one level); shorten the chains"
                        + " or split the condition into several rules"));
    return e;
  }

  /** Reports a chain longer than the limit; the file then fails, so no full tree is needed. */
  private boolean chainWithinLimit(int size, ParserRuleContext ctx) {
    if (size <= Limits.MAX_CHAIN) {
      return true;
    }
    reporter.error(
        Code.PLS0003,
        span(ctx),
        "expression has "
            + size
            + " operands in a row; at most "
            + Limits.MAX_CHAIN
            + " are allowed (split it into signals or rules)");
    return false;
  }

  private Ast.Expr unary(PlsParser.UnaryContext ctx) {
    if (ctx instanceof PlsParser.NegateContext n) {
      Ast.Expr operand = unary(n.unary());
      if (operand instanceof Ast.Lit l && l.value() instanceof Value.Num num) {
        // A negative literal is a literal, as the Java builder makes it: lt(-1), not 0 - 1.
        return new Ast.Lit(new Value.Num(num.value().negate()), span(ctx));
      }
      return new Ast.Neg(operand, span(ctx));
    }
    return atom(((PlsParser.AtomUnaryContext) ctx).atom());
  }

  private Ast.Expr atom(PlsParser.AtomContext ctx) {
    if (ctx instanceof PlsParser.LiteralAtomContext l) {
      return literal(l.literal());
    }
    if (ctx instanceof PlsParser.NameAtomContext n) {
      return new Ast.Name(n.ident().getText(), span(ctx));
    }
    if (ctx instanceof PlsParser.ParenAtomContext p) {
      return condition(p.condition());
    }
    PlsParser.CallAtomContext c = (PlsParser.CallAtomContext) ctx;
    List<Ast.Arg> args = new ArrayList<>();
    for (PlsParser.CallArgContext a : c.callArg()) {
      if (a instanceof PlsParser.DurationArgContext d) {
        args.add(new Ast.DurationArg(window(d.DURATION().getSymbol()), span(a)));
      } else if (a instanceof PlsParser.WhereArgContext w) {
        args.add(new Ast.WhereArg(or(w.orExpr()), span(a)));
      } else {
        PlsParser.FilterArgContext f = (PlsParser.FilterArgContext) a;
        args.add(
            new Ast.FilterArg(
                eventName(f.eventName()),
                Optional.ofNullable(f.ident()).map(this::ident),
                Optional.ofNullable(f.orExpr()).map(this::or),
                span(a)));
      }
    }
    Optional<Ast.WindowLit> window =
        Optional.ofNullable(c.DURATION()).map(d -> window(d.getSymbol()));
    return new Ast.Call(c.ident().getText(), args, window, span(ctx));
  }

  private Ast.EventName eventName(PlsParser.EventNameContext ctx) {
    if (ctx.STRING() != null) {
      return new Ast.EventName(str(ctx.STRING().getSymbol()).value(), true, span(ctx));
    }
    return new Ast.EventName(ctx.ident().getText(), false, span(ctx));
  }

  private List<Ast.Lit> setLiteral(PlsParser.SetLiteralContext ctx) {
    List<Ast.Lit> values = new ArrayList<>();
    ctx.literal().forEach(l -> values.add(literal(l)));
    return values;
  }

  Ast.Lit literal(PlsParser.LiteralContext ctx) {
    if (ctx instanceof PlsParser.NumberLiteralContext n) {
      String text = inRange(n.NUMBER().getSymbol());
      BigDecimal d = new BigDecimal(text);
      if (n.getChildCount() == 2) {
        d = d.negate();
      }
      return new Ast.Lit(new Value.Num(d), span(ctx));
    }
    if (ctx instanceof PlsParser.StringLiteralContext s) {
      return new Ast.Lit(new Value.Str(str(s.STRING().getSymbol()).value()), span(ctx));
    }
    return new Ast.Lit(new Value.Bool(ctx.getText().equals("true")), span(ctx));
  }

  private Ast.NumberText number(PlsParser.SignedNumberContext ctx) {
    String sign = ctx.getChildCount() == 2 ? ctx.getChild(0).getText() : "";
    return new Ast.NumberText(sign + inRange(ctx.NUMBER().getSymbol()), span(ctx));
  }

  /**
   * The text of a number token when it is in {@link NumberRange}, else "0" after reporting it: the
   * file then fails, and no later pass parses, strips or prints a literal of unbounded length.
   */
  private String inRange(Token t) {
    String text = t.getText();
    if (NumberRange.contains(text)) {
      return text;
    }
    reporter.error(
        Code.PLS0102,
        span(t),
        "number "
            + Limits.abbreviate(text)
            + " is out of range: numbers have "
            + NumberRange.describe());
    return "0";
  }

  private Ast.Ident ident(PlsParser.IdentContext ctx) {
    return new Ast.Ident(ctx.getText(), span(ctx));
  }

  private Ast.WindowLit window(Token t) {
    String text = t.getText();
    char unit = text.charAt(text.length() - 1);
    int amount;
    try {
      amount = Integer.parseInt(text.substring(0, text.length() - 1));
    } catch (NumberFormatException e) {
      reporter.error(Code.PLS0102, span(t), "the duration " + text + " is too large");
      amount = Integer.MAX_VALUE;
    }
    return new Ast.WindowLit(amount, unit, span(t));
  }

  private Ast.StrLit str(Token t) {
    String text = t.getText();
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i < text.length() - 1; i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        char n = text.charAt(++i);
        sb.append(n == 'n' ? '\n' : n == 't' ? '\t' : n);
      } else {
        sb.append(c);
      }
    }
    return new Ast.StrLit(sb.toString(), span(t));
  }
}
