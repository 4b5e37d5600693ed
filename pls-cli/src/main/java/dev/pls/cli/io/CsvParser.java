package dev.pls.cli.io;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/*
 * An RFC 4180 reader that streams: fields separated by commas, records by LF, CRLF or CR; a field
 * in double quotes may hold commas, line breaks and doubled quotes (""). A quote inside an
 * unquoted field is taken literally, as most exporters mean it. A record is malformed (and
 * reported, not thrown) when it is longer than TextSource.MAX_RECORD (only that much of it is
 * kept), when a quoted field is followed by anything but a comma or the end of the
 * record (the rest of that line is skipped), or when a quote is still open at the end of the file.
 */
final class CsvParser {
  private final TextSource in;
  private long line = 1;
  private int pending = -2;

  /**
   * One record.
   *
   * @param line the line it starts on
   * @param fields its fields
   * @param text its original text, without the terminator
   * @param error why it is malformed, or null
   */
  record Row(long line, List<String> fields, String text, String error, boolean cut) {
    boolean blank() {
      return text.isEmpty() && !cut;
    }
  }

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

    @Override
    public String toString() {
      return sb.toString();
    }
  }

  CsvParser(Reader in) {
    this.in = new TextSource(in);
  }

  /** The physical line the parser has reached. */
  long line() {
    return line;
  }

  private int read() throws IOException {
    if (pending != -2) {
      int c = pending;
      pending = -2;
      return c;
    }
    return in.read();
  }

  /** Consumes the LF of a CRLF terminator, if there is one, and counts the line. */
  private void endOfLine(int c) throws IOException {
    if (c == '\r') {
      int next = read();
      if (next != '\n') {
        pending = next;
      }
    }
    line++;
  }

  /** The next record, or null at the end of the input. */
  Row next() throws IOException {
    int c = read();
    if (c == -1) {
      return null;
    }
    long start = line;
    Bounded text = new Bounded();
    List<String> fields = new ArrayList<>();
    Bounded field = new Bounded();
    while (true) {
      if (c == '"' && field.length() == 0 && !field.cut) {
        text.append('"');
        while (true) {
          c = read();
          if (c == -1) {
            fields.add(field.toString());
            return new Row(
                start, fields, text.toString(), "a quoted field is not closed", text.cut);
          }
          if (c == '"') {
            int next = read();
            if (next == '"') {
              text.append("\"\"");
              field.append('"');
              continue;
            }
            text.append('"');
            c = next;
            break;
          }
          text.append((char) c);
          field.append((char) c);
          if (c == '\r') {
            int next = read();
            if (next == '\n') {
              text.append('\n');
              field.append('\n');
            } else {
              pending = next;
            }
            line++;
          } else if (c == '\n') {
            line++;
          }
        }
        if (c != ',' && c != '\n' && c != '\r' && c != -1) {
          // Skip the rest of the physical line so the next record starts clean.
          while (c != '\n' && c != '\r' && c != -1) {
            text.append((char) c);
            c = read();
          }
          if (c != -1) {
            endOfLine(c);
          }
          fields.add(field.toString());
          return new Row(start, fields, text.toString(), "text after a closing quote", text.cut);
        }
      } else {
        while (c != ',' && c != '\n' && c != '\r' && c != -1) {
          text.append((char) c);
          field.append((char) c);
          c = read();
        }
      }
      fields.add(field.toString());
      field.clear();
      if (c == ',') {
        text.append(',');
        c = read();
        continue;
      }
      if (c != -1) {
        endOfLine(c);
      }
      return new Row(start, fields, text.toString(), null, text.cut);
    }
  }
}
