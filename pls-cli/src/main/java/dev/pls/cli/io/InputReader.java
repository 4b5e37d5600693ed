package dev.pls.cli.io;

import static java.util.Objects.requireNonNull;

import dev.pls.core.model.Model;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads event and trait files into an {@link InputSink}, streaming, rejecting bad records into a
 * {@link Rejects} and summarising each file.
 *
 * <p>Nothing about the input makes it throw: a record that cannot be used is a reject, a file that
 * cannot be read to its end is an error in its {@link FileSummary}, and once the rejects exceed
 * their limit reading stops and the {@link ReadSummary} says so. Not thread-safe.
 */
public final class InputReader {
  private final InputSink sink;
  private final Rejects rejects;
  private final ReadProgress progress;
  private final Timestamps timestamps;
  private final PropertyTypes types;
  // Whether JSON Lines events skip the streaming parser's fast path (FlatEvents): for comparing
  // the two decoders.
  private final boolean treeOnly;
  // The Segment messageIds read so far, across files; a reader made by a with method starts afresh.
  private final java.util.Set<String> messageIds = new java.util.HashSet<>();

  private InputReader(
      InputSink sink,
      Rejects rejects,
      ReadProgress progress,
      Timestamps timestamps,
      PropertyTypes types,
      boolean treeOnly) {
    this.sink = sink;
    this.rejects = rejects;
    this.progress = progress;
    this.timestamps = timestamps;
    this.types = types;
    this.treeOnly = treeOnly;
  }

  /**
   * This reader, decoding every JSON Lines event through a JSON tree, without the streaming fast
   * path for flat lines; the two accept and reject the same lines alike (a test holds them so).
   */
  InputReader treeOnly() {
    return new InputReader(sink, rejects, progress, timestamps, types, true);
  }

  /**
   * A reader feeding {@code sink}, rejecting into {@code rejects}, reporting to {@code progress}.
   */
  public static InputReader create(InputSink sink, Rejects rejects, ReadProgress progress) {
    return new InputReader(
        requireNonNull(sink, "sink"),
        requireNonNull(rejects, "rejects"),
        requireNonNull(progress, "progress"),
        Timestamps.strict(),
        PropertyTypes.none(),
        false);
  }

  /**
   * This reader, reading timestamps by {@code timestamps} instead of {@link Timestamps#strict()}
   * (for instance {@link Timestamps#assumingZone} for exports of local times).
   */
  public InputReader withTimestamps(Timestamps timestamps) {
    return new InputReader(
        sink, rejects, progress, requireNonNull(timestamps, "timestamps"), types, treeOnly);
  }

  /**
   * This reader, rejecting events ({@code wrong_type}) whose properties have another type than
   * {@code model}'s rules read them as: compared with a string, number or boolean literal in an
   * event filter, or summed, minimised or maximised (numbers); and rejecting trait records (trait
   * files, Segment identify and group calls) with a trait of another type than {@code model}
   * declares ({@code 1.5} or {@code "200"} for an {@code int} trait, {@code "Yes"} for a {@code
   * bool} one), for the entities the model scores (its members' too).
   */
  public InputReader checkingTypesOf(Model model) {
    return new InputReader(
        sink,
        rejects,
        progress,
        timestamps,
        PropertyTypes.of(requireNonNull(model, "model")).withSpellings(types.spellings()),
        treeOnly);
  }

  /**
   * This reader, reading trait and property values by {@code spellings}: which texts mean a missing
   * value, and which true or false where the model declares a boolean (see {@link
   * #checkingTypesOf}).
   */
  public InputReader withValues(ValueSpellings spellings) {
    return new InputReader(
        sink,
        rejects,
        progress,
        timestamps,
        types.withSpellings(requireNonNull(spellings, "spellings")),
        treeOnly);
  }

  /**
   * Reads event files, each in the format its name suggests ({@link InputFormat#forFileName}).
   *
   * @param mapping the column mapping for CSV files
   */
  public ReadSummary readEvents(List<Path> files, CsvMapping mapping) {
    requireNonNull(mapping, "mapping");
    return readAll(
        files, (name, in) -> readEvents(name, in, InputFormat.forFileName(name), mapping));
  }

  /** Reads trait files keyed by a {@code user} or {@code account} field. */
  public ReadSummary readTraits(List<Path> files) {
    return readTraits(files, TraitKey.defaults());
  }

  /** Reads trait files keyed by {@code key}, each in the format its name suggests. */
  public ReadSummary readTraits(List<Path> files, TraitKey key) {
    requireNonNull(key, "key");
    return readAll(files, (name, in) -> readTraits(name, in, InputFormat.forFileName(name), key));
  }

  /** Reads one stream of events (closing it); {@code name} is used in rejects and summaries. */
  public FileSummary readEvents(
      String name, InputStream in, InputFormat format, CsvMapping mapping) {
    requireNonNull(format, "format");
    requireNonNull(mapping, "mapping");
    Reading.Body body =
        format == InputFormat.CSV
            ? CsvFiles.events(mapping, timestamps, types)
            : (text, reading) ->
                JsonLines.read(
                    text,
                    reading,
                    new JsonEvents(timestamps, types, messageIds),
                    treeOnly ? null : new FlatEvents(timestamps, types));
    return Reading.run(name, in, sink, rejects, progress, body);
  }

  /** Reads one stream of traits (closing it); {@code name} is used in rejects and summaries. */
  public FileSummary readTraits(String name, InputStream in, InputFormat format, TraitKey key) {
    requireNonNull(format, "format");
    requireNonNull(key, "key");
    Reading.Body body =
        format == InputFormat.CSV
            ? CsvFiles.traits(key, types)
            : (text, reading) -> JsonLines.read(text, reading, new JsonTraits(key, types));
    return Reading.run(name, in, sink, rejects, progress, body);
  }

  private interface StreamReader {
    FileSummary read(String name, InputStream in);
  }

  private ReadSummary readAll(List<Path> files, StreamReader reader) {
    List<FileSummary> summaries = new ArrayList<>();
    for (Path file : List.copyOf(requireNonNull(files, "files"))) {
      if (rejects.limitExceeded()) {
        break;
      }
      String name = file.toString();
      InputStream in;
      try {
        in = openStream(file);
      } catch (NoSuchFileException e) {
        summaries.add(unreadable(name, "no such file"));
        continue;
      } catch (IOException e) {
        summaries.add(unreadable(name, "cannot open: " + e.getMessage()));
        continue;
      }
      summaries.add(reader.read(name, in));
    }
    rejects.flush();
    return new ReadSummary(summaries, rejects.limitExceeded());
  }

  /**
   * Opens a file, or a pipe or device given by path ({@code /dev/stdin}, {@code <(cmd)}): a
   * channel's stream asks a pipe for its size and position, which fails with "Illegal seek", so
   * those are read through a plain file stream.
   */
  private static InputStream openStream(Path file) throws IOException {
    if (Files.exists(file) && !Files.isRegularFile(file) && !Files.isDirectory(file)) {
      try {
        return new java.io.FileInputStream(file.toFile());
      } catch (java.io.FileNotFoundException e) {
        throw new IOException(e.getMessage(), e);
      }
    }
    return Files.newInputStream(file);
  }

  private static FileSummary unreadable(String name, String error) {
    return new FileSummary(name, 0, 0, 0, new java.util.TreeMap<>(), Optional.of(error));
  }
}
