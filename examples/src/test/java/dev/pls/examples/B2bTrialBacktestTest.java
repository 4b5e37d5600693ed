package dev.pls.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pls.cli.Pls;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The b2b-trial README's backtest figures: both backtests are run and every row of the README's two
 * rule tables, and the tier figures in its prose, are compared with {@code summary.json}.
 */
class B2bTrialBacktestTest {
  private static final Path DIR = Path.of("b2b-trial");
  private static final Map<String, String> POINTS =
      Map.ofEntries(
          Map.entry("connected_source", "+15"),
          Map.entry("dashboards_3", "+15"),
          Map.entry("queries_50", "+10"),
          Map.entry("invites_2", "+20"),
          Map.entry("domain_users_3", "+15"),
          Map.entry("dashboard_shared", "+10"),
          Map.entry("pricing_2", "+20"),
          Map.entry("active_trial_end", "+15"),
          Map.entry("mid_market", "+10"),
          Map.entry("data_persona", "+10"),
          Map.entry("quiet_4d", "−15"),
          Map.entry("single_day", "−10"));

  @TempDir Path tmp;

  @Test
  void readme_ruleTablesAndTierFigures_areThoseOfTheBacktests() throws IOException {
    JsonNode grid =
        backtest(
            "grid",
            "--from",
            "2026-09-22T12:00:00Z",
            "--to",
            "2026-11-20T12:00:00Z",
            "--step",
            "1d");
    JsonNode day14 = backtest("day14", "--at", "trial_started+14d");
    String readme = Files.readString(DIR.resolve("README.md"), StandardCharsets.UTF_8);
    List<List<String>> tables = tables(readme);
    assertEquals(2, tables.size(), "the README has two rule tables");
    assertEquals(rows(grid), tables.get(0), "the table of the 60-day replay");
    assertEquals(rows(day14), tables.get(1), "the table at day 14");

    JsonNode tiers = grid.path("outcomes").path("tiers");
    JsonNode ready = tiers.path("sales_ready");
    String readyText =
        percent(ready.path("rate"))
            + " (95% interval "
            + percentNumber(ready.path("rate_ci").get(0))
            + "–"
            + percent(ready.path("rate_ci").get(1))
            + "), "
            + two(ready.path("lift"))
            + " times the base rate of "
            + percent(grid.path("outcomes").path("base_rate"));
    assertTrue(readme.contains(readyText), readyText);
    assertTrue(
        readme.contains(
            "`nurture` at "
                + percent(tiers.path("nurture").path("rate"))
                + " ("
                + two(tiers.path("nurture").path("lift"))
                + "×)"),
        "nurture's figures");
    assertTrue(
        readme.contains(
            "never in a tier, "
                + percent(tiers.path("none").path("rate"))
                + " ("
                + two(tiers.path("none").path("lift"))
                + "×)"),
        "none's figures");
    JsonNode dayTiers = day14.path("outcomes").path("tiers");
    assertTrue(
        readme.contains(
            "`sales_ready` converts at "
                + two(dayTiers.path("sales_ready").path("lift"))
                + " times the base rate and `nurture` at "
                + two(dayTiers.path("nurture").path("lift"))),
        "day 14 tier lifts");
  }

  /**
   * The README's weights from outcomes: the fit at day 14 recovers the signs of the generator's
   * logistic model (DemoData): its five causes positive with 95% intervals above 0, the rules it
   * ignores (pricing, persona, queries) with intervals that hold 0.
   */
  @Test
  void readme_weightsFromOutcomes_recoverTheGeneratorsSigns() throws IOException {
    List<String> args =
        List.of(
            "suggest",
            DIR.resolve("model.pls").toString(),
            "--events",
            DIR.resolve("events.jsonl.gz").toString(),
            "--traits",
            DIR.resolve("traits.jsonl").toString(),
            "--outcomes",
            DIR.resolve("outcomes.jsonl").toString(),
            "--at",
            "trial_started+14d",
            "--format",
            "json");
    CommandLine cl = Pls.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    assertEquals(0, cl.execute(args.toArray(String[]::new)), err.toString());
    Map<String, JsonNode> rules = new java.util.HashMap<>();
    for (JsonNode r : new ObjectMapper().readTree(out.toString()).path("rules")) {
      rules.put(r.path("rule").asText(), r);
    }
    for (String cause :
        List.of(
            "connected_source", "invites_2", "dashboard_shared", "dashboards_3", "mid_market")) {
      JsonNode r = rules.get(cause);
      assertTrue(r.path("low").asDouble() > 0, cause + " positive, interval above 0: " + r);
      assertTrue(r.path("suggested").asDouble() > 0, cause + " suggested positive: " + r);
    }
    for (String ignored : List.of("pricing_2", "data_persona", "queries_50")) {
      JsonNode r = rules.get(ignored);
      assertTrue(
          r.path("low").asDouble() < 0 && r.path("high").asDouble() > 0,
          ignored + ": interval holds 0: " + r);
      assertEquals("sign_uncertain", r.path("flags").get(0).asText(), ignored);
    }
  }

  private JsonNode backtest(String out, String... schedule) throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "backtest",
                DIR.resolve("model.pls").toString(),
                "--events",
                DIR.resolve("events.jsonl.gz").toString(),
                "--traits",
                DIR.resolve("traits.jsonl").toString(),
                "--outcomes",
                DIR.resolve("outcomes.jsonl").toString(),
                "--out",
                tmp.resolve(out).toString()));
    args.addAll(List.of(schedule));
    CommandLine cl = Pls.commandLine();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(new StringWriter(), true));
    cl.setErr(new PrintWriter(err, true));
    assertEquals(0, cl.execute(args.toArray(String[]::new)), err.toString());
    return new ObjectMapper().readTree(tmp.resolve(out).resolve("summary.json").toFile());
  }

  /** The rule table rows a summary gives, by lift, highest first, rules without a lift last. */
  private static List<String> rows(JsonNode summary) {
    List<Map.Entry<String, JsonNode>> rules = new ArrayList<>();
    summary.path("outcomes").path("rules").fields().forEachRemaining(rules::add);
    rules.sort(
        Comparator.comparing(
            (Map.Entry<String, JsonNode> e) ->
                e.getValue().path("lift").isNull()
                    ? Double.NEGATIVE_INFINITY
                    : e.getValue().path("lift").asDouble(),
            Comparator.reverseOrder()));
    List<String> rows = new ArrayList<>();
    for (Map.Entry<String, JsonNode> r : rules) {
      JsonNode v = r.getValue();
      JsonNode ci = v.path("lift_ci");
      rows.add(
          "| `"
              + r.getKey()
              + "` | "
              + POINTS.get(r.getKey())
              + " | "
              + v.path("fired").asLong()
              + " | "
              + (v.path("lift").isNull() ? "—" : two(v.path("lift")))
              + " | "
              + (ci.isNull() ? "—" : two(ci.get(0)) + "–" + two(ci.get(1)))
              + " |");
    }
    return rows;
  }

  /** The rows of each table whose header starts with "| rule | points |". */
  private static List<List<String>> tables(String readme) {
    List<List<String>> tables = new ArrayList<>();
    List<String> current = null;
    for (String line : readme.split("\n")) {
      if (line.startsWith("| rule | points |")) {
        current = new ArrayList<>();
        tables.add(current);
      } else if (current != null && line.startsWith("| `")) {
        current.add(line);
      } else if (current != null && !line.startsWith("|---")) {
        current = null;
      }
    }
    return tables;
  }

  /** To two decimals, half-even, without trailing zeros: 3.2, 0.25. */
  private static String two(JsonNode n) {
    return n.decimalValue()
        .setScale(2, RoundingMode.HALF_EVEN)
        .stripTrailingZeros()
        .toPlainString();
  }

  private static String percentNumber(JsonNode n) {
    return n.decimalValue()
        .multiply(BigDecimal.valueOf(100))
        .setScale(1, RoundingMode.HALF_EVEN)
        .toPlainString();
  }

  private static String percent(JsonNode n) {
    return percentNumber(n) + "%";
  }
}
