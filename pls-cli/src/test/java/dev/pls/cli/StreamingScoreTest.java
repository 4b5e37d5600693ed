package dev.pls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.cli.io.CardWriter;
import dev.pls.cli.io.Rejects;
import dev.pls.cli.io.Relation;
import dev.pls.cli.io.ScoringRun;
import dev.pls.core.model.Model;
import dev.pls.core.scoring.Scorer;
import dev.pls.dsl.RulesLanguage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPOutputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that streams events into the entity store writes what one that assembles whole entities
 * writes: the same cards (JSON with contributions, and CSV with accounts), rejects, counts,
 * summary, identity line and freshness warning, on the test fixtures, the demo data and generated
 * streams with anonymous ids, links, traits, accounts, bad lines and events on both sides of the
 * as-of.
 */
class StreamingScoreTest {
  private static final Path RES = Path.of(Cli.RES);
  private static final Instant AS_OF = Instant.parse(Cli.AS_OF);

  static Model model(Path file) {
    return RulesLanguage.compile(file).model().orElseThrow();
  }

  /** What a run wrote and said, with its timings set to zero. */
  record Outcome(
      boolean streamed, String cards, String csv, String rejects, String said, Object read) {}

  static Outcome run(
      Model model, Instant asOf, boolean whole, UnaryOperator<ScoringRun.Builder> files)
      throws IOException {
    StringWriter cards = new StringWriter();
    StringWriter csv = new StringWriter();
    StringWriter rejects = new StringWriter();
    ScoringRun.Builder b =
        files.apply(
            ScoringRun.builder(Scorer.fast(model), asOf)
                .rejects(Rejects.to(rejects))
                .nanoTime(() -> 0));
    if (whole) {
      b.wholeEntities();
    }
    ScoringRun run = b.build();
    ScoringRun.Result r = run.run(CardWriter.jsonLines(cards, true));
    ScoringRun.Result again =
        files
            .apply(ScoringRun.builder(Scorer.fast(model), asOf).nanoTime(() -> 0))
            .build()
            .run(accountOf -> CardWriter.csv(csv, accountOf, 3, List.of(), false));
    assertEquals(r.scored(), again.scored());
    String said =
        r.summaryLine()
            + "\n"
            + ScoringRun.identityLine(r.identities()).orElse("-")
            + "\n"
            + r.freshnessWarning(asOf, model.resolution()).orElse("-")
            + "\n"
            + r.events()
            + " "
            + r.newestEvent()
            + " "
            + r.outsideWindow()
            + " "
            + r.tiers();
    return new Outcome(
        run.streams(), cards.toString(), csv.toString(), rejects.toString(), said, r.read());
  }

  static void assertSame(Model model, Instant asOf, UnaryOperator<ScoringRun.Builder> files)
      throws IOException {
    Outcome streamed = run(model, asOf, false, files);
    Outcome whole = run(model, asOf, true, files);
    assertTrue(streamed.streamed(), "the run streams");
    assertFalse(whole.streamed(), "wholeEntities() assembles");
    assertEquals(whole.cards(), streamed.cards());
    assertEquals(whole.csv(), streamed.csv());
    assertEquals(whole.rejects(), streamed.rejects());
    assertEquals(whole.said(), streamed.said());
    assertEquals(whole.read(), streamed.read());
  }

  @Test
  void demoModel_fixtures_sameAsWholeEntities() throws IOException {
    Model demo = model(Path.of(Cli.MODEL));
    for (Instant at :
        List.of(AS_OF, AS_OF.minus(Duration.ofDays(5)), AS_OF.plus(Duration.ofDays(9)))) {
      assertSame(
          demo,
          at,
          b ->
              b.events(List.of(RES.resolve("events.jsonl"), RES.resolve("io/mixed.jsonl")))
                  .traits(List.of(RES.resolve("traits.jsonl"))));
      assertSame(
          demo,
          at,
          b ->
              b.events(List.of(RES.resolve("io/segment.jsonl"), RES.resolve("team-events.jsonl"))));
    }
  }

  @Test
  void identityModel_segmentCallsAndLinks_sameAsWholeEntities(@TempDir Path dir)
      throws IOException {
    Model m = model(RES.resolve("identity/model.pls"));
    Path links = Files.writeString(dir.resolve("links.txt"), "anon-9,bob\nanon-2,ann\n");
    assertSame(m, AS_OF, b -> b.events(List.of(RES.resolve("identity/segment.jsonl"))));
    assertSame(
        m,
        AS_OF,
        b ->
            b.events(List.of(RES.resolve("identity/segment.jsonl")))
                .links(List.of(links))
                .identityLimits(1, 1));
  }

  @Test
  void demoData_withRelations_sameAsWholeEntities(@TempDir Path dir) throws IOException {
    Path events = dir.resolve("events.jsonl.gz");
    Path traits = dir.resolve("traits.jsonl");
    try (OutputStream e = new GZIPOutputStream(Files.newOutputStream(events));
        OutputStream t = Files.newOutputStream(traits)) {
      DemoData.write(7, 40, e, t);
    }
    Model demo = model(Path.of(Cli.MODEL));
    assertSame(demo, DemoData.AS_OF, b -> b.events(List.of(events)).traits(List.of(traits)));
    Model seed = model(Path.of("..", "examples", "seed-template", "model.pls"));
    assertSame(seed, DemoData.AS_OF, b -> b.events(List.of(events)).traits(List.of(traits)));
  }

  @Property(tries = 25)
  void generatedStreams_sameAsWholeEntities(@ForAll("seeds") long seed) throws IOException {
    Path dir = Files.createTempDirectory("pls-stream");
    try {
      Path events = dir.resolve("events.jsonl");
      Path traits = dir.resolve("traits.jsonl");
      Files.writeString(events, Generated.events(seed), StandardCharsets.UTF_8);
      Files.writeString(traits, Generated.traits(seed), StandardCharsets.UTF_8);
      Model seedModel = model(Path.of("..", "examples", "seed-template", "model.pls"));
      Model demo = model(Path.of(Cli.MODEL));
      for (Model m : List.of(seedModel, demo)) {
        assertSame(
            m,
            AS_OF,
            b ->
                b.events(List.of(events))
                    .traits(List.of(traits))
                    .relations(List.of(Relation.parse("invite_sent=invited_by@invited_at"))));
      }
    } finally {
      try (var files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
      Files.delete(dir);
    }
  }

  @Provide
  Arbitrary<Long> seeds() {
    return Arbitraries.longs();
  }

  /** Streams of flat and Segment lines over a few users, some anonymous, some bad. */
  static final class Generated {
    private static final String[] EVENTS = {
      "invite_sent",
      "page_viewed",
      "feature_used",
      "usage_limit_hit",
      "api_called",
      "dashboard_created",
      "trial_started",
      "data_source_connected",
      "content_shared",
      "support_contacted"
    };

    static String events(long seed) {
      Random r = new Random(seed);
      StringBuilder sb = new StringBuilder();
      int n = 20 + r.nextInt(200);
      for (int i = 0; i < n; i++) {
        String user = "u" + r.nextInt(8);
        String anon = "anon-" + r.nextInt(5);
        Instant t =
            AS_OF
                .minus(Duration.ofMinutes(r.nextInt(60 * 24 * 50)))
                .plusSeconds(r.nextInt(3) == 0 ? 86_400L * r.nextInt(4) : 0);
        String event = EVENTS[r.nextInt(EVENTS.length)];
        String props =
            switch (event) {
              case "page_viewed" -> "{\"path\":\"" + (r.nextBoolean() ? "/pricing" : "/") + "\"}";
              case "feature_used" ->
                  "{\"feature\":\"f"
                      + r.nextInt(7)
                      + "\",\"tier\":\""
                      + (r.nextBoolean() ? "premium" : "basic")
                      + "\"}";
              // Where-conditions on a boolean (some spelt as strings) and a string in a set;
              // numbers whole and with a fraction (the latter through the tree reader), nulls.
              case "content_shared" ->
                  "{\"external\":"
                      + List.of("true", "false", "\"true\"", "null", "1").get(r.nextInt(5))
                      + "}";
              case "support_contacted" ->
                  "{\"topic\":\""
                      + List.of("billing", "plans", "bug").get(r.nextInt(3))
                      + "\",\"seats\":"
                      + (r.nextBoolean() ? r.nextInt(50) : r.nextInt(50) + ".5")
                      + "}";
              default -> "{}";
            };
        switch (r.nextInt(9)) {
          case 0 -> sb.append("{\"user\":\"").append(user).append("\"}\n"); // bad: no event
          case 1 -> sb.append("not json\n");
          case 2 ->
              sb.append("{\"type\":\"track\",\"anonymousId\":\"")
                  .append(anon)
                  .append(r.nextBoolean() ? "\",\"userId\":\"" + user : "")
                  .append("\",\"event\":\"")
                  .append(event)
                  .append("\",\"properties\":")
                  .append(props)
                  .append(",\"timestamp\":\"")
                  .append(t)
                  .append("\"}\n");
          case 3 ->
              sb.append("{\"type\":\"identify\",\"userId\":\"")
                  .append(user)
                  .append("\",\"traits\":{\"employees\":")
                  .append(10 + r.nextInt(900))
                  .append(",\"email\":\"x@")
                  .append(r.nextBoolean() ? "gmail.com" : "acme" + r.nextInt(3) + ".io")
                  .append("\"},\"timestamp\":\"")
                  .append(t)
                  .append("\"}\n");
          default ->
              sb.append("{\"user\":\"")
                  .append(user)
                  .append(r.nextInt(4) == 0 ? "\",\"account\":\"acct" + r.nextInt(3) : "")
                  .append("\",\"event\":\"")
                  .append(event)
                  .append("\",\"time\":\"")
                  .append(t)
                  .append("\",\"props\":")
                  .append(props)
                  .append("}\n");
        }
      }
      return sb.toString();
    }

    static String traits(long seed) {
      Random r = new Random(~seed);
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        lines.add(
            "{\"user\":\"u"
                + r.nextInt(10)
                + "\",\"employees\":"
                + r.nextInt(2000)
                + ",\"industry\":\""
                + (r.nextBoolean() ? "software" : "retail")
                + "\",\"invited_by\":\"u"
                + r.nextInt(10)
                + "\",\"invited_at\":\""
                + AS_OF.minus(Duration.ofHours(r.nextInt(400)))
                + "\"}");
      }
      return String.join("\n", lines) + "\n";
    }
  }
}
