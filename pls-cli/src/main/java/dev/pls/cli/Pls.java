package dev.pls.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code pls} command: the top of the command tree, which subcommands hang from.
 *
 * <p>Run it with {@code ./pls} at the repository root, or {@code java -jar pls-cli/target/pls.jar}.
 */
@Command(
    name = "pls",
    mixinStandardHelpOptions = true,
    versionProvider = Pls.Version.class,
    subcommands = {
      CheckCommand.class,
      FmtCommand.class,
      TestCommand.class,
      ScoreCommand.class,
      ExplainCommand.class,
      RouteCommand.class,
      BacktestCommand.class,
      DiffCommand.class,
      ReadinessCommand.class,
      SuggestCommand.class,
      DemoDataCommand.class
    },
    description = "Product-led sales scoring: PQL/PQA scores, tiers and explanations.",
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:success",
      "1:errors in the input files or rules, or a failed check or test",
      "2:a usage error (also: two file options name the same file), or more rejected records"
          + " than --max-rejects allows",
      "3:records were read but every one was rejected (score, explain, route, backtest, diff)"
    },
    footer = {"%nDocumentation: docs/cli.md"})
public final class Pls implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Without a subcommand, {@code pls} shows its usage. */
  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The command line, ready to execute; tests run it in-process. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Pls());
    cl.setExecutionExceptionHandler(Pls::ioError);
    return cl;
  }

  /**
   * A file that cannot be read or written (a missing directory for --out, a full disk) is the
   * user's to fix: one line naming it, exit status 1. Anything else is a bug and keeps its trace.
   */
  private static int ioError(Exception e, CommandLine cl, CommandLine.ParseResult parsed)
      throws Exception {
    Throwable cause = e instanceof UncheckedIOException u ? u.getCause() : e;
    if (!(cause instanceof IOException io)) {
      throw e;
    }
    String what =
        io instanceof java.nio.file.NoSuchFileException
            ? "no such file or directory: " + io.getMessage()
            : io instanceof java.nio.file.AccessDeniedException
                ? "permission denied: " + io.getMessage()
                : String.valueOf(io.getMessage());
    cl.getErr().println("error: " + what);
    cl.getErr().flush();
    return 1;
  }

  /** Runs {@code pls} and exits with its status. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** Reads the version Maven wrote into the jar. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      Properties p = new Properties();
      try (InputStream in = Pls.class.getResourceAsStream("version.properties")) {
        if (in == null) {
          throw new IllegalStateException("version.properties is missing from the jar");
        }
        p.load(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new String[] {"pls " + p.getProperty("version")};
    }
  }
}
