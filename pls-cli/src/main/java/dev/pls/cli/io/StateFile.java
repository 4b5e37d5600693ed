package dev.pls.cli.io;

import static java.util.Objects.requireNonNull;

import dev.pls.core.handoff.Router;
import dev.pls.core.model.Model;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32C;

/*
 * The state of a `pls route --state FILE` replay: the router's snapshot (its own format, with its
 * own checks), and how many bytes of alerts the --out file held when the snapshot was taken, with
 * their CRC32C. The alerts' length and checksum are what make a resume exact: alerts are flushed
 * and synced before the state that counts them is saved, so after a kill the --out file may hold
 * alerts of one step the state does not count yet; resuming cuts them off (after checking the
 * counted prefix is the one the state recorded, so it never cuts a file it did not write) and routes
 * that step again. Nothing is lost and nothing repeats.
 *
 *   magic     4 bytes  "PLST"
 *   version   int      1
 *   alerts    long     bytes of --out the state counts
 *   crc       int      CRC32C of those bytes
 *   snapshot  int n, n bytes   Router.snapshot
 *   check     int      CRC32C of every byte before it
 *
 * The file is replaced atomically by AtomicOutput: written to a temporary file in the same directory, synced, then
 * renamed over the old one (and the directory synced), so a kill leaves the old state or the new
 * one, never a mix; the temporary file is removed on failure.
 */
/** The saved state of a resumable {@code pls route} replay: router snapshot plus alerts written. */
public final class StateFile {
  private static final byte[] MAGIC = {'P', 'L', 'S', 'T'};
  private static final int VERSION = 1;
  private static final int FIXED = 4 + 4 + 8 + 4 + 4 + 4;

  /**
   * A replay's saved state.
   *
   * @param router the router, as of its last step
   * @param alertsLength the bytes of the alerts file written up to that step
   * @param alertsCrc the CRC32C of those bytes
   */
  public record Saved(Router router, long alertsLength, int alertsCrc) {
    public Saved {
      requireNonNull(router, "router");
      if (alertsLength < 0) {
        throw new IllegalArgumentException(
            "alertsLength: must not be negative, was " + alertsLength);
      }
    }
  }

  private StateFile() {}

  /**
   * The state saved in {@code file}, restored for {@code model}; empty when there is no such file.
   *
   * @throws IllegalArgumentException if the file is not a route state file, is truncated or
   *     corrupted, or holds a router snapshot that cannot be restored under {@code model}; the
   *     message says which, without naming the file
   * @throws IOException if the file cannot be read
   */
  public static Optional<Saved> read(Path file, Model model) throws IOException {
    requireNonNull(file, "file");
    requireNonNull(model, "model");
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    if (bytes.length == 0) {
      throw new IllegalArgumentException("it is empty; delete it to start the replay over");
    }
    if (!Arrays.equals(
        Arrays.copyOf(bytes, Math.min(bytes.length, MAGIC.length)),
        Arrays.copyOf(MAGIC, Math.min(bytes.length, MAGIC.length)))) {
      throw new IllegalArgumentException(
          "not a pls route state file (it does not start with \"PLST\")");
    }
    if (bytes.length < FIXED) {
      throw new IllegalArgumentException(
          "truncated: " + bytes.length + " bytes; delete it to start the replay over");
    }
    ByteBuffer in = ByteBuffer.wrap(bytes);
    in.position(MAGIC.length);
    int version = in.getInt();
    if (version != VERSION) {
      throw new IllegalArgumentException(
          "format version " + version + ", but this pls reads version " + VERSION);
    }
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - 4);
    if ((int) crc.getValue() != ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt()) {
      throw new IllegalArgumentException(
          "corrupted or truncated: its checksum does not match its contents; delete it to start"
              + " the replay over");
    }
    long alertsLength = in.getLong();
    int alertsCrc = in.getInt();
    int n = in.getInt();
    if (alertsLength < 0 || n < 0 || n != in.remaining() - 4) {
      throw new IllegalArgumentException("corrupted: its lengths do not add up");
    }
    Router router = Router.restore(model, new ByteArrayInputStream(bytes, in.position(), n));
    return Optional.of(new Saved(router, alertsLength, alertsCrc));
  }

  /**
   * Replaces {@code file} atomically with {@code router}'s state and the alerts written so far.
   *
   * @throws IOException if the state cannot be written; {@code file} then holds the previous state
   */
  public static void save(Path file, Router router, long alertsLength, int alertsCrc)
      throws IOException {
    requireNonNull(file, "file");
    requireNonNull(router, "router");
    ByteArrayOutputStream snapshot = new ByteArrayOutputStream();
    router.snapshot(snapshot);
    ByteArrayOutputStream all = new ByteArrayOutputStream(FIXED + snapshot.size());
    DataOutputStream out = new DataOutputStream(all);
    out.write(MAGIC);
    out.writeInt(VERSION);
    out.writeLong(alertsLength);
    out.writeInt(alertsCrc);
    out.writeInt(snapshot.size());
    snapshot.writeTo(out);
    CRC32C crc = new CRC32C();
    crc.update(all.toByteArray());
    out.writeInt((int) crc.getValue());
    out.flush();
    replace(file, all.toByteArray());
  }

  private static void replace(Path file, byte[] bytes) throws IOException {
    try (AtomicOutput out = AtomicOutput.create(file)) {
      out.stream().write(bytes);
      out.commit();
    }
  }
}
