package dev.pls.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.backtest.Outcomes;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutcomeReaderTest {
  @TempDir Path dir;

  private final StringWriter rejected = new StringWriter();

  private OutcomeReader reader(String mapping) {
    return OutcomeReader.create(
        Rejects.to(rejected),
        ReadProgress.NONE,
        Timestamps.strict(),
        mapping == null ? OutcomeReader.Mapping.defaults() : OutcomeReader.Mapping.parse(mapping));
  }

  private OutcomeReader.Read read(String name, String text, String mapping) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return reader(mapping).read(List.of(file));
  }

  private static Instant t(String s) {
    return Instant.parse(s);
  }

  @Test
  void jsonLines_earliestRecordPerEntity_emptyTimesCountedNotRejected() throws Exception {
    OutcomeReader.Read r =
        read(
            "outcomes.jsonl",
            "{\"entity\":\"u1\",\"outcome\":\"converted\",\"time\":\"2024-01-05T00:00:00Z\"}\n"
                + "{\"entity\":\"u1\",\"outcome\":\"converted\",\"time\":\"2024-01-02T00:00:00Z\"}\n"
                + "{\"entity\":7,\"outcome\":\"converted\",\"time\":1704153600,\"amount\":12}\n"
                + "\n"
                + "{\"entity\":\"u2\",\"outcome\":\"converted\",\"time\":null}\n"
                + "{\"entity\":\"u3\",\"outcome\":\"converted\",\"time\":\"\"}\n",
            null);
    assertEquals(List.of("converted"), List.copyOf(r.outcomes().keySet()));
    Outcomes o = r.outcomes().get("converted");
    assertEquals(2, o.size());
    assertEquals(Optional.of(t("2024-01-02T00:00:00Z")), o.time("u1"));
    assertEquals(Optional.of(t("2024-01-02T00:00:00Z")), o.time("7"));
    assertEquals(Optional.empty(), o.time("u2"));
    assertEquals(2, r.withoutTime());
    assertEquals(5, r.read().read());
    assertEquals(5, r.read().accepted());
    assertEquals("", rejected.toString());
  }

  @Test
  void csvWithMapping_columnsRenamedAndOutcomeAConstant_otherColumnsIgnored() throws Exception {
    OutcomeReader.Read r =
        read(
            "deals.csv",
            "org_id,stage,converted_at\n"
                + "acme,won,2024-01-02T00:00:00Z\n"
                + "globex,open,\n"
                + "initech,won,2024-01-03 10:00:00+01:00\n",
            "entity=org_id,time=converted_at,outcome=:closed_won");
    Outcomes o = r.outcomes().get("closed_won");
    assertEquals(2, o.size());
    assertEquals(Optional.of(t("2024-01-03T09:00:00Z")), o.time("initech"));
    assertEquals(1, r.withoutTime());
  }

  @Test
  void csvWithZone_localTimesReadInIt() throws Exception {
    Path file = dir.resolve("o.csv");
    Files.writeString(file, "entity,outcome,time\nu1,converted,2024-01-02\n");
    OutcomeReader.Read r =
        OutcomeReader.create(
                Rejects.to(rejected),
                ReadProgress.NONE,
                Timestamps.assumingZone(ZoneId.of("Europe/Berlin")),
                OutcomeReader.Mapping.defaults())
            .read(List.of(file));
    assertEquals(Optional.of(t("2024-01-01T23:00:00Z")), r.outcomes().get("converted").time("u1"));
  }

  @Test
  void severalNames_eachCollected_inOrderOfName() throws Exception {
    OutcomeReader.Read r =
        read(
            "o.jsonl",
            "{\"entity\":\"u1\",\"outcome\":\"trial_converted\",\"time\":\"2024-01-02T00:00:00Z\"}\n"
                + "{\"entity\":\"u1\",\"outcome\":\"churned\",\"time\":\"2024-03-02T00:00:00Z\"}\n",
            null);
    assertEquals(List.of("churned", "trial_converted"), List.copyOf(r.outcomes().keySet()));
  }

  @Test
  void badLines_rejectedWithLineAndReason_andReadingGoesOn() throws Exception {
    OutcomeReader.Read r =
        read(
            "o.jsonl",
            "{\"entity\":\"u1\",\"outcome\":\"converted\",\"time\":\"2024-01-02T00:00:00\"}\n"
                + "{\"entity\":\"u1\"\n"
                + "{\"outcome\":\"converted\",\"time\":\"2024-01-02T00:00:00Z\"}\n"
                + "{\"entity\":\"u1\",\"time\":\"2024-01-02T00:00:00Z\"}\n"
                + "{\"entity\":\"u1\",\"outcome\":\"converted\"}\n"
                + "{\"entity\":\"u2\",\"outcome\":\"converted\",\"time\":\"2024-01-02T00:00:00Z\"}\n",
            null);
    assertEquals(6, r.read().read());
    assertEquals(1, r.read().accepted());
    assertEquals(
        "{bad_time=1, bad_value=1, malformed=1, missing_id=1, missing_time=1}",
        r.read().rejectedByReason().toString());
    String[] lines = rejected.toString().split("\n");
    assertEquals(5, lines.length);
    assertTrue(
        lines[0].startsWith(
            "{\"file\":\"" + dir.resolve("o.jsonl") + "\",\"line\":1,\"reason\":\"bad_time\""),
        lines[0]);
    assertTrue(lines[2].contains("\"line\":3,\"reason\":\"missing_id\""), lines[2]);
    assertTrue(lines[3].contains("\"line\":4,\"reason\":\"bad_value\""), lines[3]);
    assertTrue(lines[4].contains("\"line\":5,\"reason\":\"missing_time\""), lines[4]);
    assertEquals(1, r.outcomes().get("converted").size());
  }

  @Test
  void csvHeaderWithoutItsColumns_anErrorForTheFileSayingHowToMapThem() throws Exception {
    OutcomeReader.Read r = read("o.csv", "org,outcome,time\nacme,won,2024-01-02T00:00:00Z\n", null);
    assertEquals(
        Optional.of(
            "no column 'entity' in the header [org, outcome, time]; map one with --outcomes-map"
                + " entity=COLUMN"),
        r.read().files().get(0).error());
    assertEquals(0, r.read().read());
  }

  @Test
  void csvRowOfAnotherWidth_rejected() throws Exception {
    OutcomeReader.Read r =
        read("o.csv", "entity,outcome,time\nacme,won\nglobex,won,2024-01-02T00:00:00Z\n", null);
    assertEquals(1, r.read().accepted());
    assertEquals("{wrong_column_count=1}", r.read().rejectedByReason().toString());
  }

  @Test
  void gzip_recognisedByContent() throws Exception {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (var gz = new java.util.zip.GZIPOutputStream(bytes)) {
      gz.write(
          "{\"entity\":\"u1\",\"outcome\":\"converted\",\"time\":\"2024-01-02T00:00:00Z\"}\n"
              .getBytes(StandardCharsets.UTF_8));
    }
    FileSummary f =
        reader(null)
            .read(
                "o.jsonl.gz",
                new ByteArrayInputStream(bytes.toByteArray()),
                InputFormat.JSON_LINES);
    assertEquals(1, f.accepted());
  }

  @Test
  void mapping_unknownTargetOrTwice_refusedNamingTheEntry() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> OutcomeReader.Mapping.parse("user=id"))
            .getMessage()
            .contains("unknown target 'user'"));
    assertTrue(
        assertThrows(
                IllegalArgumentException.class, () -> OutcomeReader.Mapping.parse("time=a,time=b"))
            .getMessage()
            .contains("mapped twice"));
  }
}
