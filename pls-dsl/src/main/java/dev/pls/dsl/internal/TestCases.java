package dev.pls.dsl.internal;

import dev.pls.core.EntityKind;
import dev.pls.core.Event;
import dev.pls.core.Expr;
import dev.pls.core.Points;
import dev.pls.core.Rule;
import dev.pls.core.TraitType;
import dev.pls.core.Value;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Lowers a file's {@code test} blocks to runnable cases, reporting what cannot run. */
final class TestCases {

  /** A runnable test. */
  record TestCase(
      String name, int line, Instant asOf, Map<String, TestEntity> entities, List<Check> checks) {}

  /** An entity of a test, with its traits and events. */
  record TestEntity(String id, Map<String, Value> traits, List<Event> events) {}

  /** One expectation, with its text for messages. */
  sealed interface Check permits ScoreCheck, TierCheck, FiredCheck, ExcludedCheck, ValueCheck {
    String entity();

    String text();
  }

  record ScoreCheck(String entity, Points score, String text) implements Check {}

  record TierCheck(String entity, String tier, String text) implements Check {}

  record FiredCheck(String entity, String ruleId, boolean negated, String text) implements Check {}

  record ExcludedCheck(String entity, boolean negated, Optional<String> reason, String text)
      implements Check {}

  record ValueCheck(String entity, Expr operand, Optional<Value> expected, String text)
      implements Check {}

  private final Checker checker;
  private final Reporter reporter;
  private final Map<String, Rule> rules;
  private final Collection<String> tiers;

  TestCases(Checker checker, Reporter reporter, Map<String, Rule> rules, Collection<String> tiers) {
    this.checker = checker;
    this.reporter = reporter;
    this.rules = rules;
    this.tiers = tiers;
  }

  List<TestCase> lower(List<Ast.TestDecl> tests) {
    List<TestCase> result = new ArrayList<>();
    Map<String, Ast.Span> names = new LinkedHashMap<>();
    for (Ast.TestDecl t : tests) {
      if (names.putIfAbsent(t.name().value(), t.name().span()) != null) {
        reporter.error(
            Code.PLS0205,
            t.name().span(),
            "test "
                + Printer.quote(t.name().value())
                + " is already declared on line "
                + names.get(t.name().value()).line());
      }
      TestCase c = lower(t);
      if (c != null) {
        result.add(c);
      }
    }
    return result;
  }

  private TestCase lower(Ast.TestDecl t) {
    Instant asOf = null;
    for (Ast.TestStmt s : t.statements()) {
      if (s instanceof Ast.AsOf a) {
        if (asOf != null) {
          reporter.error(Code.PLS0601, a.span(), "a test has one as_of");
        }
        asOf = instant(a.timestamp(), a.span());
      }
    }
    if (asOf == null) {
      if (t.statements().stream().noneMatch(s -> s instanceof Ast.AsOf)) {
        reporter.error(
            Code.PLS0601,
            t.name().span(),
            "test "
                + Printer.quote(t.name().value())
                + " has no as_of; add e.g. 'as_of 2026-11-20T12:00:00Z'");
      }
      return null;
    }
    Map<String, Map<String, Value>> traits = new LinkedHashMap<>();
    Map<String, List<Event>> events = new LinkedHashMap<>();
    List<Check> checks = new ArrayList<>();
    boolean ok = true;
    for (Ast.TestStmt s : t.statements()) {
      if (s instanceof Ast.EntityDef e) {
        ok &= entity(e, traits, events);
      } else if (s instanceof Ast.EventsDef e) {
        String id = e.entity().name();
        events.computeIfAbsent(id, k -> new ArrayList<>());
        traits.computeIfAbsent(id, k -> new LinkedHashMap<>());
        for (Ast.EventLine line : e.events()) {
          Event ev = event(id, line, asOf);
          if (ev == null) {
            ok = false;
          } else {
            events.get(id).add(ev);
          }
        }
      }
    }
    for (Ast.TestStmt s : t.statements()) {
      if (s instanceof Ast.Expect x) {
        if (!traits.containsKey(x.entity().name())) {
          reporter.error(
              Code.PLS0601,
              x.entity().span(),
              "no entity '"
                  + x.entity().name()
                  + "' in this test"
                  + Names.didYouMean(x.entity().name(), traits.keySet()));
          ok = false;
          continue;
        }
        Check c = check(x);
        if (c == null) {
          ok = false;
        } else {
          checks.add(c);
        }
      }
    }
    if (!ok) {
      return null;
    }
    Map<String, TestEntity> entities = new LinkedHashMap<>();
    traits.forEach(
        (id, tv) -> entities.put(id, new TestEntity(id, tv, events.getOrDefault(id, List.of()))));
    return new TestCase(t.name().value(), t.span().line(), asOf, entities, checks);
  }

  private boolean entity(
      Ast.EntityDef e, Map<String, Map<String, Value>> traits, Map<String, List<Event>> events) {
    String kind = e.kind().name();
    EntityKind expected = checker.entity();
    if (!kind.equals(expected.displayName())) {
      reporter.error(
          Code.PLS0601,
          e.kind().span(),
          "this model scores "
              + expected.displayName()
              + "s; write '"
              + expected.displayName()
              + " "
              + e.id().name()
              + " {...}'");
      return false;
    }
    String id = e.id().name();
    if (traits.containsKey(id)) {
      reporter.error(Code.PLS0601, e.id().span(), "entity '" + id + "' is already defined");
      return false;
    }
    Map<String, Value> values = new LinkedHashMap<>();
    boolean ok = true;
    for (Ast.Prop p : e.traits()) {
      String name = p.name().name();
      TraitType type = checker.traits().get(name);
      if (type == null) {
        reporter.error(
            Code.PLS0201,
            p.name().span(),
            "unknown trait '" + name + "'" + Names.didYouMean(name, checker.traits().keySet()));
        ok = false;
      } else if (!type.accepts(p.value().value())) {
        reporter.error(
            Code.PLS0301,
            p.value().span(),
            "trait '"
                + name
                + "' is a "
                + type.displayName()
                + ", not "
                + Printer.literal(p.value().value()));
        ok = false;
      } else if (values.putIfAbsent(name, p.value().value()) != null) {
        reporter.error(Code.PLS0601, p.name().span(), "trait '" + name + "' is set twice");
        ok = false;
      }
    }
    traits.put(id, values);
    events.computeIfAbsent(id, k -> new ArrayList<>());
    return ok;
  }

  private Event event(String entity, Ast.EventLine line, Instant asOf) {
    Instant time;
    if (line.time() instanceof Ast.Relative r) {
      Ast.WindowLit w = r.offset();
      Duration d =
          switch (w.unit()) {
            case 'm' -> Duration.ofMinutes(w.amount());
            case 'h' -> Duration.ofHours(w.amount());
            case 'd' -> Duration.ofDays(w.amount());
            default -> Duration.ofDays(7L * w.amount());
          };
      time = r.sign() < 0 ? asOf.minus(d) : asOf.plus(d);
    } else {
      Ast.Absolute a = (Ast.Absolute) line.time();
      time = instant(a.timestamp(), a.span());
      if (time == null) {
        return null;
      }
    }
    Ast.EventName n = line.name();
    String name =
        !n.quoted() && checker.events().containsKey(n.name())
            ? checker.events().get(n.name())
            : n.name();
    if (!checker.usableText(name, n.span(), "the event name")) {
      return null;
    }
    if (!checker.readsAny() && !checker.eventsRead().contains(name)) {
      reporter.warning(
          Code.PLS0602,
          n.span(),
          "the model reads no event '"
              + name
              + "', so this event changes nothing"
              + Names.didYouMean(name, checker.eventsRead()));
    }
    if (n.isAny()) {
      reporter.error(Code.PLS0601, n.span(), "'any' matches events; it cannot name one");
      return null;
    }
    Map<String, Value> props = new LinkedHashMap<>();
    for (Ast.Prop p : line.properties()) {
      if (props.putIfAbsent(p.name().name(), p.value().value()) != null) {
        reporter.error(
            Code.PLS0601, p.name().span(), "property '" + p.name().name() + "' is set twice");
        return null;
      }
    }
    Optional<String> account =
        checker.entity() == EntityKind.ACCOUNT ? Optional.of(entity) : Optional.empty();
    return new Event(entity, account, name, time, props);
  }

  private Instant instant(String text, Ast.Span span) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      reporter.error(Code.PLS0102, span, "'" + text + "' is not a valid timestamp");
      return null;
    }
  }

  private Check check(Ast.Expect x) {
    String entity = x.entity().name();
    Ast.Expectation e = x.expectation();
    String text = "expect " + entity + " " + Formatter.expectation(e);
    if (e instanceof Ast.ExpectScore s) {
      try {
        return new ScoreCheck(entity, Points.parse(s.score().text()), text);
      } catch (IllegalArgumentException | ArithmeticException ex) {
        reporter.error(Code.PLS0405, s.score().span(), "a score has at most 2 decimal places");
        return null;
      }
    }
    if (e instanceof Ast.ExpectTier t) {
      String tier = t.tier().name();
      if (!tier.equals(dev.pls.core.Tier.NONE) && !tiers.contains(tier)) {
        List<String> all = new ArrayList<>(tiers);
        all.add(dev.pls.core.Tier.NONE);
        reporter.error(
            Code.PLS0601,
            t.tier().span(),
            "no tier '" + tier + "' in this model" + Names.didYouMean(tier, all));
        return null;
      }
      return new TierCheck(entity, tier, text);
    }
    if (e instanceof Ast.ExpectFired f) {
      Optional<Rule> rule =
          Optional.ofNullable(rules.get(f.rule()))
              .or(
                  () ->
                      rules.values().stream().filter(r -> r.label().equals(f.rule())).findFirst());
      if (rule.isEmpty()) {
        List<String> names = new ArrayList<>(rules.keySet());
        rules.values().forEach(r -> names.add(r.label()));
        reporter.error(
            Code.PLS0601,
            f.span(),
            "no rule with id or label "
                + Printer.quote(f.rule())
                + Names.didYouMean(f.rule(), names));
        return null;
      }
      return new FiredCheck(entity, rule.get().id(), f.negated(), text);
    }
    if (e instanceof Ast.ExpectExcluded ex) {
      return new ExcludedCheck(entity, ex.negated(), ex.reason().map(Ast.StrLit::value), text);
    }
    Ast.ExpectValue v = (Ast.ExpectValue) e;
    Checker.Typed t = checker.value(v.operand());
    if (t == null) {
      return null;
    }
    if (!(t.expr() instanceof Expr.Agg || t.expr() instanceof Expr.TraitRef)) {
      reporter.error(
          Code.PLS0601,
          v.operand().span(),
          "'value' reads one signal or trait, e.g. 'value invites within 7d == 3'");
      return null;
    }
    if (v.equals().isPresent()
        && t.type().isPresent()
        && v.equals().get().value().type() != t.type().get()) {
      reporter.error(
          Code.PLS0301,
          v.equals().get().span(),
          "'"
              + Printer.expr(v.operand())
              + "' is a "
              + t.type().get().displayName()
              + ", not a "
              + v.equals().get().value().type().displayName());
      return null;
    }
    return new ValueCheck(entity, t.expr(), v.equals().map(Ast.Lit::value), text);
  }
}
