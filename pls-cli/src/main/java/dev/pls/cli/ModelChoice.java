package dev.pls.cli;

import dev.pls.core.model.Model;
import dev.pls.dsl.Compilation;
import dev.pls.dsl.RulesLanguage;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --model NAME}: which model of a file of several a command scores. Without it, the last
 * model of the file (an account model follows the user model it rolls up, so that is the account
 * model); with it, the user model of an account file can be scored on its own.
 */
final class ModelChoice {
  @Option(
      names = "--model",
      paramLabel = "NAME",
      description =
          "Which model of a file of several to use (default: the last, e.g. the account model).")
  String name;

  /**
   * Compiles {@code path}, printing its diagnostics to {@code err}, and picks the model: empty when
   * the file has errors.
   *
   * @throws ParameterException if {@code --model} names no model of the file (status 2)
   */
  Optional<Model> load(Path path, CommandSpec spec, PrintWriter err) {
    Compilation c = RulesLanguage.compile(path);
    err.print(c.render());
    if (!c.succeeded()) {
      err.println("error: " + path + " does not compile; nothing was scored");
      err.flush();
      return Optional.empty();
    }
    err.flush();
    if (name == null) {
      return c.model();
    }
    List<String> ids = c.models().stream().map(Model::id).toList();
    return Optional.of(
        c.models().stream()
            .filter(m -> m.id().equals(name))
            .findFirst()
            .orElseThrow(
                () ->
                    new ParameterException(
                        spec.commandLine(),
                        "--model: "
                            + path
                            + " has no model '"
                            + name
                            + "'; its models are "
                            + ids)));
  }
}
