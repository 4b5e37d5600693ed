package dev.pls.dsl.internal;

import dev.pls.core.input.Event;
import dev.pls.core.model.EntityKind;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Handoff;
import dev.pls.core.model.Points;
import dev.pls.core.model.Rule;
import dev.pls.core.model.TraitType;
import dev.pls.core.model.Value;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/*
 * Lowers a model's test blocks to runnable cases. In an account model that rolls up members, a
 * test declares accounts and users, and `members acme { u1, u2 }` makes users members of an
 * account: the runner scores the account with its members and reads a member's card from the
 * account's card. Users in no account are scored by the member model alone. Every expectation is
 * checked against the model that scores its entity: an account's against this model, a user's
 * against the member model (its traits, rules, tiers, signals and hand-off).
 */
/** Lowers a model's {@code test} blocks to runnable cases, reporting what cannot run. */
final class TestCases {

  /** A runnable test. */
  record TestCase(
      String name, int line, Instant asOf, Map<String, TestEntity> entities, List<Check> checks) {}

  /**
   * An entity of a test: a user or an account, its traits and events and, for an account of a model
   * that rolls up members, its members' ids.
   */
  record TestEntity(
      String id,
      EntityKind kind,
      Map<String, Value> traits,
      List<Event> events,
      List<String> members) {}

  /** One expectation, with its text for messages. */
  sealed interface Check
      permits ScoreCheck,
          TierCheck,
          CellCheck,
          FiredCheck,
          ExcludedCheck,
          ValueCheck,
          SegmentCheck,
          TriggerCheck,
          SuppressedCheck {
    String entity();

    String text();
  }

  record ScoreCheck(String entity, Points score, String text) implements Check {}

  record TierCheck(String entity, String tier, String text) implements Check {}

  record CellCheck(String entity, String cell, String text) implements Check {}

  record FiredCheck(String entity, String ruleId, boolean negated, String text) implements Check {}

  record ExcludedCheck(String entity, boolean negated, Optional<String> reason, String text)
      implements Check {}

  record ValueCheck(String entity, Expr operand, Optional<Value> expected, String text)
      implements Check {}

  record SegmentCheck(String entity, String segment, String text) implements Check {}

  record TriggerCheck(String entity, String trigger, boolean negated, String text)
      implements Check {}

  record SuppressedCheck(String entity, boolean negated, Optional<String> reason, String text)
      implements Check {}

  private final SymbolTable symbols;
  private final Reporter reporter;

  /** Lowers the tests of the model {@code symbols} describes, reporting to {@code reporter}. */
  TestCases(SymbolTable symbols, Reporter reporter) {
    this.symbols = symbols;
    this.reporter = reporter;
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

  /** Whether this model scores users as its accounts' members. */
  private boolean hasMembers() {
    return symbols.membersDeclared();
  }

  /** The symbols of the model that scores entities of {@code kind}; empty if unresolved. */
  private Optional<SymbolTable> scoredBy(EntityKind kind) {
    if (kind == EntityKind.USER && symbols.entity() == EntityKind.ACCOUNT && hasMembers()) {
      return symbols.memberModel();
    }
    return Optional.of(symbols);
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
    // Kinds are null for entities only named by 'events' until membership decides them.
    Map<String, EntityKind> kinds = new LinkedHashMap<>();
    Map<String, Map<String, Value>> traits = new LinkedHashMap<>();
    boolean ok = true;
    for (Ast.TestStmt s : t.statements()) {
      if (s instanceof Ast.EntityDef e) {
        ok &= entity(e, kinds, traits);
      }
    }
    for (Ast.TestStmt s : t.statements()) {
      if (s instanceof Ast.EventsDef e && !kinds.containsKey(e.entity().name())) {
        kinds.put(e.entity().name(), null);
        traits.put(e.entity().name(), new LinkedHashMap<>());
      }
    }
    Map<String, List<String>> members = new LinkedHashMap<>();
    Map<String, String> accountOf = new LinkedHashMap<>();
    for (Ast.TestStmt s : t.statements()) {
      if (s instanceof Ast.MembersDef m) {
        ok &= members(m, kinds, members, accountOf);
      }
    }
    kinds.replaceAll((id, k) -> k == null ? symbols.entity() : k);
    Map<String, List<Event>> events = new LinkedHashMap<>();
    kinds.keySet().forEach(id -> events.put(id, new ArrayList<>()));
    for (Ast.TestStmt s : t.statements()) {
      if (s instanceof Ast.EventsDef e) {
        String id = e.entity().name();
        EntityKind kind = kinds.get(id);
        Optional<String> account =
            kind == EntityKind.ACCOUNT ? Optional.of(id) : Optional.ofNullable(accountOf.get(id));
        for (Ast.EventLine line : e.events()) {
          Event ev = event(id, kind, account, line, asOf);
          if (ev == null) {
            ok = false;
          } else {
            events.get(id).add(ev);
          }
        }
      }
    }
    List<Check> checks = new ArrayList<>();
    for (Ast.TestStmt s : t.statements()) {
      if (s instanceof Ast.Expect x) {
        String id = x.entity().name();
        if (!kinds.containsKey(id)) {
          reporter.error(
              Code.PLS0601,
              x.entity().span(),
              "no entity '"
                  + id
                  + "' in this test"
                  + Names.didYouMean(reporter, id, kinds.keySet()));
          ok = false;
          continue;
        }
        Optional<SymbolTable> model = scoredBy(kinds.get(id));
        Check c = model.isEmpty() ? null : check(model.get(), x);
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
    kinds.forEach(
        (id, kind) ->
            entities.put(
                id,
                new TestEntity(
                    id,
                    kind,
                    traits.get(id),
                    events.get(id),
                    members.getOrDefault(id, List.of()))));
    return new TestCase(t.name().value(), t.span().line(), asOf, entities, checks);
  }

  private boolean entity(
      Ast.EntityDef e, Map<String, EntityKind> kinds, Map<String, Map<String, Value>> traits) {
    String kindName = e.kind().name();
    EntityKind expected = symbols.entity();
    EntityKind kind =
        kindName.equals(EntityKind.USER.displayName()) ? EntityKind.USER : EntityKind.ACCOUNT;
    if (kind != expected && !(kind == EntityKind.USER && hasMembers())) {
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
    if (kinds.containsKey(id)) {
      reporter.error(Code.PLS0601, e.id().span(), "entity '" + id + "' is already defined");
      return false;
    }
    kinds.put(id, kind);
    Map<String, Value> values = new LinkedHashMap<>();
    traits.put(id, values);
    Optional<SymbolTable> model = scoredBy(kind);
    if (model.isEmpty()) {
      return false; // the unresolved members model is reported
    }
    Map<String, TraitType> declared = model.get().traits();
    boolean ok = true;
    for (Ast.Prop p : e.traits()) {
      String name = p.name().name();
      TraitType type = declared.get(name);
      if (type == null) {
        reporter.error(
            Code.PLS0201,
            p.name().span(),
            "unknown trait '"
                + name
                + "'"
                + (model.get() == symbols ? "" : " of the member model '" + model.get().id() + "'")
                + Names.didYouMean(reporter, name, declared.keySet()));
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
    return ok;
  }

  private boolean members(
      Ast.MembersDef m,
      Map<String, EntityKind> kinds,
      Map<String, List<String>> members,
      Map<String, String> accountOf) {
    if (!hasMembers()) {
      reporter.error(
          Code.PLS0601,
          m.span(),
          "model '"
              + symbols.id()
              + "' does not roll up members; name its user model with 'members <model>' in the"
              + " header");
      return false;
    }
    String account = m.account().name();
    if (!kinds.containsKey(account)) {
      reporter.error(
          Code.PLS0601,
          m.account().span(),
          "no account '"
              + account
              + "' in this test; declare it with 'account "
              + account
              + " {...}'"
              + Names.didYouMean(reporter, account, kinds.keySet()));
      return false;
    }
    if (kinds.get(account) == EntityKind.USER) {
      reporter.error(
          Code.PLS0601,
          m.account().span(),
          "'" + account + "' is a user; members belong to an account");
      return false;
    }
    kinds.put(account, EntityKind.ACCOUNT);
    List<String> list = members.computeIfAbsent(account, k -> new ArrayList<>());
    boolean ok = true;
    for (Ast.Ident u : m.users()) {
      String id = u.name();
      if (!kinds.containsKey(id)) {
        reporter.error(
            Code.PLS0601,
            u.span(),
            "no user '"
                + id
                + "' in this test; declare it with 'user "
                + id
                + " {...}'"
                + Names.didYouMean(reporter, id, kinds.keySet()));
        ok = false;
      } else if (kinds.get(id) == EntityKind.ACCOUNT) {
        reporter.error(
            Code.PLS0601, u.span(), "'" + id + "' is an account; an account's members are users");
        ok = false;
      } else if (accountOf.containsKey(id)) {
        reporter.error(
            Code.PLS0601,
            u.span(),
            "user '"
                + id
                + "' is already a member of '"
                + accountOf.get(id)
                + "'; a user belongs to one account");
        ok = false;
      } else {
        kinds.put(id, EntityKind.USER);
        accountOf.put(id, account);
        list.add(id);
      }
    }
    return ok;
  }

  private Event event(
      String entity, EntityKind kind, Optional<String> account, Ast.EventLine line, Instant asOf) {
    Instant time;
    if (line.time() instanceof Ast.Relative r) {
      Duration d = WindowChecks.duration(r.offset());
      time = r.sign() < 0 ? asOf.minus(d) : asOf.plus(d);
    } else {
      Ast.Absolute a = (Ast.Absolute) line.time();
      time = instant(a.timestamp(), a.span());
      if (time == null) {
        return null;
      }
    }
    Ast.EventName n = line.name();
    SymbolTable model = scoredBy(kind).orElse(symbols);
    String name =
        !n.quoted() && model.events().containsKey(n.name())
            ? model.events().get(n.name())
            : n.name();
    if (!Names.usableText(reporter, name, n.span(), "the event name")) {
      return null;
    }
    // An account model reads its members' events too, through member functions and the rollup.
    List<SymbolTable> readers = new ArrayList<>(List.of(symbols));
    symbols.memberModel().ifPresent(readers::add);
    if (readers.stream().noneMatch(c -> c.readsAny() || c.eventsRead().contains(name))) {
      java.util.Set<String> read = new java.util.TreeSet<>();
      readers.forEach(c -> read.addAll(c.eventsRead()));
      reporter.warning(
          Code.PLS0602,
          n.span(),
          "the model reads no event '"
              + name
              + "', so this event changes nothing"
              + Names.didYouMean(reporter, name, read));
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

  private Check check(SymbolTable model, Ast.Expect x) {
    Map<String, Rule> rules = model.rules();
    java.util.Set<String> tiers = model.tiers();
    String inModel = model == symbols ? "this model" : "the member model '" + model.id() + "'";
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
    if (e instanceof Ast.ExpectCell c) {
      return new CellCheck(entity, c.cell(), text);
    }
    if (e instanceof Ast.ExpectTier t) {
      String tier = t.tier().name();
      if (!tier.equals(dev.pls.core.model.Tier.NONE) && !tiers.contains(tier)) {
        List<String> all = new ArrayList<>(tiers);
        all.add(dev.pls.core.model.Tier.NONE);
        reporter.error(
            Code.PLS0601,
            t.tier().span(),
            "no tier '" + tier + "' in " + inModel + Names.didYouMean(reporter, tier, all));
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
                + Names.didYouMean(reporter, f.rule(), names));
        return null;
      }
      return new FiredCheck(entity, rule.get().id(), f.negated(), text);
    }
    if (e instanceof Ast.ExpectExcluded ex) {
      return new ExcludedCheck(entity, ex.negated(), ex.reason().map(Ast.StrLit::value), text);
    }
    if (e instanceof Ast.ExpectSegment sg) {
      String segment = sg.segment().name();
      if (!model.hasHandoff()) {
        reporter.error(
            Code.PLS0601, sg.segment().span(), inModel + " has no hand-off, so no segments");
        return null;
      }
      if (!segment.equals(Handoff.NO_SEGMENT) && !model.segments().contains(segment)) {
        List<String> all = new ArrayList<>(model.segments());
        all.add(Handoff.NO_SEGMENT);
        reporter.error(
            Code.PLS0601,
            sg.segment().span(),
            "no segment '"
                + segment
                + "' in "
                + inModel
                + Names.didYouMean(reporter, segment, all));
        return null;
      }
      return new SegmentCheck(entity, segment, text);
    }
    if (e instanceof Ast.ExpectTrigger tr) {
      String trigger = tr.trigger().name();
      if (!model.triggers().contains(trigger)) {
        reporter.error(
            Code.PLS0601,
            tr.trigger().span(),
            "no trigger '"
                + trigger
                + "' in "
                + inModel
                + Names.didYouMean(reporter, trigger, model.triggers()));
        return null;
      }
      return new TriggerCheck(entity, trigger, tr.negated(), text);
    }
    if (e instanceof Ast.ExpectSuppressed su) {
      if (!model.hasHandoff()) {
        reporter.error(Code.PLS0601, su.span(), inModel + " has no hand-off, so no suppressions");
        return null;
      }
      Optional<String> reason = su.reason().map(Ast.StrLit::value);
      if (reason.isPresent() && !model.suppressions().contains(reason.get())) {
        reporter.error(
            Code.PLS0601,
            su.span(),
            "no suppression with reason "
                + Printer.quote(reason.get())
                + " in "
                + inModel
                + Names.didYouMean(reporter, reason.get(), model.suppressions()));
        return null;
      }
      return new SuppressedCheck(entity, su.negated(), reason, text);
    }
    Ast.ExpectValue v = (Ast.ExpectValue) e;
    Typed t = model.value(v.operand());
    if (t.failed()) {
      return null;
    }
    if (!(t.expr() instanceof Expr.Agg
        || t.expr() instanceof Expr.TraitRef
        || t.expr() instanceof Expr.Members)) {
      reporter.error(
          Code.PLS0601,
          v.operand().span(),
          "'value' reads one signal or trait, e.g. 'value invites within 7d == 3'");
      return null;
    }
    if (v.equals().isPresent()
        && t.type().known()
        && Type.of(v.equals().get().value().type()) != t.type()) {
      reporter.error(
          Code.PLS0301,
          v.equals().get().span(),
          "'"
              + Printer.expr(v.operand())
              + "' is a "
              + t.type().displayName()
              + ", not a "
              + v.equals().get().value().type().displayName());
      return null;
    }
    return new ValueCheck(entity, t.expr(), v.equals().map(Ast.Lit::value), text);
  }
}
