package dev.pls.cli.io;

import java.io.IOException;
import java.io.Reader;

/*
 * Characters and lines of a text with a bound on how much of one record is held in memory.
 *
 * BufferedReader.readLine would hold a line of any length: a 2 GB export written as one JSON array
 * on one line would exhaust the heap before a single reject could be written. Here a line keeps
 * at most MAX_RECORD characters; the rest of it is read and dropped, and the line is marked as cut
 * so its reader rejects it (too_long). The buffer is our own and unsynchronised, which also makes
 * the character-at-a-time CSV parser several times faster than BufferedReader.read().
 */
final class TextSource {
  /** The most characters of one record kept: 1 MiB. */
  static final int MAX_RECORD = 1 << 20;

  private final Reader in;
  private final char[] buf = new char[1 << 16];
  private int pos;
  private int len;

  /** A line without its terminator; {@code cut} when it was longer than {@link #MAX_RECORD}. */
  record Line(String text, boolean cut) {}

  TextSource(Reader in) {
    this.in = in;
  }

  /** The next character, or -1 at the end. */
  int read() throws IOException {
    if (pos == len && !fill()) {
      return -1;
    }
    return buf[pos++];
  }

  /** The next character without consuming it, or -1 at the end. */
  int peek() throws IOException {
    if (pos == len && !fill()) {
      return -1;
    }
    return buf[pos];
  }

  private boolean fill() throws IOException {
    int n;
    do {
      n = in.read(buf, 0, buf.length);
    } while (n == 0);
    if (n < 0) {
      return false;
    }
    pos = 0;
    len = n;
    return true;
  }

  /** The next line (ended by LF, CRLF or CR, as BufferedReader has it), or null at the end. */
  Line readLine() throws IOException {
    if (pos == len && !fill()) {
      return null;
    }
    StringBuilder sb = null;
    boolean cut = false;
    while (true) {
      int start = pos;
      while (pos < len && buf[pos] != '\n' && buf[pos] != '\r') {
        pos++;
      }
      int end = pos;
      if (sb == null && end < len) {
        // The common case: the whole line is in the buffer.
        String text = new String(buf, start, Math.min(end - start, MAX_RECORD));
        cut = end - start > MAX_RECORD;
        terminator();
        return new Line(text, cut);
      }
      if (sb == null) {
        sb = new StringBuilder();
      }
      int room = MAX_RECORD - sb.length();
      if (end - start > room) {
        cut = true;
      }
      sb.append(buf, start, Math.min(end - start, Math.max(room, 0)));
      if (end < len) {
        terminator();
        return new Line(sb.toString(), cut);
      }
      if (!fill()) {
        return new Line(sb.toString(), cut);
      }
    }
  }

  private void terminator() throws IOException {
    if (buf[pos++] == '\r' && peek() == '\n') {
      pos++;
    }
  }
}
