package dev.pls.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pls.cli.Pls;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The independent-implementation check of the end-to-end comparison: the DESIGN.md sketch model in
 * DuckDB SQL gives the same cards as {@code pls score}, card for card — score, tier, exclusion,
 * category totals, and the rules that fired — on generated events.
 */
class DuckDbCardsTest {
  private static final Path SKETCH =
      Path.of("../pls-dsl/src/test/resources/dev/pls/dsl/design-sketch.pls");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static Path events;
  private static Path traits;

  @BeforeAll
  static void generate() throws Exception {
    SketchEvents.write(dir, 30_000, 11L);
    events = dir.resolve("events.jsonl.gz");
    traits = dir.resolve("traits.jsonl");
  }

  private static List<String> plsScore(Instant asOf, boolean explain) throws Exception {
    Path out = dir.resolve("pls-" + asOf.getEpochSecond() + "-" + explain + ".jsonl");
    List<String> args =
        new ArrayList<>(
            List.of(
                "score",
                SKETCH.toString(),
                "--events",
                events.toString(),
                "--traits",
                traits.toString(),
                "--as-of",
                asOf.toString(),
                "--out",
                out.toString()));
    if (explain) {
      args.add("--explain");
    }
    var cl = Pls.commandLine();
    StringWriter err = new StringWriter();
    cl.setErr(new PrintWriter(err, true));
    int status = cl.execute(args.toArray(String[]::new));
    assertEquals(0, status, () -> "pls score failed: " + err);
    return Files.readAllLines(out, StandardCharsets.UTF_8);
  }

  @Test
  void cards_atTheAsOfInstant_equalPlsScoreLineForLine() throws Exception {
    Path out = dir.resolve("duckdb.jsonl");
    DuckDbCards.write(events, traits, SketchEvents.AS_OF, out);
    List<String> pls = plsScore(SketchEvents.AS_OF, false);
    List<String> duckdb = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertEquals(pls.size(), duckdb.size(), "cards");
    for (int i = 0; i < pls.size(); i++) {
      assertEquals(pls.get(i), duckdb.get(i), "card " + i);
    }
  }

  @Test
  void firedRules_twoDaysBefore_equalPlsExplainAndCoverEveryRule() throws Exception {
    // Two days before the data's end, so that events after the as-of instant are many.
    Instant asOf = SketchEvents.AS_OF.minusSeconds(2 * 86_400 + 3_600);
    List<String> pls = plsScore(asOf, true);
    List<DuckDbCards.Card> duckdb = DuckDbCards.cards(events, traits, asOf);
    assertEquals(pls.size(), duckdb.size(), "cards");
    Set<String> everyFired = new TreeSet<>();
    for (int i = 0; i < pls.size(); i++) {
      ObjectNode card = (ObjectNode) JSON.readTree(pls.get(i));
      List<String> fired = new ArrayList<>();
      for (JsonNode c : card.remove("contributions")) {
        fired.add(c.get("rule").asText());
      }
      DuckDbCards.Card d = duckdb.get(i);
      assertEquals(card, JSON.readTree(DuckDbCards.json(d, asOf)), "card " + i);
      assertEquals(fired, d.fired(), "fired rules of " + d.entity());
      everyFired.addAll(fired);
    }
    // The data must exercise every rule, or equality would prove less than it seems.
    assertEquals(17, everyFired.size(), "rules that fired for someone: " + everyFired);
  }

  @Test
  void cards_bothExclusions_occurInTheData() throws Exception {
    Set<String> reasons = new TreeSet<>();
    for (DuckDbCards.Card c : DuckDbCards.cards(events, traits, SketchEvents.AS_OF)) {
      if (c.excluded() != null) {
        reasons.add(c.excluded());
      }
    }
    assertEquals(Set.of("automated traffic", "personal email domain"), reasons);
  }

  @Test
  void write_outputNamesAnInput_isRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> DuckDbCards.write(events, traits, SketchEvents.AS_OF, traits));
    assertEquals("out: names an input, " + traits, e.getMessage());
  }

  @Test
  void sketchEvents_sameSeed_sameFiles() throws Exception {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    SketchEvents.write(a, 8_000, 5L);
    SketchEvents.write(b, 8_000, 5L);
    assertEquals(-1L, Files.mismatch(a.resolve("traits.jsonl"), b.resolve("traits.jsonl")));
    assertEquals(-1L, Files.mismatch(a.resolve("events.jsonl.gz"), b.resolve("events.jsonl.gz")));
  }
}
