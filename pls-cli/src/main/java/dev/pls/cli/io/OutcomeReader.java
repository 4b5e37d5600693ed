package dev.pls.cli.io;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pls.core.backtest.Outcomes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/*
 * Outcome files: which entity had which outcome (converted, closed_won) and when. JSON Lines
 * ({"entity":"u1","outcome":"converted","time":"2024-01-02T00:00:00Z"}) or CSV with a header
 * (entity,outcome,time), told apart by name and opened as event files are (gzip by content, text
 * checks, the same line and record bounds), and bad records rejected into the same rejects file
 * with their line and reason. Other members and columns are ignored: a CRM export carries many.
 *
 * The three fields may come from other members or columns, or be a constant, by the outcomes
 * mapping (--outcomes-map entity=org_id,time=converted_at,outcome=:converted). It is a mapping of
 * its own rather than a part of the events' --map: an events export and an outcomes export name
 * their time columns differently, and one --map time=… would rename both.
 *
 * A record with an empty time (CSV exports list non-converters with an empty date; JSON may say
 * null) is no outcome: it is counted, not rejected. Outcomes of every name are collected, so that
 * the command can pick one or list them; an entity's outcome time is its earliest record's.
 */
/** Reads outcome files (JSON Lines or CSV) into outcome times per outcome name. Not thread-safe. */
public final class OutcomeReader {
  private final Rejects rejects;
  private final ReadProgress progress;
  private final Timestamps timestamps;
  private final Mapping mapping;
  private final Map<String, Outcomes.Builder> byName = new TreeMap<>();
  private final Map<String, String> badNames = new TreeMap<>();
  private long withoutTime;

  private OutcomeReader(
      Rejects rejects, ReadProgress progress, Timestamps timestamps, Mapping mapping) {
    this.rejects = rejects;
    this.progress = progress;
    this.timestamps = timestamps;
    this.mapping = mapping;
  }

  /** A reader rejecting into {@code rejects}, reading times by {@code timestamps}. */
  public static OutcomeReader create(
      Rejects rejects, ReadProgress progress, Timestamps timestamps, Mapping mapping) {
    return new OutcomeReader(
        requireNonNull(rejects, "rejects"),
        requireNonNull(progress, "progress"),
        requireNonNull(timestamps, "timestamps"),
        requireNonNull(mapping, "mapping"));
  }

  /**
   * What reading outcome files gave.
   *
   * @param read the files' summaries
   * @param outcomes per outcome name, in order of name, the outcomes of that name
   * @param withoutTime records with an empty or null time, which are no outcome (not rejected)
   */
  public record Read(ReadSummary read, SortedMap<String, Outcomes> outcomes, long withoutTime) {
    public Read {
      requireNonNull(read, "read");
      outcomes = Collections.unmodifiableSortedMap(new TreeMap<>(outcomes));
    }
  }

  /** Reads {@code files}, each in the format its name suggests, in order. */
  public Read read(List<Path> files) {
    List<FileSummary> summaries = new ArrayList<>();
    for (Path file : List.copyOf(requireNonNull(files, "files"))) {
      if (rejects.limitExceeded()) {
        break;
      }
      String name = file.toString();
      InputStream in;
      try {
        in = Files.newInputStream(file);
      } catch (NoSuchFileException e) {
        summaries.add(new FileSummary(name, 0, 0, 0, new TreeMap<>(), Optional.of("no such file")));
        continue;
      } catch (IOException e) {
        summaries.add(
            new FileSummary(
                name, 0, 0, 0, new TreeMap<>(), Optional.of("cannot open: " + e.getMessage())));
        continue;
      }
      summaries.add(read(name, in, InputFormat.forFileName(name)));
    }
    rejects.flush();
    Map<String, Outcomes> outcomes = new LinkedHashMap<>();
    byName.forEach((n, b) -> outcomes.put(n, b.build()));
    return new Read(
        new ReadSummary(summaries, rejects.limitExceeded()), new TreeMap<>(outcomes), withoutTime);
  }

  /** Reads one stream (closing it); {@code name} is used in rejects and summaries. */
  public FileSummary read(String name, InputStream in, InputFormat format) {
    Reading.Body body =
        format == InputFormat.CSV
            ? CsvFiles.rows(this::bindHeader)
            : (text, reading) ->
                JsonLines.read(
                    text,
                    reading,
                    (o, sink) ->
                        add(
                            mapping.entity.fromJson(o),
                            mapping.outcome.fromJson(o),
                            mapping.time.jsonTime(o, timestamps)));
    return Reading.run(name, in, InputSink.NONE, rejects, progress, body);
  }

  private CsvFiles.RowHandler bindHeader(List<String> header) throws Reading.FileException {
    for (int i = 0; i < header.size(); i++) {
      if (header.lastIndexOf(header.get(i)) != i) {
        throw new Reading.FileException("the header names column '" + header.get(i) + "' twice");
      }
    }
    int entity = mapping.entity.column(header);
    int outcome = mapping.outcome.column(header);
    int time = mapping.time.column(header);
    return (row, sink) ->
        add(
            mapping.entity.cell(row, entity),
            mapping.outcome.cell(row, outcome),
            mapping.time.cellTime(row, time, timestamps));
  }

  private void add(Optional<String> entity, Optional<String> outcome, Timed time) throws BadRecord {
    String id =
        entity.orElseThrow(
            () ->
                new BadRecord(
                    RejectReason.MISSING_ID, "no " + mapping.entity.describe() + " (the entity)"));
    String name =
        outcome.orElseThrow(
            () ->
                new BadRecord(
                    RejectReason.BAD_VALUE,
                    "no " + mapping.outcome.describe() + " (the outcome's name)"));
    if (time.missing()) {
      throw new BadRecord(
          RejectReason.MISSING_TIME, "no " + mapping.time.describe() + " (the outcome's time)");
    }
    Outcomes.Builder b = byName.get(name);
    if (b == null) {
      if (badNames.containsKey(name)) {
        throw new BadRecord(RejectReason.BAD_VALUE, badNames.get(name));
      }
      try {
        b = Outcomes.builder(name);
      } catch (IllegalArgumentException e) {
        badNames.put(name, "outcome name: " + e.getMessage());
        throw new BadRecord(RejectReason.BAD_VALUE, badNames.get(name));
      }
      byName.put(name, b);
    }
    if (time.value().isEmpty()) {
      // A non-converter in an export that lists everyone: no outcome, and nothing wrong with it.
      withoutTime++;
      return;
    }
    try {
      b.add(id, time.value().get());
    } catch (IllegalArgumentException e) {
      throw new BadRecord(RejectReason.BAD_VALUE, e.getMessage());
    }
  }

  /** A time field: missing altogether, present and empty (or null), or a time. */
  private record Timed(boolean missing, Optional<Instant> value) {}

  /** Where one of the three fields comes from: a member or column of some name, or a constant. */
  private record Source(String target, String column, String constant) {
    String describe() {
      return column == null || column.equals(target)
          ? "'" + target + "'"
          : "'" + column + "' (" + target + ")";
    }

    int column(List<String> header) throws Reading.FileException {
      if (constant != null) {
        return -1;
      }
      int i = header.indexOf(column);
      if (i < 0) {
        throw new Reading.FileException(
            column.equals(target)
                ? "no column '"
                    + target
                    + "' in the header "
                    + header
                    + "; map one with --outcomes-map "
                    + target
                    + "=COLUMN"
                    + (target.equals("outcome") ? " or outcome=:NAME" : "")
                : "--outcomes-map "
                    + target
                    + "="
                    + column
                    + ": no column '"
                    + column
                    + "' in "
                    + header);
      }
      return i;
    }

    Optional<String> cell(List<String> row, int index) throws BadRecord {
      return constant != null ? Optional.of(constant) : Fields.id(row.get(index), column);
    }

    Timed cellTime(List<String> row, int index, Timestamps timestamps) throws BadRecord {
      if (constant != null) {
        return new Timed(false, Fields.time(constant, target, timestamps));
      }
      return new Timed(false, Fields.time(row.get(index), column, timestamps));
    }

    Optional<String> fromJson(JsonNode o) throws BadRecord {
      return constant != null ? Optional.of(constant) : Fields.id(o.get(column), column);
    }

    Timed jsonTime(JsonNode o, Timestamps timestamps) throws BadRecord {
      if (constant != null) {
        return new Timed(false, Fields.time(constant, target, timestamps));
      }
      if (!o.has(column)) {
        return new Timed(true, Optional.empty());
      }
      return new Timed(false, Fields.time(o.get(column), column, timestamps));
    }
  }

  /**
   * Where an outcome record's entity, outcome name and time come from: {@code
   * entity=org_id,time=converted_at,outcome=:converted}. Immutable.
   */
  public static final class Mapping {
    private static final List<String> TARGETS = List.of("entity", "outcome", "time");

    private final Source entity;
    private final Source outcome;
    private final Source time;

    private Mapping(Map<String, Source> sources) {
      this.entity = sources.get("entity");
      this.outcome = sources.get("outcome");
      this.time = sources.get("time");
    }

    /** The fields {@code entity}, {@code outcome} and {@code time} of those names. */
    public static Mapping defaults() {
      return parse("");
    }

    /**
     * Parses a comma-separated list of {@code TARGET=COLUMN} or {@code TARGET=:CONSTANT}, targets
     * {@code entity}, {@code outcome} and {@code time}; a target not named is read from the field
     * of its own name.
     *
     * @throws IllegalArgumentException naming the entry that is wrong
     */
    public static Mapping parse(String spec) {
      requireNonNull(spec, "spec");
      Map<String, Source> sources = new LinkedHashMap<>();
      if (!spec.isBlank()) {
        for (String entry : spec.split(",", -1)) {
          int eq = entry.indexOf('=');
          if (eq < 0) {
            throw new IllegalArgumentException(
                "entry '" + entry + "' is not TARGET=COLUMN or TARGET=:CONSTANT");
          }
          String target = entry.substring(0, eq).strip();
          String source = entry.substring(eq + 1).strip();
          if (!TARGETS.contains(target)) {
            throw new IllegalArgumentException(
                "unknown target '"
                    + target
                    + "' in '"
                    + entry
                    + "' (expected entity, outcome or time)");
          }
          if (source.isEmpty() || source.equals(":")) {
            throw new IllegalArgumentException("'" + entry + "' has no column or constant");
          }
          Source s =
              source.startsWith(":")
                  ? new Source(target, null, source.substring(1))
                  : new Source(target, source, null);
          if (sources.put(target, s) != null) {
            throw new IllegalArgumentException("target '" + target + "' is mapped twice");
          }
        }
      }
      for (String t : TARGETS) {
        sources.putIfAbsent(t, new Source(t, t, null));
      }
      return new Mapping(sources);
    }
  }
}
