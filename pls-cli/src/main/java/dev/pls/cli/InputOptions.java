package dev.pls.cli;

import dev.pls.cli.io.BacktestRun;
import dev.pls.cli.io.CsvMapping;
import dev.pls.cli.io.Progress;
import dev.pls.cli.io.Rejects;
import dev.pls.cli.io.Relation;
import dev.pls.cli.io.SameFiles;
import dev.pls.cli.io.ScoringRun;
import dev.pls.cli.io.Timestamps;
import dev.pls.cli.io.TraitKey;
import dev.pls.cli.io.ValueSpellings;
import dev.pls.core.input.AccountRule;
import dev.pls.core.input.FreeMail;
import dev.pls.core.input.IdentityGraph;
import dev.pls.core.scoring.Scorer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The input options {@code pls score} and {@code pls explain} share. */
final class InputOptions {
  @Option(
      names = "--events",
      arity = "1..*",
      paramLabel = "FILE",
      description =
          "Event files: JSON Lines (flat or Segment) or CSV (by name), plain or gzip. Leave them"
              + " out to score trait files alone (a lead table of profile fields).")
  List<Path> events;

  @Option(
      names = "--traits",
      arity = "1..*",
      paramLabel = "FILE",
      description = "Trait files: JSON Lines or CSV keyed by user or account.")
  List<Path> traits = List.of();

  @Option(
      names = "--as-of",
      paramLabel = "T",
      description = "Score as of this instant (ISO-8601 with offset, or epoch); default: now.")
  String asOf;

  @Option(
      names = "--map",
      paramLabel = "SPEC",
      description = "CSV event columns, e.g. user=user_id,time=ts,event=:login (':' = a constant).")
  String map;

  @Option(
      names = "--zone",
      paramLabel = "ZONE",
      description = "Read timestamps without an offset in this zone (e.g. Europe/Berlin).")
  String zone;

  @Option(
      names = "--missing",
      paramLabel = "LIST",
      description =
          "Values that mean missing, comma-separated; an empty item is the empty string (e.g."
              + " 'Select,NA,'). Default: only an empty CSV cell.")
  String missing;

  @Option(
      names = "--true",
      paramLabel = "LIST",
      description =
          "Values that mean true where the model declares a boolean (e.g. Yes,t,True)."
              + " Default: true.")
  String trues;

  @Option(
      names = "--false",
      paramLabel = "LIST",
      description =
          "Values that mean false where the model declares a boolean (e.g. No,f,False)."
              + " Default: false.")
  String falses;

  @Option(
      names = "--traits-key",
      paramLabel = "KIND=COLUMN",
      description = "The id column of trait records: user=COLUMN or account=COLUMN.")
  String traitsKey;

  @Option(
      names = "--freemail",
      paramLabel = "FILE",
      description = "Free-mail domains, one a line, replacing the built-in list.")
  Path freeMail;

  @Option(
      names = "--account-trait",
      paramLabel = "TRAIT",
      description =
          "A user trait that names the user's account (an org table's org_id): used when no event"
              + " or group call names one, before the e-mail domain.")
  String accountTrait;

  @Option(
      names = "--relation",
      paramLabel = "EVENT=COLUMN@TIME",
      description =
          "Make events from a relation between users (repeatable): for every user trait record with"
              + " a value in COLUMN, an event EVENT of the user it names, at the record's TIME"
              + " column (e.g. invite_sent=invited_by_user_id@creation_time).")
  List<String> relations = List.of();

  @Option(
      names = "--links",
      paramLabel = "FILE",
      description =
          "Identity links: a text file of ID,USER_ID lines, an anonymous or previous id and the"
              + " known user id it belongs to (repeatable). See Identities in docs/cli.md.")
  List<Path> links;

  @Option(
      names = "--max-anonymous-ids",
      paramLabel = "N",
      description =
          "Refuse an identity link that would give one person more than N anonymous ids (default"
              + " 100): a shared device or a test id must not join everyone.")
  Integer maxAnonymousIds;

  @Option(
      names = "--max-known-ids",
      paramLabel = "N",
      description =
          "Refuse an identity link that would give one person more than N known user ids"
              + " (default 5).")
  Integer maxKnownIds;

  @Option(
      names = "--rejects",
      paramLabel = "FILE",
      description = "Write rejected records here as JSON Lines (file, line, reason, detail, text).")
  Path rejects;

  @Option(
      names = "--max-rejects",
      paramLabel = "N",
      description = "Stop with exit status 2 once more than N records are rejected.")
  Long maxRejects;

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  /** The as-of instant: the option's, or now. */
  Instant asOf() {
    if (asOf == null) {
      return Instant.now();
    }
    try {
      return Timestamps.parse(asOf);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--as-of: " + e.getMessage());
    }
  }

  /**
   * Where rejects go: the {@code --rejects} file (written atomically, see {@link Outputs}), or
   * nowhere. The caller commits and closes it.
   */
  Outputs.Output rejectsOutput() throws IOException {
    return rejects == null ? Outputs.none() : Outputs.open(rejects, spec);
  }

  /** The input files these options name, in order: events, traits, the free-mail list. */
  List<SameFiles.Named> inputFiles() {
    List<SameFiles.Named> all = new java.util.ArrayList<>();
    all.addAll(Outputs.named("--events", events));
    all.addAll(Outputs.named("--traits", traits));
    all.addAll(Outputs.named("--freemail", freeMail));
    all.addAll(Outputs.named("--links", links));
    return all;
  }

  /** The output files these options name: the rejects file. */
  List<SameFiles.Named> outputFiles() {
    return Outputs.named("--rejects", rejects);
  }

  /** An option's value, parsed; a value that does not parse is a usage error naming the option. */
  private <T> T parsed(String option, java.util.function.Supplier<T> parse) {
    try {
      return parse.get();
    } catch (RuntimeException e) {
      throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
    }
  }

  /**
   * Checks the options that must parse, so that a usage error comes before any work.
   *
   * @throws ParameterException naming the option at fault
   */
  void validate() {
    if ((events == null || events.isEmpty()) && (traits == null || traits.isEmpty())) {
      throw new ParameterException(
          spec.commandLine(),
          "Missing required option: '--events=FILE' (or, to score traits alone, '--traits=FILE')");
    }
    asOf();
    if (map != null) {
      parsed("--map", () -> CsvMapping.parse(map));
    }
    if (traitsKey != null) {
      parsed("--traits-key", () -> TraitKey.parse(traitsKey));
    }
    if (zone != null) {
      parsed("--zone", () -> ZoneId.of(zone));
    }
    values();
    relations();
    if (maxAnonymousIds != null && maxAnonymousIds < 0) {
      throw new ParameterException(
          spec.commandLine(), "--max-anonymous-ids: must not be negative, was " + maxAnonymousIds);
    }
    if (maxKnownIds != null && maxKnownIds < 1) {
      throw new ParameterException(
          spec.commandLine(), "--max-known-ids: must be at least 1, was " + maxKnownIds);
    }
    if (maxRejects != null && maxRejects < 0) {
      throw new ParameterException(
          spec.commandLine(), "--max-rejects: must not be negative, was " + maxRejects);
    }
  }

  /** A run configured by these options; the caller closes {@code rejectsOut}. */
  ScoringRun.Builder run(Scorer scorer, Instant at, Writer rejectsOut) throws IOException {
    return ScoringRun.builder(scorer, at)
        .events(events == null ? List.of() : events)
        .traits(traits == null ? List.of() : traits)
        .mapping(mapping())
        .traitKey(traitKey())
        .timestamps(timestamps())
        .values(values())
        .accountRule(accountRule())
        .relations(relations())
        .identityLimits(maxAnonymousIds(), maxKnownIds())
        .links(links == null ? List.of() : links)
        .rejects(rejects(rejectsOut));
  }

  /** The {@code --max-anonymous-ids} limit, or the default. */
  int maxAnonymousIds() {
    return maxAnonymousIds == null ? IdentityGraph.DEFAULT_MAX_ANONYMOUS_IDS : maxAnonymousIds;
  }

  /** The {@code --max-known-ids} limit, or the default. */
  int maxKnownIds() {
    return maxKnownIds == null ? IdentityGraph.DEFAULT_MAX_KNOWN_IDS : maxKnownIds;
  }

  /** {@code run} fed from the files these options name, as they say to read them. */
  BacktestRun.Builder feed(BacktestRun.Builder run, Rejects rejects, Progress progress) {
    return run.events(events == null ? List.of() : events)
        .traits(traits == null ? List.of() : traits)
        .mapping(mapping())
        .traitKey(traitKey())
        .timestamps(timestamps())
        .values(values())
        .relations(relations())
        .links(links == null ? List.of() : links)
        .rejects(rejects)
        .progress(progress);
  }

  /** The {@code --relation} specs, parsed; a malformed one is a usage error. */
  List<Relation> relations() {
    if (relations == null || relations.isEmpty()) {
      return List.of();
    }
    if (traits == null || traits.isEmpty()) {
      throw new ParameterException(
          spec.commandLine(), "--relation: applies to trait records, but no --traits were given");
    }
    List<Relation> all = new java.util.ArrayList<>();
    for (String r : relations) {
      all.add(parsed("--relation", () -> Relation.parse(r)));
    }
    return all;
  }

  /** The column mapping of CSV event files. */
  CsvMapping mapping() {
    return map == null ? CsvMapping.defaults() : parsed("--map", () -> CsvMapping.parse(map));
  }

  /** The key of trait records. */
  TraitKey traitKey() {
    return traitsKey == null
        ? TraitKey.defaults()
        : parsed("--traits-key", () -> TraitKey.parse(traitsKey));
  }

  /** How timestamps are read: strictly, or local times in {@code --zone}. */
  Timestamps timestamps() {
    return zone == null
        ? Timestamps.strict()
        : parsed("--zone", () -> Timestamps.assumingZone(ZoneId.of(zone)));
  }

  /** Which texts of values mean missing, true and false: {@code --missing}, {@code --true}, ... */
  ValueSpellings values() {
    return parsed(
        missing != null ? "--missing" : trues != null ? "--true" : "--false",
        () ->
            ValueSpellings.of(
                missing == null ? List.of() : ValueSpellings.list(missing),
                trues == null ? List.of() : ValueSpellings.list(trues),
                falses == null ? List.of() : ValueSpellings.list(falses)));
  }

  /** The account rule, with the {@code --freemail} list when one is given. */
  AccountRule accountRule() throws IOException {
    AccountRule rule;
    if (freeMail == null) {
      rule = AccountRule.standard();
    } else {
      try (var in = Files.newBufferedReader(freeMail)) {
        rule = AccountRule.withFreeMail(FreeMail.parse(in));
      }
    }
    if (accountTrait == null) {
      return rule;
    }
    try {
      return rule.withAccountTrait(accountTrait);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--account-trait: " + e.getMessage());
    }
  }

  /** Rejects to {@code out}, with the {@code --max-rejects} limit. */
  Rejects rejects(Writer out) {
    if (maxRejects != null && maxRejects < 0) {
      throw new ParameterException(
          spec.commandLine(), "--max-rejects: must not be negative, was " + maxRejects);
    }
    return Rejects.to(out, maxRejects == null ? Long.MAX_VALUE : maxRejects);
  }

  /**
   * Progress and summaries on the command's stderr. Picocli gives a writer, the reading layer a
   * stream: bytes are handed on at each flush, which PrintStream does at each line.
   */
  Progress progress() {
    PrintWriter err = spec.commandLine().getErr();
    OutputStream bridge =
        new OutputStream() {
          private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

          @Override
          public void write(int b) {
            pending.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            pending.write(b, off, len);
          }

          @Override
          public void flush() {
            err.print(pending.toString(StandardCharsets.UTF_8));
            err.flush();
            pending.reset();
          }
        };
    boolean terminal = System.console() != null && System.getenv("CI") == null;
    return Progress.create(
        new PrintStream(bridge, true, StandardCharsets.UTF_8), terminal, System::nanoTime);
  }
}
