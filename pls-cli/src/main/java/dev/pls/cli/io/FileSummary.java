package dev.pls.cli.io;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What reading one input file gave.
 *
 * @param file the file, as named on the command line
 * @param read records read (lines of JSON, CSV records after the header); blank lines not counted
 * @param accepted records accepted
 * @param rejected records rejected, {@code read - accepted}
 * @param rejectedByReason rejected records by {@link RejectReason#code()}, sorted by code
 * @param error why the file could not be read to its end (truncated gzip, binary data, a CSV header
 *     that does not fit the mapping), if it could not; records read before the error still count
 */
public record FileSummary(
    String file,
    long read,
    long accepted,
    long rejected,
    SortedMap<String, Long> rejectedByReason,
    Optional<String> error) {

  public FileSummary {
    requireNonNull(file, "file");
    rejectedByReason = Collections.unmodifiableSortedMap(new TreeMap<>(rejectedByReason));
    requireNonNull(error, "error");
    if (read != accepted + rejected) {
      throw new IllegalArgumentException(
          "read: " + read + " is not accepted " + accepted + " + rejected " + rejected);
    }
    long byReason = 0;
    for (Map.Entry<String, Long> e : rejectedByReason.entrySet()) {
      byReason += e.getValue();
    }
    if (byReason != rejected) {
      throw new IllegalArgumentException(
          "rejectedByReason: adds up to " + byReason + ", not to rejected " + rejected);
    }
  }
}
