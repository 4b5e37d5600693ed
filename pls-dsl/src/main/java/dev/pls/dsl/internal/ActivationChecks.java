package dev.pls.dsl.internal;

import dev.pls.core.model.Activation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/*
 * `activation NAME`: what activation is for the model, which the readiness gate measures. The name
 * is a rule id first (so it runs after every rule is checked), else an event: a declared event's
 * alias when the file declares its events, or an event the model reads by name when it does not
 * (so it runs after every condition is typed and has recorded what it reads). Anything else is
 * unknown, with the closest rule id or event suggested.
 */
/** Checks the model's activation declaration. */
final class ActivationChecks {
  private final Env env;
  private final Reporter reporter;

  ActivationChecks(Env env) {
    this.env = env;
    this.reporter = env.reporter();
  }

  /** The model's activation, empty when it declares none or the declaration has errors. */
  Optional<Activation> run() {
    List<Ast.ActivationDecl> all = env.file().activations();
    for (int i = 1; i < all.size(); i++) {
      env.declaredTwice("activation", all.get(0).span(), all.get(i).span());
    }
    if (all.isEmpty()) {
      return Optional.empty();
    }
    Ast.Ident name = all.get(0).name();
    Set<String> rules = ruleIds();
    if (rules.contains(name.name())) {
      return Optional.of(Activation.rule(name.name()));
    }
    if (!env.openEvents() && env.events().containsKey(name.name())) {
      return Optional.of(Activation.event(env.events().get(name.name())));
    }
    if (env.openEvents() && env.eventUses().containsKey(name.name())) {
      return Optional.of(Activation.event(name.name()));
    }
    List<String> candidates = new ArrayList<>(rules);
    candidates.addAll(env.openEvents() ? env.eventUses().keySet() : env.events().keySet());
    reporter.error(
        Code.PLS0219,
        name.span(),
        "unknown activation '"
            + name.name()
            + "'; name a rule id of the model or an event it "
            + (env.openEvents() ? "reads" : "declares")
            + Names.didYouMean(reporter, name.name(), candidates));
    return Optional.empty();
  }

  /**
   * Every rule id: those of the rules that checked, and the ids written in brackets (so a rule with
   * an error in its condition does not make its activation unknown as well).
   */
  private Set<String> ruleIds() {
    Set<String> ids = new LinkedHashSet<>(env.rules().keySet());
    for (Ast.CategoryDecl c : env.file().categories()) {
      for (Ast.RuleDecl r : c.rules()) {
        r.id().ifPresent(id -> ids.add(id.name()));
      }
    }
    return ids;
  }
}
