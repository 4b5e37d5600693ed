package dev.pls.flink;

import static dev.pls.flink.TestData.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.handoff.Alert;
import dev.pls.flink.TestData.Run;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hand-off on Flink's MiniCluster against {@code pls route}: the same alerts, byte for byte, on
 * generated users over a replayed period whose daily capacities bind, with holds, a trigger, a
 * suppression, a hold-out and cooldowns, two steps a local day in a zone with a DST change, at
 * parallelism 1 and 2.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class HandoffTest {
  @TempDir Path tmp;

  @Test
  void sketchWithHandoffInNewYork_alertsOfEveryStep_areThoseOfPlsRoute_atParallelism1And2()
      throws Exception {
    Path model = TestData.sketchWithHandoffIn(tmp, "America/New_York");
    Path events = tmp.resolve("events.jsonl");
    Path traits = tmp.resolve("traits.jsonl");
    // New York leaves DST on 2026-11-01; 80 users over 30 days, events up to 45 minutes late.
    TestData.write(
        events, traits, 33, 80, Instant.parse("2026-10-15T00:00:00Z"), 30, Duration.ofMinutes(45));
    Instant from = Instant.parse("2026-10-18T13:00:00Z");
    Instant to = Instant.parse("2026-11-13T13:00:00Z");
    StringBuilder summary = new StringBuilder();
    String expected =
        TestData.plsRoute(
            model, events, traits, from, to, "12h", tmp.resolve("pls-alerts.jsonl"), summary);
    // The data exercises what is to be held equal: full queues, the hold-out, the cooldown.
    assertTrue(expected.contains("\"status\":\"triage\""), "a capacity binds");
    assertTrue(expected.contains("\"status\":\"held_out\""), "someone is held out");
    assertTrue(expected.contains("\"status\":\"sent\""), "alerts are sent");
    Matcher cooled = Pattern.compile("withheld: cooldown (\\d+), retail (\\d+)").matcher(summary);
    assertTrue(cooled.find(), summary.toString());
    assertTrue(Integer.parseInt(cooled.group(1)) > 0, "the cooldown withholds: " + summary);
    assertTrue(Integer.parseInt(cooled.group(2)) > 0, "the suppression withholds: " + summary);
    long alerts = expected.lines().count();

    for (String p : List.of("1", "2")) {
      Path out = tmp.resolve("out-" + p);
      List<String> args =
          new ArrayList<>(
              List.of(
                  "--local",
                  "--model",
                  model.toString(),
                  "--events",
                  events.toString(),
                  "--traits",
                  traits.toString(),
                  "--from",
                  from.toString(),
                  "--to",
                  to.toString(),
                  "--step",
                  "12h",
                  "--parallelism",
                  p,
                  "--out",
                  out.toString()));
      if (p.equals("2")) {
        args.addAll(List.of("--state-backend", "rocksdb", "--checkpoint-interval", "200ms"));
      }
      Run r = job(args);
      assertEquals(0, r.status(), r.err());
      assertEquals(
          expected,
          Files.readString(out.resolve(PlsFlinkJob.ALERTS), StandardCharsets.UTF_8),
          "parallelism " + p);
      assertTrue(r.err().contains(" cards; " + alerts + " alerts; 3 rejected"), r.err());
    }
  }

  @Test
  void aModelThatAlertsUsersWithNothing_isRefusedByName() throws Exception {
    Path model = tmp.resolve("eager.pls");
    Files.writeString(
        model,
        String.join(
            "\n",
            "model eager version 1",
            "signal invites = count(invite_sent)",
            "category usage {",
            "  invites >= 1 within 7d : +10 \"Invited a teammate\"",
            "}",
            "tier everyone when score >= 0",
            "queue nurture \"Nurture\" sla 72h",
            "route everyone to nurture level low",
            ""));
    Path events = tmp.resolve("events.jsonl");
    Files.writeString(
        events, "{\"user\":\"u1\",\"event\":\"invite_sent\",\"time\":\"2026-10-05T10:00:00Z\"}\n");
    Run r =
        job(
            List.of(
                "--local",
                "--model",
                model.toString(),
                "--events",
                events.toString(),
                "--as-of",
                "2026-10-06T12:00:00Z",
                "--out",
                tmp.resolve("out").toString()));
    assertEquals(1, r.status(), r.err());
    assertTrue(
        r.err().contains("model: 'eager' alerts a user with no events and no traits (at"), r.err());
    assertTrue(r.err().contains("to queue nurture: entered tier everyone"), r.err());
  }

  @Test
  void withStatus_replacesTheStatusField_notTextThatLooksLikeIt() {
    String line =
        "{\"id\":\"x\",\"entity\":\"a\\\",\\\"status\\\":\\\"sent\",\"due\":\"d\",\"status\":\"sent\","
            + "\"reasons\":[\"r\"]}";
    assertEquals(
        "{\"id\":\"x\",\"entity\":\"a\\\",\\\"status\\\":\\\"sent\",\"due\":\"d\","
            + "\"status\":\"triage\",\"reasons\":[\"r\"]}",
        Capacity.withStatus(line, Alert.Status.TRIAGE));
  }
}
