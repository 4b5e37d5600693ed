package dev.pls.dsl.internal;

import dev.pls.core.model.Aggregate;
import dev.pls.core.model.Category;
import dev.pls.core.model.EntityKind;
import dev.pls.core.model.EventFilter;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Handoff;
import dev.pls.core.model.MemberAggregate;
import dev.pls.core.model.Model;
import dev.pls.core.model.Points;
import dev.pls.core.model.Resolution;
import dev.pls.core.model.Rollup;
import dev.pls.core.model.Rule;
import dev.pls.core.model.Signal;
import dev.pls.core.model.TraitType;
import dev.pls.core.model.Value;
import dev.pls.core.model.ValueType;
import dev.pls.core.model.Window;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/*
 * The checker resolves every name of a syntax tree, types every expression, applies windows and
 * lowers the file to the core model in one walk, reporting every problem it finds instead of
 * stopping at the first. It never changes the tree.
 *
 * Name resolution, in this order: in a tier or hand-off condition, `score` is the score; then
 * declared signals (member signals too); then traits; then, in an account model with members,
 * `members`; then, only where a condition is expected, an event name (an event used as a condition
 * means "occurred at least once"). Inside an event filter's `where`, every name is a property of
 * the event; inside `members(where ...)`, a trait of the member model. Events are open by default (any name is an event); once a file declares an event with
 * `event`, every event it uses must be declared, and typos get a suggestion.
 *
 * Windows: `within W` after a condition applies to every aggregate in it that has no window of its
 * own, except growth_weeks and trend which have their own horizon; if it reaches no aggregate at
 * all, that is an error (a window on a trait). An aggregate call's own `within` binds to it alone.
 *
 * Several models: a file's models are checked one after another, each by its own Checker, and an
 * account model's `members` header setting resolves to a user model checked before it (its
 * Checker is kept, so member traits and tiers are known even when that model has errors, and
 * only a file without errors compiles). Member functions (members, active_members, new_members,
 * members_at_tier, member_values, active_growth) lower to Expr.Members; a named member signal
 * (`signal active_users = active_members(any)`) has no counterpart in the core model, so each use
 * is inlined as the Expr.Members it names. A member condition (`members(where ...)`) reads the
 * member model's traits and this model's sets. Windows apply to member functions as to
 * aggregates: only those that read events in a window take one, and new_members needs one.
 *
 * The hand-off (queues, segments, routes, triggers, holds, suppressions, hold-out, cooldown,
 * context, templates) is checked after the tiers and rules it names, so every reference is known
 * and may come before or after its target in the file. Its conditions may read `score`.
 *
 * A rule without an explicit `[id]` gets the slug of its label (lower-case letters and digits,
 * other runs of characters become one '_'); a rule with neither gets <category>_<position>. A rule
 * without a label is labelled with the canonical text of its condition.
 */
/** Checks a syntax tree and lowers it to the core {@link Model}. */
public final class Checker {

  /** Where an expression stands, which decides what names mean. */
  enum Scope {
    RULE,
    EXCLUSION,
    TIER,
    HANDOFF,
    FILTER,
    MEMBER,
    VALUE
  }

  private static final List<String> AGGREGATES =
      List.of(
          "count",
          "distinct",
          "sum",
          "min",
          "max",
          "active_days",
          "days_since",
          "first_seen",
          "last_seen",
          "minutes_between",
          "growth_weeks",
          "trend");
  private static final List<String> MEMBER_FUNCTIONS =
      List.of(
          "members",
          "active_members",
          "new_members",
          "members_at_tier",
          "member_values",
          "active_growth");
  private static final List<String> FUNCTIONS;

  static {
    List<String> all = new ArrayList<>(AGGREGATES);
    all.addAll(MEMBER_FUNCTIONS);
    all.add("lower");
    FUNCTIONS = List.copyOf(all);
  }

  private final Reporter reporter;
  private final Ast.Model file;
  private final Map<String, Checker> earlier;
  private final List<Ast.Header> headers;

  /** The user model's checker when this is an account model with members that resolved. */
  private Checker memberChecker;

  /** Whether the header says {@code members}, resolved or not (no cascade of errors if not). */
  private boolean membersDeclared;

  private final Map<String, MemberAggregate> memberSignals = new LinkedHashMap<>();
  private final Map<String, Ast.TierDecl> tierNames = new LinkedHashMap<>();
  private final Map<String, Ast.Span> segmentNames = new LinkedHashMap<>();
  private final Map<String, Ast.Span> triggerNames = new LinkedHashMap<>();
  private Optional<Model> compiled = Optional.empty();
  private Resolution resolution = Resolution.DAY;
  private EntityKind entity = EntityKind.USER;
  private final Map<String, TraitType> traits = new LinkedHashMap<>();
  private final Map<String, List<Value>> sets = new LinkedHashMap<>();
  private final Map<String, Signal> signals = new LinkedHashMap<>();
  private final Map<String, String> events = new LinkedHashMap<>();
  private final Map<String, Rule> rulesById = new LinkedHashMap<>();
  private final Map<String, Ast.Span> eventUses = new LinkedHashMap<>();
  private boolean readsAny;

  private Checker(
      Ast.Model file, Reporter reporter, Map<String, Checker> earlier, List<Ast.Header> headers) {
    this.file = file;
    this.reporter = reporter;
    this.earlier = earlier;
    this.headers = headers;
  }

  /**
   * What the checker made of a file: its models in file order when the file has no errors (empty
   * otherwise), and each model's lowered tests.
   */
  public record Checked(List<Model> models, List<List<TestCases.TestCase>> tests) {}

  /** Checks {@code file}, reporting to {@code reporter}. */
  public static Checked check(Ast.File file, Reporter reporter) {
    List<Ast.Header> headers = new ArrayList<>();
    file.models().forEach(m -> m.header().ifPresent(headers::add));
    Map<String, Checker> earlier = new LinkedHashMap<>();
    List<Model> models = new ArrayList<>();
    List<List<TestCases.TestCase>> tests = new ArrayList<>();
    for (Ast.Model m : file.models()) {
      Checker c = new Checker(m, reporter, earlier, headers);
      tests.add(c.run());
      c.compiled.ifPresent(models::add);
      if (m.header().isPresent()) {
        Ast.Ident name = m.header().get().name();
        Checker previous = earlier.putIfAbsent(name.name(), c);
        if (previous != null) {
          reporter.error(
              Code.PLS0205,
              name.span(),
              "model '"
                  + name.name()
                  + "' is already defined on line "
                  + previous.file.header().orElseThrow().span().line()
                  + "; models of a file have different ids");
        }
      }
    }
    if (reporter.hasErrors()) {
      return new Checked(List.of(), tests);
    }
    return new Checked(models, tests);
  }

  private List<TestCases.TestCase> run() {
    Model.Builder builder = header();
    declarations();
    List<Category> categories = categories();
    Optional<Rollup> rollup = rollup();
    List<Expr> exclusionConditions = new ArrayList<>();
    for (Ast.ExcludeDecl x : file.exclusions()) {
      usableText(x.reason().value(), x.reason().span(), "the reason");
      exclusionConditions.add(condition(x.condition(), Scope.EXCLUSION));
    }
    List<Expr> tierConditions = new ArrayList<>();
    for (Ast.TierDecl t : file.tiers()) {
      String name = t.name().name();
      if (name.equals(dev.pls.core.model.Tier.NONE)) {
        reporter.error(
            Code.PLS0403,
            t.name().span(),
            "'none' is the tier of entities no tier holds for; choose another name");
      } else if (tierNames.putIfAbsent(name, t) != null) {
        reporter.error(
            Code.PLS0403,
            t.name().span(),
            "tier '"
                + name
                + "' is already defined on line "
                + tierNames.get(name).span().line()
                + "; tier names must be unique");
      }
      tierConditions.add(condition(t.condition(), Scope.TIER));
    }
    Optional<Handoff> handoff = new HandoffChecks().run();
    Analyses.run(file, reporter);
    similarEvents();
    Optional<Model> model = Optional.empty();
    if (!reporter.hasErrors() && builder != null) {
      if (memberChecker != null) {
        memberChecker.compiled.ifPresent(builder::members);
      }
      traits.forEach(builder::trait);
      signals.values().forEach(builder::signal);
      categories.forEach(builder::category);
      for (int i = 0; i < file.exclusions().size(); i++) {
        builder.exclude(exclusionConditions.get(i), file.exclusions().get(i).reason().value());
      }
      for (int i = 0; i < file.tiers().size(); i++) {
        builder.tier(file.tiers().get(i).name().name(), tierConditions.get(i));
      }
      rollup.ifPresent(builder::rollup);
      handoff.ifPresent(builder::handoff);
      try {
        model = Optional.of(builder.build());
      } catch (IllegalArgumentException e) {
        reporter.error(
            Code.PLS0901,
            file.header().map(Ast.Header::span).orElse(Ast.Span.NONE),
            "the core model rejected this file: " + e.getMessage());
      }
    }
    List<TestCases.TestCase> tests = new TestCases(this, reporter).lower(file.tests());
    compiled = reporter.hasErrors() ? Optional.empty() : model;
    return tests;
  }

  /*
   * With open events, a misspelt event name is silently a new event. Two names the model reads
   * that are one or two edits apart (and long enough that this is unlikely by design) are most
   * often a typo, so the later one gets a warning.
   */
  private void similarEvents() {
    if (!events.isEmpty()) {
      return;
    }
    List<String> seen = new ArrayList<>();
    for (Map.Entry<String, Ast.Span> e : eventUses.entrySet()) {
      String name = e.getKey();
      for (String earlier : seen) {
        int d = Names.distance(name, earlier);
        if (name.length() >= 5 && d > 0 && d <= 2) {
          reporter.warning(
              Code.PLS0505,
              e.getValue(),
              "event '"
                  + name
                  + "' is a near miss of '"
                  + earlier
                  + "' (line "
                  + eventUses.get(earlier).line()
                  + "); if it is a typo fix it, and declare events with 'event' to make typos"
                  + " errors");
          break;
        }
      }
      seen.add(name);
    }
  }

  /** The event names the model reads by name, and whether it also reads {@code any}. */
  java.util.Set<String> eventsRead() {
    return eventUses.keySet();
  }

  boolean readsAny() {
    return readsAny;
  }

  // ---- header and declarations ----

  private Model.Builder header() {
    if (file.header().isEmpty()) {
      reporter.error(
          Code.PLS0103,
          Ast.Span.NONE,
          "a rule file starts with its model header, e.g. 'model my_pql version 1'");
      return null;
    }
    Ast.Header h = file.header().get();
    Model.Builder b = Model.builder(h.name().name());
    h.version().ifPresent(v -> b.version(v.intValue()));
    if (h.entity().isPresent()) {
      String kind = h.entity().get().name();
      if (kind.equals("user")) {
        entity = EntityKind.USER;
      } else if (kind.equals("account")) {
        entity = EntityKind.ACCOUNT;
      } else {
        reporter.error(
            Code.PLS0204,
            h.entity().get().span(),
            "unknown entity '" + kind + "'; a model scores 'user' or 'account'");
      }
      b.entity(entity);
    }
    h.members().ifPresent(m -> members(h, m));
    if (h.resolution().isPresent()) {
      Ast.WindowLit r = h.resolution().get();
      if (r.amount() == 1 && r.unit() == 'd') {
        resolution = Resolution.DAY;
      } else if (r.amount() == 1 && r.unit() == 'h') {
        resolution = Resolution.HOUR;
      } else {
        reporter.error(Code.PLS0102, r.span(), "the resolution must be 1d or 1h, was " + r);
      }
      b.resolution(resolution);
    }
    if (h.timezone().isPresent()) {
      Ast.StrLit z = h.timezone().get();
      try {
        // Fixed-offset zones ("UTC", "Etc/GMT+5") become offsets, so `timezone "UTC"` makes the
        // same model as the builder's default.
        ZoneId zone = ZoneId.of(z.value()).normalized();
        b.zone(zone);
      } catch (DateTimeException e) {
        reporter.error(
            Code.PLS0102,
            z.span(),
            "unknown time zone "
                + Printer.quote(z.value())
                + "; use a region such as \"Europe/Paris\" or \"UTC\"");
      }
    } else {
      b.zone(ZoneOffset.UTC);
    }
    return b;
  }

  /** Resolves {@code members <user model>} to the checker of a user model defined earlier. */
  private void members(Ast.Header h, Ast.Ident m) {
    membersDeclared = true;
    if (h.entity().isPresent() && entity == EntityKind.USER) {
      reporter.error(
          Code.PLS0305,
          m.span(),
          "'members' makes '"
              + h.name().name()
              + "' an account model, but its header says 'entity user'; write 'entity account'");
      return;
    }
    entity = EntityKind.ACCOUNT;
    String name = m.name();
    Checker target = earlier.get(name);
    if (target != null) {
      if (target.entity != EntityKind.USER) {
        reporter.error(
            Code.PLS0207,
            m.span(),
            "members are scored by a user model, but '"
                + name
                + "' scores accounts; name a model with 'entity user'");
      } else {
        memberChecker = target;
      }
      return;
    }
    if (name.equals(h.name().name())) {
      reporter.error(
          Code.PLS0207,
          m.span(),
          "model '"
              + name
              + "' cannot roll up itself; name the user model its members are scored by");
      return;
    }
    for (Ast.Header other : headers) {
      if (other.name().name().equals(name) && other.span().line() > h.span().line()) {
        reporter.error(
            Code.PLS0207,
            m.span(),
            "model '"
                + name
                + "' is defined later in the file (line "
                + other.span().line()
                + "); define the user model before the account model that rolls it up");
        return;
      }
    }
    reporter.error(
        Code.PLS0206,
        m.span(),
        "unknown model '"
            + name
            + "'; 'members' names a user model defined earlier in this file"
            + Names.didYouMean(name, earlier.keySet()));
  }

  private void declarations() {
    Map<String, Ast.Span> declared = new LinkedHashMap<>();
    for (Ast.Trait t : file.traits()) {
      if (!declareOnce(declared, t.name())) {
        continue;
      }
      Optional<TraitType> type = traitType(t.type().name());
      if (type.isEmpty()) {
        reporter.error(
            Code.PLS0204,
            t.type().span(),
            "unknown trait type '"
                + t.type().name()
                + "'; use int, number, string or bool"
                + Names.didYouMean(t.type().name(), List.of("int", "number", "string", "bool")));
      } else {
        traits.put(t.name().name(), type.get());
      }
    }
    for (Ast.SetDecl s : file.sets()) {
      if (declareOnce(declared, s.name())) {
        List<Value> values = new ArrayList<>();
        for (Ast.Lit l : s.values()) {
          if (!values.isEmpty() && values.get(0).type() != l.value().type()) {
            reporter.error(
                Code.PLS0301,
                l.span(),
                "set '"
                    + s.name().name()
                    + "' mixes "
                    + values.get(0).type().displayName()
                    + "s and "
                    + l.value().type().displayName()
                    + "s; a set holds values of one type");
          }
          values.add(l.value());
        }
        sets.put(s.name().name(), values);
      }
    }
    Map<String, Ast.Span> eventNames = new LinkedHashMap<>();
    for (Ast.EventDecl e : file.events()) {
      if (declareOnce(eventNames, e.alias())
          && e.event().map(t -> usableText(t.value(), t.span(), "the event name")).orElse(true)) {
        events.put(e.alias().name(), e.eventName());
      }
    }
    for (Ast.SignalDecl s : file.signals()) {
      if (!declareOnce(declared, s.name())) {
        continue;
      }
      if (!(s.definition() instanceof Ast.Call call)
          || !(AGGREGATES.contains(call.function())
              || MEMBER_FUNCTIONS.contains(call.function()))) {
        reporter.error(
            Code.PLS0203,
            s.definition().span(),
            "a signal is an aggregate such as count(event) or distinct(event.property), not '"
                + Printer.expr(s.definition())
                + "'");
        continue;
      }
      if (call.window().isPresent()) {
        reporter.error(
            Code.PLS0302,
            call.window().get().span(),
            "a signal is defined without a window; put 'within "
                + call.window().get()
                + "' where the signal is used");
        continue;
      }
      if (MEMBER_FUNCTIONS.contains(call.function())) {
        MemberAggregate m = memberAggregate(call);
        if (m != null) {
          memberSignals.put(s.name().name(), m);
        }
        continue;
      }
      Aggregate a = aggregate(call);
      if (a != null) {
        signals.put(s.name().name(), new Signal(s.name().name(), a));
      }
    }
  }

  private boolean declareOnce(Map<String, Ast.Span> declared, Ast.Ident name) {
    Ast.Span previous = declared.putIfAbsent(name.name(), name.span());
    if (previous != null) {
      reporter.error(
          Code.PLS0205,
          name.span(),
          "'" + name.name() + "' is already declared on line " + previous.line());
      return false;
    }
    return true;
  }

  /**
   * Whether a quoted text can name something in the core model: not blank, no leading or trailing
   * space, no control characters (escapes such as \n can put them in a string).
   */
  boolean usableText(String text, Ast.Span span, String what) {
    boolean control = text.chars().anyMatch(Character::isISOControl);
    if (text.isBlank() || !text.strip().equals(text) || control) {
      reporter.error(
          Code.PLS0102,
          span,
          what
              + " "
              + Printer.quote(text)
              + " must not be blank, start or end with spaces, or contain control characters");
      return false;
    }
    return true;
  }

  static Optional<TraitType> traitType(String name) {
    for (TraitType t : TraitType.values()) {
      if (t.displayName().equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  // ---- categories and rules ----

  private List<Category> categories() {
    List<Category> result = new ArrayList<>();
    Map<String, Ast.Span> names = new LinkedHashMap<>();
    Map<String, Ast.Span> labels = new LinkedHashMap<>();
    Map<String, Ast.Span> ids = new LinkedHashMap<>();
    int ruleCount = 0;
    for (Ast.CategoryDecl c : file.categories()) {
      boolean unique = declareOnce(names, c.name());
      Category.Builder cb = Category.builder(c.name().name());
      c.cap().flatMap(n -> points(n, "cap")).ifPresent(p -> limit(cb, p, true, c.cap().get()));
      c.floor()
          .flatMap(n -> points(n, "floor"))
          .ifPresent(p -> limit(cb, p, false, c.floor().get()));
      int position = 0;
      for (Ast.RuleDecl r : c.rules()) {
        position++;
        if (++ruleCount == Limits.MAX_RULES + 1) {
          reporter.error(
              Code.PLS0404, r.span(), "more than " + Limits.MAX_RULES + " rules; split the model");
        }
        Expr condition = condition(r.condition(), Scope.RULE);
        Optional<Points> points = points(r.points(), "points");
        String label = r.label().map(Ast.StrLit::value).orElse(Printer.expr(r.condition()));
        Ast.Span labelSpan = r.label().map(Ast.StrLit::span).orElse(r.condition().span());
        String id;
        Ast.Span idSpan;
        if (r.id().isPresent()) {
          id = r.id().get().name();
          idSpan = r.id().get().span();
        } else {
          String slug = r.label().map(l -> Names.slug(l.value())).orElse("");
          id = slug.isEmpty() ? c.name().name() + "_" + position : slug;
          idSpan = r.span();
        }
        boolean usableLabel = usableText(label, labelSpan, "the label");
        if (!usableLabel) {
          label = "";
        } else if (labels.putIfAbsent(label, labelSpan) != null) {
          reporter.error(
              Code.PLS0402,
              labelSpan,
              "label "
                  + Printer.quote(label)
                  + " is already used on line "
                  + labels.get(label).line()
                  + "; labels must be unique so cards and tests can name rules");
        }
        if (ids.putIfAbsent(id, idSpan) != null) {
          reporter.error(
              Code.PLS0401,
              idSpan,
              "rule id '"
                  + id
                  + "' is already used on line "
                  + ids.get(id).line()
                  + (r.id().isPresent() ? "" : " (derived from the label)")
                  + "; give one of them an explicit id such as ["
                  + id
                  + "_2]");
          continue;
        }
        Optional<String> share = Optional.empty();
        if (r.share().isPresent()) {
          Ast.StrLit phrase = r.share().get();
          if (usableText(phrase.value(), phrase.span(), "the share phrase")) {
            share = Optional.of(phrase.value());
          }
        }
        if (condition != null && points.isPresent() && !label.isBlank()) {
          Rule rule = new Rule(id, label, condition, points.get(), share);
          rulesById.put(id, rule);
          if (unique) {
            cb.rule(rule);
          }
        }
      }
      if (unique) {
        result.add(cb.build());
      }
    }
    return result;
  }

  private void limit(Category.Builder cb, Points p, boolean cap, Ast.NumberText text) {
    if (cap && p.signum() < 0) {
      reporter.error(Code.PLS0405, text.span(), "a cap must not be negative, was " + p);
    } else if (!cap && p.signum() > 0) {
      reporter.error(
          Code.PLS0405, text.span(), "a floor must not be positive, was " + p + "; write -" + p);
    } else if (cap) {
      cb.cap(p);
    } else {
      cb.floor(p);
    }
  }

  private Optional<Points> points(Ast.NumberText text, String what) {
    try {
      return Optional.of(Points.parse(text.text()));
    } catch (IllegalArgumentException | ArithmeticException e) {
      reporter.error(
          Code.PLS0405,
          text.span(),
          what
              + " "
              + text.text()
              + " is not allowed: points have at most 2 decimal places and a magnitude of at most "
              + Points.MAX_WHOLE);
      return Optional.empty();
    }
  }

  // ---- conditions ----

  /** A lowered expression and its type; the type is empty for a dynamically typed property. */
  record Typed(Expr expr, Optional<ValueType> type) {}

  /** Whether a condition-level window reached an aggregate. */
  private static final class Reach {
    boolean used;
  }

  /** Lowers a whole condition; null when it has errors (already reported). */
  Expr condition(Ast.Expr e, Scope scope) {
    Typed t = lower(e, scope, Optional.empty(), new Reach(), true);
    if (t == null) {
      return null;
    }
    if (t.type().isPresent() && t.type().get() != ValueType.BOOLEAN) {
      reporter.error(
          Code.PLS0301,
          e.span(),
          "a condition must be true or false, but '"
              + Printer.expr(e)
              + "' is a "
              + t.type().get().displayName()
              + "; compare it, e.g. '"
              + Printer.expr(e)
              + " >= 1'");
      return null;
    }
    return t.expr();
  }

  /** Lowers a value expression (for tests' value expectations); null on errors. */
  Typed value(Ast.Expr e) {
    return lower(e, Scope.VALUE, Optional.empty(), new Reach(), false);
  }

  private Typed lower(
      Ast.Expr e, Scope scope, Optional<Window> ambient, Reach reach, boolean wantBool) {
    if (e instanceof Ast.Within w) {
      Optional<Window> window = window(w.window());
      if (window.isEmpty()) {
        return null;
      }
      if (scope == Scope.FILTER || scope == Scope.MEMBER) {
        reporter.error(
            Code.PLS0302,
            w.window().span(),
            scope == Scope.FILTER
                ? "an event filter reads one event at a time and takes no window"
                : "a member condition reads member traits, which take no window");
        return null;
      }
      Reach inner = new Reach();
      Typed t = lower(w.operand(), scope, window, inner, wantBool);
      if (t != null && !inner.used) {
        reporter.error(
            Code.PLS0302,
            w.window().span(),
            "'within "
                + w.window()
                + "' applies to no aggregate in '"
                + Printer.expr(w.operand())
                + "'; traits, literals, growth_weeks and trend take no window");
        return null;
      }
      return t;
    }
    if (e instanceof Ast.Lit l) {
      return new Typed(new Expr.Literal(l.value()), Optional.of(l.value().type()));
    }
    if (e instanceof Ast.Name n) {
      return name(n, scope, ambient, reach, wantBool);
    }
    if (e instanceof Ast.Call c) {
      return call(c, scope, ambient, reach);
    }
    if (e instanceof Ast.Neg n) {
      Typed t = expect(n.operand(), ValueType.NUMBER, scope, ambient, reach, "'-'");
      return t == null
          ? null
          : new Typed(
              new Expr.Arith(Expr.ArithOp.SUB, Expr.lit(0), t.expr()),
              Optional.of(ValueType.NUMBER));
    }
    if (e instanceof Ast.Arith a) {
      Typed l = expect(a.left(), ValueType.NUMBER, scope, ambient, reach, "arithmetic");
      Typed r = expect(a.right(), ValueType.NUMBER, scope, ambient, reach, "arithmetic");
      return l == null || r == null
          ? null
          : new Typed(new Expr.Arith(a.op(), l.expr(), r.expr()), Optional.of(ValueType.NUMBER));
    }
    if (e instanceof Ast.Compare c) {
      Typed l = lower(c.left(), scope, ambient, reach, false);
      Typed r = lower(c.right(), scope, ambient, reach, false);
      if (l == null || r == null) {
        return null;
      }
      if (l.type().isPresent() && r.type().isPresent() && l.type().get() != r.type().get()) {
        reporter.error(
            Code.PLS0301,
            c.span(),
            "cannot compare a "
                + l.type().get().displayName()
                + " with a "
                + r.type().get().displayName()
                + " in '"
                + Printer.expr(c)
                + "'");
        return null;
      }
      Optional<ValueType> t = l.type().isPresent() ? l.type() : r.type();
      if (c.op().ordering() && t.isPresent() && !orderable(t.get())) {
        reporter.error(
            Code.PLS0301,
            c.span(),
            "'"
                + c.op().symbol()
                + "' orders numbers and times, not "
                + t.get().displayName()
                + "s; use == or != (or 'in')");
        return null;
      }
      return bool(new Expr.Compare(c.op(), l.expr(), r.expr()));
    }
    if (e instanceof Ast.Between b) {
      Typed o = lower(b.operand(), scope, ambient, reach, false);
      Typed lo = lower(b.low(), scope, ambient, reach, false);
      Typed hi = lower(b.high(), scope, ambient, reach, false);
      if (o == null || lo == null || hi == null) {
        return null;
      }
      for (Typed t : List.of(o, lo, hi)) {
        if (t.type().isPresent() && !orderable(t.type().get())) {
          reporter.error(
              Code.PLS0301,
              b.span(),
              "'between' needs numbers or times, but '"
                  + Printer.expr(b)
                  + "' has a "
                  + t.type().get().displayName());
          return null;
        }
      }
      return bool(new Expr.Between(o.expr(), lo.expr(), hi.expr()));
    }
    if (e instanceof Ast.In in) {
      Typed o = lower(in.operand(), scope, ambient, reach, false);
      List<Value> values = setValues(in.set());
      if (o == null || values == null) {
        return null;
      }
      for (Value v : values) {
        if (o.type().isPresent() && v.type() != o.type().get()) {
          reporter.error(
              Code.PLS0301,
              in.set().span(),
              "'"
                  + Printer.expr(in.operand())
                  + "' is a "
                  + o.type().get().displayName()
                  + " but the set holds "
                  + v.type().displayName()
                  + "s");
          return null;
        }
      }
      Expr x = new Expr.In(o.expr(), values);
      return bool(in.negated() ? new Expr.Not(x) : x);
    }
    if (e instanceof Ast.Missing m) {
      Typed o = lower(m.operand(), scope, ambient, reach, false);
      if (o == null) {
        return null;
      }
      Expr x = new Expr.IsMissing(o.expr());
      return bool(m.present() ? new Expr.Not(x) : x);
    }
    if (e instanceof Ast.Not n) {
      Typed o = expect(n.operand(), ValueType.BOOLEAN, scope, ambient, reach, "'not'");
      return o == null ? null : bool(new Expr.Not(o.expr()));
    }
    if (e instanceof Ast.And a) {
      List<Expr> operands = booleans(a.operands(), scope, ambient, reach, "'and'");
      return operands == null ? null : bool(new Expr.And(operands));
    }
    if (e instanceof Ast.Or o) {
      List<Expr> operands = booleans(o.operands(), scope, ambient, reach, "'or'");
      return operands == null ? null : bool(new Expr.Or(operands));
    }
    throw new AssertionError("unknown expression " + e);
  }

  private static Typed bool(Expr e) {
    return new Typed(e, Optional.of(ValueType.BOOLEAN));
  }

  private static boolean orderable(ValueType t) {
    return t == ValueType.NUMBER || t == ValueType.TIME;
  }

  private List<Expr> booleans(
      List<Ast.Expr> operands, Scope scope, Optional<Window> ambient, Reach reach, String what) {
    List<Expr> result = new ArrayList<>();
    boolean ok = true;
    for (Ast.Expr o : operands) {
      Typed t = expect(o, ValueType.BOOLEAN, scope, ambient, reach, what);
      if (t == null) {
        ok = false;
      } else {
        result.add(t.expr());
      }
    }
    return ok ? result : null;
  }

  private Typed expect(
      Ast.Expr e,
      ValueType expected,
      Scope scope,
      Optional<Window> ambient,
      Reach reach,
      String what) {
    Typed t = lower(e, scope, ambient, reach, expected == ValueType.BOOLEAN);
    if (t == null) {
      return null;
    }
    if (t.type().isPresent() && t.type().get() != expected) {
      reporter.error(
          Code.PLS0301,
          e.span(),
          what
              + " needs a "
              + expected.displayName()
              + ", but '"
              + Printer.expr(e)
              + "' is a "
              + t.type().get().displayName());
      return null;
    }
    return t;
  }

  private List<Value> setValues(Ast.SetRef set) {
    if (set.name().isEmpty()) {
      List<Value> values = new ArrayList<>();
      for (Ast.Lit l : set.values()) {
        if (!values.isEmpty() && values.get(0).type() != l.value().type()) {
          reporter.error(Code.PLS0301, l.span(), "a set holds values of one type");
          return null;
        }
        values.add(l.value());
      }
      return values;
    }
    String name = set.name().get().name();
    List<Value> values = sets.get(name);
    if (values == null) {
      reporter.error(
          Code.PLS0201,
          set.name().get().span(),
          "unknown set '" + name + "'" + Names.didYouMean(name, sets.keySet()));
    }
    return values;
  }

  private Typed name(
      Ast.Name n, Scope scope, Optional<Window> ambient, Reach reach, boolean wantBool) {
    String name = n.name();
    if (scope == Scope.FILTER) {
      return new Typed(new Expr.PropRef(name), Optional.empty());
    }
    if (scope == Scope.MEMBER) {
      return memberTrait(n);
    }
    if (name.equals("score") && !signals.containsKey(name) && !traits.containsKey(name)) {
      if (scope != Scope.TIER && scope != Scope.HANDOFF) {
        reporter.error(
            Code.PLS0304,
            n.span(),
            "'score' is only known in tier and hand-off conditions; rules and exclusions run"
                + " before the score exists");
        return null;
      }
      return new Typed(new Expr.ScoreRef(), Optional.of(ValueType.NUMBER));
    }
    Signal s = signals.get(name);
    if (s != null) {
      return aggregateRef(s, ambient, Optional.empty(), reach, n.span());
    }
    MemberAggregate member = memberSignals.get(name);
    if (member != null) {
      return memberRef(member, ambient, Optional.empty(), reach, name, n.span());
    }
    TraitType t = traits.get(name);
    if (t != null) {
      return new Typed(new Expr.TraitRef(name), Optional.of(t.valueType()));
    }
    if (name.equals("members") && !sets.containsKey(name)) {
      if (memberChecker != null) {
        return new Typed(
            new Expr.Members(new MemberAggregate.Count(), Optional.empty()),
            Optional.of(ValueType.NUMBER));
      }
      if (membersDeclared) {
        return null; // the unresolved 'members' setting is reported
      }
      if (!wantBool) {
        noMembers("'members'", n.span());
        return null;
      }
    }
    if (sets.containsKey(name)) {
      reporter.error(
          Code.PLS0301,
          n.span(),
          "'" + name + "' is a set; test membership with 'x in " + name + "'");
      return null;
    }
    boolean declaredEvent = events.containsKey(name);
    if (wantBool && (declaredEvent || events.isEmpty())) {
      String event = events.getOrDefault(name, name);
      eventUses.putIfAbsent(event, n.span());
      Signal occurred = Signal.inline(Aggregate.count(event));
      Typed count = aggregateRef(occurred, ambient, Optional.empty(), reach, n.span());
      return count == null
          ? null
          : bool(new Expr.Compare(Expr.CompareOp.GE, count.expr(), Expr.lit(1)));
    }
    List<String> candidates = new ArrayList<>(signals.keySet());
    candidates.addAll(traits.keySet());
    if (wantBool) {
      candidates.addAll(events.keySet());
      reporter.error(
          Code.PLS0202,
          n.span(),
          "unknown event '"
              + name
              + "'; this file declares its events, so declare it with 'event "
              + name
              + "'"
              + Names.didYouMean(name, candidates));
    } else if (declaredEvent || events.isEmpty()) {
      reporter.error(
          Code.PLS0201,
          n.span(),
          "unknown signal or trait '"
              + name
              + "'"
              + Names.closest(name, candidates)
                  .map(c -> "; did you mean '" + c + "'?")
                  .orElse("; if it is an event, count it: count(" + name + ")"));
    } else {
      reporter.error(
          Code.PLS0201,
          n.span(),
          "unknown signal or trait '" + name + "'" + Names.didYouMean(name, candidates));
    }
    return null;
  }

  private Typed aggregateRef(
      Signal s, Optional<Window> ambient, Optional<Window> own, Reach reach, Ast.Span span) {
    if (!s.aggregate().windowed()) {
      return new Typed(new Expr.Agg(s, Optional.empty()), Optional.of(s.aggregate().type()));
    }
    Optional<Window> w = own.isPresent() ? own : ambient;
    if (own.isEmpty() && ambient.isPresent()) {
      reach.used = true;
    }
    return new Typed(new Expr.Agg(s, w), Optional.of(s.aggregate().type()));
  }

  private Typed call(Ast.Call c, Scope scope, Optional<Window> ambient, Reach reach) {
    if (scope == Scope.MEMBER && !c.function().equals("lower")) {
      reporter.error(
          Code.PLS0306,
          c.span(),
          "a member condition reads member traits only, e.g. members(where title in {\"CEO\"}),"
              + " not '"
              + Printer.expr(c)
              + "'");
      return null;
    }
    if (c.function().equals("lower")) {
      if (c.args().size() != 1
          || !(c.args().get(0) instanceof Ast.FilterArg f)
          || f.event().quoted()
          || f.property().isPresent()
          || f.where().isPresent()
          || c.window().isPresent()) {
        reporter.error(Code.PLS0203, c.span(), "lower() takes one name, e.g. lower(industry)");
        return null;
      }
      Typed t =
          expect(
              new Ast.Name(f.event().name(), f.event().span()),
              ValueType.STRING,
              scope,
              ambient,
              reach,
              "lower()");
      return t == null ? null : new Typed(new Expr.Lower(t.expr()), Optional.of(ValueType.STRING));
    }
    if (scope == Scope.FILTER) {
      reporter.error(
          Code.PLS0304,
          c.span(),
          "an event filter reads one event's properties; it cannot use an aggregate");
      return null;
    }
    if (MEMBER_FUNCTIONS.contains(c.function())) {
      return memberCall(c, ambient, reach);
    }
    Aggregate a = aggregate(c);
    if (a == null) {
      return null;
    }
    Optional<Window> own = Optional.empty();
    if (c.window().isPresent()) {
      if (!a.windowed()) {
        reporter.error(
            Code.PLS0302,
            c.window().get().span(),
            c.function() + "() has its own horizon in weeks and takes no window");
        return null;
      }
      own = window(c.window().get());
      if (own.isEmpty()) {
        return null;
      }
    }
    return aggregateRef(Signal.inline(a), ambient, own, reach, c.span());
  }

  /** The aggregate a call denotes; null on errors (reported). */
  private Aggregate aggregate(Ast.Call c) {
    String fn = c.function();
    if (!AGGREGATES.contains(fn)) {
      reporter.error(
          Code.PLS0203,
          c.span(),
          "unknown function '" + fn + "'" + Names.didYouMean(fn, FUNCTIONS));
      return null;
    }
    boolean property =
        fn.equals("distinct") || fn.equals("sum") || fn.equals("min") || fn.equals("max");
    int filters = fn.equals("minutes_between") ? 2 : 1;
    int expected = fn.equals("trend") ? 2 : filters;
    if (c.args().size() != expected) {
      reporter.error(Code.PLS0203, c.span(), usage(fn));
      return null;
    }
    List<EventFilter> fs = new ArrayList<>();
    String prop = null;
    for (int i = 0; i < filters; i++) {
      if (!(c.args().get(i) instanceof Ast.FilterArg f)) {
        reporter.error(Code.PLS0203, c.args().get(i).span(), usage(fn));
        return null;
      }
      if (property != f.property().isPresent()) {
        reporter.error(Code.PLS0203, f.span(), usage(fn));
        return null;
      }
      if (f.property().isPresent()) {
        prop = f.property().get().name();
      }
      EventFilter ef = filter(f);
      if (ef == null) {
        return null;
      }
      fs.add(ef);
    }
    return switch (fn) {
      case "count" -> Aggregate.count(fs.get(0));
      case "distinct" -> Aggregate.distinct(fs.get(0), prop);
      case "sum" -> Aggregate.sum(fs.get(0), prop);
      case "min" -> Aggregate.min(fs.get(0), prop);
      case "max" -> Aggregate.max(fs.get(0), prop);
      case "active_days" -> Aggregate.activeDays(fs.get(0));
      case "days_since" -> Aggregate.daysSince(fs.get(0));
      case "first_seen" -> Aggregate.firstSeen(fs.get(0));
      case "last_seen" -> Aggregate.lastSeen(fs.get(0));
      case "minutes_between" -> Aggregate.minutesBetween(fs.get(0), fs.get(1));
      case "growth_weeks" -> Aggregate.growthWeeks(fs.get(0));
      case "trend" -> trend(c, fs.get(0));
      default -> throw new AssertionError(fn);
    };
  }

  private Aggregate trend(Ast.Call c, EventFilter f) {
    if (!(c.args().get(1) instanceof Ast.DurationArg d)
        || d.window().unit() != 'w'
        || d.window().amount() < 2
        || d.window().amount() > Aggregate.Trend.MAX_WEEKS) {
      reporter.error(
          Code.PLS0203,
          c.args().get(1).span(),
          "trend's horizon is 2w to " + Aggregate.Trend.MAX_WEEKS + "w, e.g. trend(any, 4w)");
      return null;
    }
    return Aggregate.trend(f, d.window().amount());
  }

  private static String usage(String fn) {
    return switch (fn) {
      case "distinct", "sum", "min", "max" ->
          fn + "() takes one event and a property, e.g. " + fn + "(feature_used.feature)";
      case "minutes_between" ->
          "minutes_between() takes two events, e.g. minutes_between(signed_up, activated)";
      case "trend" -> "trend() takes an event and a horizon in weeks, e.g. trend(any, 4w)";
      default -> fn + "() takes one event (no property), e.g. " + fn + "(invite_sent)";
    };
  }

  private EventFilter filter(Ast.FilterArg f) {
    Ast.EventName n = f.event();
    EventFilter ef;
    if (n.isAny()) {
      ef = EventFilter.any();
      readsAny = true;
    } else if (!n.quoted() && events.containsKey(n.name())) {
      ef = EventFilter.of(events.get(n.name()));
      eventUses.putIfAbsent(events.get(n.name()), n.span());
    } else if (!events.isEmpty() && !events.containsValue(n.name())) {
      reporter.error(
          Code.PLS0202,
          n.span(),
          "unknown event '"
              + n.name()
              + "'; this file declares its events, so declare it with 'event "
              + (n.quoted() ? "name = " + Printer.quote(n.name()) : n.name())
              + "'"
              + Names.didYouMean(n.name(), events.keySet()));
      return null;
    } else if (!usableText(n.name(), n.span(), "the event name")) {
      return null;
    } else {
      ef = EventFilter.of(n.name());
      eventUses.putIfAbsent(n.name(), n.span());
    }
    if (f.where().isPresent()) {
      Typed w = lower(f.where().get(), Scope.FILTER, Optional.empty(), new Reach(), true);
      if (w == null) {
        return null;
      }
      if (w.type().isPresent() && w.type().get() != ValueType.BOOLEAN) {
        reporter.error(
            Code.PLS0301,
            f.where().get().span(),
            "a 'where' filter must be true or false, but '"
                + Printer.expr(f.where().get())
                + "' is a "
                + w.type().get().displayName());
        return null;
      }
      ef = ef.where(w.expr());
    }
    return ef;
  }

  // ---- account models ----

  /** Reports a member function (or rollup) in a model that has no members. */
  private void noMembers(String what, Ast.Span span) {
    reporter.error(
        Code.PLS0305,
        span,
        what
            + " reads an account's members: only an account model with 'members <user model>' in"
            + " its header has them");
  }

  /** A name in a member condition: a trait of the member model. */
  private Typed memberTrait(Ast.Name n) {
    if (memberChecker == null) {
      return null; // the call that opened the member condition is reported
    }
    TraitType t = memberChecker.traits.get(n.name());
    if (t == null) {
      reporter.error(
          Code.PLS0306,
          n.span(),
          "the member model '"
              + memberChecker.id()
              + "' has no trait '"
              + n.name()
              + "'; a member condition reads member traits"
              + Names.didYouMean(n.name(), memberChecker.traits.keySet()));
      return null;
    }
    return new Typed(new Expr.TraitRef(n.name()), Optional.of(t.valueType()));
  }

  private Typed memberCall(Ast.Call c, Optional<Window> ambient, Reach reach) {
    MemberAggregate a = memberAggregate(c);
    if (a == null) {
      return null;
    }
    Optional<Window> own = Optional.empty();
    if (c.window().isPresent()) {
      if (!a.windowed()) {
        reporter.error(
            Code.PLS0306,
            c.window().get().span(),
            "'"
                + Printer.expr(new Ast.Call(c.function(), c.args(), Optional.empty(), c.span()))
                + "' takes no window: "
                + (a instanceof MemberAggregate.ActiveGrowth
                    ? "it compares the last two weeks"
                    : "it reads no events")
                + "; remove 'within "
                + c.window().get()
                + "'");
        return null;
      }
      own = window(c.window().get());
      if (own.isEmpty()) {
        return null;
      }
    }
    return memberRef(a, ambient, own, reach, Printer.expr(c), c.span());
  }

  private Typed memberRef(
      MemberAggregate a,
      Optional<Window> ambient,
      Optional<Window> own,
      Reach reach,
      String text,
      Ast.Span span) {
    Optional<ValueType> number = Optional.of(ValueType.NUMBER);
    if (!a.windowed()) {
      return new Typed(new Expr.Members(a, Optional.empty()), number);
    }
    Optional<Window> w = own.isPresent() ? own : ambient;
    if (own.isEmpty() && ambient.isPresent()) {
      reach.used = true;
    }
    if (w.isEmpty() && a.needsWindow()) {
      reporter.error(
          Code.PLS0306,
          span,
          "'"
              + text
              + "' needs a window: new members are new within a period, e.g. '"
              + text
              + " within 7d'");
      return null;
    }
    return new Typed(new Expr.Members(a, w), number);
  }

  /** The member aggregate a call denotes; null on errors (reported). */
  private MemberAggregate memberAggregate(Ast.Call c) {
    String fn = c.function();
    if (memberChecker == null) {
      if (!membersDeclared) {
        noMembers(fn + "()", c.span());
      }
      return null;
    }
    List<Ast.Arg> args = c.args();
    if (fn.equals("members")) {
      if (args.size() != 1 || !(args.get(0) instanceof Ast.WhereArg w)) {
        reporter.error(Code.PLS0203, c.span(), memberUsage(fn));
        return null;
      }
      Typed t = lower(w.condition(), Scope.MEMBER, Optional.empty(), new Reach(), true);
      if (t == null) {
        return null;
      }
      if (t.type().isPresent() && t.type().get() != ValueType.BOOLEAN) {
        reporter.error(
            Code.PLS0301,
            w.condition().span(),
            "a member condition must be true or false, but '"
                + Printer.expr(w.condition())
                + "' is a "
                + t.type().get().displayName());
        return null;
      }
      return new MemberAggregate.Where(t.expr());
    }
    if (fn.equals("members_at_tier")) {
      Optional<Ast.Ident> tier = bareName(args, 0);
      if (args.size() != 1 || tier.isEmpty()) {
        reporter.error(Code.PLS0203, c.span(), memberUsage(fn));
        return null;
      }
      String name = tier.get().name();
      if (!memberChecker.tierNames.containsKey(name)) {
        reporter.error(
            Code.PLS0306,
            tier.get().span(),
            "the member model '"
                + memberChecker.id()
                + "' has no tier '"
                + name
                + "'"
                + Names.closest(name, memberChecker.tierNames.keySet())
                    .map(x -> "; did you mean '" + x + "'?")
                    .orElse("; its tiers are " + memberChecker.tierNames.keySet())
                + "");
        return null;
      }
      return new MemberAggregate.AtTier(name);
    }
    if (fn.equals("member_values")) {
      Optional<Ast.Ident> trait = bareName(args, 0);
      if (args.isEmpty() || args.size() > 2 || trait.isEmpty()) {
        reporter.error(Code.PLS0203, c.span(), memberUsage(fn));
        return null;
      }
      String name = trait.get().name();
      if (!memberChecker.traits.containsKey(name)) {
        reporter.error(
            Code.PLS0306,
            trait.get().span(),
            "the member model '"
                + memberChecker.id()
                + "' has no trait '"
                + name
                + "'"
                + Names.didYouMean(name, memberChecker.traits.keySet()));
        return null;
      }
      if (args.size() == 1) {
        return new MemberAggregate.DistinctTrait(name, Optional.empty());
      }
      EventFilter f = memberFilter(c, args.get(1));
      return f == null ? null : new MemberAggregate.DistinctTrait(name, Optional.of(f));
    }
    if (args.size() != 1) {
      reporter.error(Code.PLS0203, c.span(), memberUsage(fn));
      return null;
    }
    EventFilter f = memberFilter(c, args.get(0));
    if (f == null) {
      return null;
    }
    return switch (fn) {
      case "active_members" -> new MemberAggregate.Active(f);
      case "new_members" -> new MemberAggregate.New(f);
      case "active_growth" -> new MemberAggregate.ActiveGrowth(f);
      default -> throw new AssertionError(fn);
    };
  }

  /** The event filter argument of a member function; null on errors (reported). */
  private EventFilter memberFilter(Ast.Call c, Ast.Arg arg) {
    if (!(arg instanceof Ast.FilterArg f) || f.property().isPresent()) {
      reporter.error(Code.PLS0203, arg.span(), memberUsage(c.function()));
      return null;
    }
    return filter(f);
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

  private static String memberUsage(String fn) {
    return switch (fn) {
      case "members" ->
          "members counts members; members(where ...) counts those whose traits match, e.g."
              + " members(where title in {\"CEO\", \"CTO\"})";
      case "members_at_tier" ->
          "members_at_tier() takes a tier of the member model, e.g. members_at_tier(hot)";
      case "member_values" ->
          "member_values() takes a member trait and optionally an event, e.g."
              + " member_values(department) or member_values(department, any) within 30d";
      default -> fn + "() takes one event (no property), e.g. " + fn + "(any)";
    };
  }

  /** Reports {@code what}, which a model has once, declared again at {@code again}. */
  private void declaredTwice(String what, Ast.Span first, Ast.Span again) {
    reporter.error(
        Code.PLS0205,
        again,
        what + " is already declared on line " + first.line() + "; a model has one");
  }

  /** The model's rollup; empty when there is none or it has errors (reported). */
  private Optional<Rollup> rollup() {
    if (file.rollups().isEmpty()) {
      return Optional.empty();
    }
    Ast.RollupDecl r = file.rollups().get(0);
    for (Ast.RollupDecl other : file.rollups().subList(1, file.rollups().size())) {
      declaredTwice("the rollup", r.span(), other.span());
    }
    if (memberChecker == null) {
      if (!membersDeclared) {
        noMembers("'rollup'", r.span());
      }
      return Optional.empty();
    }
    Rollup.Kind kind = null;
    for (Rollup.Kind k : Rollup.Kind.values()) {
      if (k.displayName().equals(r.kind().name())) {
        kind = k;
      }
    }
    if (kind == null) {
      List<String> kinds = new ArrayList<>();
      for (Rollup.Kind k : Rollup.Kind.values()) {
        kinds.add(k.displayName());
      }
      reporter.error(
          Code.PLS0204,
          r.kind().span(),
          "unknown rollup '"
              + r.kind().name()
              + "'; use sum, max, avg or top N"
              + Names.didYouMean(r.kind().name(), kinds));
      return Optional.empty();
    }
    int k = 0;
    if (kind == Rollup.Kind.TOP) {
      if (r.k().isEmpty()) {
        reporter.error(
            Code.PLS0203, r.kind().span(), "top needs how many members count, e.g. 'rollup top 3'");
        return Optional.empty();
      }
      String text = r.k().get().text();
      if (!text.matches("[0-9]{1,6}") || Integer.parseInt(text) < 1) {
        reporter.error(
            Code.PLS0203,
            r.k().get().span(),
            "top takes a whole number of members from 1 to 999999, was " + text);
        return Optional.empty();
      }
      k = Integer.parseInt(text);
    } else if (r.k().isPresent()) {
      reporter.error(
          Code.PLS0203,
          r.k().get().span(),
          "'rollup " + kind.displayName() + "' takes no number; only 'top N' does");
      return Optional.empty();
    }
    Optional<Points> cap = Optional.empty();
    if (r.memberCap().isPresent()) {
      cap = points(r.memberCap().get(), "member_cap");
      if (cap.isEmpty()) {
        return Optional.empty();
      }
      if (cap.get().signum() <= 0) {
        reporter.error(
            Code.PLS0405,
            r.memberCap().get().span(),
            "member_cap must be positive, was " + r.memberCap().get().text());
        return Optional.empty();
      }
    }
    String category = r.name().map(Ast.Ident::name).orElse(Rollup.DEFAULT_CATEGORY);
    for (Ast.CategoryDecl c : file.categories()) {
      if (c.name().name().equals(category)) {
        reporter.error(
            Code.PLS0205,
            c.name().span(),
            "'"
                + category
                + "' is the rollup's category on the card (line "
                + r.span().line()
                + "); rename this category or name the rollup with 'as'");
        return Optional.empty();
      }
    }
    return Optional.of(new Rollup(category, kind, k, cap));
  }

  // ---- the hand-off ----

  private static final List<String> LEVELS = List.of("high", "medium", "low");

  /** Checks the hand-off items and builds the hand-off, if the model has any. */
  private final class HandoffChecks {
    private final Handoff.Builder builder = Handoff.builder();
    private final Map<String, Ast.Span> queues = new LinkedHashMap<>();
    private final Map<String, Ast.Span> holds = new LinkedHashMap<>();
    private final Map<String, Ast.Span> contexts = new LinkedHashMap<>();
    private final Map<String, Expr> contextValues = new LinkedHashMap<>();
    private final Map<String, Ast.Span> templates = new LinkedHashMap<>();
    private Ast.Span holdout;
    private Ast.Span cooldown;

    Optional<Handoff> run() {
      List<Ast.HandoffDecl> items = file.handoff();
      if (items.isEmpty()) {
        return Optional.empty();
      }
      // Names first: a route may name a queue or segment declared after it.
      for (Ast.HandoffDecl h : items) {
        if (h instanceof Ast.QueueDecl q) {
          unique(queues, q.name(), "queue");
        } else if (h instanceof Ast.SegmentDecl s) {
          if (s.name().name().equals(Handoff.NO_SEGMENT)) {
            reporter.error(
                Code.PLS0406,
                s.name().span(),
                "'none' is the segment of entities no segment holds for; choose another name");
          } else {
            unique(segmentNames, s.name(), "segment");
          }
        } else if (h instanceof Ast.TriggerDecl t) {
          unique(triggerNames, t.name(), "trigger");
        }
      }
      for (Ast.HandoffDecl h : items) {
        item(h);
      }
      templates();
      return reporter.hasErrors() ? Optional.empty() : Optional.of(builder.build());
    }

    private void unique(Map<String, Ast.Span> names, Ast.Ident name, String what) {
      Ast.Span previous = names.putIfAbsent(name.name(), name.span());
      if (previous != null) {
        reporter.error(
            Code.PLS0406,
            name.span(),
            what + " '" + name.name() + "' is already defined on line " + previous.line());
      }
    }

    private void item(Ast.HandoffDecl h) {
      if (h instanceof Ast.QueueDecl q) {
        boolean ok = usableText(q.label().value(), q.label().span(), "the queue label");
        Duration sla = duration(q.sla());
        OptionalInt capacity = OptionalInt.empty();
        if (q.capacity().isPresent()) {
          String text = q.capacity().get().text();
          if (!text.matches("[0-9]{1,9}")) {
            reporter.error(
                Code.PLS0102,
                q.capacity().get().span(),
                "a capacity is a whole number of alerts a day, was " + text);
            ok = false;
          } else {
            capacity = OptionalInt.of(Integer.parseInt(text));
          }
        }
        if (ok && capacity.isPresent()) {
          builder.queue(q.name().name(), q.label().value(), sla, capacity.getAsInt());
        } else if (ok) {
          builder.queue(q.name().name(), q.label().value(), sla);
        }
      } else if (h instanceof Ast.SegmentDecl s) {
        Expr c = condition(s.condition(), Scope.HANDOFF);
        if (c != null && !s.name().name().equals(Handoff.NO_SEGMENT)) {
          builder.segment(s.name().name(), c);
        }
      } else if (h instanceof Ast.RouteDecl r) {
        boolean ok = known(r.tier(), tierNames.keySet(), "tier");
        List<String> segments = new ArrayList<>();
        for (Ast.Ident s : r.segments()) {
          ok &= known(s, segmentNames.keySet(), "segment");
          segments.add(s.name());
        }
        ok &= known(r.queue(), queues.keySet(), "queue");
        Optional<Handoff.Level> level =
            r.level().isPresent() ? level(r.level().get()) : Optional.of(Handoff.Level.MEDIUM);
        if (ok && level.isPresent()) {
          builder.route(r.tier().name(), segments, r.queue().name(), level.get());
        }
      } else if (h instanceof Ast.TriggerDecl t) {
        boolean ok = usableText(t.label().value(), t.label().span(), "the trigger label");
        Optional<Handoff.Level> level = level(t.level());
        Expr c = condition(t.condition(), Scope.HANDOFF);
        ok &= known(t.queue(), queues.keySet(), "queue");
        if (ok && level.isPresent() && c != null) {
          builder.trigger(t.name().name(), t.label().value(), level.get(), c, t.queue().name());
        }
      } else if (h instanceof Ast.HoldDecl x) {
        boolean ok = known(x.tier(), tierNames.keySet(), "tier");
        if (ok) {
          Ast.Span previous = holds.putIfAbsent(x.tier().name(), x.tier().span());
          if (previous != null) {
            reporter.error(
                Code.PLS0406,
                x.tier().span(),
                "tier '"
                    + x.tier().name()
                    + "' already has a hold on line "
                    + previous.line()
                    + "; a tier has one");
            ok = false;
          }
        }
        Expr c = condition(x.condition(), Scope.HANDOFF);
        if (ok && c != null) {
          builder.hold(x.tier().name(), c);
        }
      } else if (h instanceof Ast.SuppressDecl x) {
        boolean ok = usableText(x.reason().value(), x.reason().span(), "the reason");
        Expr c = condition(x.condition(), Scope.HANDOFF);
        if (ok && c != null) {
          builder.suppress(c, x.reason().value());
        }
      } else if (h instanceof Ast.HoldoutDecl x) {
        if (holdout != null) {
          declaredTwice("the holdout", holdout, x.span());
          return;
        }
        holdout = x.span();
        BigDecimal percent = new BigDecimal(x.percent().text());
        if (percent.signum() <= 0
            || percent.compareTo(BigDecimal.valueOf(100)) >= 0
            || percent.stripTrailingZeros().scale() > 2) {
          reporter.error(
              Code.PLS0407,
              x.percent().span(),
              "a holdout is more than 0% and less than 100%, with at most two decimals, was "
                  + x.percent().text()
                  + "%");
          return;
        }
        builder.holdout(percent, x.salt().value());
      } else if (h instanceof Ast.CooldownDecl x) {
        if (cooldown != null) {
          declaredTwice("the cooldown", cooldown, x.span());
          return;
        }
        cooldown = x.span();
        builder.cooldown(duration(x.duration()));
      } else if (h instanceof Ast.ContextDecl x) {
        unique(contexts, x.name(), "context value");
        Typed t = lower(x.value(), Scope.HANDOFF, Optional.empty(), new Reach(), false);
        if (t != null) {
          contextValues.putIfAbsent(x.name().name(), t.expr());
          builder.context(x.name().name(), t.expr());
        }
      } else if (h instanceof Ast.TemplateDecl x) {
        unique(templates, x.name(), "template");
        if (usableText(x.text().value(), x.text().span(), "the template text")) {
          builder.template(x.name().name(), x.text().value());
        }
      }
    }

    private boolean known(Ast.Ident name, java.util.Collection<String> names, String what) {
      if (names.contains(name.name())) {
        return true;
      }
      reporter.error(
          Code.PLS0208,
          name.span(),
          "unknown "
              + what
              + " '"
              + name.name()
              + "'"
              + Names.closest(name.name(), names)
                  .map(x -> "; did you mean '" + x + "'?")
                  .orElse(
                      names.isEmpty()
                          ? "; this model declares no " + what
                          : "; the model's " + what + "s are " + List.copyOf(names)));
      return false;
    }

    private Optional<Handoff.Level> level(Ast.Ident name) {
      for (Handoff.Level l : Handoff.Level.values()) {
        if (l.displayName().equals(name.name())) {
          return Optional.of(l);
        }
      }
      reporter.error(
          Code.PLS0204,
          name.span(),
          "unknown level '"
              + name.name()
              + "'; use high, medium or low"
              + Names.didYouMean(name.name(), LEVELS));
      return Optional.empty();
    }

    /*
     * A placeholder names a rule or a context value. What a seller may say to the customer is
     * what a shareable rule says: a rule is shareable when it has a share phrase, and a context
     * value when everything it reads (signals, member signals, traits, the score) is read by a
     * shareable rule. Anything else in outreach is the creepy kind the seeds warn about, so it is
     * a warning, not an error: the file still compiles.
     */
    private void templates() {
      java.util.Set<Object> shared = new java.util.HashSet<>();
      for (Rule r : rulesById.values()) {
        if (r.shareable().isPresent()) {
          reads(r.condition(), shared);
        }
      }
      for (Ast.HandoffDecl h : file.handoff()) {
        if (!(h instanceof Ast.TemplateDecl t)) {
          continue;
        }
        String text = t.text().value();
        boolean usable =
            !text.isBlank()
                && text.strip().equals(text)
                && text.chars().noneMatch(Character::isISOControl);
        if (!usable) {
          continue; // reported; the core would refuse the text
        }
        for (String p : new Handoff.Template(t.name().name(), text).placeholders()) {
          placeholder(t, p, shared);
        }
      }
    }

    private void placeholder(Ast.TemplateDecl t, String p, java.util.Set<Object> shared) {
      Ast.Span span = placeholderSpan(t.text(), p);
      Rule rule = rulesById.get(p);
      if (rule != null) {
        if (rule.shareable().isEmpty()) {
          notShareable(t, p, span, "add share \"...\" to the rule");
        }
        return;
      }
      if (contexts.containsKey(p)) {
        Expr value = contextValues.get(p);
        if (value == null) {
          return; // its errors are reported
        }
        java.util.Set<Object> read = new java.util.HashSet<>();
        reads(value, read);
        if (!shared.containsAll(read)) {
          notShareable(
              t, p, span, "add share \"...\" to a rule that reads what the context value shows");
        }
        return;
      }
      List<String> names = new ArrayList<>(rulesById.keySet());
      names.addAll(contexts.keySet());
      reporter.error(
          Code.PLS0209,
          span,
          "template '"
              + t.name().name()
              + "' refers to {"
              + p
              + "}, which is neither a rule id nor a context value"
              + Names.didYouMean(p, names));
    }

    private void notShareable(Ast.TemplateDecl t, String p, Ast.Span span, String fix) {
      reporter.warning(
          Code.PLS0506,
          span,
          "template '"
              + t.name().name()
              + "' refers to '"
              + p
              + "', which is not shareable: "
              + fix
              + " or leave it out of outreach");
    }
  }

  /** A duration literal ({@code 30m}, {@code 4h}, {@code 7d}, {@code 2w}) as a duration. */
  static Duration duration(Ast.WindowLit w) {
    return switch (w.unit()) {
      case 'm' -> Duration.ofMinutes(w.amount());
      case 'h' -> Duration.ofHours(w.amount());
      case 'd' -> Duration.ofDays(w.amount());
      default -> Duration.ofDays(7L * w.amount());
    };
  }

  /** Adds what {@code e} reads to {@code out}: aggregates, member aggregates, traits, the score. */
  private static void reads(Expr e, java.util.Set<Object> out) {
    if (e instanceof Expr.Agg a) {
      out.add(a.signal().aggregate());
    } else if (e instanceof Expr.Members m) {
      out.add(m.aggregate());
    } else if (e instanceof Expr.TraitRef || e instanceof Expr.ScoreRef) {
      out.add(e);
    }
    for (Expr child : e.children()) {
      reads(child, out);
    }
  }

  /**
   * Where {@code {name}} is in a template's text: exact when the string is written in the canonical
   * escapes (as the formatter writes it), else the whole string.
   */
  private static Ast.Span placeholderSpan(Ast.StrLit text, String name) {
    String quoted = Printer.quote(text.value());
    int at = quoted.indexOf("{" + name + "}");
    if (at < 0 || text.span().length() != quoted.length()) {
      return text.span();
    }
    return new Ast.Span(
        text.span().line(), text.span().column() + at, name.length() + 2, text.span().line());
  }

  /** A window literal as a core window; empty on errors (reported). */
  Optional<Window> window(Ast.WindowLit w) {
    Window.Unit unit =
        switch (w.unit()) {
          case 'h' -> Window.Unit.HOURS;
          case 'd' -> Window.Unit.DAYS;
          case 'w' -> Window.Unit.WEEKS;
          default -> null;
        };
    if (unit == null) {
      reporter.error(
          Code.PLS0303, w.span(), "a window is in hours, days or weeks (h, d, w), not minutes");
      return Optional.empty();
    }
    if (w.amount() <= 0) {
      reporter.error(Code.PLS0303, w.span(), "a window must be positive, was " + w);
      return Optional.empty();
    }
    if ((long) w.amount() * unit.hours() > (long) Window.MAX_DAYS * 24) {
      reporter.error(
          Code.PLS0303,
          w.span(),
          "window " + w + " is longer than the maximum of " + Window.MAX_DAYS + "d");
      return Optional.empty();
    }
    Window window = new Window(w.amount(), unit);
    if (!window.fits(resolution)) {
      reporter.error(
          Code.PLS0303,
          w.span(),
          "window "
              + w
              + " is not a whole number of "
              + resolution
              + " buckets; use a multiple of "
              + resolution);
      return Optional.empty();
    }
    return Optional.of(window);
  }

  Resolution resolution() {
    return resolution;
  }

  EntityKind entity() {
    return entity;
  }

  /** The model's id, or empty for items before any header. */
  String id() {
    return file.header().map(h -> h.name().name()).orElse("");
  }

  /** The user model's checker, for an account model whose members resolved. */
  Optional<Checker> memberChecker() {
    return Optional.ofNullable(memberChecker);
  }

  /** Whether the header names a members model (resolved or not). */
  boolean membersDeclared() {
    return membersDeclared;
  }

  Map<String, Rule> rules() {
    return rulesById;
  }

  java.util.Set<String> tiers() {
    return tierNames.keySet();
  }

  java.util.Set<String> segments() {
    return segmentNames.keySet();
  }

  java.util.Set<String> triggers() {
    return triggerNames.keySet();
  }

  /** The reasons of the hand-off's suppressions, in order. */
  List<String> suppressions() {
    return file.handoff().stream()
        .filter(h -> h instanceof Ast.SuppressDecl)
        .map(h -> ((Ast.SuppressDecl) h).reason().value())
        .toList();
  }

  /** Whether the model has a hand-off. */
  boolean hasHandoff() {
    return !file.handoff().isEmpty();
  }

  Map<String, TraitType> traits() {
    return traits;
  }

  Map<String, String> events() {
    return events;
  }
}
