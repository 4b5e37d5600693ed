package dev.pls.cli.io;

import static java.util.Objects.requireNonNull;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/*
 * A file output that either appears whole or not at all. A run killed halfway, a full disk, or a
 * bug that throws while cards are being written must never leave a file under the final name
 * holding part of the results, nor destroy the results of the previous run.
 *
 * So the bytes go to a temporary file in the target's own directory (a rename is only atomic
 * within one file system), named after the target so that a leftover of a killed process is
 * recognisable: `.cards.jsonl.3f9a…​.pls-tmp`. commit() flushes, forces the bytes to the device,
 * closes, and renames the temporary over the target (atomically where the file system can; else
 * a plain replacing move, which is still a single rename on POSIX systems), then forces the
 * directory so that the rename itself survives a crash. Until commit() the old target is not
 * touched; close() without commit() deletes the temporary.
 *
 * Two cases are written in place, because a rename there would be wrong rather than safe: a
 * target that exists and is not a regular file (/dev/null, /dev/stdout, a named pipe — renaming
 * over them would replace the device node), and a symbolic link, which is followed so that the
 * file it points to is replaced and the link kept.
 *
 * The temporary is created with the default permissions (as the target would have been); when it
 * replaces an existing file, it takes that file's POSIX permissions, so `fmt --write` keeps a
 * rule file's mode.
 */
/**
 * Writes a file so that it appears whole or not at all: to a temporary file beside it, renamed over
 * it by {@link #commit()}; {@link #close()} without a commit deletes the temporary and leaves the
 * old file untouched. Not thread-safe.
 */
public final class AtomicOutput implements Closeable {
  /** The suffix of temporary files, so that a leftover of a killed process can be recognised. */
  public static final String TEMP_SUFFIX = ".pls-tmp";

  private final Path target;
  private final Path temp;
  private final FileChannel channel;
  private final OutputStream stream;
  private Writer writer;
  private boolean done;

  private AtomicOutput(Path target, Path temp, FileChannel channel) {
    this.target = target;
    this.temp = temp;
    this.channel = channel;
    OutputStream raw = Channels.newOutputStream(channel);
    this.stream =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            try {
              raw.write(b);
            } catch (IOException e) {
              throw named(e);
            }
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            try {
              raw.write(b, off, len);
            } catch (IOException e) {
              throw named(e);
            }
          }

          // Closing is commit()'s or close()'s decision, not the caller's writer's.
          @Override
          public void close() {}
        };
  }

  // "No space left on device" alone does not say which of a command's outputs filled the disk.
  private IOException named(IOException e) {
    return new IOException(target + ": " + e.getMessage(), e);
  }

  /**
   * Opens an output for {@code target}. Nothing is visible under {@code target} until {@link
   * #commit()}.
   *
   * @throws IOException if {@code target} is a directory or the temporary file cannot be created (a
   *     missing or read-only directory)
   */
  public static AtomicOutput create(Path target) throws IOException {
    requireNonNull(target, "target");
    if (Files.isDirectory(target)) {
      throw new IOException(target + ": is a directory");
    }
    if (Files.exists(target) && !Files.isRegularFile(target)) {
      // A device or a pipe: written in place, see above. Opened by the path given, not its real
      // path: /dev/stdout on a pipe links to "pipe:[N]", which has no real path.
      FileChannel channel = FileChannel.open(target, StandardOpenOption.WRITE);
      return new AtomicOutput(target, null, channel);
    }
    Path resolved = target;
    if (Files.isSymbolicLink(target) && Files.exists(target)) {
      resolved = target.toRealPath();
    }
    Path dir = resolved.toAbsolutePath().getParent();
    String name = resolved.getFileName().toString();
    while (true) {
      String random = Long.toHexString(ThreadLocalRandom.current().nextLong());
      Path temp = dir.resolve("." + name + "." + random + TEMP_SUFFIX);
      try {
        FileChannel channel =
            FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new AtomicOutput(resolved, temp, channel);
      } catch (FileAlreadyExistsException e) {
        // Another output drew the same name: draw again.
      } catch (java.nio.file.NoSuchFileException e) {
        throw new java.nio.file.NoSuchFileException(target.toString());
      } catch (java.nio.file.AccessDeniedException e) {
        throw new java.nio.file.AccessDeniedException(target.toString());
      }
    }
  }

  /** The file this output replaces on {@link #commit()} (a link's target, if it was a link). */
  public Path target() {
    return target;
  }

  /**
   * The bytes of the output. Closing it does nothing: {@link #commit()} or {@link #close()} ends
   * the output.
   */
  public OutputStream stream() {
    checkOpen();
    return stream;
  }

  /** The output as UTF-8 text, buffered; closing it only flushes it. */
  public Writer writer() {
    checkOpen();
    if (writer == null) {
      writer =
          new FilterWriter(
              new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8))) {
            // A caller closing its writer must not end the output before commit() flushes it.
            @Override
            public void close() throws IOException {
              out.flush();
            }
          };
    }
    return writer;
  }

  private void checkOpen() {
    if (done) {
      throw new IllegalStateException(target + ": the output was already committed or closed");
    }
  }

  /**
   * Flushes everything written, forces it to the device, and replaces the target with it.
   *
   * @throws IOException if any of that fails; the target is then untouched (unless it is a device
   *     or pipe, which is written in place) and the temporary file is deleted
   * @throws IllegalStateException if the output was already committed or closed
   */
  public void commit() throws IOException {
    checkOpen();
    done = true;
    try {
      if (writer != null) {
        writer.flush();
      }
      if (temp == null) {
        channel.close();
        return;
      }
      try {
        channel.force(true);
        channel.close();
      } catch (IOException e) {
        throw named(e);
      }
      keepPermissions();
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException | RuntimeException | Error e) {
      discard(e);
      throw e;
    }
    forceDirectory();
  }

  /**
   * Ends the output: after {@link #commit()} it does nothing; before, it deletes the temporary file
   * and leaves the target as it was.
   */
  @Override
  public void close() throws IOException {
    if (done) {
      return;
    }
    done = true;
    discard(null);
  }

  private void discard(Throwable cause) throws IOException {
    IOException failure = null;
    try {
      channel.close();
    } catch (IOException e) {
      failure = e;
    }
    if (temp != null) {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        failure = e;
      }
    }
    if (failure != null) {
      if (cause != null) {
        cause.addSuppressed(failure);
      } else {
        throw failure;
      }
    }
  }

  private void keepPermissions() throws IOException {
    if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    PosixFileAttributeView from = Files.getFileAttributeView(target, PosixFileAttributeView.class);
    PosixFileAttributeView to = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
    if (from != null && to != null) {
      to.setPermissions(from.readAttributes().permissions());
    }
  }

  // Makes the rename durable. Not every platform can open a directory (Windows cannot); there the
  // rename is as durable as the file system makes it.
  private void forceDirectory() {
    Path dir = target.toAbsolutePath().getParent();
    if (dir == null
        || System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("win")) {
      return;
    }
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException e) {
      // Best effort: the file itself is already complete under its name.
    }
  }

  @Override
  public String toString() {
    return "AtomicOutput[" + target + "]";
  }
}
