package dev.pls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PlsTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cl = Pls.commandLine();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    return cl.execute(args);
  }

  @Test
  void version_printsTheProjectVersion() {
    assertEquals(0, run("--version"));
    assertTrue(out.toString().matches("pls \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R"), out.toString());
  }

  @Test
  void help_showsUsageWithExitStatuses() {
    assertEquals(0, run("--help"));
    String help = out.toString().replace(System.lineSeparator(), "\n");
    assertTrue(help.startsWith("Usage: pls [-hV] [COMMAND]\n"), help);
    assertTrue(help.contains("Exit status:\n  0   success\n"), help);
    assertTrue(help.contains("Documentation: docs/cli.md"), help);
  }

  @Test
  void help_everySubcommand_usageWithOptionsAndExitStatuses() {
    for (String command : new String[] {"check", "fmt", "test", "score", "explain"}) {
      StringWriter o = new StringWriter();
      CommandLine cl = Pls.commandLine();
      cl.setOut(new PrintWriter(o, true));
      assertEquals(0, cl.execute(command, "--help"), command);
      String help = o.toString().replace(System.lineSeparator(), "\n");
      assertTrue(help.startsWith("Usage: pls " + command + " "), help);
      assertTrue(help.contains("\nExit status:\n  0   "), help);
      assertTrue(out.toString().isEmpty() && err.toString().isEmpty());
    }
  }

  @Test
  void help_listsTheSubcommandsButNotTheHiddenOne() {
    assertEquals(0, run("--help"));
    String help = out.toString();
    for (String command : new String[] {"check", "fmt", "test", "score", "explain"}) {
      assertTrue(help.contains("\n  " + command + " "), help);
    }
    assertTrue(!help.contains("demo-data"), help);
  }

  @Test
  void noArguments_showsUsage() {
    assertEquals(0, run());
    assertTrue(out.toString().startsWith("Usage: pls"), out.toString());
  }

  @Test
  void unknownOption_exitStatus2WithMessageOnStderr() {
    assertEquals(2, run("--bogus"));
    assertTrue(err.toString().startsWith("Unknown option: '--bogus'"), err.toString());
  }
}
