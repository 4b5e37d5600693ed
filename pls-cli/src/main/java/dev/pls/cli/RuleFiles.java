package dev.pls.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Loading rule files for the subcommands. */
final class RuleFiles {
  private RuleFiles() {}

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
