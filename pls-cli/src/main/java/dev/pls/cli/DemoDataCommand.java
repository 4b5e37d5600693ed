package dev.pls.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pls demo-data}: regenerates the b2b-trial demo's files (hidden; for maintainers). */
@Command(
    name = "demo-data",
    hidden = true,
    mixinStandardHelpOptions = true,
    versionProvider = Pls.Version.class,
    description = {
      "Write the b2b-trial demo data: DIR/events.jsonl.gz and DIR/traits.jsonl.",
      "Deterministic: the same seed and size give the same records."
    })
final class DemoDataCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "Where to write the files.")
  Path dir;

  @Option(names = "--seed", description = "The random seed (default: ${DEFAULT-VALUE}).")
  long seed = DemoData.SEED;

  @Option(names = "--companies", description = "How many companies (default: ${DEFAULT-VALUE}).")
  int companies = DemoData.COMPANIES;

  @Override
  public Integer call() throws IOException {
    Files.createDirectories(dir);
    Path events = dir.resolve("events.jsonl.gz");
    Path traits = dir.resolve("traits.jsonl");
    try (OutputStream e = new GZIPOutputStream(Files.newOutputStream(events));
        OutputStream t = Files.newOutputStream(traits)) {
      DemoData.write(seed, companies, e, t);
    }
    spec.commandLine().getErr().println("wrote " + events + " and " + traits);
    return 0;
  }
}
