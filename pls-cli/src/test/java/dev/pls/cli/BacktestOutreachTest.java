package dev.pls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pls.core.backtest.OutreachLift;
import dev.pls.core.backtest.Rate;
import dev.pls.core.handoff.Router;
import dev.pls.core.model.Handoff;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * Generated so that outreach's effect is known: 60 users invite a teammate on 2026-11-20 and so
 * enter hot, alerted at the first daily step (noon); the hand-off holds out 30% by its salt. The
 * outcomes are written by group: of the routed users (in id order) every second converts, of the
 * held-out ones every fifth, both on 11-25, after their alert. One more user, "p", converted on
 * 11-19, before its alert: prior, in neither group. So the backtest must find exactly those
 * counts, and the difference of the two rates.
 */
class BacktestOutreachTest {
  private static final String SALT = "pilot";

  @TempDir Path tmp;

  @Test
  void backtest_holdoutAndOutcomes_reportsRoutedAgainstHeldOutConversion() throws Exception {
    Path model =
        Files.writeString(
            tmp.resolve("m.pls"),
            "model lift\n"
                + "category usage {\n"
                + "  count(invite_sent) >= 1 within 30d : +50 \"Invited a teammate\" [invited]\n"
                + "}\n"
                + "tier hot when score >= 50\n"
                + "queue inside \"Inside sales\" sla 24h\n"
                + "route hot to inside\n"
                + "holdout 30% salt \""
                + SALT
                + "\"\n");
    Handoff.Holdout holdout = new Handoff.Holdout(new BigDecimal("30"), SALT);
    StringBuilder events = new StringBuilder();
    StringBuilder outcomes = new StringBuilder();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      ids.add(String.format("u%02d", i));
    }
    ids.add("p");
    int routed = 0;
    int routedConverted = 0;
    int heldOut = 0;
    int heldOutConverted = 0;
    for (String id : ids) {
      events
          .append("{\"user\":\"")
          .append(id)
          .append("\",\"event\":\"invite_sent\",\"time\":\"2026-11-20T08:00:00Z\"}\n");
      if (id.equals("p")) {
        outcomes.append(
            "{\"entity\":\"p\",\"outcome\":\"converted\",\"time\":\"2026-11-19T00:00:00Z\"}\n");
        continue;
      }
      boolean converts;
      if (Router.heldOut(holdout, id)) {
        converts = heldOut++ % 5 == 0;
        heldOutConverted += converts ? 1 : 0;
      } else {
        converts = routed++ % 2 == 0;
        routedConverted += converts ? 1 : 0;
      }
      if (converts) {
        outcomes
            .append("{\"entity\":\"")
            .append(id)
            .append("\",\"outcome\":\"converted\",\"time\":\"2026-11-25T00:00:00Z\"}\n");
      }
    }
    assertTrue(heldOut >= 10 && routed >= 30, heldOut + " held out of 60: a bad draw for a test");
    Path eventsFile = Files.writeString(tmp.resolve("events.jsonl"), events.toString());
    Path outcomesFile = Files.writeString(tmp.resolve("outcomes.jsonl"), outcomes.toString());
    Path out = tmp.resolve("bt");
    Cli.Result r =
        Cli.run(
            "backtest",
            model.toString(),
            "--events",
            eventsFile.toString(),
            "--outcomes",
            outcomesFile.toString(),
            "--from",
            "2026-11-20T12:00:00Z",
            "--to",
            "2026-11-30T12:00:00Z",
            "--out",
            out.toString());
    assertEquals(0, r.status(), r.err());

    Rate routedRate = Rate.of(routedConverted, routed);
    Rate heldOutRate = Rate.of(heldOutConverted, heldOut);
    OutreachLift.Difference d = OutreachLift.Difference.of(routedRate, heldOutRate);
    JsonNode all =
        new ObjectMapper()
            .readTree(out.resolve("summary.json").toFile())
            .get("outreach")
            .get("overall");
    assertEquals(routed, all.get("routed").asInt());
    assertEquals(routedConverted, all.get("routed_converted").asInt());
    assertEquals(heldOut, all.get("held_out").asInt());
    assertEquals(heldOutConverted, all.get("held_out_converted").asInt());
    assertEquals(1, all.get("prior").asInt());
    assertEquals(routedRate.value() - heldOutRate.value(), all.get("difference").asDouble(), 5e-5);
    assertEquals(d.low(), all.get("difference_ci").get(0).asDouble(), 5e-5);
    assertEquals(d.high(), all.get("difference_ci").get(1).asDouble(), 5e-5);
    assertTrue(
        r.err()
            .contains(
                "outreach (hold-out): " + routedConverted + " of " + routed + " routed converted"),
        r.err());
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("data-chart=\"outreach\""), "no outreach chart");
    assertTrue(
        html.contains("data-figure=\"outreach.hot.heldout\" data-value=\"" + heldOut + "\""), html);
  }
}
