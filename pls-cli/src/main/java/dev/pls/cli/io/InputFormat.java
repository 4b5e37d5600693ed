package dev.pls.cli.io;

import static java.util.Objects.requireNonNull;

import java.util.Locale;

/** The text format of an input file. */
public enum InputFormat {
  /** One JSON object per line. */
  JSON_LINES,
  /** Comma-separated values with a header line. */
  CSV;

  /**
   * The format a file's name suggests: CSV when it ends in {@code .csv} (or {@code .csv.gz}), JSON
   * Lines otherwise. Compression is detected from the content, not the name.
   */
  public static InputFormat forFileName(String name) {
    String n = requireNonNull(name, "name").toLowerCase(Locale.ROOT);
    if (n.endsWith(".gz")) {
      n = n.substring(0, n.length() - 3);
    }
    return n.endsWith(".csv") ? CSV : JSON_LINES;
  }
}
