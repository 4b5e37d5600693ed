package dev.pls.cli.io;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.TreeMap;
import java.util.zip.ZipException;

/*
 * The frame every file reader runs in: counting, rejecting, and turning what goes wrong with a
 * whole file into one clear sentence.
 *
 * A reader sees each record once, reports it as accepted or rejected, and stops when told to (the
 * reject limit). Whatever ends a file early (a truncated gzip, a binary file, bytes that are not
 * a CSV header that does not fit the mapping) becomes the file's error in its summary;
 * records accepted before it stay accepted. Nothing is thrown past this class except failures to
 * write the rejects file, which are the run's problem, not the input's.
 */
/** Counts and rejects for one file being read. */
final class Reading {
  private final String file;
  private final InputSink sink;
  private final Rejects rejects;
  private final ReadProgress progress;
  private long read;
  private long accepted;
  private long lastLine;
  private final TreeMap<String, Long> byReason = new TreeMap<>();
  private boolean stopped;

  /** How one kind of file is read, record by record. */
  interface Body {
    void read(BufferedReader in, Reading reading) throws IOException;
  }

  /** A header or mapping problem that makes the whole file unreadable. */
  static final class FileException extends IOException {
    FileException(String message) {
      super(message);
    }
  }

  private Reading(String file, InputSink sink, Rejects rejects, ReadProgress progress) {
    this.file = file;
    this.sink = sink;
    this.rejects = rejects;
    this.progress = progress;
  }

  /** Reads {@code raw} (closing it) with {@code body}, and says what came of it. */
  static FileSummary run(
      String file,
      InputStream raw,
      InputSink sink,
      Rejects rejects,
      ReadProgress progress,
      Body body) {
    requireNonNull(file, "file");
    requireNonNull(raw, "raw");
    requireNonNull(sink, "sink");
    requireNonNull(rejects, "rejects");
    requireNonNull(progress, "progress");
    Reading reading = new Reading(file, sink, rejects, progress);
    Optional<String> error = Optional.empty();
    try (InputStream in = raw;
        BufferedReader text = InputText.open(in)) {
      body.read(text, reading);
    } catch (InputText.NotTextException | FileException e) {
      error = Optional.of(e.getMessage());
    } catch (EOFException | ZipException e) {
      error = Optional.of("truncated or corrupt gzip data after line " + reading.lastLine);
    } catch (IOException e) {
      error = Optional.of("cannot read after line " + reading.lastLine + ": " + e.getMessage());
    }
    rejects.flush();
    return new FileSummary(
        file,
        reading.read,
        reading.accepted,
        reading.read - reading.accepted,
        reading.byReason,
        error);
  }

  String file() {
    return file;
  }

  InputSink sink() {
    return sink;
  }

  /** Notes that the record starting on {@code line} was read; call once per record. */
  void record(long line) {
    read++;
    lastLine = line;
    progress.recordRead();
  }

  /** Notes the last physical line consumed, for error messages. */
  void consumed(long line) {
    lastLine = line;
  }

  /** The current record was accepted. */
  void accept() {
    accepted++;
  }

  /** The current record was rejected; returns false when reading must stop. */
  boolean reject(long line, RejectReason reason, String detail, String text) {
    byReason.merge(reason.code(), 1L, Long::sum);
    progress.recordRejected();
    if (!rejects.add(new Reject(file, line, reason, detail, text))) {
      stopped = true;
    }
    return !stopped;
  }

  /** Whether reading must stop (the reject limit was exceeded). */
  boolean stopped() {
    return stopped || rejects.limitExceeded();
  }
}
