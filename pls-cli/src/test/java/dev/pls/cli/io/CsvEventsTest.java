package dev.pls.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.input.Event;
import dev.pls.core.model.Value;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CsvEventsTest {
  private final CollectingSink sink = new CollectingSink();
  private final StringWriter rejectsOut = new StringWriter();

  private FileSummary read(String text, String mapping) {
    return InputReader.create(sink, Rejects.to(rejectsOut), ReadProgress.NONE)
        .readEvents(
            "events.csv",
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
            InputFormat.CSV,
            CsvMapping.parse(mapping));
  }

  @Test
  void read_mappingWithColumnsAndConstant_givesEventsWithRemainingColumnsAsProps() {
    FileSummary s =
        read(
            "user_id,time_stamp,plan,seats,zip,note\n"
                + "u1,2026-11-20T10:00:00Z,pro,5,02139,\"hello, world\"\n"
                + "u2,1763632800,free,,,\n",
            "user=user_id,time=time_stamp,event=:login");
    assertEquals(2, s.accepted(), rejectsOut.toString());
    assertEquals(
        List.of(
            new Event(
                "u1",
                Optional.empty(),
                "login",
                Instant.parse("2026-11-20T10:00:00Z"),
                Map.of(
                    "plan", Value.str("pro"),
                    "seats", Value.num(5),
                    "zip", Value.str("02139"),
                    "note", Value.str("hello, world"))),
            new Event(
                "u2",
                Optional.empty(),
                "login",
                Instant.parse("2025-11-20T10:00:00Z"),
                Map.of("plan", Value.str("free")))),
        sink.events);
  }

  @Test
  void read_defaultColumnNamesAndExplicitProps_onlyThoseProps() {
    read(
        "user,account,event,time,path,ignored\n"
            + "u1,acme,page_viewed,2026-11-20T10:00:00+01:00,/pricing,x\n",
        "prop.page=path,prop.source=:csv");
    assertEquals(
        List.of(
            new Event(
                "u1",
                Optional.of("acme"),
                "page_viewed",
                Instant.parse("2026-11-20T09:00:00Z"),
                Map.of("page", Value.str("/pricing"), "source", Value.str("csv")))),
        sink.events);
  }

  @Test
  void read_badRows_rejectedWithLineAndOriginalText() {
    FileSummary s =
        read(
            "user,event,time\n"
                + "u1,login,2026-11-20T10:00:00Z\n"
                + ",login,2026-11-20T10:00:00Z\n"
                + "u1,,2026-11-20T10:00:00Z\n"
                + "u1,login,\n"
                + "u1,login,2026-11-20T10:00:00\n"
                + "u1,login\n"
                + "\"u1\"x,login,0\n"
                + "\n"
                + "\"u,\"\"1\"\"\",login,\"0\"\n",
            "");
    assertEquals(8, s.read());
    assertEquals(2, s.accepted());
    assertEquals("u,\"1\"", sink.events.get(1).user());
    Golden.assertMatches("dev/pls/cli/io/csv.rejects.jsonl", rejectsOut.toString());
  }

  @Test
  void read_oneStrayQuoteIn50007Rows_onlyItsRowRejectedAndEveryLaterRowRead() {
    StringBuilder text = new StringBuilder("user,event,time\n");
    for (int i = 1; i <= 50_007; i++) {
      String quote = i == 4 ? "\"" : "";
      text.append(quote).append('u').append(i).append(",login,2026-11-20T10:00:00Z\n");
    }
    FileSummary s = read(text.toString(), "");
    assertEquals(50_007, s.read());
    assertEquals(50_006, s.accepted());
    assertEquals(Map.of("unclosed_quote", 1L), s.rejectedByReason());
    assertEquals("u50007", sink.events.get(50_005).user());
    assertTrue(
        rejectsOut.toString().startsWith("{\"file\":\"events.csv\",\"line\":5,"),
        rejectsOut.toString());
    assertTrue(rejectsOut.toString().contains("\"text\":\"\\\"u4,login,"), rejectsOut.toString());
  }

  @Test
  void read_strayQuotePairsLinesApart_onlyTheOpeningRowsRejectedAndTheRowsBetweenRead() {
    // Two stray quotes 997 lines apart made one record of the rows between them, rejected as a
    // bad value ("control character"): 49,850 good rows of 50,000 were neither scored nor counted.
    StringBuilder text = new StringBuilder("user,event,time\n");
    int pairs = 0;
    for (int r = 0; r < 5_000; r++) {
      if (r % 999 == 0) {
        text.append('u').append(r).append(",\"query_run,2026-11-12T10:00:00Z\n");
        pairs++;
      } else if (r % 999 == 997) {
        text.append('u').append(r).append(",query_run\",2026-11-12T10:00:00Z\n");
      } else {
        text.append('u').append(r).append(",query_run,2026-11-12T10:00:00Z\n");
      }
    }
    FileSummary s = read(text.toString(), "");
    assertEquals(5_000, s.read());
    long rejected = s.rejectedByReason().values().stream().mapToLong(Long::longValue).sum();
    // Each opening quote's line is rejected; the closing quote sits inside an unquoted field,
    // where it is an ordinary character, so that row is read like the others.
    assertEquals(pairs, rejected, s.rejectedByReason().toString());
    assertEquals(5_000 - rejected, s.accepted());
    assertEquals("u4999", sink.events.get(sink.events.size() - 1).user());
  }

  @Test
  void read_trailingCommaOnEveryLine_theUnnamedLastColumnIsIgnored_aValueUnderItIsRejected() {
    // An export ending every line with a comma had a header column with no name: the file failed.
    FileSummary s =
        read(
            "user,event,time,\nu1,login,2026-11-20T10:00:00Z,\nu2,login,2026-11-20T11:00:00Z,x\n",
            "");
    assertEquals(Optional.empty(), s.error());
    assertEquals(1, s.accepted());
    assertEquals(Map.of("wrong_column_count", 1L), s.rejectedByReason());
    assertTrue(
        rejectsOut.toString().contains("a value in column 4, which the header does not name"),
        rejectsOut.toString());
  }

  @Test
  void read_cellWithAnExponentBeyondAnyDecimal_numberRangeRejectNotACrash() {
    FileSummary s =
        read(
            "user,event,time,amount\nu1,paid,0,1e99999999999\nu2,paid,0,-1E-99999999999\n"
                + "u3,paid,0,1e3\n",
            "");
    assertEquals(Map.of("number_range", 2L), s.rejectedByReason());
    assertEquals(1, s.accepted());
  }

  @Test
  void read_headerWithAStrayQuote_anErrorForTheFileSayingSo() {
    FileSummary s = read("\"user,event,time\nu1,login,2026-11-20T10:00:00Z\n", "");
    assertEquals(0, s.read());
    assertEquals(
        Optional.of("the header on line 1 has a quoted field that is not closed"), s.error());
  }

  @Test
  void read_localDatesWithAStatedZone_readInThatZone() {
    FileSummary s =
        InputReader.create(sink, Rejects.to(rejectsOut), ReadProgress.NONE)
            .withTimestamps(Timestamps.assumingZone(java.time.ZoneId.of("America/New_York")))
            .readEvents(
                "engagement.csv",
                new ByteArrayInputStream(
                    "time_stamp,user_id,visited\r\n2014-04-22,1,1\r\n"
                        .getBytes(StandardCharsets.UTF_8)),
                InputFormat.CSV,
                CsvMapping.parse("user=user_id,time=time_stamp,event=:login"));
    assertEquals(1, s.accepted(), rejectsOut.toString());
    assertEquals(Instant.parse("2014-04-22T04:00:00Z"), sink.events.get(0).time());
    assertEquals(Map.of("visited", Value.num(1)), sink.events.get(0).properties());
  }

  @Test
  void read_mappedColumnNotInHeader_isAnErrorForTheFile() {
    FileSummary s = read("user_id,event,time\nu1,login,0\n", "user=uid");
    assertEquals(0, s.read());
    assertEquals(
        Optional.of("--map user=uid: no column 'uid' in [user_id, event, time]"), s.error());
  }

  @Test
  void read_requiredColumnMissing_errorSaysHowToMapIt() {
    FileSummary s = read("user,event\nu1,login\n", "");
    assertEquals(
        Optional.of(
            "no column 'time' in the header [user, event]; map one with --map time=COLUMN or"
                + " time=:CONSTANT"),
        s.error());
  }

  @Test
  void parse_badSpecs_rejectedNamingTheEntry() {
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> CsvMapping.parse("usr=x"))
            .getMessage()
            .contains("unknown target 'usr'"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> CsvMapping.parse("user=a,user=b"))
            .getMessage()
            .contains("mapped twice"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> CsvMapping.parse("user"))
            .getMessage()
            .contains("not TARGET=COLUMN"));
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> CsvMapping.parse("event=:"))
            .getMessage()
            .contains("no column or constant"));
  }

  @Test
  void toString_roundTripsTheSpec() {
    String spec = "user=user_id,time=time_stamp,event=:login,prop.plan=plan";
    assertEquals(spec, CsvMapping.parse(spec).toString());
  }
}
