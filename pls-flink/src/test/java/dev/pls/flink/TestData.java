package dev.pls.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pls.cli.Pls;
import dev.pls.cli.io.CsvMapping;
import dev.pls.cli.io.EntityAssembler;
import dev.pls.cli.io.InputReader;
import dev.pls.cli.io.ReadProgress;
import dev.pls.cli.io.Rejects;
import dev.pls.cli.io.Timestamps;
import dev.pls.core.input.AccountRule;
import dev.pls.core.input.Entity;
import dev.pls.core.model.Model;
import dev.pls.core.scoring.Scorer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import picocli.CommandLine;

/** Generated event and trait files, and the cards {@code pls score} and the reference give. */
final class TestData {
  /** The repository's root (the tests run in pls-flink). */
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private TestData() {}

  /** What a run of the job gave: its exit status and what it wrote to standard error. */
  record Run(int status, String err) {}

  /** Runs {@link PlsFlinkJob} in this JVM with {@code args}, capturing its standard error. */
  static Run job(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = PlsFlinkJob.run(args, new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(status, err.toString(StandardCharsets.UTF_8));
  }

  /** Runs {@link PlsFlinkJob} in this JVM with {@code args}, capturing its standard error. */
  static Run job(List<String> args) {
    return job(args.toArray(String[]::new));
  }

  /**
   * Runs {@link PlsFlinkJob} {@code --local} on {@code model}, {@code events} and {@code traits}
   * with {@code more} arguments (the steps, parallelism, …), writing to {@code out}.
   */
  static Run localJob(Path model, Path events, Path traits, Path out, String... more) {
    List<String> args = new java.util.ArrayList<>();
    args.addAll(
        List.of(
            "--local",
            "--model",
            model.toString(),
            "--events",
            events.toString(),
            "--traits",
            traits.toString()));
    args.addAll(List.of(more));
    args.addAll(List.of("--out", out.toString()));
    return job(args);
  }

  /**
   * The DESIGN.md sketch model (pls-dsl's copy) in {@code zone}, written to {@code dir}: a zone
   * with a DST change inside the generated period.
   */
  static Path sketchIn(Path dir, String zone) throws IOException {
    String text =
        Files.readString(ROOT.resolve("pls-dsl/src/test/resources/dev/pls/dsl/design-sketch.pls"));
    Path model = dir.resolve("sketch.pls");
    Files.writeString(model, text.replace("timezone \"UTC\"", "timezone \"" + zone + "\""));
    return model;
  }

  /**
   * A hand-off for the sketch model whose limits bind on generated data: two queues with a daily
   * capacity, a trigger, holds, a suppression, a hold-out and a cooldown shorter than the period.
   */
  static final String HANDOFF =
      String.join(
          "\n",
          "",
          "queue ae \"Account executive\" sla 24h capacity 2",
          "queue inside \"Inside sales\" sla 48h capacity 1",
          "queue nurture \"Nurture\" sla 72h",
          "segment large when employees > 300",
          "route hot in large to ae level high",
          "route hot to inside",
          "route warm to inside level low",
          "route emerging to nurture level low",
          "trigger pricing \"Viewed pricing 3+ times\" medium when pricing_views >= 3 within 30d"
              + " to inside",
          "trigger limit \"Hit a usage limit\" high when usage_limit_hit within 2d to ae",
          "hold hot while score >= 60",
          "hold warm while score >= 40",
          "suppress when industry == \"retail\" : \"retail\"",
          "holdout 15% salt \"flink\"",
          "cooldown 3d",
          "");

  /** The sketch model in {@code zone} with {@link #HANDOFF}, written to {@code dir}. */
  static Path sketchWithHandoffIn(Path dir, String zone) throws IOException {
    Path model = sketchIn(dir, zone);
    Files.writeString(model, Files.readString(model) + HANDOFF);
    return model;
  }

  /**
   * What {@code pls route --out} writes over the steps {@code from}, {@code from + step}, … up to
   * {@code to}, run in-process; its summary (stderr) in {@code summary}.
   */
  static String plsRoute(
      Path model,
      Path events,
      Path traits,
      Instant from,
      Instant to,
      String step,
      Path out,
      StringBuilder summary)
      throws IOException {
    List<String> args = new ArrayList<>(List.of("route", model.toString()));
    args.addAll(List.of("--events", events.toString(), "--traits", traits.toString()));
    args.addAll(
        List.of(
            "--from",
            from.toString(),
            "--to",
            to.toString(),
            "--step",
            step,
            "--out",
            out.toString()));
    CommandLine cl = Pls.commandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    int status = cl.execute(args.toArray(String[]::new));
    if (status != 0) {
      throw new AssertionError("pls route: status " + status + ": " + err);
    }
    summary.append(err);
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  /** pls-flink's own test model of windowed aggregates only. */
  static Path windowed() {
    return Path.of("src/test/resources/dev/pls/flink/windowed.pls");
  }

  private static final String[] FEATURES = {"sso", "audit", "export", "api", "sheets", "alerts"};
  private static final String[] INDUSTRIES = {"software", "fintech", "retail", "healthcare"};
  private static final String[] DOMAINS = {"acme.io", "gmail.com", "nexly.ai", "corp.example"};

  /**
   * Writes {@code users} users' events from {@code from} over {@code days} days, out of order by up
   * to {@code disorder} (each line's time moved back by a random amount within it, the lines kept
   * in order of the unmoved times), with a few bad lines, and a trait file for most users.
   */
  static void write(
      Path events, Path traits, long seed, int users, Instant from, int days, Duration disorder)
      throws IOException {
    Random r = new Random(seed);
    record Line(long order, String text) {}
    List<Line> lines = new ArrayList<>();
    String[] names = {
      "invite_sent",
      "feature_used",
      "page_viewed",
      "usage_limit_hit",
      "signed_up",
      "activated",
      "enterprise_feature_requested",
      "login"
    };
    for (int u = 1; u <= users; u++) {
      String user = String.format("u%03d", u);
      int n = 5 + r.nextInt(60);
      long span = Duration.ofDays(days).toSeconds();
      for (int i = 0; i < n; i++) {
        long at = r.nextLong(span);
        Instant t = from.plusSeconds(at);
        Instant shown = t.minusSeconds(disorder.isZero() ? 0 : r.nextLong(disorder.toSeconds()));
        String name = names[r.nextInt(names.length)];
        String props =
            switch (name) {
              case "feature_used" ->
                  ",\"props\":{\"feature\":\""
                      + FEATURES[r.nextInt(FEATURES.length)]
                      + "\",\"tier\":\""
                      + (r.nextBoolean() ? "premium" : "free")
                      + "\"}";
              case "page_viewed" ->
                  ",\"props\":{\"path\":\"" + (r.nextInt(3) == 0 ? "/pricing" : "/docs") + "\"}";
              default -> "";
            };
        lines.add(
            new Line(
                t.getEpochSecond(),
                "{\"user\":\""
                    + user
                    + "\",\"event\":\""
                    + name
                    + "\",\"time\":\""
                    + shown
                    + "\""
                    + props
                    + "}"));
      }
    }
    lines.sort(java.util.Comparator.comparingLong(Line::order));
    List<String> text = new ArrayList<>(lines.stream().map(Line::text).toList());
    // Bad records, each a reject of its own kind.
    text.add(text.size() / 3, "{\"user\":\"u001\",\"event\":\"login\"");
    text.add(text.size() / 2, "{\"user\":\"u002\",\"event\":\"login\"}");
    text.add(text.size() - 5, "");
    Files.write(events, text, StandardCharsets.UTF_8);
    List<String> t = new ArrayList<>();
    for (int u = 1; u <= users; u++) {
      if (u % 7 == 0) {
        continue; // a user without traits
      }
      t.add(
          String.format(
              "{\"user\":\"u%03d\",\"employees\":%d,\"industry\":\"%s\",\"email_domain\":\"%s\"}",
              u,
              10 + r.nextInt(900),
              INDUSTRIES[r.nextInt(INDUSTRIES.length)],
              DOMAINS[r.nextInt(DOMAINS.length)]));
    }
    t.add("{\"user\":\"u999\",\"employees\":\"many\"}");
    t.add("{\"user\":\"u998\",\"employees\":75}");
    Files.write(traits, t, StandardCharsets.UTF_8);
  }

  /**
   * What {@code pls score --format jsonl} writes as of each step, step after step, run in-process;
   * the rejects file of the last run in {@code rejects}.
   */
  static String plsScore(Path model, Path events, Path traits, List<Instant> steps, Path rejects)
      throws IOException {
    StringBuilder all = new StringBuilder();
    Path out = rejects.resolveSibling("pls-score-out.jsonl");
    for (Instant at : steps) {
      List<String> args = new ArrayList<>(List.of("score", model.toString()));
      args.addAll(List.of("--events", events.toString()));
      if (traits != null) {
        args.addAll(List.of("--traits", traits.toString()));
      }
      args.addAll(
          List.of(
              "--as-of", at.toString(), "--out", out.toString(), "--rejects", rejects.toString()));
      CommandLine cl = Pls.commandLine();
      StringWriter err = new StringWriter();
      cl.setErr(new PrintWriter(err, true));
      int status = cl.execute(args.toArray(String[]::new));
      if (status != 0) {
        throw new AssertionError("pls score: status " + status + ": " + err);
      }
      all.append(Files.readString(out, StandardCharsets.UTF_8));
    }
    return all.toString();
  }

  /** The reference evaluator's cards as of each step, step after step, as JSON lines. */
  static String reference(Model model, Path events, Path traits, List<Instant> steps)
      throws IOException {
    EntityAssembler assembler = EntityAssembler.create(AccountRule.standard());
    Timestamps times = Timestamps.strict().datesIn(model.zone());
    InputReader.create(assembler, Rejects.discarding(), ReadProgress.NONE)
        .withTimestamps(times)
        .checkingTypesOf(model)
        .readEvents(List.of(events), CsvMapping.defaults());
    if (traits != null) {
      InputReader.create(assembler, Rejects.discarding(), ReadProgress.NONE)
          .withTimestamps(times)
          .checkingTypesOf(model)
          .readTraits(List.of(traits));
    }
    Scorer reference = Scorer.reference(model);
    StringBuilder all = new StringBuilder();
    for (Instant at : steps) {
      for (Entity e : assembler.users()) {
        all.append(ScoreSteps.json(reference.score(e, at))).append('\n');
      }
    }
    return all.toString();
  }

  /** {@code count} steps of {@code step} from {@code from}. */
  static List<Instant> steps(Instant from, Duration step, int count) {
    List<Instant> steps = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      steps.add(from.plus(step.multipliedBy(i)));
    }
    return steps;
  }

  /**
   * The cards of {@code --emit changes}, from those of every step (JSON lines, step after step): an
   * entity's line kept when its tier, score or exclusion differs from its previous kept line, its
   * first line always.
   */
  static String changesOnly(String cards) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<String, String> previous = new HashMap<>();
    StringBuilder kept = new StringBuilder();
    for (String line : cards.lines().toList()) {
      JsonNode card = json.readTree(line);
      String key = card.get("tier") + " " + card.get("score") + " " + card.get("excluded");
      if (!key.equals(previous.put(card.get("entity").asText(), key))) {
        kept.append(line).append('\n');
      }
    }
    return kept.toString();
  }
}
