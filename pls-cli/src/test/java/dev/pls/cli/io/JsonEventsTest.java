package dev.pls.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.input.Event;
import dev.pls.core.model.EntityKind;
import dev.pls.core.model.Value;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class JsonEventsTest {
  private final CollectingSink sink = new CollectingSink();
  private final StringWriter rejectsOut = new StringWriter();

  private FileSummary read(String name, String text, long maxRejects) {
    return InputReader.create(sink, Rejects.to(rejectsOut, maxRejects), ReadProgress.NONE)
        .readEvents(
            name,
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
            InputFormat.JSON_LINES,
            CsvMapping.defaults());
  }

  private FileSummary read(String text) {
    return read("events.jsonl", text, Long.MAX_VALUE);
  }

  @Test
  void read_fileMixingGoodAndEveryKindOfBadLine_acceptsTheGoodAndRejectsEachBadWithItsReason() {
    FileSummary summary = read("mixed.jsonl", Golden.read("dev/pls/cli/io/mixed.jsonl"), 1000);

    Map<String, Long> byReason = new TreeMap<>();
    byReason.put("bad_time", 3L);
    byReason.put("bad_value", 3L);
    byReason.put("malformed", 2L);
    byReason.put("missing_event", 1L);
    byReason.put("missing_time", 1L);
    byReason.put("missing_user", 1L);
    byReason.put("nested_value", 2L);
    byReason.put("not_an_object", 1L);
    byReason.put("unsupported_call", 1L);
    assertEquals(
        new FileSummary("mixed.jsonl", 18, 3, 15, new TreeMap<>(byReason), Optional.empty()),
        summary);
    assertEquals(
        List.of(
            new Event(
                "u1",
                Optional.of("acme"),
                "invite_sent",
                Instant.parse("2026-11-20T10:00:00Z"),
                Map.of(
                    "n", Value.num(1),
                    "ok", Value.bool(true),
                    "s", Value.str("x"),
                    "f", Value.num("0.1"))),
            Event.of("u2", "login", Instant.parse("2025-11-20T10:00:00Z")),
            new Event(
                "u3",
                Optional.of("globex"),
                "page_viewed",
                Instant.parse("2026-11-20T10:00:00.250Z"),
                Map.of("path", Value.str("/pricing")))),
        sink.events);
    Golden.assertMatches("dev/pls/cli/io/mixed.rejects.jsonl", rejectsOut.toString());
  }

  @Test
  void read_propertyOrder_keptAsWritten() {
    read("{\"user\":\"u\",\"event\":\"e\",\"time\":0,\"props\":{\"b\":1,\"a\":2}}\n");
    assertEquals(List.of("b", "a"), List.copyOf(sink.events.get(0).properties().keySet()));
  }

  @Test
  void read_numericUserAndDecimalProperty_keptExactly() {
    read("{\"user\":42,\"event\":\"e\",\"time\":0,\"props\":{\"amount\":12.50}}");
    Event e = sink.events.get(0);
    assertEquals("42", e.user());
    assertEquals(Value.num("12.5"), e.properties().get("amount"));
  }

  @Test
  void read_timeZonesOfTimestamps_allBecomeTheSameInstant() {
    read(
        String.join(
            "\n",
            "{\"user\":\"u\",\"event\":\"e\",\"time\":\"2026-03-29T00:30:00Z\"}",
            "{\"user\":\"u\",\"event\":\"e\",\"time\":\"2026-03-29T11:30:00+11:00\"}",
            "{\"user\":\"u\",\"event\":\"e\",\"time\":\"2026-03-28T19:30:00-05:00\"}",
            "{\"user\":\"u\",\"event\":\"e\",\"time\":1774744200}",
            "{\"user\":\"u\",\"event\":\"e\",\"time\":1774744200000}",
            "{\"user\":\"u\",\"event\":\"e\",\"time\":\"1774744200\"}"));
    assertEquals(6, sink.events.size());
    sink.events.forEach(e -> assertEquals(Instant.parse("2026-03-29T00:30:00Z"), e.time()));
  }

  @Test
  void read_maxRejectsExceeded_stopsReadingAndSaysSo() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 10; i++) {
      text.append("{\"user\":\"u\",\"event\":\"e\"}\n");
      text.append("{\"user\":\"u\",\"event\":\"e\",\"time\":0}\n");
    }
    FileSummary summary = read("e.jsonl", text.toString(), 3);
    // The fourth reject exceeds a limit of three; nothing after it is read.
    assertEquals(7, summary.read());
    assertEquals(4, summary.rejected());
    assertEquals(3, sink.events.size());
    assertEquals(4, rejectsOut.toString().lines().count());
  }

  @Test
  void read_segmentTrackIdentifyGroupPageScreen_giveEventsTraitsAndMembership() {
    FileSummary summary = read("segment.jsonl", Golden.read("dev/pls/cli/io/segment.jsonl"), 100);

    assertEquals(9, summary.read(), rejectsOut.toString());
    assertEquals(1, summary.rejected(), rejectsOut.toString());
    assertEquals(Map.of("missing_user", 1L), summary.rejectedByReason());
    assertEquals(
        List.of(
            new Event(
                "u1",
                Optional.of("acme"),
                "invite_sent",
                Instant.parse("2026-11-20T09:00:00Z"),
                Map.of("invitee", Value.str("bob@acme.io"), "count", Value.num(2))),
            new Event(
                "anon-9",
                Optional.empty(),
                "signed_up",
                Instant.parse("2026-11-19T23:00:00Z"),
                Map.of()),
            new Event(
                "u1",
                Optional.of("acme-top"),
                "feature_used",
                Instant.parse("2026-11-20T09:05:00Z"),
                Map.of("feature", Value.str("sso"))),
            new Event(
                "u1",
                Optional.empty(),
                "page_viewed",
                Instant.parse("2026-11-20T09:10:00Z"),
                Map.of("path", Value.str("/pricing"), "name", Value.str("Pricing"))),
            new Event(
                "u1",
                Optional.empty(),
                "screen_viewed",
                Instant.parse("2026-11-20T09:11:00Z"),
                Map.of("name", Value.str("Settings")))),
        sink.events);
    assertEquals(
        List.of(
            new CollectingSink.Traits(
                EntityKind.USER,
                "u1",
                Map.of("email", Value.str("ann@acme.io"), "employees", Value.num(200))),
            new CollectingSink.Traits(
                EntityKind.USER, "u2", Map.of("email", Value.str("bo@gmail.com"))),
            new CollectingSink.Traits(
                EntityKind.ACCOUNT,
                "acme",
                Map.of("industry", Value.str("software"), "icp", Value.bool(true)))),
        sink.traits);
    assertEquals(
        List.of(new CollectingSink.Member("u1", "acme", Instant.parse("2026-11-20T08:00:00Z"))),
        sink.members);
  }

  @Test
  void read_numbersTooLongToWriteOut_rejectedWithoutBeingWrittenOut() {
    FileSummary s =
        read(
            String.join(
                "\n",
                "{\"user\":\"u\",\"event\":\"e\",\"time\":0,\"props\":{\"n\":1e999999999}}",
                "{\"user\":\"u\",\"event\":\"e\",\"time\":1e999999999}",
                "{\"user\":\"u\",\"event\":\"e\",\"time\":1e-999999999}",
                "{\"user\":\"u\",\"event\":\"e\",\"time\":1e999}",
                "{\"user\":\"u\",\"event\":\"e\",\"time\":1e-999}"));
    assertEquals(Map.of("bad_time", 4L, "number_range", 1L), s.rejectedByReason());
    assertEquals(List.of(), sink.events);
    assertTrue(
        rejectsOut.toString().contains("property 'n' is a number out of range: 1E+999999999"),
        rejectsOut.toString());
    assertTrue(
        rejectsOut.toString().contains("field 'time' is a number out of range: 1E-999999999"),
        rejectsOut.toString());
  }

  @Test
  void read_segmentTraitsOfTheWrongDeclaredType_callRejectedWholeTheRestRead() {
    var model =
        dev.pls.dsl.RulesLanguage.compile(
                "m.pls",
                "model m version 1\n  entity user\ntrait icp: bool\nevent login\n"
                    + "category c {\n  count(login) >= 1 : +1 \"x\"\n}\n")
            .model()
            .orElseThrow();
    FileSummary s =
        InputReader.create(sink, Rejects.to(rejectsOut), ReadProgress.NONE)
            .checkingTypesOf(model)
            .readEvents(
                "segment.jsonl",
                new ByteArrayInputStream(
                    String.join(
                            "\n",
                            "{\"type\":\"identify\",\"userId\":\"u1\",\"traits\":{\"icp\":\"Yes\"}}",
                            "{\"type\":\"identify\",\"userId\":\"u2\",\"traits\":{\"icp\":true}}",
                            "{\"type\":\"track\",\"userId\":\"u1\",\"event\":\"login\",\"timestamp\":0}")
                        .getBytes(StandardCharsets.UTF_8)),
                InputFormat.JSON_LINES,
                CsvMapping.defaults());
    assertEquals(Map.of("wrong_type", 1L), s.rejectedByReason());
    assertEquals(2, s.accepted());
    assertEquals(1, sink.traits.size());
    assertEquals("u2", sink.traits.get(0).id());
  }

  @Test
  void read_exponentBeyondAnyDecimal_rejectedNotACrash() {
    FileSummary s =
        read(
            String.join(
                "\n",
                "{\"user\":\"u\",\"event\":\"e\",\"time\":0,\"props\":{\"n\":1e99999999999}}",
                "{\"user\":\"u\",\"event\":\"e\",\"time\":1e99999999999}",
                "{\"user\":\"u\",\"event\":\"e\",\"time\":0}"));
    assertEquals(1, s.accepted());
    assertEquals(Map.of("number_range", 2L), s.rejectedByReason());
    assertTrue(
        rejectsOut.toString().contains("\"detail\":\"member 'time' is a number out of range: its"),
        rejectsOut.toString());
  }

  @Test
  void read_textAfterTheObject_malformedNotIgnored() {
    FileSummary s = read("{\"user\":\"u\",\"event\":\"e\",\"time\":0} {\"user\":\"v\"}");
    assertEquals(Map.of("malformed", 1L), s.rejectedByReason());
    assertEquals(List.of(), sink.events);
  }

  @Test
  void read_propertyWith999Digits_rejectedAsNumberRangeNotScoredSlowly() {
    String amount = "9".repeat(999);
    FileSummary s =
        read(
            "{\"user\":\"u\",\"event\":\"paid\",\"time\":0,\"props\":{\"amount\":"
                + amount
                + "}}\n{\"user\":\"u\",\"event\":\"paid\",\"time\":0,\"props\":{\"amount\":"
                + "0."
                + amount
                + "}}\n{\"user\":\"u\",\"event\":\"paid\",\"time\":0,\"props\":{\"amount\":12.5}}");
    assertEquals(Map.of("number_range", 2L), s.rejectedByReason());
    assertEquals(1, sink.events.size());
    assertTrue(
        rejectsOut
            .toString()
            .contains(
                "\"detail\":\"property 'amount' is a number out of range: "
                    + "9".repeat(40)
                    + "\u2026 (999 characters) (pls numbers have at most 34 significant digits"),
        rejectsOut.toString());
  }

  @Test
  void read_numberLongerThanTheJsonParserTakes_numberRangeRejectNamingTheMember() {
    FileSummary s =
        read(
            "{\"user\":\"u\",\"event\":\"paid\",\"time\":0,\"props\":{\"amount\":"
                + "1".repeat(2000)
                + "}}\n{\"user\":\"u\",\"event\":\"paid\",\"time\":0}");
    assertEquals(Map.of("number_range", 1L), s.rejectedByReason());
    assertEquals(1, s.accepted());
    assertTrue(
        rejectsOut
            .toString()
            .contains(
                "\"detail\":\"member 'amount' is a number out of range: more than 1000"
                    + " characters"),
        rejectsOut.toString());
  }

  @Test
  void read_numbersAtTheEdgeOfTheRange_34DigitsAcceptedAnd35Rejected() {
    String digits34 = "1234567890123456789012345678901234";
    FileSummary s =
        read(
            String.join(
                "\n",
                "{\"user\":\"u\",\"event\":\"e\",\"time\":0,\"props\":{\"n\":" + digits34 + "}}",
                "{\"user\":\"u\",\"event\":\"e\",\"time\":0,\"props\":{\"n\":0." + digits34 + "}}",
                "{\"user\":\"u\",\"event\":\"e\",\"time\":0,\"props\":{\"n\":" + digits34 + "5}}",
                "{\"user\":\"u\",\"event\":\"e\",\"time\":0,\"props\":{\"n\":0.0"
                    + digits34
                    + "}}"));
    assertEquals(2, s.accepted(), rejectsOut.toString());
    assertEquals(Map.of("number_range", 2L), s.rejectedByReason());
  }

  @Test
  void read_segmentTrackWithTopLevelName_nameIsNotAProperty() {
    read("{\"type\":\"track\",\"userId\":\"u\",\"event\":\"e\",\"name\":\"x\",\"timestamp\":0}");
    assertEquals(Map.of(), sink.events.get(0).properties());
  }

  @Test
  void read_blankLinesOnly_readsNothing() {
    FileSummary summary = read("\n  \n\t\n");
    assertEquals(0, summary.read());
    assertFalse(summary.error().isPresent());
    assertTrue(sink.events.isEmpty());
  }
}
