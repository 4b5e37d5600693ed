package dev.pls.cli.io;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/*
 * Turns the bytes of an input file into text, without trusting its name.
 *
 * Gzip is recognised by its magic bytes (1f 8b), not by a .gz suffix: exports are often renamed,
 * and a suffix that lies should not turn into a stream of "malformed" rejects. Binary data (a NUL
 * byte among the first 8 KiB of the decompressed text) is an error for the whole file: rejecting
 * it line by line would fill the rejects file with noise and say nothing useful. Bytes that are not
 * UTF-8 are decoded as U+FFFD, and the record holding them is rejected (not_utf8) by its reader:
 * a decoder that stops at them would lose the rest of the file, and one that reports them is
 * read ahead in blocks and cannot say on which line they were. A UTF-8 byte order mark is
 * dropped.
 */
final class InputText {
  private InputText() {}

  /** What the decoder puts where the bytes were not UTF-8. */
  static final char REPLACEMENT = '\uFFFD';

  /** Throws if {@code text} holds bytes that were not UTF-8. */
  static void checkUtf8(String text) throws BadRecord {
    if (text.indexOf(REPLACEMENT) >= 0) {
      throw new BadRecord(
          RejectReason.NOT_UTF8, "bytes that are not UTF-8 (shown as U+FFFD in the text)");
    }
  }

  private static final int SNIFF = 8192;

  /** Thrown for a file that is not text; its message is shown to the user as it is. */
  static final class NotTextException extends IOException {
    NotTextException(String message) {
      super(message);
    }
  }

  /** Whether these bytes start a gzip stream, leaving the stream where it was. */
  static boolean isGzip(BufferedInputStream in) throws IOException {
    in.mark(2);
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    return b1 == 0x1f && b2 == 0x8b;
  }

  /**
   * Opens {@code raw} as UTF-8 text, decompressing gzip.
   *
   * @throws NotTextException if the content is binary
   * @throws IOException if the gzip stream is corrupt or reading fails
   */
  static BufferedReader open(InputStream raw) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    if (isGzip(in)) {
      in = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
    }
    in.mark(SNIFF);
    byte[] head = in.readNBytes(SNIFF);
    in.reset();
    for (byte b : head) {
      if (b == 0) {
        throw new NotTextException(
            "binary data (NUL bytes), not text: expected JSON Lines or CSV, plain or gzip");
      }
    }
    BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                in,
                StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE)),
            1 << 16);
    reader.mark(1);
    if (reader.read() != '\uFEFF') {
      reader.reset();
    }
    return reader;
  }
}
