package dev.pls.flink;

import static java.util.Objects.requireNonNull;

import dev.pls.core.model.Model;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.RecordAndPosition;

/*
 * A bulk format rather than a stream format because a record must carry its file (rejects and the
 * order of a user's records name it), and only a bulk reader is told its split's path. Files are
 * not split: a JSON Lines file is read start to end by one reader, which numbers its lines. The
 * position checkpointed after a record is the number of lines read through it (every line gives at
 * most one record: an event, a user's traits, or a reject); a restored reader reads that many lines
 * again through its parser, discarding what they give, so line numbers and the file's Segment
 * messageIds come back as they were.
 */
/** Reads JSON Lines event or trait files (optionally gzipped) into {@link Input}s. */
final class JsonLinesFormat implements BulkFormat<Input, FileSourceSplit> {
  private static final long serialVersionUID = 1L;
  private static final int BATCH = 512;

  private final ModelSource model;
  private final Map<String, Integer> indexOfPath;
  private final Map<String, String> nameOfPath;
  private final boolean traits;

  /**
   * @param model the model whose types values are checked against
   * @param indexOfPath each file's index (see {@link Input#file}), by its absolute path
   * @param nameOfPath each file's name as given, by its absolute path
   * @param traits whether these are trait files
   */
  JsonLinesFormat(
      ModelSource model,
      Map<String, Integer> indexOfPath,
      Map<String, String> nameOfPath,
      boolean traits) {
    this.model = requireNonNull(model, "model");
    this.indexOfPath = Map.copyOf(indexOfPath);
    this.nameOfPath = Map.copyOf(nameOfPath);
    this.traits = traits;
  }

  @Override
  public Reader<Input> createReader(Configuration config, FileSourceSplit split)
      throws IOException {
    return open(split, 0);
  }

  @Override
  public Reader<Input> restoreReader(Configuration config, FileSourceSplit split)
      throws IOException {
    long lines =
        split.getReaderPosition().map(CheckpointedPosition::getRecordsAfterOffset).orElse(0L);
    return open(split, lines);
  }

  private Reader<Input> open(FileSourceSplit split, long skipLines) throws IOException {
    String path = split.path().toUri().getPath();
    Integer index = indexOfPath.get(path);
    if (index == null) {
      throw new IOException("not an input file of this job: " + path);
    }
    Model m = model.model();
    InputStream in = split.path().getFileSystem().open(split.path());
    if (path.endsWith(".gz")) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    LinesReader reader =
        new LinesReader(
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16),
            new LineParser(m, nameOfPath.get(path), index, traits));
    reader.skip(skipLines);
    return reader;
  }

  @Override
  public boolean isSplittable() {
    return false;
  }

  @Override
  public TypeInformation<Input> getProducedType() {
    return TypeInformation.of(Input.class);
  }

  private static final class LinesReader implements Reader<Input> {
    private final BufferedReader in;
    private final LineParser parser;
    private long lines;

    LinesReader(BufferedReader in, LineParser parser) {
      this.in = in;
      this.parser = parser;
    }

    void skip(long count) throws IOException {
      while (lines < count) {
        String text = in.readLine();
        if (text == null) {
          return;
        }
        lines++;
        parser.next(text);
      }
    }

    @Override
    public RecordIterator<Input> readBatch() throws IOException {
      List<RecordAndPosition<Input>> batch = new ArrayList<>();
      while (batch.size() < BATCH) {
        String text = in.readLine();
        if (text == null) {
          break;
        }
        lines++;
        for (Input record : parser.next(text)) {
          batch.add(new RecordAndPosition<>(record, CheckpointedPosition.NO_OFFSET, lines));
        }
      }
      if (batch.isEmpty()) {
        return null; // the end of the file: a null batch ends the split
      }
      return new ListIterator(batch);
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  private static final class ListIterator implements RecordIterator<Input> {
    private final List<RecordAndPosition<Input>> records;
    private int next;

    ListIterator(List<RecordAndPosition<Input>> records) {
      this.records = records;
    }

    @Override
    public RecordAndPosition<Input> next() {
      return next < records.size() ? records.get(next++) : null;
    }

    @Override
    public void releaseBatch() {}
  }
}
