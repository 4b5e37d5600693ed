package dev.pls.cli.io;

import static java.util.Objects.requireNonNull;

import dev.pls.core.handoff.Alert;
import dev.pls.core.handoff.DispositionRecord;
import dev.pls.core.model.Handoff;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/*
 * Disposition files: what sellers recorded against which alert, and when. JSON Lines
 * ({"alert":"2026-11-20T09:00:00Z/named_ae/ana@bigcorp.com","disposition":"meeting_booked",
 * "time":"2026-11-20T10:40:00Z"}) or CSV with a header (alert,disposition,time), told apart by
 * name and opened as event files are; other members and columns are ignored (a CRM export carries
 * many). They are read after the replay, against its alerts, so a record that cannot belong is a
 * reject with its line and reason, never a failed run: no alert of the replay with that id, an
 * alert that was held out (it went to no seller), a disposition the model's hand-off does not
 * declare (with the closest name it does), a time before the alert was made.
 */
/** Reads disposition files (JSON Lines or CSV) against a replay's alerts. Not thread-safe. */
public final class DispositionReader {
  private final Rejects rejects;
  private final ReadProgress progress;
  private final Timestamps timestamps;
  private final Handoff handoff;
  private final Map<String, Alert> alerts;
  private final List<DispositionRecord> records = new ArrayList<>();

  private DispositionReader(
      Rejects rejects,
      ReadProgress progress,
      Timestamps timestamps,
      Handoff handoff,
      Map<String, Alert> alerts) {
    this.rejects = rejects;
    this.progress = progress;
    this.timestamps = timestamps;
    this.handoff = handoff;
    this.alerts = alerts;
  }

  /**
   * A reader of records against {@code alerts} (by {@link Alert#id()}) and the dispositions of
   * {@code handoff}, rejecting into {@code rejects}.
   */
  public static DispositionReader create(
      Rejects rejects,
      ReadProgress progress,
      Timestamps timestamps,
      Handoff handoff,
      Map<String, Alert> alerts) {
    return new DispositionReader(
        requireNonNull(rejects, "rejects"),
        requireNonNull(progress, "progress"),
        requireNonNull(timestamps, "timestamps"),
        requireNonNull(handoff, "handoff"),
        Map.copyOf(requireNonNull(alerts, "alerts")));
  }

  /**
   * What reading a disposition file gave.
   *
   * @param read the file's summary
   * @param records the accepted records, in file order
   */
  public record Read(ReadSummary read, List<DispositionRecord> records) {
    public Read {
      requireNonNull(read, "read");
      records = List.copyOf(records);
    }
  }

  /** Reads {@code file}, in the format its name suggests. */
  public Read read(Path file) {
    requireNonNull(file, "file");
    String name = file.toString();
    FileSummary summary;
    try {
      InputStream in = Files.newInputStream(file);
      summary = read(name, in, InputFormat.forFileName(name));
    } catch (NoSuchFileException e) {
      summary = new FileSummary(name, 0, 0, 0, new TreeMap<>(), Optional.of("no such file"));
    } catch (IOException e) {
      summary =
          new FileSummary(
              name, 0, 0, 0, new TreeMap<>(), Optional.of("cannot open: " + e.getMessage()));
    }
    rejects.flush();
    return new Read(new ReadSummary(List.of(summary), rejects.limitExceeded()), records);
  }

  /** Reads one stream (closing it); {@code name} is used in rejects and summaries. */
  FileSummary read(String name, InputStream in, InputFormat format) {
    Reading.Body body =
        format == InputFormat.CSV
            ? CsvFiles.rows(this::bindHeader)
            : (text, reading) ->
                JsonLines.read(
                    text,
                    reading,
                    (o, sink) ->
                        add(
                            Fields.id(o.get("alert"), "alert"),
                            Fields.id(o.get("disposition"), "disposition"),
                            Fields.time(o.get("time"), "time", timestamps)));
    return Reading.run(name, in, InputSink.NONE, rejects, progress, body);
  }

  private CsvFiles.RowHandler bindHeader(List<String> header) throws Reading.FileException {
    int alert = column(header, "alert");
    int disposition = column(header, "disposition");
    int time = column(header, "time");
    return (row, sink) ->
        add(
            Fields.id(row.get(alert), "alert"),
            Fields.id(row.get(disposition), "disposition"),
            Fields.time(row.get(time), "time", timestamps));
  }

  private static int column(List<String> header, String name) throws Reading.FileException {
    if (header.indexOf(name) != header.lastIndexOf(name)) {
      throw new Reading.FileException("the header names column '" + name + "' twice");
    }
    int i = header.indexOf(name);
    if (i < 0) {
      throw new Reading.FileException(
          "no column '" + name + "' in the header " + header + "; needs alert, disposition, time");
    }
    return i;
  }

  private void add(Optional<String> alertId, Optional<String> disposition, Optional<Instant> time)
      throws BadRecord {
    String id =
        alertId.orElseThrow(
            () -> new BadRecord(RejectReason.MISSING_ID, "no 'alert' (the alert's id)"));
    String name =
        disposition.orElseThrow(
            () -> new BadRecord(RejectReason.BAD_VALUE, "no 'disposition' (what was recorded)"));
    Instant at =
        time.orElseThrow(
            () -> new BadRecord(RejectReason.MISSING_TIME, "no 'time' (when it was recorded)"));
    Alert alert = alerts.get(id);
    if (alert == null) {
      throw new BadRecord(
          RejectReason.BAD_VALUE,
          "no alert of this replay has the id '"
              + id
              + "' (an id is the alert's at/queue/entity; was it made with another --from or"
              + " --step?)");
    }
    if (alert.status() == Alert.Status.HELD_OUT) {
      throw new BadRecord(
          RejectReason.BAD_VALUE, "alert '" + id + "' is held out: it went to no seller");
    }
    if (handoff.disposition(name).isEmpty()) {
      List<String> names = handoff.dispositions().stream().map(Handoff.Disposition::name).toList();
      throw new BadRecord(
          RejectReason.BAD_VALUE,
          "unknown disposition '"
              + name
              + "'"
              + closest(name, names)
                  .map(c -> "; did you mean '" + c + "'?")
                  .orElse(
                      names.isEmpty()
                          ? "; the model's hand-off declares none (add 'disposition NAME"
                              + " positive|neutral|negative')"
                          : "; the model's dispositions are " + names));
    }
    if (at.isBefore(alert.at())) {
      throw new BadRecord(
          RejectReason.BAD_TIME,
          "recorded at " + at + ", before its alert was made at " + alert.at());
    }
    records.add(new DispositionRecord(id, name, at));
  }

  /** The name a typo away from {@code name}: within a third of its length, ties to the first. */
  static Optional<String> closest(String name, List<String> names) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String n : names) {
      int d = distance(name.toLowerCase(java.util.Locale.ROOT), n);
      if (d < bestDistance) {
        best = n;
        bestDistance = d;
      }
    }
    return best != null && bestDistance <= Math.max(1, name.length() / 3)
        ? Optional.of(best)
        : Optional.empty();
  }

  /** Levenshtein distance. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] t = previous;
      previous = current;
      current = t;
    }
    return previous[b.length()];
  }
}
