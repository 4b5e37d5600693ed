package dev.pls.dsl.internal;

import dev.pls.core.model.Activation;
import dev.pls.core.model.Category;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Handoff;
import dev.pls.core.model.Model;
import dev.pls.core.model.Rollup;
import dev.pls.core.model.Trait;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/*
 * The checker resolves every name of a syntax tree, types every expression, applies windows and
 * lowers the file to the core model, reporting every problem it finds instead of stopping at the
 * first. It never changes the tree. As cel-java's checker, it is an environment and passes over
 * it, each in its own class; this class only runs them in order and assembles the model:
 *
 *   Declarations   header, traits, sets, events, signals       fills the Env
 *   RuleChecks     categories and rules, exclusions, tiers     (the rollup, by AccountChecks,
 *                                                               comes between rules and exclusions)
 *   GridChecks     the grid                                    names categories
 *   HandoffChecks  queues, segments, routes, triggers...       names rules and tiers, so after them
 *   ActivationChecks  the activation                           a rule id or an event read, so after
 *                                                               every condition
 *   Analyses       lints over the tree
 *   Declarations   near-miss event names                       after every condition is typed
 *   TestCases      the model's tests, through its SymbolTable
 *
 * Conditions (typing, with the Functions table), WindowChecks and AccountChecks serve the passes
 * that hold conditions. The order of the passes is the order of diagnostics of equal position.
 *
 * Several models: a file's models are checked one after another, each with its own environment,
 * and an account model's `members` resolves to the symbol table of a user model checked before
 * it. Only a file without errors compiles.
 */
/** Checks a syntax tree and lowers it to the core {@link Model}. */
public final class Checker {
  private Checker() {}

  /**
   * What the checker made of a file: its models in file order when the file has no errors (empty
   * otherwise), and each model's lowered tests.
   */
  public record Checked(List<Model> models, List<List<TestCases.TestCase>> tests) {}

  /** One model's check: its symbols (with the model, if it built) and its lowered tests. */
  private record ModelCheck(SymbolTable symbols, List<TestCases.TestCase> tests) {}

  /** Checks {@code file}, reporting to {@code reporter}. */
  public static Checked check(Ast.File file, Reporter reporter) {
    List<Ast.Header> headers = new ArrayList<>();
    file.models().forEach(m -> m.header().ifPresent(headers::add));
    Map<String, SymbolTable> earlier = new LinkedHashMap<>();
    List<Model> models = new ArrayList<>();
    List<List<TestCases.TestCase>> tests = new ArrayList<>();
    for (Ast.Model m : file.models()) {
      ModelCheck c = check(m, reporter, earlier, headers);
      tests.add(c.tests());
      c.symbols().model().ifPresent(models::add);
      if (m.header().isPresent()) {
        Ast.Ident name = m.header().get().name();
        SymbolTable previous = earlier.putIfAbsent(name.name(), c.symbols());
        if (previous != null) {
          reporter.error(
              Code.PLS0205,
              name.span(),
              "model '"
                  + name.name()
                  + "' is already defined on line "
                  + previous.line()
                  + "; models of a file have different ids");
        }
      }
    }
    if (reporter.hasErrors()) {
      return new Checked(List.of(), tests);
    }
    return new Checked(models, tests);
  }

  private static ModelCheck check(
      Ast.Model file,
      Reporter reporter,
      Map<String, SymbolTable> earlier,
      List<Ast.Header> headers) {
    Env env = new Env(file, reporter);
    AccountChecks accounts = new AccountChecks(env);
    Conditions conditions = new Conditions(env, new WindowChecks(env), accounts);
    Declarations declarations = new Declarations(env, conditions, accounts);
    RuleChecks rules = new RuleChecks(env, conditions);

    Optional<Model.Builder> builder = declarations.header(earlier, headers);
    declarations.declarations();
    List<Category> categories = rules.categories();
    Optional<Rollup> rollup = accounts.rollup();
    List<Optional<Expr>> exclusions = rules.exclusions();
    List<Optional<Expr>> tiers = rules.tiers();
    Optional<dev.pls.core.model.Grid> grid = new GridChecks(env).run();
    Optional<Handoff> handoff = new HandoffChecks(env, conditions, grid).run();
    Optional<Activation> activation = new ActivationChecks(env).run();
    Analyses.run(file, reporter);
    declarations.similarEvents();

    Optional<Model> model = Optional.empty();
    if (!reporter.hasErrors() && builder.isPresent()) {
      Model.Builder b = builder.get();
      env.memberModel().flatMap(SymbolTable::model).ifPresent(b::memberModel);
      env.traits()
          .forEach((name, type) -> b.trait(new Trait(name, type, env.traitSources().get(name))));
      env.signals().values().forEach(b::signal);
      categories.forEach(b::category);
      // Without errors, every exclusion and tier checked, so each has its condition.
      for (int i = 0; i < file.exclusions().size(); i++) {
        b.exclude(exclusions.get(i).orElseThrow(), file.exclusions().get(i).reason().value());
      }
      for (int i = 0; i < file.tiers().size(); i++) {
        b.tier(file.tiers().get(i).name().name(), tiers.get(i).orElseThrow());
      }
      grid.ifPresent(b::grid);
      rollup.ifPresent(b::rollup);
      handoff.ifPresent(b::handoff);
      activation.ifPresent(b::activation);
      try {
        model = Optional.of(b.build());
      } catch (IllegalArgumentException e) {
        reporter.error(
            Code.PLS0901,
            file.header().map(Ast.Header::span).orElse(Ast.Span.NONE),
            "the core model rejected this file: " + e.getMessage());
      }
    }
    SymbolTable symbols = new SymbolTable(env, conditions, model);
    return new ModelCheck(symbols, new TestCases(symbols, reporter).lower(file.tests()));
  }
}
