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
    rows.forEach(r -> assertNull(r.error()));
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
    assertEquals("\"ab\"c,d", rows.get(0).text());
    assertEquals(List.of("e", "f"), rows.get(1).fields());
    assertEquals(2, rows.get(1).line());
  }

  @Test
  void next_quoteOpenAtEndOfFile_malformed() throws IOException {
    List<CsvParser.Row> rows = rows("a,b\n\"c,d\ne,f\n");
    assertEquals(2, rows.size());
    assertEquals("a quoted field is not closed", rows.get(1).error());
    assertEquals(2, rows.get(1).line());
  }

  @Test
  void next_emptyLine_isABlankRecord() throws IOException {
    List<CsvParser.Row> rows = rows("a\n\nb\n");
    assertEquals(3, rows.size());
    assertEquals(true, rows.get(1).blank());
    assertEquals(3, rows.get(2).line());
  }
}
