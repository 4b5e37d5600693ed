package dev.pls.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTest {
  @TempDir Path dir;
  private final CollectingSink sink = new CollectingSink();
  private final StringWriter rejectsOut = new StringWriter();
  private final InputReader reader =
      InputReader.create(sink, Rejects.to(rejectsOut), ReadProgress.NONE);

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  private static String lines(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append("{\"user\":\"u").append(i).append("\",\"event\":\"e\",\"time\":").append(i);
      sb.append("}\n");
    }
    return sb.toString();
  }

  private Path write(String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }

  @Test
  void readEvents_gzipWhateverTheName_readTransparently() throws IOException {
    Path a = write("a.jsonl.gz", gzip(lines(3)));
    Path b = write("b.jsonl", gzip(lines(2)));
    Path c = write("c.csv.gz", gzip("user,event,time\nu1,login,0\n"));
    ReadSummary s = reader.readEvents(List.of(a, b, c), CsvMapping.defaults());
    assertEquals(6, s.accepted());
    assertEquals(0, s.rejected());
    assertTrue(s.errors().isEmpty());
  }

  @Test
  void readEvents_namedPipe_readToTheEnd_notIllegalSeek() throws Exception {
    // --events /dev/stdin or <(cmd) failed with "cannot read after line N: Illegal seek".
    Path pipe = dir.resolve("events.jsonl");
    boolean made;
    try {
      made = new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor() == 0;
    } catch (IOException e) {
      made = false;
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(made, "no mkfifo here");
    java.util.concurrent.CompletableFuture<Void> writing =
        java.util.concurrent.CompletableFuture.runAsync(
            () -> {
              try {
                Files.writeString(pipe, lines(20_000));
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    ReadSummary s = reader.readEvents(List.of(pipe), CsvMapping.defaults());
    writing.get();
    assertEquals(List.of(), s.errors());
    assertEquals(20_000, s.accepted());
  }

  @Test
  void readEvents_truncatedGzip_keepsWhatWasReadAndReportsTheFile() throws IOException {
    byte[] whole = gzip(lines(20_000));
    Path file = write("cut.jsonl.gz", Arrays.copyOf(whole, whole.length / 2));
    ReadSummary s = reader.readEvents(List.of(file), CsvMapping.defaults());
    FileSummary f = s.files().get(0);
    assertTrue(f.error().orElseThrow().startsWith("truncated or corrupt gzip data after line "));
    assertTrue(f.accepted() > 0 && f.accepted() < 20_000, "accepted " + f.accepted());
    assertEquals(f.accepted(), sink.events.size());
  }

  @Test
  void readEvents_controlBytesThroughout_reportedAsNotText() throws IOException {
    byte[] binary = new byte[1000];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) (i * 31);
    }
    Path file = write("model.bin", binary);
    FileSummary f = reader.readEvents(List.of(file), CsvMapping.defaults()).files().get(0);
    assertEquals(
        Optional.of(
            "binary data (10% of its first 1000 bytes are control bytes), not text: expected"
                + " UTF-8 JSON Lines or CSV, plain or gzip"),
        f.error());
    assertEquals(0, f.read());
  }

  @Test
  void readEvents_knownBinarySignatures_refusedWholeNamingTheFormat() throws IOException {
    byte[] zip = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0};
    byte[] parquet = "PAR1\n{\"user\":\"u1\"}\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] pdf = "%PDF-1.7\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13};
    byte[] utf16 = "\uFEFF{\"user\":\"u1\"}\n".getBytes(StandardCharsets.UTF_16LE);
    List<String> errors = new java.util.ArrayList<>();
    for (byte[] content : List.of(zip, parquet, pdf, png, utf16)) {
      FileSummary f =
          reader
              .readEvents(
                  List.of(write("f" + errors.size() + ".jsonl", content)), CsvMapping.defaults())
              .files()
              .get(0);
      assertEquals(0, f.read());
      errors.add(f.error().orElseThrow());
    }
    assertEquals(
        List.of(
            "binary data (a zip archive (or an xlsx, docx or jar file)), not text: expected UTF-8"
                + " JSON Lines or CSV, plain or gzip",
            "binary data (a Parquet file), not text: expected UTF-8 JSON Lines or CSV, plain or"
                + " gzip",
            "binary data (a PDF document), not text: expected UTF-8 JSON Lines or CSV, plain or"
                + " gzip",
            "binary data (a PNG image), not text: expected UTF-8 JSON Lines or CSV, plain or gzip",
            "binary data (UTF-16 text (byte order mark FF FE)), not text: expected UTF-8 JSON"
                + " Lines or CSV, plain or gzip"),
        errors);
  }

  @Test
  void readEvents_utf16WithoutByteOrderMark_refusedAsUtf16() throws IOException {
    byte[] utf16 = lines(20).getBytes(StandardCharsets.UTF_16BE);
    FileSummary f =
        reader
            .readEvents(List.of(write("wide.jsonl", utf16)), CsvMapping.defaults())
            .files()
            .get(0);
    assertEquals(
        Optional.of(
            "binary data (UTF-16 text without a byte order mark, it seems), not text: expected"
                + " UTF-8 JSON Lines or CSV, plain or gzip"),
        f.error());
  }

  @Test
  void readEvents_oneNulByteInTheFirstLines_onlyItsLineRejected() throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.write(lines(2).getBytes(StandardCharsets.UTF_8));
    all.write(
        "{\"user\":\"u\u0000x\",\"event\":\"e\",\"time\":1}\n".getBytes(StandardCharsets.UTF_8));
    all.write(lines(500).getBytes(StandardCharsets.UTF_8));
    FileSummary f =
        reader
            .readEvents(List.of(write("nul.jsonl", all.toByteArray())), CsvMapping.defaults())
            .files()
            .get(0);
    assertEquals(Optional.empty(), f.error());
    assertEquals(502, f.accepted());
    assertEquals(java.util.Map.of("nul_byte", 1L), f.rejectedByReason());
    assertTrue(
        rejectsOut.toString().contains("\"line\":3,\"reason\":\"nul_byte\""),
        rejectsOut.toString());
  }

  @Test
  void readEvents_shortFileWithSeveralNulBytes_readLineByLineNotRefusedAsBinary()
      throws IOException {
    byte[] csv =
        "user,event,time\nu1,e\u0000,0\n\u0000\u0000\u0000\nu2,e,0\n"
            .getBytes(StandardCharsets.UTF_8);
    FileSummary f =
        reader.readEvents(List.of(write("short.csv", csv)), CsvMapping.defaults()).files().get(0);
    assertEquals(Optional.empty(), f.error());
    assertEquals(1, f.accepted());
    assertEquals(java.util.Map.of("nul_byte", 2L), f.rejectedByReason());
  }

  @Test
  void readEvents_nulByteInACsvRecord_onlyThatRecordRejected() throws IOException {
    byte[] csv =
        "user,event,time\nu1,login,0\nu2,lo\u0000gin,0\nu3,login,0\n"
            .getBytes(StandardCharsets.UTF_8);
    FileSummary f =
        reader.readEvents(List.of(write("nul.csv", csv)), CsvMapping.defaults()).files().get(0);
    assertEquals(Optional.empty(), f.error());
    assertEquals(2, f.accepted());
    assertEquals(java.util.Map.of("nul_byte", 1L), f.rejectedByReason());
    assertTrue(
        rejectsOut.toString().contains("\"line\":3,\"reason\":\"nul_byte\""),
        rejectsOut.toString());
  }

  @Test
  void readEvents_notUtf8Line_rejectedAndTheRestRead() throws IOException {
    byte[] good = lines(2).getBytes(StandardCharsets.UTF_8);
    byte[] bad = "{\"user\":\"caf\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1);
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    all.write(good);
    all.write(bad);
    all.write(good);
    FileSummary f =
        reader
            .readEvents(List.of(write("latin1.jsonl", all.toByteArray())), CsvMapping.defaults())
            .files()
            .get(0);
    assertEquals(Optional.empty(), f.error());
    assertEquals(4, f.accepted());
    assertEquals(java.util.Map.of("not_utf8", 1L), f.rejectedByReason());
    assertTrue(rejectsOut.toString().contains("\"line\":3,\"reason\":\"not_utf8\""));
  }

  @Test
  void readEvents_missingFile_reportedAndOtherFilesStillRead() throws IOException {
    Path good = write("good.jsonl", lines(1).getBytes(StandardCharsets.UTF_8));
    ReadSummary s =
        reader.readEvents(List.of(dir.resolve("nope.jsonl"), good), CsvMapping.defaults());
    assertEquals(Optional.of("no such file"), s.files().get(0).error());
    assertEquals(1, s.accepted());
  }

  @Test
  void readEvents_byteOrderMark_ignored() throws IOException {
    Path file =
        write("bom.csv", "\uFEFFuser,event,time\nu1,e,0\n".getBytes(StandardCharsets.UTF_8));
    ReadSummary s = reader.readEvents(List.of(file), CsvMapping.defaults());
    assertEquals(1, s.accepted());
    assertFalse(s.limitExceeded());
  }

  @Test
  void readEvents_limitExceededInFirstFile_laterFilesNotRead() throws IOException {
    InputReader strict = InputReader.create(sink, Rejects.to(rejectsOut, 0), ReadProgress.NONE);
    Path bad = write("bad.jsonl", "{}\n{}\n".getBytes(StandardCharsets.UTF_8));
    Path good = write("good.jsonl", lines(1).getBytes(StandardCharsets.UTF_8));
    ReadSummary s = strict.readEvents(List.of(bad, good), CsvMapping.defaults());
    assertTrue(s.limitExceeded());
    assertEquals(1, s.files().size());
    assertEquals(1, s.rejected());
  }
}
