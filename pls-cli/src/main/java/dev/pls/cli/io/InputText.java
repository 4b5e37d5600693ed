package dev.pls.cli.io;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/*
 * Turns the bytes of an input file into text, without trusting its name.
 *
 * Gzip is recognised by its magic bytes (1f 8b), not by a .gz suffix: exports are often renamed,
 * and a suffix that lies should not turn into a stream of "malformed" rejects.
 *
 * A file is refused whole as binary only on strong evidence, from the first 8 KiB of its
 * (decompressed) bytes: the signature of a known binary format at its start (zip, PDF, PNG,
 * Parquet, ...), a UTF-16 byte order mark, or more than 1 in 20 of those bytes (and at least 32)
 * being control bytes other than tab, line breaks, form feed and escape (random or compressed data
 * has about 1 in 10).
 * Rejecting such a file line by line would fill the rejects file with noise and say nothing
 * useful. A text file with a few NUL bytes is not binary: the lines holding them are rejected
 * (nul_byte) and the rest is read, so one stray NUL no longer costs every good line.
 *
 * Bytes that are not UTF-8 are decoded as U+FFFD, and the record holding them is rejected
 * (not_utf8) by its reader: a decoder that stops at them would lose the rest of the file, and one
 * that reports them is read ahead in blocks and cannot say on which line they were. A UTF-8 byte
 * order mark is dropped.
 */
final class InputText {
  private InputText() {}

  /** What the decoder puts where the bytes were not UTF-8. */
  static final char REPLACEMENT = '\uFFFD';

  /** Throws if {@code text} holds bytes that were not UTF-8, or NUL bytes. */
  static void checkText(String text) throws BadRecord {
    if (text.indexOf(REPLACEMENT) >= 0) {
      throw new BadRecord(
          RejectReason.NOT_UTF8, "bytes that are not UTF-8 (shown as U+FFFD in the text)");
    }
    int nul = text.indexOf('\0');
    if (nul >= 0) {
      throw new BadRecord(
          RejectReason.NUL_BYTE, "a NUL byte at character " + (nul + 1) + "; text holds none");
    }
  }

  /** Known binary formats, by the bytes they start with. */
  private record Signature(String format, byte[] magic) {
    boolean startsWith(byte[] head) {
      if (head.length < magic.length) {
        return false;
      }
      for (int i = 0; i < magic.length; i++) {
        if (head[i] != magic[i]) {
          return false;
        }
      }
      return true;
    }
  }

  private static Signature sig(String format, int... magic) {
    byte[] b = new byte[magic.length];
    for (int i = 0; i < magic.length; i++) {
      b[i] = (byte) magic[i];
    }
    return new Signature(format, b);
  }

  private static Signature sig(String format, String magic) {
    return new Signature(format, magic.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static final List<Signature> SIGNATURES = signatures();

  private static List<Signature> signatures() {
    List<Signature> all =
        new java.util.ArrayList<>(
            List.of(
                sig("gzip data inside gzip", 0x1f, 0x8b),
                sig("a zip archive (or an xlsx, docx or jar file)", 'P', 'K', 3, 4),
                sig("an empty zip archive", 'P', 'K', 5, 6),
                sig("a PDF document", "%PDF-"),
                sig("a PNG image", 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a),
                sig("a JPEG image", 0xff, 0xd8, 0xff),
                sig("a GIF image", "GIF87a"),
                sig("a GIF image", "GIF89a"),
                sig("a Parquet file", "PAR1"),
                sig("an Arrow file", "ARROW1"),
                sig("an Avro file", 'O', 'b', 'j', 1),
                sig("an SQLite database", "SQLite format 3\0"),
                sig(
                    "an old Office document (xls, doc)",
                    0xd0,
                    0xcf,
                    0x11,
                    0xe0,
                    0xa1,
                    0xb1,
                    0x1a,
                    0xe1),
                sig("xz data", 0xfd, '7', 'z', 'X', 'Z', 0),
                sig("zstd data", 0x28, 0xb5, 0x2f, 0xfd),
                sig("7z data", '7', 'z', 0xbc, 0xaf, 0x27, 0x1c),
                sig("an executable", 0x7f, 'E', 'L', 'F'),
                sig("UTF-16 text (byte order mark FF FE)", 0xff, 0xfe),
                sig("UTF-16 text (byte order mark FE FF)", 0xfe, 0xff)));
    for (char level = '1'; level <= '9'; level++) {
      all.add(sig("bzip2 data", 'B', 'Z', 'h', level, 0x31, 0x41, 0x59, 0x26, 0x53, 0x59));
    }
    return List.copyOf(all);
  }

  /** The fewest control bytes that count as evidence: a few NULs in a short file do not. */
  private static final int MIN_CONTROLS = 32;

  /** Whether byte {@code b} is a control byte that text does not hold. */
  private static boolean isBinaryControl(byte b) {
    return (b >= 0 && b < 0x20 && b != '\t' && b != '\n' && b != 0x0b && b != '\f' && b != '\r'
            && b != 0x1b)
        || b == 0x7f;
  }

  /**
   * Why {@code head}, the first bytes of a file, shows the file is binary; empty when it may be
   * text.
   */
  static Optional<String> binaryEvidence(byte[] head) {
    for (Signature s : SIGNATURES) {
      if (s.startsWith(head)) {
        return Optional.of(s.format());
      }
    }
    int controls = 0;
    int nuls = 0;
    int evenNuls = 0;
    for (int i = 0; i < head.length; i++) {
      if (isBinaryControl(head[i])) {
        controls++;
      }
      if (head[i] == 0) {
        nuls++;
        evenNuls += (i & 1) == 0 ? 1 : 0;
      }
    }
    if (controls * 20L <= head.length || controls < MIN_CONTROLS) {
      return Optional.empty();
    }
    // ASCII written as UTF-16 puts a NUL in every other byte, all at odd or all at even offsets.
    if (nuls * 4L >= head.length && Math.max(evenNuls, nuls - evenNuls) * 10L >= nuls * 9L) {
      return Optional.of("UTF-16 text without a byte order mark, it seems");
    }
    return Optional.of(
        controls * 100L / head.length
            + "% of its first "
            + head.length
            + " bytes are control bytes");
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
    Optional<String> binary = binaryEvidence(head);
    if (binary.isPresent()) {
      throw new NotTextException(
          "binary data ("
              + binary.get()
              + "), not text: expected UTF-8 JSON Lines or CSV, plain or gzip");
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
