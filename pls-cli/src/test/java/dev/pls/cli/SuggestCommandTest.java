package dev.pls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.difflib.DiffUtils;
import com.github.difflib.unifieddiff.UnifiedDiff;
import com.github.difflib.unifieddiff.UnifiedDiffFile;
import com.github.difflib.unifieddiff.UnifiedDiffReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pls suggest} on data built so the fit is known by hand. 410 users, one step (2 Jan):
 *
 * <pre>
 *   did_a  did_b  did_c  users  converted   odds
 *     -      -      -     100      20        1/4
 *     x      -      -     100      50        1
 *     -      x      -     100      50        1
 *     x      x      -     100      80        4
 *     -      -      x      10       5        1
 * </pre>
 *
 * The cells follow a main-effects logistic model exactly, so the unpenalised fit reproduces them:
 * intercept ln(1/4), did_a and did_b ln 4 each, did_c ln 4 (its ten users alone). did_c fired for
 * fewer than 30 (thin: keeps its +5), did_d never fired. The re-weighed rules, did_a (+10) and
 * did_b (+20), keep their 30 points between them: 15 each. The standard errors are those
 * statsmodels' Logit gives on the same cells (intercept 0.2084; 0.2264, 0.2264, 0.6659).
 */
class SuggestCommandTest {
  private static final String MODEL_TEXT =
      """
      model sug version 1
        entity user
        resolution 1d
        timezone "UTC"

      event a
      event b
      event c
      event d

      category acts {
        # a comment that names [did_a] is not a rule
        a : +10 "Did a" [did_a]
        b : +20 "Did b" [did_b]
        c : +5 "Did c" [did_c]
        d : +5 "Did d" [did_d]
      }

      tier hot when score >= 20
      """;

  @TempDir Path tmp;
  private Path model;
  private Path events;
  private Path outcomes;

  @BeforeEach
  void data() throws Exception {
    model = tmp.resolve("sug.pls");
    Files.writeString(model, MODEL_TEXT, StandardCharsets.UTF_8);
    StringBuilder ev = new StringBuilder();
    StringBuilder out = new StringBuilder();
    int[][] cells = {
      {0, 0, 0, 100, 20},
      {1, 0, 0, 100, 50},
      {0, 1, 0, 100, 50},
      {1, 1, 0, 100, 80},
      {0, 0, 1, 10, 5}
    };
    int id = 0;
    for (int[] c : cells) {
      for (int i = 0; i < c[3]; i++) {
        String u = String.format("u%04d", id++);
        event(ev, u, "visit");
        if (c[0] == 1) {
          event(ev, u, "a");
        }
        if (c[1] == 1) {
          event(ev, u, "b");
        }
        if (c[2] == 1) {
          event(ev, u, "c");
        }
        if (i < c[4]) {
          out.append("{\"entity\":\"")
              .append(u)
              .append("\",\"outcome\":\"converted\",\"time\":\"2026-01-05T00:00:00Z\"}\n");
        }
      }
    }
    events = tmp.resolve("events.jsonl");
    outcomes = tmp.resolve("outcomes.jsonl");
    Files.writeString(events, ev, StandardCharsets.UTF_8);
    Files.writeString(outcomes, out, StandardCharsets.UTF_8);
  }

  private static void event(StringBuilder sb, String user, String event) {
    sb.append("{\"user\":\"")
        .append(user)
        .append("\",\"event\":\"")
        .append(event)
        .append("\",\"time\":\"2026-01-01T10:00:00Z\"}\n");
  }

  private Cli.Result suggest(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "suggest",
                model.toString(),
                "--events",
                events.toString(),
                "--outcomes",
                outcomes.toString(),
                "--from",
                "2026-01-02T00:00:00Z",
                "--to",
                "2026-01-02T00:00:00Z"));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void unpenalised_recoversTheCellsLogOddsAndScalesToTheModelsRange() {
    Cli.Result r = suggest("--penalty", "0");
    assertEquals(0, r.status(), r.err());
    assertEquals(
        """
        outcome converted: 205 of 410 users converted; logistic fit on the rules that fired before it, L2 penalty 0 (intercept unpenalised)
        rule   points  fired  converted    coef      se   suggested  note
        did_a     +10    200        130  1.3863  0.2264         +15
        did_b     +20    200        130  1.3863  0.2264         +15
        did_c      +5     10          5  1.3863  0.6659  +15 (kept)  thin: fired for fewer than 30
        did_d      +5      0          0       -       -           -  never fired
        intercept -1.3863 (se 0.2084)
        suggested = coef x 10.8202 points, keeping the 30 points (sum of |points|) of the rules re-weighed, rounded to 1; thin and never-fired rules keep their points
        """,
        r.out().substring(0, r.out().indexOf("calibration")));
    assertTrue(r.out().contains("calibration (Platt) over 410 users"), r.out());
    assertTrue(
        r.err().startsWith("fitting weights for sug v1 to outcomes, users from 2026-01-02"),
        r.err());
  }

  @Test
  void json_carriesEveryFigure() throws Exception {
    Cli.Result r = suggest("--penalty", "0", "--format", "json");
    assertEquals(0, r.status(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertEquals("converted", j.get("outcome").asText());
    assertEquals(410, j.get("entities").asInt());
    assertEquals(205, j.get("converted").asInt());
    assertEquals(-1.3863, j.get("intercept").asDouble());
    JsonNode a = j.get("rules").get(0);
    assertEquals("did_a", a.get("rule").asText());
    assertEquals(1.3863, a.get("coefficient").asDouble());
    assertEquals("15", a.get("suggested").asText());
    assertTrue(a.get("changes").asBoolean());
    assertEquals(1.3863 - 1.959964 * 0.2264, a.get("low").asDouble(), 1e-3);
    JsonNode c = j.get("rules").get(2);
    assertEquals("thin_fired", c.get("flags").get(0).asText());
    assertFalse(c.get("changes").asBoolean());
    JsonNode d = j.get("rules").get(3);
    assertTrue(d.get("coefficient").isNull());
    assertTrue(d.get("suggested").isNull());
    assertEquals("never_fired", d.get("flags").get(0).asText());
    JsonNode cal = j.get("calibration");
    assertEquals("platt", cal.get("method").asText());
    long entities = 0;
    for (JsonNode band : cal.get("bands")) {
      entities += band.get("entities").asLong();
      double observed = band.get("observed").asDouble();
      double calibrated = band.get("calibrated").asDouble();
      assertTrue(calibrated > 0 && calibrated < 1, band.toString());
      assertTrue(observed >= 0 && observed <= 1, band.toString());
    }
    assertEquals(410, entities);
  }

  @Test
  void aPenaltyShrinksTheCoefficients() throws Exception {
    Cli.Result r = suggest("--format", "json");
    assertEquals(0, r.status(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertEquals(1.0, j.get("penalty").asDouble());
    double a = j.get("rules").get(0).get("coefficient").asDouble();
    assertTrue(a > 0 && a < 1.3863, "shrunk: " + a);
  }

  @Test
  void patch_changesOnlyThePointsOfTheRulesReweighedAndApplies() throws Exception {
    Cli.Result r = suggest("--penalty", "0", "--patch");
    assertEquals(0, r.status(), r.err());
    String name = model.toString();
    assertEquals(
        "--- "
            + name
            + "\n+++ "
            + name
            + "\n"
            + """
            @@ -10,8 +10,8 @@
            \s
             category acts {
               # a comment that names [did_a] is not a rule
            -  a : +10 "Did a" [did_a]
            -  b : +20 "Did b" [did_b]
            +  a : +15 "Did a" [did_a]
            +  b : +15 "Did b" [did_b]
               c : +5 "Did c" [did_c]
               d : +5 "Did d" [did_d]
             }
            """,
        r.out());
    assertTrue(r.err().contains("2 rules re-weighed\n"), r.err());
    // The patch applies to the file as a patch tool reads it.
    UnifiedDiff diff =
        UnifiedDiffReader.parseUnifiedDiff(
            new ByteArrayInputStream(r.out().getBytes(StandardCharsets.UTF_8)));
    UnifiedDiffFile file = diff.getFiles().get(0);
    List<String> patched = DiffUtils.patch(List.of(MODEL_TEXT.split("\n")), file.getPatch());
    assertEquals(
        MODEL_TEXT
            .replace("a : +10 \"Did a\"", "a : +15 \"Did a\"")
            .replace("b : +20 \"Did b\"", "b : +15 \"Did b\""),
        String.join("\n", patched) + "\n");
    // Never applied: the rule file is as it was.
    assertEquals(MODEL_TEXT, Files.readString(model, StandardCharsets.UTF_8));
  }

  @Test
  void noRuleFired_nothingToReweighAndNoCalibration() throws Exception {
    StringBuilder ev = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      event(ev, "v" + i, "visit");
    }
    Files.writeString(events, ev, StandardCharsets.UTF_8);
    Files.writeString(
        outcomes,
        "{\"entity\":\"v1\",\"outcome\":\"converted\",\"time\":\"2026-01-05T00:00:00Z\"}\n",
        StandardCharsets.UTF_8);
    Cli.Result r = suggest();
    assertEquals(0, r.status(), r.err());
    assertTrue(
        r.out()
            .endsWith(
                "no rule can be re-weighed: every fitted rule is thin, or none was fitted\n"
                    + "calibration: none, the scores cannot be calibrated: every score is the same,"
                    + " or a score separates the converted from the others\n"),
        r.out());
    JsonNode j = new ObjectMapper().readTree(suggest("--format", "json").out());
    assertTrue(j.get("calibration").isNull());
    assertTrue(j.get("scale").isNull());
    assertEquals(Math.log(1.0 / 19), j.get("intercept").asDouble(), 1e-4);
    Cli.Result p = suggest("--patch");
    assertEquals("", p.out());
    assertTrue(p.err().contains("no rule's points change: the patch is empty"), p.err());
  }

  @Test
  void noEntityConverted_noSuggestionAndStatus1() throws Exception {
    Files.writeString(
        outcomes,
        "{\"entity\":\"nobody\",\"outcome\":\"converted\",\"time\":\"2026-01-05T00:00:00Z\"}\n",
        StandardCharsets.UTF_8);
    Cli.Result r = suggest();
    assertEquals(1, r.status(), r.err());
    assertEquals("", r.out());
    assertTrue(
        r.err()
            .endsWith(
                "no suggestion: no entity of the 410 not prior converted, so the rules cannot be"
                    + " told apart by their outcomes\n"),
        r.err());
  }

  @Test
  void usageErrorsNameTheOption() {
    Cli.Result r =
        Cli.run(
            "suggest",
            model.toString(),
            "--events",
            events.toString(),
            "--from",
            "2026-01-02T00:00:00Z",
            "--to",
            "2026-01-02T00:00:00Z");
    assertEquals(2, r.status());
    assertTrue(r.err().contains("--outcomes: pls suggest fits weights to outcomes"), r.err());
    r = suggest("--penalty", "-1");
    assertEquals(2, r.status());
    assertTrue(r.err().contains("--penalty: must be 0 or more, not -1.0"), r.err());
    r = suggest("--patch", "--format", "json");
    assertEquals(2, r.status());
    assertTrue(r.err().contains("--patch prints a diff"), r.err());
    r = suggest("--outcomes", model.toString());
    assertEquals(2, r.status());
  }

  @Test
  void ruleFileCannotBeAnOutcomeFile() {
    Cli.Result r =
        Cli.run(
            "suggest",
            model.toString(),
            "--events",
            events.toString(),
            "--outcomes",
            model.toString(),
            "--from",
            "2026-01-02T00:00:00Z",
            "--to",
            "2026-01-02T00:00:00Z");
    assertEquals(2, r.status(), r.err());
    assertTrue(r.err().contains("MODEL"), r.err());
  }
}
