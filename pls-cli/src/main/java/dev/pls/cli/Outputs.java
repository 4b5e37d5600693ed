package dev.pls.cli;

import dev.pls.cli.io.AtomicOutput;
import dev.pls.cli.io.ReadSummary;
import dev.pls.cli.io.SameFiles;
import java.io.Closeable;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/*
 * Every file a command writes is written whole or not at all (AtomicOutput): the records go to a
 * temporary file and replace the target only when the command commits, after everything was
 * written. A command commits an output when its run produced what the output is for; a run that
 * fails (an exception, a full disk, the reject limit, nothing accepted) leaves the previous file
 * as it was. Stdout is never held back: it streams, and commit only flushes it.
 *
 * `pls route --state` is the one exception, by design: it appends each step's alerts to --out and
 * syncs them (AlertLog) before the state that counts them is saved, so a saved state is never
 * ahead of the alerts on disk.
 */
/** Where a command's records go: a file, written atomically, or the command's stdout. */
final class Outputs {
  private Outputs() {}

  /** One output of a command: write to {@link #writer()}, then {@link #commit()}, then close. */
  static final class Output implements Closeable {
    private final AtomicOutput file;
    private final Writer writer;

    private Output(AtomicOutput file, Writer writer) {
      this.file = file;
      this.writer = writer;
    }

    /** Where to write; closing it only flushes it. */
    Writer writer() {
      return writer;
    }

    /** Makes what was written the output: replaces the file, or flushes stdout. */
    void commit() throws IOException {
      if (file != null) {
        file.commit();
      } else {
        writer.flush();
      }
    }

    /** Without a {@link #commit()}, drops what was written to a file (the old file stays). */
    @Override
    public void close() throws IOException {
      if (file != null) {
        file.close();
      } else {
        writer.flush();
      }
    }
  }

  /**
   * An output to {@code file}, written atomically, or, when it is null, to the command's stdout.
   *
   * @throws IOException if the file's temporary cannot be created (a missing directory)
   */
  static Output open(Path file, CommandSpec spec) throws IOException {
    if (file != null) {
      AtomicOutput atomic = AtomicOutput.create(file);
      return new Output(atomic, atomic.writer());
    }
    return new Output(null, stdout(spec));
  }

  /**
   * Whether a run's results may replace the previous ones in its output file: not when the reject
   * limit stopped it, nothing was accepted, or an input file could not be read (a typo in a file
   * name must not turn last night's cards into an empty file).
   */
  static boolean worthKeeping(ReadSummary read) {
    return !read.limitExceeded() && !read.nothingAccepted() && read.errors().isEmpty();
  }

  /** What became of an output file: written, or kept as it was because the run failed. */
  static String outcome(String what, Path file, ReadSummary read) {
    return worthKeeping(read)
        ? what + " written to " + file
        : what + " not written: an input file could not be read, so " + file + " is kept as it was";
  }

  /** An output that writes nowhere (a rejects file nobody asked for). */
  static Output none() {
    return new Output(null, Writer.nullWriter());
  }

  private static Writer stdout(CommandSpec spec) {
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

  /**
   * Refuses, as a usage error (status 2), a command line where two file options name the same file:
   * an output that is an input would destroy it, an input given twice would be counted twice. Null
   * paths (options not given) are skipped. Call it before opening anything.
   *
   * @param files pairs of option name and path, inputs first, then outputs
   * @throws ParameterException naming both options and the file
   */
  static void refuseSameFiles(CommandSpec spec, List<SameFiles.Named> files) {
    SameFiles.find(files)
        .ifPresent(
            c -> {
              throw new ParameterException(spec.commandLine(), c.message());
            });
  }

  /** The named file, or nothing when the option was not given. */
  static List<SameFiles.Named> named(String option, Path path) {
    return path == null ? List.of() : List.of(new SameFiles.Named(option, path));
  }

  /** Each of the option's files. */
  static List<SameFiles.Named> named(String option, List<Path> paths) {
    return paths == null
        ? List.of()
        : paths.stream().map(p -> new SameFiles.Named(option, p)).toList();
  }
}
