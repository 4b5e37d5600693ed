package dev.pls.cli.io;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What reading a run's input files gave, file by file, in the order they were read.
 *
 * @param files one summary per file read
 * @param limitExceeded whether reading stopped because rejects exceeded the {@code --max-rejects}
 *     limit; a command exits with status 2 when it did
 * @param notes how the input was read, where a reader should know it (dates read as days in a
 *     zone), one line each
 */
public record ReadSummary(List<FileSummary> files, boolean limitExceeded, List<String> notes) {
  public ReadSummary {
    files = List.copyOf(files);
    notes = List.copyOf(notes);
  }

  /** A summary without notes. */
  public ReadSummary(List<FileSummary> files, boolean limitExceeded) {
    this(files, limitExceeded, List.of());
  }

  /** This summary with {@code note} added, if there is one. */
  public ReadSummary noting(java.util.Optional<String> note) {
    if (note.isEmpty()) {
      return this;
    }
    List<String> all = new java.util.ArrayList<>(notes);
    all.add(note.get());
    return new ReadSummary(files, limitExceeded, all);
  }

  /** Records read in all files. */
  public long read() {
    return files.stream().mapToLong(FileSummary::read).sum();
  }

  /** Records accepted in all files. */
  public long accepted() {
    return files.stream().mapToLong(FileSummary::accepted).sum();
  }

  /**
   * Whether records were read but not one was accepted: every record was rejected, which a command
   * reports as a failure (exit status 3) rather than as an empty success.
   */
  public boolean nothingAccepted() {
    return read() > 0 && accepted() == 0;
  }

  /** Records rejected in all files. */
  public long rejected() {
    return files.stream().mapToLong(FileSummary::rejected).sum();
  }

  /** Rejected records of all files by reason code, sorted by code. */
  public SortedMap<String, Long> rejectedByReason() {
    SortedMap<String, Long> all = new TreeMap<>();
    files.forEach(f -> f.rejectedByReason().forEach((k, v) -> all.merge(k, v, Long::sum)));
    return all;
  }

  /** The files that could not be read to their end. */
  public List<FileSummary> errors() {
    return files.stream().filter(f -> f.error().isPresent()).toList();
  }

  /** This summary followed by {@code other}'s files; the limit is exceeded if it was in either. */
  public ReadSummary plus(ReadSummary other) {
    List<FileSummary> all = new java.util.ArrayList<>(files);
    all.addAll(other.files);
    List<String> allNotes = new java.util.ArrayList<>(notes);
    other.notes.stream().filter(n -> !allNotes.contains(n)).forEach(allNotes::add);
    return new ReadSummary(all, limitExceeded || other.limitExceeded, allNotes);
  }
}
