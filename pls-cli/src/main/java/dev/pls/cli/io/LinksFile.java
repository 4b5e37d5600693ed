package dev.pls.cli.io;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.TreeMap;

/*
 * The identity links file of --links: UTF-8 text, one link per line, "ID,USER_ID": an anonymous
 * or previous id, a comma, the known user id it belongs to. White space around an id is dropped;
 * blank lines and lines whose first non-blank character is '#' are skipped (and not counted). No
 * header, no quoting: an id holds no comma. A line with another number of fields is rejected
 * (wrong_column_count), one with an empty id or an id that is not one (control characters)
 * missing_id or bad_value. Its links have no time: they apply before every timed link (score,
 * explain, route) and before every event (backtest).
 */
/** Reads an identity links file ({@code --links}) into an {@link InputSink}. */
public final class LinksFile {
  private LinksFile() {}

  /**
   * Reads {@code file}'s links into {@code sink}, rejecting bad lines to {@code rejects}; stops
   * when the rejects exceed their limit.
   */
  public static FileSummary read(Path file, InputSink sink, Rejects rejects) {
    requireNonNull(file, "file");
    requireNonNull(sink, "sink");
    requireNonNull(rejects, "rejects");
    String name = file.toString();
    long read = 0;
    long accepted = 0;
    TreeMap<String, Long> byReason = new TreeMap<>();
    Optional<String> error = Optional.empty();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      long line = 0;
      for (String text = in.readLine(); text != null; text = in.readLine()) {
        line++;
        String trimmed = text.strip();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
          continue;
        }
        read++;
        Optional<Reject> bad = link(name, line, text, sink);
        if (bad.isEmpty()) {
          accepted++;
          continue;
        }
        byReason.merge(bad.get().reason().code(), 1L, Long::sum);
        if (!rejects.add(bad.get())) {
          break;
        }
      }
    } catch (NoSuchFileException e) {
      error = Optional.of("no such file");
    } catch (CharacterCodingException e) {
      error = Optional.of("not UTF-8 text");
    } catch (IOException e) {
      error = Optional.of("cannot read: " + e.getMessage());
    }
    return new FileSummary(name, read, accepted, read - accepted, byReason, error);
  }

  /** Gives the line's link to {@code sink}, or says why it is rejected. */
  private static Optional<Reject> link(String file, long line, String text, InputSink sink) {
    String[] fields = text.split(",", -1);
    if (fields.length != 2) {
      return Optional.of(
          new Reject(
              file,
              line,
              RejectReason.WRONG_COLUMN_COUNT,
              fields.length + " fields; expected 2: ID,USER_ID",
              text));
    }
    String id = fields[0].strip();
    String userId = fields[1].strip();
    if (id.isEmpty() || userId.isEmpty()) {
      return Optional.of(
          new Reject(
              file,
              line,
              RejectReason.MISSING_ID,
              id.isEmpty() ? "no ID before the comma" : "no USER_ID after the comma",
              text));
    }
    if (id.chars().anyMatch(Character::isISOControl)
        || userId.chars().anyMatch(Character::isISOControl)) {
      return Optional.of(
          new Reject(file, line, RejectReason.BAD_VALUE, "an id holds a control character", text));
    }
    sink.link(id, userId, Optional.empty());
    return Optional.empty();
  }
}
