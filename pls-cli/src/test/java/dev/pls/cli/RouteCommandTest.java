package dev.pls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteCommandTest {
  private static final Path SEATS = Path.of("..", "examples", "seat-expansion");

  private static Cli.Result route(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "route",
                SEATS.resolve("model.pls").toString(),
                "--events",
                SEATS.resolve("events.jsonl.gz").toString(),
                "--traits",
                SEATS.resolve("traits.jsonl").toString()));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void route_twoDays_writesEveryAlertAsJsonAndCountsThem() throws Exception {
    Cli.Result r = route("--from", "2026-11-19T12:00:00Z", "--to", "2026-11-20T12:00:00Z");
    assertEquals(0, r.status(), r.err());
    assertTrue(
        r.err()
            .startsWith(
                "routing accounts with seat_pqa v1 from 2026-11-19T12:00:00Z to"
                    + " 2026-11-20T12:00:00Z in 2 steps\n"),
        r.err());
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> alerts = new ArrayList<>();
    for (String line : r.out().split("\n")) {
      alerts.add(json.readTree(line));
    }
    assertTrue(
        r.err().contains("replayed 2 steps over 200 accounts: " + alerts.size() + " alerts ("),
        r.err());
    for (JsonNode a : alerts) {
      assertEquals("account", a.get("kind").asText());
      assertEquals(a.get("entity"), a.get("account"));
      assertTrue(List.of("sent", "triage", "held_out").contains(a.get("status").asText()));
      assertTrue(a.get("reasons").size() > 0, a.toString());
      assertTrue(a.get("breakdown").size() > 0, a.toString());
      assertTrue(a.get("context").has("seats"), a.toString());
    }
  }

  @Test
  void route_sixHourSteps_scoresEveryInstantUpToTheEnd() {
    Cli.Result r =
        route("--from", "2026-11-19T12:00:00Z", "--to", "2026-11-20T13:00:00Z", "--step", "6h");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.err().contains(" to 2026-11-20T12:00:00Z in 5 steps\n"), r.err());
  }

  @Test
  void route_toBeforeFrom_isAUsageError() {
    Cli.Result r = route("--from", "2026-11-20T12:00:00Z", "--to", "2026-11-19T12:00:00Z");
    assertEquals(2, r.status());
    assertTrue(
        r.err().contains("--to: 2026-11-19T12:00:00Z is before --from 2026-11-20T12:00:00Z"),
        r.err());
  }

  @Test
  void route_badStep_isAUsageErrorNamingIt() {
    Cli.Result r =
        route("--from", "2026-11-19T12:00:00Z", "--to", "2026-11-20T12:00:00Z", "--step", "1m");
    assertEquals(2, r.status());
    assertTrue(
        r.err().contains("--step: expected a whole number of hours, days or weeks"), r.err());
  }

  @Test
  void route_withAsOf_isAUsageError() {
    Cli.Result r =
        route(
            "--from",
            "2026-11-19T12:00:00Z",
            "--to",
            "2026-11-20T12:00:00Z",
            "--as-of",
            "2026-11-20T12:00:00Z");
    assertEquals(2, r.status());
    assertTrue(r.err().contains("--as-of: pls route scores from --from to --to"), r.err());
  }

  @Test
  void route_modelWithoutHandoff_status1SaysSo() {
    Cli.Result r =
        Cli.run(
            "route",
            Cli.MODEL,
            "--events",
            Cli.RES + "events.jsonl",
            "--from",
            "2026-11-19T12:00:00Z",
            "--to",
            "2026-11-20T12:00:00Z");
    assertEquals(1, r.status());
    assertTrue(
        r.err().contains("model 'b2b_analytics_trial_pql' has no hand-off: add queues and routes"),
        r.err());
    assertEquals("", r.out());
  }
}
