package dev.pls.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextSourceTest {

  private static List<TextSource.Line> lines(String text) throws IOException {
    TextSource s = new TextSource(new StringReader(text));
    List<TextSource.Line> lines = new ArrayList<>();
    for (TextSource.Line l = s.readLine(); l != null; l = s.readLine()) {
      lines.add(l);
    }
    return lines;
  }

  @Test
  void readLine_terminatorsAsBufferedReaderHasThem() throws IOException {
    assertEquals(
        List.of(
            new TextSource.Line("a", false),
            new TextSource.Line("b", false),
            new TextSource.Line("", false),
            new TextSource.Line("c", false),
            new TextSource.Line("d", false)),
        lines("a\nb\r\n\rc\rd"));
    assertEquals(List.of(), lines(""));
  }

  @Test
  void readLine_linesAcrossBufferBoundaries_wholeAndInOrder() throws IOException {
    String a = "x".repeat(70_000);
    String b = "y".repeat(200_000);
    TextSource s = new TextSource(new StringReader(a + "\r\n" + b + "\n" + "z"));
    assertEquals(new TextSource.Line(a, false), s.readLine());
    assertEquals(new TextSource.Line(b, false), s.readLine());
    assertEquals(new TextSource.Line("z", false), s.readLine());
    assertNull(s.readLine());
  }

  @Test
  void readLine_longerThanTheLimit_keepsItsBeginningAndMarksItCut() throws IOException {
    String huge = "q".repeat(TextSource.MAX_RECORD * 3 + 5);
    List<TextSource.Line> lines = lines("short\n" + huge + "\nafter\n");
    assertEquals(3, lines.size());
    assertEquals(TextSource.MAX_RECORD, lines.get(1).text().length());
    assertEquals(true, lines.get(1).cut());
    assertEquals(new TextSource.Line("after", false), lines.get(2));
  }

  @Test
  void readers_tooLongJsonLineAndCsvRecord_rejectedAndReadingGoesOn() {
    String huge = "{\"user\":\"" + "u".repeat(TextSource.MAX_RECORD) + "\"}";
    StringWriter rejects = new StringWriter();
    CollectingSink sink = new CollectingSink();
    InputReader reader = InputReader.create(sink, Rejects.to(rejects), ReadProgress.NONE);
    FileSummary json =
        reader.readEvents(
            "big.jsonl",
            new ByteArrayInputStream(
                (huge + "\n{\"user\":\"u\",\"event\":\"e\",\"time\":0}\n")
                    .getBytes(StandardCharsets.UTF_8)),
            InputFormat.JSON_LINES,
            CsvMapping.defaults());
    assertEquals(Map.of("too_long", 1L), json.rejectedByReason());
    assertEquals(1, json.accepted());

    String cell = "\"" + "v,".repeat(TextSource.MAX_RECORD) + "\"";
    FileSummary csv =
        reader.readEvents(
            "big.csv",
            new ByteArrayInputStream(
                ("user,event,time,note\nu,e,0," + cell + "\nu,e,0,ok\n")
                    .getBytes(StandardCharsets.UTF_8)),
            InputFormat.CSV,
            CsvMapping.defaults());
    assertEquals(Map.of("too_long", 1L), csv.rejectedByReason());
    assertEquals(1, csv.accepted());
    assertEquals(2, sink.events.size());
  }
}
