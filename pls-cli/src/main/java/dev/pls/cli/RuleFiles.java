package dev.pls.cli;

import dev.pls.core.model.Model;
import dev.pls.dsl.Compilation;
import dev.pls.dsl.RulesLanguage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Loading rule files for the subcommands. */
final class RuleFiles {
  private RuleFiles() {}

  /**
   * Compiles the model at {@code path}, printing its diagnostics (warnings too) to {@code err};
   * empty when it has errors.
   */
  static Optional<Model> load(Path path, PrintWriter err) {
    Compilation c = RulesLanguage.compile(path);
    err.print(c.render());
    if (!c.succeeded()) {
      err.println("error: " + path + " does not compile; nothing was scored");
    }
    err.flush();
    return c.model();
  }

  /**
   * The rule files named: a file as itself, a directory as every {@code *.pls} file under it, in
   * order of path.
   *
   * @throws IOException if a directory cannot be walked
   */
  static List<Path> expand(List<Path> paths) throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> walk = Files.walk(p)) {
          walk.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".pls"))
              .sorted()
              .forEach(files::add);
        }
      } else {
        files.add(p);
      }
    }
    return files;
  }
}
