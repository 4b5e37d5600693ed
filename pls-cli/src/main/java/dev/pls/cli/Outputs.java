package dev.pls.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;

/** Where a command's records go: a file, or the command's stdout. */
final class Outputs {
  private Outputs() {}

  /**
   * A writer to {@code file}, or, when it is null, to the command's stdout; closing the latter
   * flushes it and leaves stdout open.
   */
  static Writer open(Path file, CommandSpec spec) throws IOException {
    if (file != null) {
      return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }
    PrintWriter stdout = spec.commandLine().getOut();
    return new Writer() {
      @Override
      public void write(char[] buf, int off, int len) {
        stdout.write(buf, off, len);
      }

      @Override
      public void flush() {
        stdout.flush();
      }

      @Override
      public void close() {
        stdout.flush();
      }
    };
  }
}
