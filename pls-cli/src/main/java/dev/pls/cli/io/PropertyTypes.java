package dev.pls.cli.io;

import dev.pls.core.input.Event;
import dev.pls.core.model.Aggregate;
import dev.pls.core.model.Category;
import dev.pls.core.model.EntityKind;
import dev.pls.core.model.EventFilter;
import dev.pls.core.model.Exclusion;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Model;
import dev.pls.core.model.Rule;
import dev.pls.core.model.Signal;
import dev.pls.core.model.Tier;
import dev.pls.core.model.Trait;
import dev.pls.core.model.TraitType;
import dev.pls.core.model.Value;
import dev.pls.core.model.ValueType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/*
 * The types a model's rules expect of event properties, so that an event whose property has
 * another type is rejected (wrong_type) instead of silently never matching: `path == "/pricing"`
 * never holds for "path": 5, and a sum skips "amount": "12", which hides an export bug in the
 * score. A property is expected to be a string, number or boolean when a filter compares it (or
 * its lower case) with a literal of that type, or tests it against a set of them, and a number
 * when sum, min or max reads it. The expectation holds for the events the filter reads (or every
 * event, for `any`). When a model's rules disagree about one property of one event, nothing is
 * expected of it: that is a model choice, not bad data. distinct reads any type.
 *
 * Traits are declared with a type (trait employees: int), and the core refuses an entity whose
 * trait has another one: before, one "employees": 1.5 or "icp": "Yes" in a traits file aborted the
 * whole run with a stack trace when the entity was built. So a trait record (a traits file's line
 * or row, a Segment identify or group call) with a declared trait of another type is rejected
 * where it is read (wrong_type), naming the trait, and the rest is scored. Only the traits of the
 * entities the model scores are checked: users for a user model; accounts for an account model,
 * and users too when it rolls up members (by the member model's declarations).
 *
 * A trait may be called otherwise in the data than in the model (trait total_time = "Total Time
 * Spent on Website": int): a trait record is renamed here, before it is typed or checked, so every
 * reader (CSV, JSON Lines, Segment) finds it by its source name alike. A member named as the model
 * names such a trait is not that trait and is dropped, as an event called like an alias is not the
 * aliased event: otherwise a record with both would give the trait two values.
 */
/** What types a model's rules expect of the event properties they read, and of its traits. */
final class PropertyTypes {
  private static final String ANY = "";

  /** Expected types by event name ({@code ""} for any event), then property. */
  private final Map<String, Map<String, ValueType>> expected;

  /** Every property some event's expectations name (see {@link #expects}). */
  private final Set<String> expectedProperties;

  /** Declared trait types by the kind of entity they describe, then trait name. */
  private final Map<EntityKind, Map<String, TraitType>> traits;

  /**
   * The traits the data calls otherwise than the model, by kind of entity: the model's name of each
   * by its source name.
   */
  private final Map<EntityKind, Map<String, String>> renamed;

  /** How the input spells missing values and booleans. */
  private final ValueSpellings spellings;

  private PropertyTypes(
      Map<String, Map<String, ValueType>> expected,
      Map<EntityKind, Map<String, TraitType>> traits,
      Map<EntityKind, Map<String, String>> renamed,
      ValueSpellings spellings) {
    this.expected = expected;
    Set<String> named = new java.util.HashSet<>();
    expected.values().forEach(byProperty -> named.addAll(byProperty.keySet()));
    this.expectedProperties = Set.copyOf(named);
    this.traits = traits;
    this.renamed = renamed;
    this.spellings = spellings;
  }

  /** Nothing expected: every property and trait type is accepted. */
  static PropertyTypes none() {
    return new PropertyTypes(Map.of(), Map.of(), Map.of(), ValueSpellings.defaults());
  }

  /** These expectations, reading values by {@code spellings}. */
  PropertyTypes withSpellings(ValueSpellings spellings) {
    return new PropertyTypes(expected, traits, renamed, spellings);
  }

  /** The model's name of the trait the data calls {@code source}. */
  private String traitName(EntityKind kind, String source) {
    return renamed.getOrDefault(kind, Map.of()).getOrDefault(source, source);
  }

  /**
   * A trait record with its source names replaced by the model's names; members named as the model
   * names a trait the data calls otherwise are left out.
   */
  private Map<String, Value> renamed(EntityKind kind, Map<String, Value> values) {
    Map<String, String> names = renamed.getOrDefault(kind, Map.of());
    if (names.isEmpty()) {
      return values;
    }
    Map<String, Value> out = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, Value> v : values.entrySet()) {
      String name = names.get(v.getKey());
      if (name != null) {
        out.put(name, v.getValue());
      } else if (!names.containsValue(v.getKey())) {
        out.putIfAbsent(v.getKey(), v.getValue());
      }
    }
    return out;
  }

  ValueSpellings spellings() {
    return spellings;
  }

  /**
   * A CSV cell of a trait, typed: a missing spelling is absent, a boolean spelling of a declared
   * bool trait is a boolean, anything else by the typing rule of {@link Fields}.
   */
  Optional<Value> traitCell(EntityKind kind, String trait, String cell) throws BadRecord {
    boolean bool =
        traits.getOrDefault(kind, Map.of()).get(traitName(kind, trait)) == TraitType.BOOL;
    return cell(cell, bool, "trait", trait);
  }

  /** A CSV cell of a property of {@code event}, typed as {@link #traitCell} types a trait's. */
  Optional<Value> propertyCell(String event, String property, String cell) throws BadRecord {
    return cell(cell, expectedOf(event, property) == ValueType.BOOLEAN, "property", property);
  }

  private Optional<Value> cell(String cell, boolean bool, String what, String name)
      throws BadRecord {
    if (spellings.isMissing(cell)) {
      return Optional.empty();
    }
    if (bool && !cell.isEmpty()) {
      Optional<Value> b = spellings.bool(cell);
      if (b.isPresent()) {
        return b;
      }
    }
    return Fields.typed(cell, what, name);
  }

  /**
   * Respells the string values of a record (a JSON object's, or typed CSV cells'): a missing
   * spelling is left out, a boolean spelling is a boolean where {@code bool} says one is declared.
   */
  private Map<String, Value> respelt(
      Map<String, Value> values, java.util.function.Predicate<String> bool) {
    Map<String, Value> out = null;
    for (Map.Entry<String, Value> v : values.entrySet()) {
      if (!(v.getValue() instanceof Value.Str str)) {
        continue;
      }
      Optional<Value> replaced = Optional.empty();
      boolean drop = spellings.isMissing(str.value());
      if (!drop && bool.test(v.getKey())) {
        replaced = spellings.jsonBool(str.value());
      }
      if (drop || replaced.isPresent()) {
        if (out == null) {
          out = new java.util.LinkedHashMap<>(values);
        }
        if (drop) {
          out.remove(v.getKey());
        } else {
          out.put(v.getKey(), replaced.get());
        }
      }
    }
    return out == null ? values : out;
  }

  /**
   * A trait record's values as the input's spellings read them, checked against the model's
   * declarations.
   *
   * @throws BadRecord with reason {@link RejectReason#WRONG_TYPE}
   */
  Map<String, Value> traits(EntityKind kind, Map<String, Value> values) throws BadRecord {
    Map<String, TraitType> declared = traits.getOrDefault(kind, Map.of());
    Map<String, Value> spelt =
        respelt(renamed(kind, values), t -> declared.get(t) == TraitType.BOOL);
    checkTraits(kind, spelt);
    return spelt;
  }

  /**
   * An event as the input's spellings read its properties, checked against what the rules expect.
   *
   * @throws BadRecord with reason {@link RejectReason#WRONG_TYPE}
   */
  Event event(Event e) throws BadRecord {
    Map<String, Value> props =
        respelt(e.properties(), p -> expectedOf(e.name(), p) == ValueType.BOOLEAN);
    Event spelt =
        props == e.properties()
            ? e
            : e.hasUser()
                ? new Event(e.user(), e.account(), e.name(), e.time(), props)
                : Event.ofAccount(e.account().get(), e.name(), e.time(), props);
    check(spelt);
    return spelt;
  }

  /** What {@code model}'s signals, rules, exclusions and tiers expect. */
  static PropertyTypes of(Model model) {
    Collector c = new Collector();
    collect(c, model);
    model.memberModel().ifPresent(m -> collect(c, m));
    Map<String, Map<String, ValueType>> expected = new HashMap<>();
    c.types.forEach(
        (event, props) ->
            props.forEach(
                (prop, type) -> {
                  if (!c.conflicts.contains(event + "\u0000" + prop)) {
                    expected.computeIfAbsent(event, e -> new HashMap<>()).put(prop, type);
                  }
                }));
    Map<EntityKind, Map<String, TraitType>> traits = new EnumMap<>(EntityKind.class);
    traits.put(model.entity(), declared(model));
    model.memberModel().ifPresent(m -> traits.put(EntityKind.USER, declared(m)));
    Map<EntityKind, Map<String, String>> renamed = new EnumMap<>(EntityKind.class);
    renamed.put(model.entity(), renamed(model));
    model.memberModel().ifPresent(m -> renamed.put(EntityKind.USER, renamed(m)));
    return new PropertyTypes(expected, traits, renamed, ValueSpellings.defaults());
  }

  private static Map<String, String> renamed(Model model) {
    Map<String, String> renamed = new HashMap<>();
    for (Trait t : model.traits()) {
      if (t.renamed()) {
        renamed.put(t.source(), t.name());
      }
    }
    return renamed;
  }

  private static Map<String, TraitType> declared(Model model) {
    Map<String, TraitType> declared = new HashMap<>();
    for (Trait t : model.traits()) {
      declared.put(t.name(), t.type());
    }
    return declared;
  }

  /**
   * Rejects a trait record of an entity of {@code kind} when a trait the model declares has another
   * type than declared.
   *
   * @throws BadRecord with reason {@link RejectReason#WRONG_TYPE}
   */
  void checkTraits(EntityKind kind, Map<String, Value> values) throws BadRecord {
    Map<String, TraitType> declared = traits.getOrDefault(kind, Map.of());
    if (declared.isEmpty()) {
      return;
    }
    for (Map.Entry<String, Value> v : values.entrySet()) {
      TraitType want = declared.get(v.getKey());
      if (want != null && !want.accepts(v.getValue())) {
        throw new BadRecord(
            RejectReason.WRONG_TYPE,
            "trait '"
                + v.getKey()
                + "' is "
                + (v.getValue().type() == want.valueType() ? "the " : "a ")
                + v.getValue().type().displayName()
                + " "
                + shown(v.getValue())
                + "; the model declares it "
                + want.displayName());
      }
    }
  }

  /** A value as written in a message, at most its first 40 characters. */
  private static String shown(Value v) {
    String text = v.toString();
    return text.length() <= 40 ? text : text.substring(0, 40) + "\u2026";
  }

  /** Collects what one model's signals, conditions and hand-off expect. */
  private static void collect(Collector c, Model model) {
    for (Signal s : model.signals()) {
      c.aggregate(s.aggregate());
    }
    for (Category cat : model.categories()) {
      for (Rule r : cat.rules()) {
        c.expr(r.condition());
      }
    }
    for (Exclusion e : model.exclusions()) {
      c.expr(e.condition());
    }
    for (Tier t : model.tiers()) {
      c.expr(t.condition());
    }
    model
        .handoff()
        .ifPresent(
            h -> {
              h.segments().forEach(x -> c.expr(x.condition()));
              h.triggers().forEach(x -> c.expr(x.condition()));
              h.holds().forEach(x -> c.expr(x.condition()));
              h.suppressions().forEach(x -> c.expr(x.condition()));
              h.context().forEach(x -> c.expr(x.value()));
            });
  }

  /**
   * Rejects {@code event} when a property has a type other than the model expects of it.
   *
   * @throws BadRecord with reason {@link RejectReason#WRONG_TYPE}
   */
  void check(Event event) throws BadRecord {
    if (expected.isEmpty()) {
      return;
    }
    for (Map.Entry<String, Value> p : event.properties().entrySet()) {
      check(event.name(), p.getKey(), p.getValue());
    }
  }

  /**
   * Property {@code key} of an event named {@code event} as {@link #event} reads and checks it, one
   * property alone (the spellings and the check of a property never depend on the others): null
   * when its spelling means missing, a boolean for a boolean spelling where the rules read a
   * boolean, else {@code value}.
   *
   * @throws BadRecord with reason {@link RejectReason#WRONG_TYPE}, as {@link #event} does
   */
  Value property(String event, String key, Value value) throws BadRecord {
    // A property no event's expectations name is never refused here (see expects).
    Value v = value;
    if (v instanceof Value.Str str) {
      if (spellings.isMissing(str.value())) {
        return null;
      }
      if (expectedOf(event, key) == ValueType.BOOLEAN) {
        Optional<Value> b = spellings.jsonBool(str.value());
        if (b.isPresent()) {
          v = b.get();
        }
      }
    }
    if (!expected.isEmpty()) {
      check(event, key, v);
    }
    return v;
  }

  /**
   * Whether the rules expect a type of property {@code key} of some event: when not, {@link
   * #property} refuses no value of it, whatever the event.
   */
  boolean expects(String key) {
    return expectedProperties.contains(key);
  }

  private void check(String event, String key, Value value) throws BadRecord {
    ValueType want = expectedOf(event, key);
    ValueType has = value.type();
    if (want != null && want != has) {
      throw new BadRecord(
          RejectReason.WRONG_TYPE,
          "property '"
              + key
              + "' of '"
              + event
              + "' is a "
              + name(has)
              + " ("
              + shown(value)
              + "); the model's rules read it as a "
              + name(want));
    }
  }

  private ValueType expectedOf(String event, String prop) {
    ValueType t = expected.getOrDefault(event, Map.of()).get(prop);
    return t != null ? t : expected.getOrDefault(ANY, Map.of()).get(prop);
  }

  private static String name(ValueType t) {
    return t.name().toLowerCase(Locale.ROOT);
  }

  private static final class Collector {
    final Map<String, Map<String, ValueType>> types = new HashMap<>();
    final Set<String> conflicts = new HashSet<>();
    private final Set<Object> seen = new HashSet<>();

    void aggregate(Aggregate a) {
      if (!seen.add(a)) {
        return;
      }
      for (EventFilter f : a.filters()) {
        String event = f.event().orElse(ANY);
        if (a instanceof Aggregate.Sum
            || a instanceof Aggregate.Min
            || a instanceof Aggregate.Max) {
          a.property().ifPresent(p -> expect(event, p, ValueType.NUMBER));
        }
        f.where().ifPresent(w -> where(event, w));
      }
    }

    /** Finds the aggregates in a rule, exclusion or tier condition. */
    void expr(Expr e) {
      if (e instanceof Expr.Agg agg) {
        aggregate(agg.signal().aggregate());
      } else if (e instanceof Expr.Members m) {
        m.aggregate()
            .events()
            .ifPresent(f -> f.where().ifPresent(w -> where(f.event().orElse(ANY), w)));
      }
      for (Expr child : e.children()) {
        expr(child);
      }
    }

    /** Reads a filter's condition for comparisons of a property with literals. */
    private void where(String event, Expr e) {
      if (e instanceof Expr.Compare c) {
        compared(event, c.left(), List.of(c.right()));
        compared(event, c.right(), List.of(c.left()));
      } else if (e instanceof Expr.Between b) {
        compared(event, b.operand(), List.of(b.low(), b.high()));
      } else if (e instanceof Expr.In in) {
        List<Expr> literals = new ArrayList<>();
        in.values().forEach(v -> literals.add(new Expr.Literal(v)));
        compared(event, in.operand(), literals);
      }
      for (Expr child : e.children()) {
        where(event, child);
      }
    }

    private void compared(String event, Expr operand, List<Expr> others) {
      Optional<String> prop = Optional.empty();
      boolean lowered = false;
      if (operand instanceof Expr.PropRef p) {
        prop = Optional.of(p.name());
      } else if (operand instanceof Expr.Lower l && l.operand() instanceof Expr.PropRef p) {
        prop = Optional.of(p.name());
        lowered = true;
      }
      if (prop.isEmpty()) {
        return;
      }
      for (Expr o : others) {
        if (o instanceof Expr.Literal lit && lit.value().type() != ValueType.TIME) {
          expect(event, prop.get(), lowered ? ValueType.STRING : lit.value().type());
        }
      }
    }

    private void expect(String event, String prop, ValueType type) {
      ValueType before = types.computeIfAbsent(event, x -> new HashMap<>()).putIfAbsent(prop, type);
      if (before != null && before != type) {
        conflicts.add(event + "\u0000" + prop);
      }
    }
  }
}
