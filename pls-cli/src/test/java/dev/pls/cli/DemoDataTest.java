package dev.pls.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoDataTest {
  private static final Path DIR = Path.of("..", "examples", "b2b-trial");
  private static final Path SEATS = Path.of("..", "examples", "seat-expansion");

  @Test
  void demoData_defaultSeed_regeneratesTheCheckedInFiles() throws Exception {
    ByteArrayOutputStream events = new ByteArrayOutputStream();
    ByteArrayOutputStream traits = new ByteArrayOutputStream();
    ByteArrayOutputStream outcomes = new ByteArrayOutputStream();
    DemoData.write(DemoData.SEED, DemoData.COMPANIES, events, traits, outcomes);
    byte[] checkedIn;
    try (InputStream in =
        new GZIPInputStream(Files.newInputStream(DIR.resolve("events.jsonl.gz")))) {
      checkedIn = in.readAllBytes();
    }
    // Regenerate with: ./pls demo-data examples/b2b-trial
    assertArrayEquals(checkedIn, events.toByteArray(), "events.jsonl.gz is out of date");
    assertArrayEquals(
        Files.readAllBytes(DIR.resolve("traits.jsonl")),
        traits.toByteArray(),
        "traits.jsonl is out of date");
    assertArrayEquals(
        Files.readAllBytes(DIR.resolve("outcomes.jsonl")),
        outcomes.toByteArray(),
        "outcomes.jsonl is out of date");
  }

  @Test
  void demoData_outcomes_leaveTheEventsAndTraitsAsTheyWere() throws Exception {
    ByteArrayOutputStream events = new ByteArrayOutputStream();
    ByteArrayOutputStream traits = new ByteArrayOutputStream();
    DemoData.write(7, 30, events, traits);
    ByteArrayOutputStream withEvents = new ByteArrayOutputStream();
    ByteArrayOutputStream withTraits = new ByteArrayOutputStream();
    ByteArrayOutputStream outcomes = new ByteArrayOutputStream();
    DemoData.write(7, 30, withEvents, withTraits, outcomes);
    assertArrayEquals(events.toByteArray(), withEvents.toByteArray());
    assertArrayEquals(traits.toByteArray(), withTraits.toByteArray());
    String text = outcomes.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(text.startsWith("{\"entity\":\"u"), text);
    for (String line : text.split("\n")) {
      // Nothing converts after the instant the demo is scored as of.
      String time = line.replaceAll(".*\"time\":\"([^\"]+)\".*", "$1");
      assertFalse(java.time.Instant.parse(time).isAfter(DemoData.AS_OF), line);
    }
  }

  @Test
  void seatExpansionData_defaultSeed_regeneratesTheCheckedInFiles() throws Exception {
    ByteArrayOutputStream events = new ByteArrayOutputStream();
    ByteArrayOutputStream traits = new ByteArrayOutputStream();
    ByteArrayOutputStream outcomes = new ByteArrayOutputStream();
    SeatExpansionData.write(
        SeatExpansionData.SEED, SeatExpansionData.COMPANIES, events, traits, outcomes);
    byte[] checkedIn;
    try (InputStream in =
        new GZIPInputStream(Files.newInputStream(SEATS.resolve("events.jsonl.gz")))) {
      checkedIn = in.readAllBytes();
    }
    // Regenerate with: ./pls demo-data --example seat-expansion examples/seat-expansion
    assertArrayEquals(checkedIn, events.toByteArray(), "events.jsonl.gz is out of date");
    assertArrayEquals(
        Files.readAllBytes(SEATS.resolve("traits.jsonl")),
        traits.toByteArray(),
        "traits.jsonl is out of date");
    assertArrayEquals(
        Files.readAllBytes(SEATS.resolve("outcomes.jsonl")),
        outcomes.toByteArray(),
        "outcomes.jsonl is out of date");
  }

  @Test
  void seatExpansionOutcomes_leaveEventsAndTraitsAsTheyWere_oneExpansionPerAccountAfterAsOf()
      throws Exception {
    ByteArrayOutputStream events = new ByteArrayOutputStream();
    ByteArrayOutputStream traits = new ByteArrayOutputStream();
    SeatExpansionData.write(SeatExpansionData.SEED, SeatExpansionData.COMPANIES, events, traits);
    ByteArrayOutputStream withEvents = new ByteArrayOutputStream();
    ByteArrayOutputStream withTraits = new ByteArrayOutputStream();
    ByteArrayOutputStream outcomes = new ByteArrayOutputStream();
    SeatExpansionData.write(
        SeatExpansionData.SEED, SeatExpansionData.COMPANIES, withEvents, withTraits, outcomes);
    assertArrayEquals(events.toByteArray(), withEvents.toByteArray());
    assertArrayEquals(traits.toByteArray(), withTraits.toByteArray());
    java.util.Set<String> accounts = new java.util.HashSet<>();
    for (String line : outcomes.toString(StandardCharsets.UTF_8).split("\n")) {
      com.fasterxml.jackson.databind.JsonNode j =
          new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
      assertEquals("expanded", j.get("outcome").asText(), line);
      assertTrue(accounts.add(j.get("entity").asText()), "twice: " + line);
      java.time.Instant t = java.time.Instant.parse(j.get("time").asText());
      assertTrue(t.isAfter(SeatExpansionData.AS_OF), line);
      assertFalse(t.isAfter(SeatExpansionData.AS_OF.plus(java.time.Duration.ofDays(31))), line);
    }
    assertTrue(accounts.size() > 20 && accounts.size() < 200, accounts.size() + " expanded");
  }

  @Test
  void seatExpansionOutcomes_holdoutIsTheExampleModels() {
    dev.pls.core.model.Model m =
        dev.pls.dsl.RulesLanguage.compile(SEATS.resolve("model.pls")).model().orElseThrow();
    assertEquals(m.handoff().orElseThrow().holdout().orElseThrow(), SeatExpansionData.HOLDOUT);
  }

  @Test
  void demoData_checkedInFiles_stayUnderOneMegabyte() throws Exception {
    for (Path dir : List.of(DIR, SEATS)) {
      long size =
          Files.size(dir.resolve("events.jsonl.gz")) + Files.size(dir.resolve("traits.jsonl"));
      assertTrue(size < 1_048_576, dir + ": demo data is " + size + " bytes");
    }
  }

  @Test
  void demoDataCommand_seatExpansion_writesWhatTheGeneratorGives(@TempDir Path tmp)
      throws Exception {
    Cli.Result r =
        Cli.run(
            "demo-data",
            "--example",
            "seat-expansion",
            "--companies",
            "5",
            "--seed",
            "9",
            tmp.toString());
    assertEquals(0, r.status(), r.err());
    ByteArrayOutputStream events = new ByteArrayOutputStream();
    ByteArrayOutputStream traits = new ByteArrayOutputStream();
    ByteArrayOutputStream outcomes = new ByteArrayOutputStream();
    SeatExpansionData.write(9, 5, events, traits, outcomes);
    try (InputStream in =
        new GZIPInputStream(Files.newInputStream(tmp.resolve("events.jsonl.gz")))) {
      assertArrayEquals(events.toByteArray(), in.readAllBytes());
    }
    assertArrayEquals(traits.toByteArray(), Files.readAllBytes(tmp.resolve("traits.jsonl")));
    assertArrayEquals(outcomes.toByteArray(), Files.readAllBytes(tmp.resolve("outcomes.jsonl")));
    assertTrue(r.err().contains("outcomes.jsonl"), r.err());
  }

  @Test
  void demoDataCommand_b2bTrial_writesEventsTraitsAndOutcomes(@TempDir Path tmp) throws Exception {
    Cli.Result r = Cli.run("demo-data", "--companies", "5", "--seed", "9", tmp.toString());
    assertEquals(0, r.status(), r.err());
    ByteArrayOutputStream events = new ByteArrayOutputStream();
    ByteArrayOutputStream traits = new ByteArrayOutputStream();
    ByteArrayOutputStream outcomes = new ByteArrayOutputStream();
    DemoData.write(9, 5, events, traits, outcomes);
    try (InputStream in =
        new GZIPInputStream(Files.newInputStream(tmp.resolve("events.jsonl.gz")))) {
      assertArrayEquals(events.toByteArray(), in.readAllBytes());
    }
    assertArrayEquals(traits.toByteArray(), Files.readAllBytes(tmp.resolve("traits.jsonl")));
    assertArrayEquals(outcomes.toByteArray(), Files.readAllBytes(tmp.resolve("outcomes.jsonl")));
    assertTrue(r.err().contains("outcomes.jsonl"), r.err());
  }

  @Test
  void demoDataCommand_unknownExample_isAUsageErrorNamingTheOption(@TempDir Path tmp) {
    Cli.Result r = Cli.run("demo-data", "--example", "seats", tmp.resolve("x").toString());
    assertEquals(2, r.status());
    assertTrue(
        r.err()
            .contains(
                "Invalid value for option '--example': expected one of [b2b-trial,"
                    + " seat-expansion] but was 'seats'"),
        r.err());
    assertFalse(Files.exists(tmp.resolve("x")));
  }

  @Test
  void seatExpansionData_scoredByTheCli_everyTierAndBothExclusionsOccur() throws Exception {
    Cli.Result r =
        Cli.run(
            "score",
            SEATS.resolve("model.pls").toString(),
            "--events",
            SEATS.resolve("events.jsonl.gz").toString(),
            "--traits",
            SEATS.resolve("traits.jsonl").toString(),
            "--as-of",
            Cli.AS_OF,
            "--members");
    assertEquals(0, r.status(), r.err());
    assertTrue(
        r.err()
            .contains(
                "scored 200 accounts: tier1_enterprise 15, tier2_mid_market 26, tier3_smb 34,"
                    + " tier4_individual 32, none 93 (0 excluded)"),
        r.err());
    // Free-mail members and Crewdesk's own support engineer are members the model excludes.
    assertTrue(r.out().contains("\"excluded\":\"personal email domain\""));
    assertEquals(1, r.out().split("\"excluded\":\"internal user\"", -1).length - 1);
  }

  @Test
  void demoData_anotherSeed_givesOtherData() throws Exception {
    ByteArrayOutputStream a = new ByteArrayOutputStream();
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DemoData.write(1, 20, a, new ByteArrayOutputStream());
    DemoData.write(2, 20, b, new ByteArrayOutputStream());
    assertTrue(!a.toString().equals(b.toString()));
    ByteArrayOutputStream again = new ByteArrayOutputStream();
    DemoData.write(1, 20, again, new ByteArrayOutputStream());
    assertEquals(a.toString(), again.toString());
  }

  @Test
  void demoData_scoredByTheCli_everyTierAndBothExclusionsOccur() {
    Cli.Result r =
        Cli.run(
            "score",
            Cli.MODEL,
            "--events",
            DIR.resolve("events.jsonl.gz").toString(),
            "--traits",
            DIR.resolve("traits.jsonl").toString(),
            "--as-of",
            Cli.AS_OF,
            "--format",
            "csv");
    assertEquals(0, r.status(), r.err());
    assertTrue(
        r.err()
            .contains("scored 3352 users: sales_ready 204, nurture 365, none 2783 (853 excluded)"),
        r.err());
    assertTrue(r.out().contains(",personal email domain,"));
    assertTrue(r.out().contains(",automated traffic,"));
  }
}
