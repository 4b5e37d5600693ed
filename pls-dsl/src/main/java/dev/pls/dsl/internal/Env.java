package dev.pls.dsl.internal;

import dev.pls.core.model.EntityKind;
import dev.pls.core.model.MemberAggregate;
import dev.pls.core.model.Points;
import dev.pls.core.model.Resolution;
import dev.pls.core.model.Rule;
import dev.pls.core.model.Signal;
import dev.pls.core.model.TraitType;
import dev.pls.core.model.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/*
 * The environment of one model, as cel-java's checker has an Env: every name the model declares
 * and what it stands for, filled in by the passes in order and read by the later ones. The header
 * and declarations pass gives the resolution, entity, traits, sets, events and signals (and, for
 * an account model, the member model); the rules pass the rules by id and the tier names; the
 * hand-off pass the segment and trigger names. Condition typing records which events the model
 * reads. The maps keep declaration order, which is the order of suggestions and of the model.
 *
 * It also holds the few reports every pass makes the same way: a name declared twice, a text the
 * core model cannot use, a points literal out of range.
 */
/** What one model declares, filled in by the checker's passes in order. */
final class Env {
  private final Reporter reporter;
  private final Ast.Model file;

  private Resolution resolution = Resolution.DAY;
  private EntityKind entity = EntityKind.USER;

  /** Whether the header says {@code members}, resolved or not (no cascade of errors if not). */
  private boolean membersDeclared;

  /** The member model, when this is an account model whose {@code members} resolved. */
  private SymbolTable memberModel;

  private final Map<String, TraitType> traits = new LinkedHashMap<>();
  private final Map<String, String> traitSources = new LinkedHashMap<>();
  private final Map<String, List<Value>> sets = new LinkedHashMap<>();
  private final Map<String, String> events = new LinkedHashMap<>();
  private final Map<String, Signal> signals = new LinkedHashMap<>();
  private final Map<String, MemberAggregate> memberSignals = new LinkedHashMap<>();
  private final Map<String, Rule> rules = new LinkedHashMap<>();
  private final Map<String, Ast.TierDecl> tiers = new LinkedHashMap<>();
  private final Map<String, Ast.Span> segments = new LinkedHashMap<>();
  private final Map<String, Ast.Span> triggers = new LinkedHashMap<>();
  private final Map<String, Ast.Span> eventUses = new LinkedHashMap<>();
  private boolean readsAny;

  Env(Ast.Model file, Reporter reporter) {
    this.file = file;
    this.reporter = reporter;
  }

  Ast.Model file() {
    return file;
  }

  Reporter reporter() {
    return reporter;
  }

  /** The model's id, or empty for items before any header. */
  String id() {
    return file.header().map(h -> h.name().name()).orElse("");
  }

  Resolution resolution() {
    return resolution;
  }

  void resolution(Resolution resolution) {
    this.resolution = resolution;
  }

  EntityKind entity() {
    return entity;
  }

  void entity(EntityKind entity) {
    this.entity = entity;
  }

  boolean membersDeclared() {
    return membersDeclared;
  }

  void declareMembers() {
    membersDeclared = true;
  }

  /** The member model, for an account model whose {@code members} resolved. */
  Optional<SymbolTable> memberModel() {
    return Optional.ofNullable(memberModel);
  }

  void memberModel(SymbolTable model) {
    this.memberModel = model;
  }

  /** Trait types by name. */
  Map<String, TraitType> traits() {
    return traits;
  }

  /** The name the data calls each trait by, by trait name. */
  Map<String, String> traitSources() {
    return traitSources;
  }

  /** Set values by set name. */
  Map<String, List<Value>> sets() {
    return sets;
  }

  /** Declared events: the name a file uses for each, to the event's name in the data. */
  Map<String, String> events() {
    return events;
  }

  /** Whether events are open: the file declares none, so any name may be an event. */
  boolean openEvents() {
    return events.isEmpty();
  }

  /** Event-reading signals by name. */
  Map<String, Signal> signals() {
    return signals;
  }

  /** Member signals by name; the core model has no counterpart, so each use is inlined. */
  Map<String, MemberAggregate> memberSignals() {
    return memberSignals;
  }

  /** The rules that checked, by id. */
  Map<String, Rule> rules() {
    return rules;
  }

  /** Tiers by name, with the declaration that first used the name. */
  Map<String, Ast.TierDecl> tiers() {
    return tiers;
  }

  /** The hand-off's segment names, where each is declared. */
  Map<String, Ast.Span> segments() {
    return segments;
  }

  /** The hand-off's trigger names, where each is declared. */
  Map<String, Ast.Span> triggers() {
    return triggers;
  }

  /** Records that the model reads {@code event}, first at {@code span}. */
  void reads(String event, Ast.Span span) {
    eventUses.putIfAbsent(event, span);
  }

  /** Records that the model reads {@code any}. */
  void readsAny() {
    readsAny = true;
  }

  /** The events the model reads by name, where each is first read. */
  Map<String, Ast.Span> eventUses() {
    return eventUses;
  }

  /** Whether the model reads {@code any}, so every event counts. */
  boolean readsAnyEvent() {
    return readsAny;
  }

  // ---- reports every pass makes the same way ----

  /** Adds {@code name} to {@code declared}; reports it and returns false if it is there. */
  boolean declareOnce(Map<String, Ast.Span> declared, Ast.Ident name) {
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

  /** Reports {@code what}, which a model has once, declared again at {@code again}. */
  void declaredTwice(String what, Ast.Span first, Ast.Span again) {
    reporter.error(
        Code.PLS0205,
        again,
        what + " is already declared on line " + first.line() + "; a model has one");
  }

  /** Whether a quoted text can name something in the core model; reports it if not. */
  boolean usableText(String text, Ast.Span span, String what) {
    return Names.usableText(reporter, text, span, what);
  }

  /** A points literal ({@code 10}, {@code -2.5}); empty if out of range (reported). */
  Optional<Points> points(Ast.NumberText text, String what) {
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
}
