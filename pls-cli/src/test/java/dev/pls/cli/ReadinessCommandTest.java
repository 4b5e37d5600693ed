package dev.pls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pls readiness} and {@code pls check --events} on the readiness fixture ({@code
 * readiness/model.pls}: logins +10, exports in two formats +20): the backtest fixture's three users
 * fail it (too few, no activation named, no export event, no format property); 1,000 generated
 * users with logins on every day of the window and two exports pass it. {@code ReadinessTest} in
 * the core builds data to fail each item on its own.
 */
class ReadinessCommandTest {
  private static final String MODEL = Cli.RES + "readiness/model.pls";
  private static final String EVENTS = Cli.RES + "backtest/events.jsonl";

  @TempDir Path tmp;

  /** 1,000 users, user i logging in i mod 30 days before 31 March 2026 noon; u0 exports twice. */
  private Path ready() throws Exception {
    Instant asOf = Instant.parse("2026-03-31T12:00:00Z");
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      b.append("{\"user\":\"u")
          .append(i)
          .append("\",\"event\":\"login\",\"time\":\"")
          .append(asOf.minus(Duration.ofDays(i % 30)).minus(Duration.ofHours(1)))
          .append("\"}\n");
    }
    b.append("{\"user\":\"u0\",\"event\":\"export\",\"props\":{\"format\":\"csv\"},\"time\":\"")
        .append(asOf.minus(Duration.ofHours(2)))
        .append("\"}\n");
    b.append("{\"user\":\"u0\",\"event\":\"export\",\"props\":{\"format\":\"pdf\"},\"time\":\"")
        .append(asOf.minus(Duration.ofHours(2)))
        .append("\"}\n");
    Path f = tmp.resolve("ready.jsonl");
    Files.writeString(f, b, StandardCharsets.UTF_8);
    return f;
  }

  @Test
  void threeUsers_needsPrerequisites_exit4_namingEachFailingItem() {
    Cli.Result r = Cli.run("readiness", MODEL, "--events", EVENTS);
    assertEquals(ReadinessCommand.NOT_READY, r.status(), r.err());
    assertEquals(
        "readiness of ready_check as of 2026-01-03T10:00:00Z (the newest event): Needs"
            + " prerequisites (active_accounts, activation_rate, instrumentation)\n"
            + "  FAIL active_accounts: 3 active users (an event in the 30 UTC days up to the as-of"
            + " instant); 1000 or more needed\n"
            + "  FAIL activation_rate: unknown: the model declares no activation and none was named\n"
            + "  ok   identity_coverage: 0 of 3 users map to an account (0.0%); not required of a"
            + " user model\n"
            + "  ok   event_volume: 1.7 events a day over 3 UTC days; 0 days without any event\n"
            + "  FAIL event 'export' is read by the model but never occurs in the events\n"
            + "  FAIL property 'format' is read by the model but no event has it\n"
            + "  note rule 'two_formats' never fires in the 30 days up to the as-of instant\n",
        r.out());
  }

  @Test
  void generatedUsers_ready_exit0_inJson() throws Exception {
    Cli.Result r =
        Cli.run(
            "readiness",
            MODEL,
            "--events",
            ready().toString(),
            "--activation",
            "logged_in",
            "--format",
            "json");
    assertEquals(0, r.status(), r.out() + r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertEquals("ready", j.get("verdict").asText());
    assertEquals("2026-03-31T11:00:00Z", j.get("as_of").asText());
    assertEquals(1000, j.at("/items/active_accounts/value").asLong());
    assertEquals(1, j.at("/items/activation_rate/value").asDouble());
    assertEquals("33.4", j.at("/items/event_volume/value").asText(), "1,002 events over 30 days");
    assertEquals("2026-03-31T11:00:00Z", j.get("as_of").asText(), "the newest event");
    assertEquals(0, j.get("failing").size());
    assertEquals(0, j.get("missing_events").size());
    assertEquals(0, j.get("silent_rules").size());
  }

  @Test
  void activationDeclaredInTheModel_isMeasured_andTheOptionOverridesIt() throws Exception {
    Path declared = tmp.resolve("declared.pls");
    Files.writeString(
        declared,
        Files.readString(Path.of(MODEL), StandardCharsets.UTF_8) + "activation export\n",
        StandardCharsets.UTF_8);
    Cli.Result r = Cli.run("readiness", declared.toString(), "--events", ready().toString());
    assertEquals(ReadinessCommand.NOT_READY, r.status(), r.out() + r.err());
    assertTrue(
        r.out()
            .contains(
                "  FAIL activation_rate: 1 of 1000 active users activated (event export by the"
                    + " as-of instant): 0.1%; above 20.0% needed\n"),
        r.out());
    Cli.Result overridden =
        Cli.run(
            "readiness",
            declared.toString(),
            "--events",
            ready().toString(),
            "--activation",
            "logged_in");
    assertEquals(0, overridden.status(), overridden.out() + overridden.err());
    assertTrue(
        overridden.out().contains("(rule logged_in fired in the window): 100.0%"),
        overridden.out());
  }

  @Test
  void activationBlank_usageErrorNamingTheOption() {
    Cli.Result r = Cli.run("readiness", MODEL, "--events", EVENTS, "--activation", " ");
    assertEquals(2, r.status());
    assertTrue(r.err().contains("--activation: ' ' is not a name"), r.err());
  }

  @Test
  void asOf_movesTheWindow_beforeAnyEventNothingIsActive() throws Exception {
    Cli.Result r =
        Cli.run(
            "readiness",
            MODEL,
            "--events",
            ready().toString(),
            "--activation",
            "login",
            "--as-of",
            "2026-01-01T00:00:00Z",
            "--format",
            "json");
    assertEquals(ReadinessCommand.NOT_READY, r.status(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertEquals(0, j.at("/items/active_accounts/value").asLong());
    assertTrue(j.at("/items/event_volume/detail").asText().contains("no event at all"));
  }

  @Test
  void withoutEvents_usageError() {
    Cli.Result r = Cli.run("readiness", MODEL);
    assertEquals(2, r.status());
    assertTrue(r.err().contains("--events"), r.err());
  }

  @Test
  void check_withEvents_warnsOfWhatTheDataNeverGives_exit0() {
    Cli.Result r = Cli.run("check", MODEL, "--events", EVENTS);
    assertEquals(0, r.status(), r.err());
    assertEquals(
        "ready_check: warning: event 'export' is read by the model but never occurs in the"
            + " events\n"
            + "ready_check: warning: property 'format' is read by the model but no event has it\n"
            + "ready_check: warning: rule 'two_formats' never fires in the 30 days up to the as-of"
            + " instant\n",
        r.out());
  }

  @Test
  void check_withoutEvents_noDataWarnings() {
    Cli.Result r = Cli.run("check", MODEL);
    assertEquals(0, r.status(), r.err());
    assertEquals("", r.out());
  }
}
