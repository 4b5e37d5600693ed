package dev.pls.cli;

import dev.pls.cli.io.AtomicOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pls demo-data}: regenerates an example's demo files (hidden; for maintainers). */
@Command(
    name = "demo-data",
    hidden = true,
    mixinStandardHelpOptions = true,
    versionProvider = Pls.Version.class,
    description = {
      "Write an example's demo data: DIR/events.jsonl.gz, DIR/traits.jsonl and DIR/outcomes.jsonl.",
      "Deterministic: the same example, seed and size give the same records."
    })
final class DemoDataCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "Where to write the files.")
  Path dir;

  /** What {@code --example} takes. */
  enum Example {
    B2B_TRIAL,
    SEAT_EXPANSION;

    @Override
    public String toString() {
      return Choice.word(this);
    }

    static final class Converter extends Choice.Converter<Example> {
      Converter() {
        super(Example.class);
      }
    }
  }

  @Option(
      names = "--example",
      paramLabel = "NAME",
      converter = Example.Converter.class,
      description = "One of ${COMPLETION-CANDIDATES} (default: b2b-trial).")
  Example example = Example.B2B_TRIAL;

  @Option(
      names = "--seed",
      description =
          "The random seed (default: "
              + DemoData.SEED
              + " for b2b-trial, "
              + SeatExpansionData.SEED
              + " for seat-expansion).")
  Long seed;

  @Option(
      names = "--companies",
      description =
          "How many companies (default: "
              + DemoData.COMPANIES
              + " for b2b-trial, "
              + SeatExpansionData.COMPANIES
              + " for seat-expansion).")
  Integer companies;

  @Override
  public Integer call() throws IOException {
    boolean seats = example == Example.SEAT_EXPANSION;
    if (companies != null && companies < 1) {
      throw new ParameterException(
          spec.commandLine(), "--companies: must be at least 1, was " + companies);
    }
    Files.createDirectories(dir);
    Path events = dir.resolve("events.jsonl.gz");
    Path traits = dir.resolve("traits.jsonl");
    Path outcomes = dir.resolve("outcomes.jsonl");
    // Atomic, as every file pls writes: a failed regeneration leaves the committed demo data whole.
    try (AtomicOutput eventsOut = AtomicOutput.create(events);
        AtomicOutput traitsOut = AtomicOutput.create(traits);
        AtomicOutput outcomesOut = AtomicOutput.create(outcomes)) {
      try (OutputStream e = new GZIPOutputStream(eventsOut.stream());
          OutputStream t = traitsOut.stream()) {
        if (seats) {
          SeatExpansionData.write(
              seed == null ? SeatExpansionData.SEED : seed,
              companies == null ? SeatExpansionData.COMPANIES : companies,
              e,
              t,
              outcomesOut.stream());
        } else {
          DemoData.write(
              seed == null ? DemoData.SEED : seed,
              companies == null ? DemoData.COMPANIES : companies,
              e,
              t,
              outcomesOut.stream());
        }
      }
      eventsOut.commit();
      traitsOut.commit();
      outcomesOut.commit();
    }
    spec.commandLine().getErr().println("wrote " + events + ", " + traits + " and " + outcomes);
    return 0;
  }
}
