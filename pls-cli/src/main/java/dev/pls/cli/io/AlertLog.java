package dev.pls.cli.io;

import static java.util.Objects.requireNonNull;

import java.io.Closeable;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/*
 * The alerts file of a resumable replay: appended step by step, never rewritten, so that it can be
 * resumed. It counts the bytes it holds and keeps their running CRC32C, which the state file
 * records after each step (StateFile). Opening it for a resume checks that the file starts with
 * exactly the bytes the state counted, then cuts off whatever follows: alerts of a step that was
 * written but not yet counted when the replay was killed, which the resumed replay makes again.
 */
/** An alerts file appended step by step, whose length and checksum a {@link StateFile} records. */
public final class AlertLog implements Closeable {
  private final Path file;
  private final FileChannel channel;
  private final CRC32C crc;
  private long length;
  private final Writer writer;

  /** What opening an alert log for a resume found beyond the counted alerts. */
  private final long dropped;

  private AlertLog(Path file, FileChannel channel, long length, CRC32C crc, long dropped) {
    this.file = file;
    this.channel = channel;
    this.length = length;
    this.crc = crc;
    this.dropped = dropped;
    OutputStream counting =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            ByteBuffer buf = ByteBuffer.wrap(b, off, len);
            try {
              while (buf.hasRemaining()) {
                channel.write(buf);
              }
            } catch (IOException e) {
              throw named(e);
            }
            crc.update(b, off, len);
            AlertLog.this.length += len;
          }
        };
    this.writer = new OutputStreamWriter(counting, StandardCharsets.UTF_8);
  }

  /** A new, empty alert log at {@code file}, replacing what it held. */
  public static AlertLog create(Path file) throws IOException {
    requireNonNull(file, "file");
    FileChannel ch =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
    return new AlertLog(file, ch, 0, new CRC32C(), 0);
  }

  /**
   * The alert log at {@code file}, to be appended after its first {@code length} bytes, whose
   * CRC32C must be {@code crc}; any bytes after them are cut off ({@link #dropped()} says how
   * many).
   *
   * @throws IllegalArgumentException if the file is shorter than {@code length} or its first {@code
   *     length} bytes are not those counted; the file is then untouched
   * @throws IOException if the file cannot be read or written
   */
  public static AlertLog resume(Path file, long length, int crc) throws IOException {
    requireNonNull(file, "file");
    FileChannel ch =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    try {
      long size = ch.size();
      if (size < length) {
        throw new IllegalArgumentException(
            "holds " + size + " bytes, fewer than the " + length + " bytes of alerts written");
      }
      CRC32C check = new CRC32C();
      ByteBuffer buf = ByteBuffer.allocate(1 << 16);
      long at = 0;
      while (at < length) {
        buf.clear().limit((int) Math.min(buf.capacity(), length - at));
        int n = ch.read(buf, at);
        if (n < 0) {
          throw new IllegalArgumentException("ended while being checked");
        }
        buf.flip();
        check.update(buf);
        at += n;
      }
      if ((int) check.getValue() != crc) {
        throw new IllegalArgumentException(
            "does not start with the alerts written; it was changed, or is another file");
      }
      ch.truncate(length);
      ch.position(length);
      return new AlertLog(file, ch, length, check, size - length);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /**
   * Where to write alerts; {@link #sync} makes them count. Closing it only flushes it: {@link
   * #close} closes the log.
   */
  public Writer writer() {
    return new FilterWriter(writer) {
      @Override
      public void close() throws IOException {
        flush();
      }
    };
  }

  /**
   * Flushes what was written and forces it to the disk, so that a state that counts it may be
   * saved.
   */
  public void sync() throws IOException {
    writer.flush();
    try {
      channel.force(false);
    } catch (IOException e) {
      throw named(e);
    }
  }

  /** The failure, naming the file, as every other output's failure does. */
  private IOException named(IOException e) {
    return e.getMessage() != null && e.getMessage().startsWith(file + ": ")
        ? e
        : new IOException(file + ": " + e.getMessage(), e);
  }

  /** The bytes the log holds, as of the last {@link #sync}. */
  public long length() {
    return length;
  }

  /** The CRC32C of the bytes the log holds, as of the last {@link #sync}. */
  public int crc() {
    return (int) crc.getValue();
  }

  /** How many bytes after the counted alerts opening for a resume cut off. */
  public long dropped() {
    return dropped;
  }

  @Override
  public void close() throws IOException {
    try {
      writer.flush();
    } finally {
      channel.close();
    }
  }
}
