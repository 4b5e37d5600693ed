package dev.pls.dsl.internal;

import static java.util.Objects.requireNonNull;

import dev.pls.core.model.Expr.ArithOp;
import dev.pls.core.model.Expr.CompareOp;
import dev.pls.core.model.Value;
import java.util.List;
import java.util.Optional;

/*
 * The syntax tree of a rule file, as written: names are not resolved, windows are not applied,
 * nothing is typed. AstBuilder makes it from ANTLR's parse tree; the checker reads it (never
 * changes it) and lowers it to the core model; the formatter prints it back. Every node carries
 * the span it came from, so every diagnostic can point at its source.
 */
/** The syntax tree of a rule file. */
public final class Ast {
  private Ast() {}

  /** Where a node is: 1-based line and column, length in characters on its first line. */
  public record Span(int line, int column, int length, int endLine) {
    public static final Span NONE = new Span(1, 1, 0, 1);
  }

  /** A name with its position. */
  public record Ident(String name, Span span) {
    public Ident {
      requireNonNull(name, "name");
    }
  }

  /** A window literal such as {@code 7d}; unit is one of m, h, d, w. */
  public record WindowLit(int amount, char unit, Span span) {
    @Override
    public String toString() {
      return amount + String.valueOf(unit);
    }
  }

  /**
   * A whole file: its models in order. Items before the first header (or a file without one) form a
   * model without a header, which the checker reports.
   */
  public record File(List<Model> models) {}

  /** One model: its header and the items that follow it up to the next header. */
  public record Model(
      Optional<Header> header,
      List<Trait> traits,
      List<SetDecl> sets,
      List<SignalDecl> signals,
      List<EventDecl> events,
      List<CategoryDecl> categories,
      List<ExcludeDecl> exclusions,
      List<TierDecl> tiers,
      List<TestDecl> tests,
      List<RollupDecl> rollups,
      List<HandoffDecl> handoff,
      List<Object> order) {
    /** The activation declarations, in order (a model may have one; the checker reports more). */
    public List<ActivationDecl> activations() {
      return order.stream()
          .filter(ActivationDecl.class::isInstance)
          .map(ActivationDecl.class::cast)
          .toList();
    }

    /** The grids, in order (a model may have one; the checker reports more). */
    public List<GridDecl> grids() {
      return order.stream().filter(GridDecl.class::isInstance).map(GridDecl.class::cast).toList();
    }
  }

  /** {@code model id version N entity user members team_pql resolution 1d timezone "UTC"}. */
  public record Header(
      Ident name,
      Optional<Long> version,
      Optional<Ident> entity,
      Optional<Ident> members,
      Optional<WindowLit> resolution,
      Optional<StrLit> timezone,
      Span span) {}

  /** A string literal with its position. */
  public record StrLit(String value, Span span) {}

  /**
   * {@code trait employees: int}, or {@code trait total_time = "Total Time Spent on Website": int}:
   * a trait, and the name the data calls it by when that is not its name.
   */
  public record Trait(Ident name, Optional<StrLit> source, Ident type, Span span) {
    /** The name the data calls this trait by. */
    public String sourceName() {
      return source.map(StrLit::value).orElse(name.name());
    }
  }

  /** {@code set freemail = {"gmail.com", ...}}. */
  public record SetDecl(Ident name, List<Lit> values, Span span) {}

  /** {@code signal invites = count(invite_sent)}. */
  public record SignalDecl(Ident name, Expr definition, Span span) {}

  /**
   * {@code event invite_sent}, or {@code event invite = "Invite Sent"}: declares an event name, or
   * an alias for one that is not an identifier.
   */
  public record EventDecl(Ident alias, Optional<StrLit> event, Span span) {
    /** The event name this declaration stands for. */
    public String eventName() {
      return event.map(StrLit::value).orElse(alias.name());
    }
  }

  /** {@code category name cap 50 floor -20 { rules }}. */
  public record CategoryDecl(
      Ident name,
      Optional<NumberText> cap,
      Optional<NumberText> floor,
      List<RuleDecl> rules,
      Span span,
      int closeLine) {}

  /** A signed decimal as written. */
  public record NumberText(String text, Span span) {}

  /** {@code condition : +10 decay linear 60d "label" share "phrase" [id]}. */
  public record RuleDecl(
      Expr condition,
      NumberText points,
      Optional<DecayDecl> decay,
      Optional<StrLit> label,
      Optional<StrLit> share,
      Optional<Ident> id,
      Span span) {}

  /** {@code decay linear 60d}: the shape as written (checked later) and the length. */
  public record DecayDecl(Ident shape, WindowLit length, Span span) {}

  /** {@code exclude condition : "reason"}. */
  public record ExcludeDecl(Expr condition, StrLit reason, Span span) {}

  /** {@code tier hot when condition}. */
  public record TierDecl(Ident name, Expr condition, Span span) {}

  /** {@code grid fit_engagement rows fit {A >= 40, B >= 20, C} columns engagement {...}}. */
  public record GridDecl(Ident name, GridAxis rows, GridAxis columns, Span span) {}

  /** {@code fit {A >= 40, B >= 20, C}}: a category and its bands as written. */
  public record GridAxis(Ident category, List<GridBand> bands, Span span) {}

  /** {@code A >= 40}, or {@code C} for the rest: a label (a name or a number) and its cutoff. */
  public record GridBand(String label, Optional<NumberText> atLeast, Span span) {}

  /** {@code activation connected_source}: a rule id or an event, resolved by the checker. */
  public record ActivationDecl(Ident name, Span span) {}

  /** {@code rollup top 10 member_floor 0 member_cap 60 as members_top}. */
  public record RollupDecl(
      Ident kind,
      Optional<NumberText> k,
      Optional<NumberText> memberFloor,
      Optional<NumberText> memberCap,
      Optional<Ident> name,
      Span span) {}

  // ---- the hand-off ----

  /** An item of the sales hand-off. */
  public sealed interface HandoffDecl
      permits QueueDecl,
          SegmentDecl,
          RouteDecl,
          TriggerDecl,
          HoldDecl,
          SuppressDecl,
          HoldoutDecl,
          CooldownDecl,
          ContextDecl,
          TemplateDecl,
          DispositionDecl {
    Span span();
  }

  /** {@code queue named_ae "Named AE" sla 4h capacity 10}. */
  public record QueueDecl(
      Ident name, StrLit label, WindowLit sla, Optional<NumberText> capacity, Span span)
      implements HandoffDecl {}

  /** {@code segment enterprise when employees >= 500}. */
  public record SegmentDecl(Ident name, Expr condition, Span span) implements HandoffDecl {}

  /** {@code route tier1 in enterprise, mid_market cell A1, A2 to named_ae level high}. */
  public record RouteDecl(
      Ident tier,
      List<Ident> segments,
      List<Ident> cells,
      Ident queue,
      Optional<Ident> level,
      Span span)
      implements HandoffDecl {}

  /** {@code trigger sso "Asked about SSO" high when condition to named_ae}. */
  public record TriggerDecl(
      Ident name, StrLit label, Ident level, Expr condition, Ident queue, Span span)
      implements HandoffDecl {}

  /** {@code hold tier1 while score >= 120}. */
  public record HoldDecl(Ident tier, Expr condition, Span span) implements HandoffDecl {}

  /** {@code suppress when is_customer : "existing customer"}. */
  public record SuppressDecl(Expr condition, StrLit reason, Span span) implements HandoffDecl {}

  /** {@code holdout 10% salt "2026-q4"}. */
  public record HoldoutDecl(NumberText percent, StrLit salt, Span span) implements HandoffDecl {}

  /** {@code cooldown 7d}. */
  public record CooldownDecl(WindowLit duration, Span span) implements HandoffDecl {}

  /** {@code context active_users = active_members(any) within 7d}. */
  public record ContextDecl(Ident name, Expr value, Span span) implements HandoffDecl {}

  /** {@code template expansion "Hi, ... {sso_setup} ..."}. */
  public record TemplateDecl(Ident name, StrLit text, Span span) implements HandoffDecl {}

  /** {@code disposition bad_fit negative}; neutral when the polarity is left out. */
  public record DispositionDecl(Ident name, Optional<Ident> polarity, Span span)
      implements HandoffDecl {}

  // ---- tests ----

  /** {@code test "name" { statements }}. */
  public record TestDecl(StrLit name, List<TestStmt> statements, Span span, int closeLine) {}

  /** A statement of a test block. */
  public sealed interface TestStmt permits AsOf, EntityDef, EventsDef, MembersDef, Expect {
    Span span();
  }

  /** {@code as_of 2026-11-20T12:00:00Z}. */
  public record AsOf(String timestamp, Span span) implements TestStmt {}

  /** {@code user u1 { employees: 200 }}. */
  public record EntityDef(Ident kind, Ident id, List<Prop> traits, Span span) implements TestStmt {}

  /** A {@code name: literal} pair. */
  public record Prop(Ident name, Lit value, Span span) {}

  /** {@code events u1 { invite_sent at -1d; ... }}. */
  public record EventsDef(Ident entity, List<EventLine> events, Span span, int closeLine)
      implements TestStmt {}

  /** {@code members acme { u1, u2 }}: the users that belong to an account. */
  public record MembersDef(Ident account, List<Ident> users, Span span) implements TestStmt {}

  /** {@code invite_sent at -1d { feature: "x" }}. */
  public record EventLine(EventName name, EventTime time, List<Prop> properties, Span span) {}

  /** When an event happened: relative to as_of, or absolute. */
  public sealed interface EventTime permits Relative, Absolute {}

  /** {@code -1d}: sign -1, +1. */
  public record Relative(int sign, WindowLit offset) implements EventTime {}

  /** {@code 2026-11-19T10:00:00Z}. */
  public record Absolute(String timestamp, Span span) implements EventTime {}

  /** {@code expect u1 expectation}. */
  public record Expect(Ident entity, Expectation expectation, Span span) implements TestStmt {}

  /** What a test expects of an entity's card. */
  public sealed interface Expectation
      permits ExpectScore,
          ExpectTier,
          ExpectCell,
          ExpectFired,
          ExpectExcluded,
          ExpectValue,
          ExpectSegment,
          ExpectTrigger,
          ExpectSuppressed {}

  /** {@code score 40}. */
  public record ExpectScore(NumberText score) implements Expectation {}

  /** {@code tier warm}. */
  public record ExpectTier(Ident tier) implements Expectation {}

  /** {@code cell A1}: the grid cell, a row label then a column label. */
  public record ExpectCell(String cell, Span span) implements Expectation {}

  /** {@code fired "label"}, {@code not fired rule_id}. */
  public record ExpectFired(boolean negated, String rule, boolean quoted, Span span)
      implements Expectation {}

  /** {@code excluded "reason"}, {@code not excluded}. */
  public record ExpectExcluded(boolean negated, Optional<StrLit> reason) implements Expectation {}

  /** {@code value invites within 7d == 3}, {@code value days_since(any) is missing}. */
  public record ExpectValue(Expr operand, Optional<Lit> equals) implements Expectation {}

  /** {@code segment enterprise}. */
  public record ExpectSegment(Ident segment) implements Expectation {}

  /** {@code trigger sso}, {@code not trigger sso}. */
  public record ExpectTrigger(boolean negated, Ident trigger) implements Expectation {}

  /** {@code [not] suppressed ["reason"]}: whether (and by which reason) a suppression holds. */
  public record ExpectSuppressed(boolean negated, Optional<StrLit> reason, Span span)
      implements Expectation {}

  /** An event named by an identifier (maybe an alias), a quoted name, or {@code any}. */
  public record EventName(String name, boolean quoted, Span span) {
    /** Whether this is the {@code any} wildcard. */
    public boolean isAny() {
      return !quoted && name.equals("any");
    }
  }

  // ---- expressions ----

  /** An expression as written. */
  public sealed interface Expr
      permits Lit, Name, Call, Neg, Arith, Compare, Between, In, Missing, And, Or, Not, Within {
    Span span();
  }

  /** A literal number, string or boolean. */
  public record Lit(Value value, Span span) implements Expr {}

  /** A bare name: a signal, trait, event, alias or {@code score}; resolved by the checker. */
  public record Name(String name, Span span) implements Expr {}

  /** A function call: {@code count(e where p == 1)}, with an optional window of its own. */
  public record Call(String function, List<Arg> args, Optional<WindowLit> window, Span span)
      implements Expr {}

  /** An argument of a call. */
  public sealed interface Arg permits FilterArg, DurationArg, WhereArg {
    Span span();
  }

  /** {@code event.property where condition}. */
  public record FilterArg(
      EventName event, Optional<Ident> property, Optional<Expr> where, Span span) implements Arg {}

  /** {@code where title in executives}: a condition on members' traits. */
  public record WhereArg(Expr condition, Span span) implements Arg {}

  /** {@code 4w}. */
  public record DurationArg(WindowLit window, Span span) implements Arg {}

  /** {@code -x}. */
  public record Neg(Expr operand, Span span) implements Expr {}

  /** {@code a + b}. */
  public record Arith(ArithOp op, Expr left, Expr right, Span span) implements Expr {}

  /** {@code a >= b}. */
  public record Compare(CompareOp op, Expr left, Expr right, Span span) implements Expr {}

  /** {@code a between lo and hi}. */
  public record Between(Expr operand, Expr low, Expr high, Span span) implements Expr {}

  /** {@code a in set}, {@code a not in {..}}. */
  public record In(Expr operand, SetRef set, boolean negated, Span span) implements Expr {}

  /** A named set or an inline one. */
  public record SetRef(Optional<Ident> name, List<Lit> values, Span span) {}

  /** {@code a is missing}, {@code a is present} ({@code present} = true). */
  public record Missing(Expr operand, boolean present, Span span) implements Expr {}

  /** {@code a and b and c}. */
  public record And(List<Expr> operands, Span span) implements Expr {}

  /** {@code a or b or c}. */
  public record Or(List<Expr> operands, Span span) implements Expr {}

  /** {@code not a}. */
  public record Not(Expr operand, Span span) implements Expr {}

  /** {@code condition within 7d}: the window applies to every aggregate in it without one. */
  public record Within(Expr operand, WindowLit window, Span span) implements Expr {}
}
