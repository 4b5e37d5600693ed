package dev.pls.dsl.internal;

import dev.pls.dsl.Diagnostic;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One model run through the header and declarations pass, with the passes that serve conditions
 * wired as {@link Checker} wires them, so a test can call one pass directly.
 */
final class CheckerFixture {
  final Reporter reporter = new Reporter("t.pls");
  final Ast.Model file;
  final Env env;
  final WindowChecks windows;
  final AccountChecks accounts;
  final Conditions conditions;

  private CheckerFixture(String source) {
    Ast.File parsed = Parsing.parse(source, reporter).file().orElseThrow();
    if (reporter.hasErrors()) {
      throw new AssertionError("the fixture does not parse: " + reporter.diagnostics());
    }
    file = parsed.models().get(0);
    env = new Env(file, reporter);
    windows = new WindowChecks(env);
    accounts = new AccountChecks(env);
    conditions = new Conditions(env, windows, accounts);
    Declarations declarations = new Declarations(env, conditions, accounts);
    declarations.header(Map.of(), file.header().stream().toList());
    declarations.declarations();
  }

  /** {@code source}, a model, with its header and declarations checked. */
  static CheckerFixture declared(String source) {
    return new CheckerFixture(source);
  }

  /**
   * {@code declarations} with {@code tier probe when <condition>} appended, checked up to its
   * declarations; {@link #probe()} is the condition's syntax tree.
   */
  static CheckerFixture probing(String declarations, String condition) {
    return new CheckerFixture(declarations + "\ntier probe when " + condition + "\n");
  }

  /** The condition of the last tier, as written. */
  Ast.Expr probe() {
    List<Ast.TierDecl> tiers = file.tiers();
    return tiers.get(tiers.size() - 1).condition();
  }

  /** The probe typed as a condition in {@code scope}. */
  Optional<dev.pls.core.model.Expr> condition(Scope scope) {
    return conditions.condition(probe(), scope);
  }

  /** Every diagnostic so far, rendered one a line without the file name. */
  List<String> diagnostics() {
    return reporter.diagnostics().stream().map(CheckerFixture::line).toList();
  }

  private static String line(Diagnostic d) {
    return d.line() + ":" + d.column() + " " + d.code() + " " + d.message();
  }
}
