package dev.pls.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvParserTest {

  private static List<CsvParser.Row> rows(String text) throws IOException {
    CsvParser p = new CsvParser(new StringReader(text));
    List<CsvParser.Row> rows = new ArrayList<>();
    for (CsvParser.Row r = p.next(); r != null; r = p.next()) {
      rows.add(r);
    }
    return rows;
  }

  @Test
  void next_quotedFieldsWithCommasQuotesAndLineBreaks_readAsOneRecordEach() throws IOException {
    List<CsvParser.Row> rows =
        rows("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"multi\r\nline\",x,\"\"\nlast,,\n");
    assertEquals(3, rows.size());
    assertEquals(List.of("a", "b,c", "say \"hi\""), rows.get(0).fields());
    assertEquals(1, rows.get(0).line());
    assertEquals("a,\"b,c\",\"say \"\"hi\"\"\"", rows.get(0).text());
    assertEquals(List.of("multi\r\nline", "x", ""), rows.get(1).fields());
    assertEquals(2, rows.get(1).line());
    assertEquals(List.of("last", "", ""), rows.get(2).fields());
    assertEquals(4, rows.get(2).line());
    rows.forEach(r -> assertNull(r.reason()));
  }

  @Test
  void next_crOnlyAndNoFinalNewline_terminateRecords() throws IOException {
    List<CsvParser.Row> rows = rows("a,b\rc,d");
    assertEquals(List.of("a", "b"), rows.get(0).fields());
    assertEquals(List.of("c", "d"), rows.get(1).fields());
    assertEquals(2, rows.get(1).line());
  }

  @Test
  void next_quoteInsideUnquotedField_takenLiterally() throws IOException {
    assertEquals(List.of("5\" screen", "x"), rows("5\" screen,x\n").get(0).fields());
  }

  @Test
  void next_textAfterClosingQuote_malformedAndNextRecordStartsClean() throws IOException {
    List<CsvParser.Row> rows = rows("\"ab\"c,d\ne,f\n");
    assertEquals("text after a closing quote", rows.get(0).error());
    assertEquals(RejectReason.MALFORMED, rows.get(0).reason());
    assertEquals("\"ab\"c,d", rows.get(0).text());
    assertEquals(List.of("e", "f"), rows.get(1).fields());
    assertEquals(2, rows.get(1).line());
  }

  @Test
  void next_quoteOpenAtEndOfItsOnlyLine_unclosedQuote() throws IOException {
    List<CsvParser.Row> rows = rows("a,b\n\"c,d");
    assertEquals(2, rows.size());
    assertEquals(RejectReason.UNCLOSED_QUOTE, rows.get(1).reason());
    assertEquals("\"c,d", rows.get(1).text());
    assertEquals(2, rows.get(1).line());
  }

  @Test
  void next_strayQuoteNeverClosed_doesNotSwallowTheRestOfTheFile() throws IOException {
    List<CsvParser.Row> rows = rows("a,b\n\"c,d\ne,f\ng,h\n");
    assertEquals(4, rows.size());
    assertEquals(RejectReason.UNCLOSED_QUOTE, rows.get(1).reason());
    assertEquals("\"c,d", rows.get(1).text());
    assertEquals(2, rows.get(1).line());
    assertEquals(
        "a quoted field is not closed by the end of the file (the record ran from line 2 to line 4;"
            + " taken as a stray quote on line 2, so only that line is rejected and reading resumes"
            + " on line 3)",
        rows.get(1).error());
    assertEquals(List.of("e", "f"), rows.get(2).fields());
    assertEquals(3, rows.get(2).line());
    assertNull(rows.get(2).reason());
    assertEquals(List.of("g", "h"), rows.get(3).fields());
    assertEquals(4, rows.get(3).line());
  }

  @Test
  void next_quotedFieldSpanningMoreThanTheLineBound_rejectedAndEveryLineReadAgain()
      throws IOException {
    StringBuilder text = new StringBuilder("x,\"open\n");
    int lines = CsvParser.MAX_SPAN_LINES + 500;
    for (int i = 0; i < lines; i++) {
      text.append("r").append(i).append(",v\r\n");
    }
    text.append("close\",z\n");
    List<CsvParser.Row> rows = rows(text.toString());
    assertEquals(RejectReason.UNCLOSED_QUOTE, rows.get(0).reason());
    assertEquals("x,\"open", rows.get(0).text());
    assertEquals(
        "a quoted field is not closed within 1000 lines (the record ran from line 1 to line 1000;"
            + " taken as a stray quote on line 1, so only that line is rejected and reading resumes"
            + " on line 2)",
        rows.get(0).error());
    for (int i = 0; i < lines; i++) {
      assertEquals(List.of("r" + i, "v"), rows.get(1 + i).fields(), "row " + i);
      assertEquals(2 + i, rows.get(1 + i).line());
    }
    // The closing quote is a stray one too, now: inside an unquoted field it is literal.
    assertEquals(List.of("close\"", "z"), rows.get(1 + lines).fields());
    assertEquals(1 + lines + 1, rows.size());
  }

  @Test
  void next_quotedFieldSpanningMoreThanOneMebibyte_rejectedAndTheLinesReadAgain()
      throws IOException {
    String longCell = "y".repeat(1000);
    int lines = TextSource.MAX_RECORD / 1000 / 2;
    StringBuilder text = new StringBuilder("\"open,1\n");
    for (int i = 0; i < lines; i++) {
      text.append(i).append(',').append(longCell).append(longCell).append('\n');
    }
    List<CsvParser.Row> rows = rows(text.toString());
    assertEquals(RejectReason.UNCLOSED_QUOTE, rows.get(0).reason());
    assertEquals(lines + 1, rows.size());
    for (int i = 0; i < lines; i++) {
      assertEquals(List.of(Integer.toString(i), longCell + longCell), rows.get(1 + i).fields());
      assertNull(rows.get(1 + i).reason());
    }
  }

  @Test
  void next_multiLineRecordWithTextAfterItsClosingQuote_onlyItsFirstLineRejected()
      throws IOException {
    List<CsvParser.Row> rows = rows("\"a,b\nc,d\ne\"x,f\ng,h\n");
    assertEquals(RejectReason.MALFORMED, rows.get(0).reason());
    assertEquals("\"a,b", rows.get(0).text());
    assertEquals(List.of("c", "d"), rows.get(1).fields());
    assertEquals(List.of("e\"x", "f"), rows.get(2).fields());
    assertEquals(List.of("g", "h"), rows.get(3).fields());
    assertEquals(4, rows.size());
  }

  @Test
  void next_multiLineRecordWithAnotherFieldCountThanTheHeader_takenAsAStrayQuote()
      throws IOException {
    CsvParser p = new CsvParser(new StringReader("\"a,b\nc,d\ne\",f,g\n\"ok\nok\",g\n"));
    p.expectColumns(2);
    CsvParser.Row broken = p.next();
    assertEquals(RejectReason.WRONG_COLUMN_COUNT, broken.reason());
    assertEquals("\"a,b", broken.text());
    assertEquals(List.of("c", "d"), p.next().fields());
    assertEquals(List.of("e\"", "f", "g"), p.next().fields());
    CsvParser.Row multi = p.next();
    assertNull(multi.reason());
    assertEquals(List.of("ok\nok", "g"), multi.fields());
    assertEquals(4, multi.line());
    assertNull(p.next());
  }

  @Test
  void next_everyLineAStrayQuote_eachRejectedAlone() throws IOException {
    List<CsvParser.Row> rows = rows("\"a\n\"b\n\"c\n");
    // "a<LF>" then a quote that closes the field and text after it: broken, resumes on line 2.
    assertEquals(RejectReason.MALFORMED, rows.get(0).reason());
    assertEquals("\"a", rows.get(0).text());
    assertEquals(2, rows.get(1).line());
    assertEquals("\"b", rows.get(1).text());
    assertEquals(3, rows.get(2).line());
    assertEquals(RejectReason.UNCLOSED_QUOTE, rows.get(2).reason());
    assertEquals(3, rows.size());
  }

  @Test
  void next_emptyLine_isABlankRecord() throws IOException {
    List<CsvParser.Row> rows = rows("a\n\nb\n");
    assertEquals(3, rows.size());
    assertEquals(true, rows.get(1).blank());
    assertEquals(3, rows.get(2).line());
  }
}
