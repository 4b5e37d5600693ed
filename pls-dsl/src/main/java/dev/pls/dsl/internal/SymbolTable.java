package dev.pls.dsl.internal;

import dev.pls.core.model.EntityKind;
import dev.pls.core.model.Model;
import dev.pls.core.model.Rule;
import dev.pls.core.model.TraitType;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/*
 * What a checked model declares, for the readers that come after its check: an account model
 * resolving its members (their traits and tiers), and the test pass lowering the model's tests
 * (every name an expectation or a test entity may use). It answers from the model's environment
 * as the passes left it, and types a test's value expectation with the model's own condition
 * typing. Read-only: the maps and sets are views.
 *
 * Typing a value records the events it reads in the environment, as any condition does, so a
 * later test's events are checked against them too.
 */
/** The names a checked model declares, for an account model and for the model's tests. */
final class SymbolTable {
  private final Env env;
  private final Conditions conditions;
  private final Optional<Model> model;

  SymbolTable(Env env, Conditions conditions, Optional<Model> model) {
    this.env = env;
    this.conditions = conditions;
    this.model = model;
  }

  /** The model's id, or empty for items before any header. */
  String id() {
    return env.id();
  }

  /** The line of the model's header, or 0 if it has none. */
  int line() {
    return env.file().header().map(h -> h.span().line()).orElse(0);
  }

  /** The model the file made, if this model built. */
  Optional<Model> model() {
    return model;
  }

  EntityKind entity() {
    return env.entity();
  }

  /** Whether the header names a members model (resolved or not). */
  boolean membersDeclared() {
    return env.membersDeclared();
  }

  /** The member model's symbols, for an account model whose members resolved. */
  Optional<SymbolTable> memberModel() {
    return env.memberModel();
  }

  /** Trait types by name. */
  Map<String, TraitType> traits() {
    return Collections.unmodifiableMap(env.traits());
  }

  /** Declared events: the name the file uses for each, to its name in the data. */
  Map<String, String> events() {
    return Collections.unmodifiableMap(env.events());
  }

  /** The event names the model reads by name. */
  Set<String> eventsRead() {
    return Collections.unmodifiableSet(env.eventUses().keySet());
  }

  /** Whether the model reads {@code any}, so every event counts. */
  boolean readsAny() {
    return env.readsAnyEvent();
  }

  /** The rules that checked, by id. */
  Map<String, Rule> rules() {
    return Collections.unmodifiableMap(env.rules());
  }

  Set<String> tiers() {
    return Collections.unmodifiableSet(env.tiers().keySet());
  }

  Set<String> segments() {
    return Collections.unmodifiableSet(env.segments().keySet());
  }

  Set<String> triggers() {
    return Collections.unmodifiableSet(env.triggers().keySet());
  }

  /** The reasons of the hand-off's suppressions, in order. */
  List<String> suppressions() {
    return env.file().handoff().stream()
        .filter(h -> h instanceof Ast.SuppressDecl)
        .map(h -> ((Ast.SuppressDecl) h).reason().value())
        .toList();
  }

  /** Whether the model has a hand-off. */
  boolean hasHandoff() {
    return !env.file().handoff().isEmpty();
  }

  /** Types and lowers a test's value expression in this model (reporting its errors). */
  Typed value(Ast.Expr e) {
    return conditions.value(e, Scope.VALUE);
  }
}
