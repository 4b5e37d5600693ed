package dev.pls.core.internal.fast;

import java.util.Arrays;

/*
 * The ids of one page of entities (ColumnarStore's pages of 4,096), as bytes in one array instead
 * of a String each (a String of 7 Latin-1 characters is 48 bytes: two objects and their headers).
 * Entity i's id is bytes[start(i), ends[i] & ~UTF16): one byte per character when every character
 * is below 256, else two (big-endian UTF-16, flagged by the top bit of its end).
 *
 * Written only under the store's lock for new entities, in index order. A reader finds an index
 * through Ids, whose release store of the index comes after the id's bytes and end are written
 * here; bytes is volatile because appending may copy it into a larger array, and a reader must see
 * the copy's contents when it sees the copy.
 */
/** One page of entity ids as bytes. */
final class IdBytes {
  private static final int UTF16 = 1 << 31;

  private final int[] ends;
  private volatile byte[] bytes = new byte[64];

  IdBytes(int page) {
    ends = new int[page];
  }

  /** Stores {@code id} as the id of entity {@code i} of this page; called in order of i. */
  void add(int i, String id) {
    int start = start(i);
    boolean latin1 = true;
    for (int c = 0; c < id.length() && latin1; c++) {
      latin1 = id.charAt(c) < 256;
    }
    long end = start + (latin1 ? (long) id.length() : 2L * id.length());
    if (end > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "entity: an id of "
              + id.length()
              + " characters does not fit beside the 4,096 ids of its page (at most 2 GiB of ids)");
    }
    byte[] b = bytes;
    if (end > b.length) {
      b = Arrays.copyOf(b, (int) Math.max(end, Math.min(2L * b.length, Integer.MAX_VALUE - 8L)));
    }
    int at = start;
    for (int c = 0; c < id.length(); c++) {
      char ch = id.charAt(c);
      if (latin1) {
        b[at++] = (byte) ch;
      } else {
        b[at++] = (byte) (ch >>> 8);
        b[at++] = (byte) ch;
      }
    }
    ends[i] = (int) end | (latin1 ? 0 : UTF16);
    bytes = b;
  }

  /** Drops the slack left by growing, once the page is full. */
  void trim(int count) {
    int end = start(count);
    byte[] b = bytes;
    if (b.length > end) {
      bytes = Arrays.copyOf(b, end);
    }
  }

  /** The id of entity {@code i} of this page. */
  String id(int i) {
    byte[] b = bytes;
    int start = start(i);
    int end = ends[i] & ~UTF16;
    if ((ends[i] & UTF16) == 0) {
      return new String(b, start, end - start, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
    char[] chars = new char[(end - start) / 2];
    for (int c = 0; c < chars.length; c++) {
      chars[c] = (char) (((b[start + 2 * c] & 0xFF) << 8) | (b[start + 2 * c + 1] & 0xFF));
    }
    return new String(chars);
  }

  /** Whether entity {@code i}'s id is {@code id}, without making a String. */
  boolean is(int i, String id) {
    byte[] b = bytes;
    int start = start(i);
    int end = ends[i] & ~UTF16;
    if ((ends[i] & UTF16) == 0) {
      if (end - start != id.length()) {
        return false;
      }
      for (int c = 0; c < id.length(); c++) {
        if ((b[start + c] & 0xFF) != id.charAt(c)) {
          return false;
        }
      }
      return true;
    }
    if (end - start != 2 * id.length()) {
      return false;
    }
    for (int c = 0; c < id.length(); c++) {
      int ch = ((b[start + 2 * c] & 0xFF) << 8) | (b[start + 2 * c + 1] & 0xFF);
      if (ch != id.charAt(c)) {
        return false;
      }
    }
    return true;
  }

  private int start(int i) {
    return i == 0 ? 0 : ends[i - 1] & ~UTF16;
  }
}
