package dev.pls.cli.io;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/*
 * An RFC 4180 reader that streams: fields separated by commas, records by LF, CRLF or CR; a field
 * in double quotes may hold commas, line breaks and doubled quotes (""). A quote inside an
 * unquoted field is taken literally, as most exporters mean it. A record is malformed (and
 * reported, not thrown) when it is longer than TextSource.MAX_RECORD (only that much of it is
 * kept), when a quoted field is followed by anything but a comma or the end of the record (the
 * rest of that line is skipped), or when a quote is still open at the end of the file.
 *
 * One stray quote must not swallow the rest of the file. A quoted field may span at most
 * MAX_SPAN_LINES lines and MAX_RECORD characters after the line it opens on. A record that spans
 * lines and then turns out broken (its quote not closed within that bound or by the end of the
 * file, text after its closing quote, or, once the header is known, another number of fields than
 * the header) is taken to start with a stray quote: it is reported as its first line alone, and
 * reading resumes on the line after that one, so every later good row is read.
 *
 * Resuming re-reads what the broken record consumed after its first line, so those characters are
 * logged while a record spans lines (at most MAX_RECORD of them: past that the record gives up at
 * once). Re-reading costs at most one more pass over each character: the broken field was scanned
 * in quoted mode, where every run of quotes has even length (an odd one would have closed it), so
 * a field that opens on a re-read line closes within the same run of quotes and no re-read record
 * can span lines again, except from the very last re-read line.
 */
final class CsvParser {
  /** The most lines a quoted field may span, counting the line it opens on. */
  static final int MAX_SPAN_LINES = 1000;

  private final TextSource in;
  private long line = 1;
  private int columns = -1;

  /** Characters to read again before {@link #in}: a broken record's lines after its first. */
  private final StringBuilder again = new StringBuilder();

  private int againPos;
  private boolean lastFromAgain;

  /** What the current record consumed after its first line, while it spans lines. */
  private final StringBuilder log = new StringBuilder();

  private boolean logging;

  /**
   * One record.
   *
   * @param line the line it starts on
   * @param fields its fields (none when the record was broken across lines)
   * @param text its original text, without the terminator; only its first line when it was broken
   *     across lines
   * @param reason why it is rejected, or null
   * @param error what exactly is wrong, or null
   * @param cut whether its text was longer than {@link TextSource#MAX_RECORD}
   */
  record Row(
      long line, List<String> fields, String text, RejectReason reason, String error, boolean cut) {
    boolean blank() {
      return text.isEmpty() && !cut && reason == null;
    }
  }

  /** The last record {@link #next()} returned, if it spanned lines and may be retracted. */
  private Spanned spanned;

  /** A string builder that keeps at most {@link TextSource#MAX_RECORD} characters. */
  private static final class Bounded {
    private final StringBuilder sb = new StringBuilder();
    private boolean cut;

    Bounded append(char c) {
      if (sb.length() < TextSource.MAX_RECORD) {
        sb.append(c);
      } else {
        cut = true;
      }
      return this;
    }

    Bounded append(String s) {
      for (int i = 0; i < s.length(); i++) {
        append(s.charAt(i));
      }
      return this;
    }

    int length() {
      return sb.length();
    }

    void clear() {
      sb.setLength(0);
      cut = false;
    }

    String prefix(int length) {
      return sb.substring(0, Math.min(length, sb.length()));
    }

    @Override
    public String toString() {
      return sb.toString();
    }
  }

  CsvParser(Reader in) {
    this.in = new TextSource(in);
  }

  /**
   * From now on, a record spanning lines with another number of fields is taken as broken by a
   * stray quote (see above); call with the header's field count once it is read.
   */
  void expectColumns(int columns) {
    this.columns = columns;
  }

  /** The physical line the parser has reached. */
  long line() {
    return line;
  }

  private int read() throws IOException {
    int c;
    if (againPos < again.length()) {
      c = again.charAt(againPos++);
      lastFromAgain = true;
    } else {
      if (againPos > 0) {
        again.setLength(0);
        againPos = 0;
      }
      c = in.read();
      lastFromAgain = false;
    }
    if (logging && c != -1) {
      log.append((char) c);
    }
    return c;
  }

  /** Gives back the character just read ({@code -1} needs no giving back: it is read again). */
  private void unread(int c) {
    if (c == -1) {
      return;
    }
    if (logging) {
      log.setLength(log.length() - 1);
    }
    if (lastFromAgain) {
      againPos--;
    } else {
      again.append((char) c);
    }
  }

  /** Whether the record spanning lines has consumed more than it may hold to be read again. */
  private boolean overflowed() {
    return logging && log.length() > TextSource.MAX_RECORD;
  }

  /** Consumes the LF of a CRLF terminator, if there is one, and counts the line. */
  private void endOfLine(int c) throws IOException {
    if (c == '\r') {
      int next = read();
      if (next != '\n') {
        unread(next);
      }
    }
    line++;
  }

  /**
   * Drops the broken record that started on {@code start}: what it consumed after its first line is
   * read again, as from line {@code start + 1}.
   */
  private void rewind(long start) {
    String rest = again.substring(againPos);
    again.setLength(0);
    again.append(log).append(rest);
    againPos = 0;
    log.setLength(0);
    logging = false;
    line = start + 1;
  }

  /** The record broken across lines, reported as its first line, reading resumed after it. */
  private Row broken(
      long start, long end, String firstLine, boolean cut, RejectReason reason, String what) {
    rewind(start);
    return new Row(
        start,
        List.of(),
        firstLine,
        reason,
        what
            + " (the record ran from line "
            + start
            + " to line "
            + end
            + "; taken as a stray quote on line "
            + start
            + ", so only that line is rejected and reading resumes on line "
            + (start + 1)
            + ")",
        cut);
  }

  /** The next record, or null at the end of the input. */
  Row next() throws IOException {
    spanned = null;
    log.setLength(0);
    logging = false;
    int c = read();
    if (c == -1) {
      return null;
    }
    long start = line;
    Bounded text = new Bounded();
    List<String> fields = new ArrayList<>();
    Bounded field = new Bounded();
    String firstLine = null;
    boolean firstLineCut = false;
    while (true) {
      if (c == '"' && field.length() == 0 && !field.cut) {
        text.append('"');
        boolean atLineStart = false;
        while (true) {
          c = read();
          if (overflowed()) {
            return broken(
                start,
                line,
                firstLine,
                firstLineCut,
                RejectReason.UNCLOSED_QUOTE,
                "a quoted field is not closed within "
                    + TextSource.MAX_RECORD
                    + " characters after its first line");
          }
          if (c == -1) {
            if (firstLine != null) {
              return broken(
                  start,
                  atLineStart ? line - 1 : line,
                  firstLine,
                  firstLineCut,
                  RejectReason.UNCLOSED_QUOTE,
                  "a quoted field is not closed by the end of the file");
            }
            fields.add(field.toString());
            return new Row(
                start,
                fields,
                text.toString(),
                RejectReason.UNCLOSED_QUOTE,
                "a quoted field is not closed by the end of the file",
                text.cut);
          }
          if (c == '"') {
            int next = read();
            if (next == '"') {
              text.append("\"\"");
              field.append('"');
              atLineStart = false;
              continue;
            }
            text.append('"');
            c = next;
            break;
          }
          atLineStart = c == '\r' || c == '\n';
          int before = text.length();
          boolean cutBefore = text.cut;
          text.append((char) c);
          field.append((char) c);
          if (c == '\r' || c == '\n') {
            if (c == '\r') {
              int next = read();
              if (next == '\n') {
                text.append('\n');
                field.append('\n');
              } else {
                unread(next);
              }
            }
            line++;
            if (firstLine == null) {
              firstLine = text.prefix(before);
              firstLineCut = cutBefore;
              logging = true;
            } else if (line - start >= MAX_SPAN_LINES) {
              return broken(
                  start,
                  line - 1,
                  firstLine,
                  firstLineCut,
                  RejectReason.UNCLOSED_QUOTE,
                  "a quoted field is not closed within " + MAX_SPAN_LINES + " lines");
            }
          }
        }
        if (c != ',' && c != '\n' && c != '\r' && c != -1) {
          if (firstLine != null) {
            return broken(
                start,
                line,
                firstLine,
                firstLineCut,
                RejectReason.MALFORMED,
                "text after the closing quote of a field on line " + line);
          }
          // Skip the rest of the physical line so the next record starts clean.
          while (c != '\n' && c != '\r' && c != -1) {
            text.append((char) c);
            c = read();
          }
          if (c != -1) {
            endOfLine(c);
          }
          fields.add(field.toString());
          return new Row(
              start,
              fields,
              text.toString(),
              RejectReason.MALFORMED,
              "text after a closing quote",
              text.cut);
        }
      } else {
        while (c != ',' && c != '\n' && c != '\r' && c != -1) {
          text.append((char) c);
          field.append((char) c);
          c = read();
          if (overflowed()) {
            return broken(
                start,
                line,
                firstLine,
                firstLineCut,
                RejectReason.TOO_LONG,
                "a record spanning lines is longer than "
                    + TextSource.MAX_RECORD
                    + " characters after its first line");
          }
        }
      }
      fields.add(field.toString());
      field.clear();
      if (c == ',') {
        text.append(',');
        c = read();
        continue;
      }
      if (firstLine != null && columns >= 0 && fields.size() != columns) {
        return broken(
            start,
            line,
            firstLine,
            firstLineCut,
            RejectReason.WRONG_COLUMN_COUNT,
            fields.size() + " fields where the header has " + columns);
      }
      if (c != -1) {
        endOfLine(c);
      }
      spanned = firstLine == null ? null : new Spanned(start, line - 1, firstLine, firstLineCut);
      return new Row(start, fields, text.toString(), null, null, text.cut);
    }
  }

  /**
   * Takes back the record {@link #next()} just returned, which spanned lines and was then found bad
   * by its reader (a field holding a line break, a bad value): like a record that breaks while it
   * is parsed, it is taken as a stray quote on its first line, only that line is rejected, and
   * reading resumes on the next one, so a pair of stray quotes cannot swallow the rows between
   * them.
   *
   * @return the rejected first line, or empty when the last record did not span lines
   */
  Optional<Row> retract(RejectReason reason, String what) {
    Spanned s = spanned;
    spanned = null;
    if (s == null) {
      return Optional.empty();
    }
    return Optional.of(broken(s.start, s.end, s.firstLine, s.cut, reason, what));
  }

  /** The last record returned, when it spanned lines: what {@link #retract} needs. */
  private record Spanned(long start, long end, String firstLine, boolean cut) {}
}
