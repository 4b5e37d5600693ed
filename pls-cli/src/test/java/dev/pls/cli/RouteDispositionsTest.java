package dev.pls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * One queue with a 24h SLA, replayed daily from 2026-11-20T12:00Z to 11-22T12:00Z. Four users
 * enter hot, one alert each: u1 and u2 at 11-20T12:00 (due 11-21T12:00), u3 at 11-21T12:00 (due
 * 11-22T12:00), u4 at 11-22T12:00 (due 11-23T12:00). The records: u1 meeting_booked exactly at its
 * due time (on time, 24h), u2 bad_fit a second after it (breached, 24h 1s), u3 not_now after 1h and
 * bad_fit after 3h (on time, bad_fit), u4 nothing (not due by 11-22T12:00, the end of what was
 * observed: open). So: 4 routed, 3 touched, times 1h, 1d, 1d 1s: median (rank 2) 1d, p90 (rank 3)
 * 1d 1s; on time 2, breached 1, open 1; meeting_booked 1, not_now 0, bad_fit 2. signed_up fired
 * on u1's alert only (disposed, not negative); invited on all four (3 disposed, 2 negative).
 */
class RouteDispositionsTest {
  private static final String MODEL =
      "model disp\n"
          + "category usage {\n"
          + "  count(signup) >= 1 within 30d : +10 \"Signed up\" [signed_up]\n"
          + "  count(invite_sent) >= 1 within 30d : +50 \"Invited a teammate\" [invited]\n"
          + "}\n"
          + "tier hot when score >= 50\n"
          + "queue inside \"Inside sales\" sla 24h\n"
          + "route hot to inside\n"
          + "disposition meeting_booked positive\n"
          + "disposition not_now\n"
          + "disposition bad_fit negative\n";

  private static final String EVENTS =
      "{\"user\":\"u1\",\"event\":\"signup\",\"time\":\"2026-11-20T08:00:00Z\"}\n"
          + "{\"user\":\"u1\",\"event\":\"invite_sent\",\"time\":\"2026-11-20T08:00:00Z\"}\n"
          + "{\"user\":\"u2\",\"event\":\"invite_sent\",\"time\":\"2026-11-20T09:00:00Z\"}\n"
          + "{\"user\":\"u3\",\"event\":\"invite_sent\",\"time\":\"2026-11-21T10:00:00Z\"}\n"
          + "{\"user\":\"u4\",\"event\":\"invite_sent\",\"time\":\"2026-11-22T10:00:00Z\"}\n";

  private static final String[][] RECORDS = {
    {"2026-11-20T12:00:00Z/inside/u1", "meeting_booked", "2026-11-21T12:00:00Z"},
    {"2026-11-20T12:00:00Z/inside/u2", "bad_fit", "2026-11-21T12:00:01Z"},
    {"2026-11-21T12:00:00Z/inside/u3", "not_now", "2026-11-21T13:00:00Z"},
    {"2026-11-21T12:00:00Z/inside/u3", "bad_fit", "2026-11-21T15:00:00Z"},
    {"2026-11-22T12:00:00Z/inside/u4", "meetng_booked", "2026-11-22T13:00:00Z"},
    {"2026-11-20T12:00:00Z/inside/u9", "not_now", "2026-11-21T13:00:00Z"},
    {"2026-11-22T12:00:00Z/inside/u4", "not_now", "2026-11-22T11:00:00Z"},
  };

  private static final List<String> REPORT =
      List.of(
          "dispositions observed until 2026-11-22T12:00:00Z: 1 alert breached its SLA",
          "  inside: 4 routed, 3 touched (first touch median 1d, p90 1d 1s); on time 2, breached"
              + " 1, open 1; meeting_booked 1; not_now 0; bad_fit 2");

  @TempDir Path tmp;
  private Path model;
  private Path events;

  @BeforeEach
  void files() throws IOException {
    model = Files.writeString(tmp.resolve("disp.pls"), MODEL);
    events = Files.writeString(tmp.resolve("events.jsonl"), EVENTS);
  }

  private Cli.Result route(Path dispositions, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "route",
                model.toString(),
                "--events",
                events.toString(),
                "--from",
                "2026-11-20T12:00:00Z",
                "--to",
                "2026-11-22T12:00:00Z",
                "--out",
                tmp.resolve("alerts.jsonl").toString(),
                "--dispositions",
                dispositions.toString(),
                "--rejects",
                tmp.resolve("rejects.jsonl").toString()));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  private Path jsonLines() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (String[] r : RECORDS) {
      sb.append("{\"alert\":\"").append(r[0]).append("\",\"disposition\":\"").append(r[1]);
      sb.append("\",\"time\":\"").append(r[2]).append("\",\"seller\":\"kim\"}\n");
    }
    sb.append("{\"alert\":\"2026-11-22T12:00:00Z/inside/u4\",\"disposition\":\"not_now\"}\n");
    return Files.writeString(tmp.resolve("dispositions.jsonl"), sb.toString());
  }

  @Test
  void route_dispositions_reportsTouchTimesBreachesAtTheDueTimeEdgeAndTheMix() throws Exception {
    Path breaches = tmp.resolve("breaches.jsonl");
    Cli.Result r = route(jsonLines(), "--breaches", breaches.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.err().contains(String.join("\n", REPORT) + "\n"), r.err());
    assertTrue(r.err().contains("breaches written to " + breaches), r.err());
    ObjectMapper json = new ObjectMapper();
    List<String> lines = Files.readAllLines(breaches);
    assertEquals(1, lines.size(), lines.toString());
    assertEquals(
        json.readTree(
            "{\"record\":\"sla_breached\",\"alert\":\"2026-11-20T12:00:00Z/inside/u2\","
                + "\"entity\":\"u2\",\"queue\":\"inside\",\"at\":\"2026-11-20T12:00:00Z\","
                + "\"due\":\"2026-11-21T12:00:00Z\",\"first_touch\":\"2026-11-21T12:00:01Z\"}"),
        json.readTree(lines.get(0)));
    List<String> ids = new ArrayList<>();
    for (String line : Files.readAllLines(tmp.resolve("alerts.jsonl"))) {
      ids.add(json.readTree(line).get("id").asText());
    }
    assertEquals(
        List.of(
            "2026-11-20T12:00:00Z/inside/u1",
            "2026-11-20T12:00:00Z/inside/u2",
            "2026-11-21T12:00:00Z/inside/u3",
            "2026-11-22T12:00:00Z/inside/u4"),
        ids);
  }

  @Test
  void route_badDispositionRecords_areRejectsWithLineAndReason() throws Exception {
    Cli.Result r = route(jsonLines());
    assertEquals(0, r.status(), r.err());
    ObjectMapper json = new ObjectMapper();
    List<String> got = new ArrayList<>();
    for (String line : Files.readAllLines(tmp.resolve("rejects.jsonl"))) {
      JsonNode j = json.readTree(line);
      got.add(
          j.get("line").asText() + " " + j.get("reason").asText() + " " + j.get("detail").asText());
    }
    assertEquals(
        List.of(
            "5 bad_value unknown disposition 'meetng_booked'; did you mean 'meeting_booked'?",
            "6 bad_value no alert of this replay has the id '2026-11-20T12:00:00Z/inside/u9' (an id"
                + " is the alert's at/queue/entity; was it made with another --from or --step?)",
            "7 bad_time recorded at 2026-11-22T11:00:00Z, before its alert was made at"
                + " 2026-11-22T12:00:00Z",
            "8 missing_time no 'time' (when it was recorded)"),
        got);
    assertTrue(r.err().contains("dispositions.jsonl: read 8, accepted 4, rejected 4"), r.err());
  }

  @Test
  void route_csvDispositions_giveTheSameReport() throws Exception {
    StringBuilder sb = new StringBuilder("time,alert,disposition\n");
    for (String[] r : RECORDS) {
      sb.append(r[2]).append(',').append(r[0]).append(',').append(r[1]).append('\n');
    }
    Cli.Result r = route(Files.writeString(tmp.resolve("dispositions.csv"), sb.toString()));
    assertEquals(0, r.status(), r.err());
    assertTrue(r.err().contains(String.join("\n", REPORT) + "\n"), r.err());
    assertTrue(r.err().contains("dispositions.csv: read 7, accepted 4, rejected 3"), r.err());
  }

  @Test
  void route_breachesWithoutDispositions_orDispositionsWithState_areUsageErrors()
      throws IOException {
    Cli.Result r =
        Cli.run(
            "route",
            model.toString(),
            "--events",
            events.toString(),
            "--from",
            "2026-11-20T12:00:00Z",
            "--to",
            "2026-11-22T12:00:00Z",
            "--breaches",
            tmp.resolve("b.jsonl").toString());
    assertEquals(2, r.status());
    assertTrue(r.err().contains("--breaches: needs --dispositions FILE"), r.err());
    r = route(jsonLines(), "--state", tmp.resolve("route.state").toString());
    assertEquals(2, r.status());
    assertTrue(r.err().contains("--dispositions: not with --state"), r.err());
  }

  @Test
  void backtest_dispositions_replaysTheHandoffToTheSameFigures_inSummaryJsonAndReport()
      throws Exception {
    Path out = tmp.resolve("bt");
    Cli.Result r =
        Cli.run(
            "backtest",
            model.toString(),
            "--events",
            events.toString(),
            "--from",
            "2026-11-20T12:00:00Z",
            "--to",
            "2026-11-22T12:00:00Z",
            "--step",
            "1d",
            "--dispositions",
            jsonLines().toString(),
            "--rejects",
            tmp.resolve("rejects.jsonl").toString(),
            "--out",
            out.toString());
    assertEquals(0, r.status(), r.err());
    assertTrue(r.err().contains(String.join("\n", REPORT) + "\n"), r.err());
    ObjectMapper json = new ObjectMapper();
    JsonNode d = json.readTree(out.resolve("summary.json").toFile()).get("dispositions");
    assertEquals(
        json.readTree(
            "{\"observed_until\":\"2026-11-22T12:00:00Z\",\"breached\":1,\"queues\":[{"
                + "\"queue\":\"inside\",\"routed\":4,\"touched\":3,"
                + "\"median_first_touch_seconds\":86400,\"p90_first_touch_seconds\":86401,"
                + "\"on_time\":2,\"breached\":1,\"open\":1,"
                + "\"mix\":{\"meeting_booked\":1,\"not_now\":0,\"bad_fit\":2}}],"
                + "\"rules\":["
                + "{\"rule\":\"signed_up\",\"alerted\":1,\"disposed\":1,\"negative\":0,"
                + "\"negative_share\":0},"
                + "{\"rule\":\"invited\",\"alerted\":4,\"disposed\":3,\"negative\":2,"
                + "\"negative_share\":0.6667}]}"),
        d);
    String html = Files.readString(out.resolve("report.html"));
    assertTrue(html.contains("data-chart=\"noise\""), "no noise chart");
    assertTrue(html.contains("data-figure=\"noise.invited.negative\" data-value=\"2\""), html);
  }

  @Test
  void backtest_dispositionsWithoutAHandoffOrWithACohort_areUsageErrors() throws IOException {
    Path plain =
        Files.writeString(
            tmp.resolve("plain.pls"), MODEL.replaceAll("(?m)^(queue|route|disposition).*\n", ""));
    Cli.Result r =
        Cli.run(
            "backtest",
            plain.toString(),
            "--events",
            events.toString(),
            "--from",
            "2026-11-20T12:00:00Z",
            "--to",
            "2026-11-22T12:00:00Z",
            "--dispositions",
            jsonLines().toString(),
            "--out",
            tmp.resolve("bt").toString());
    assertEquals(2, r.status(), r.err());
    assertTrue(r.err().contains("--dispositions: model 'disp' has no hand-off"), r.err());
    r =
        Cli.run(
            "backtest",
            model.toString(),
            "--events",
            events.toString(),
            "--at",
            "invite_sent+1d",
            "--dispositions",
            jsonLines().toString(),
            "--out",
            tmp.resolve("bt").toString());
    assertEquals(2, r.status(), r.err());
    assertTrue(r.err().contains("--dispositions: the hand-off is replayed over steps"), r.err());
  }
}
