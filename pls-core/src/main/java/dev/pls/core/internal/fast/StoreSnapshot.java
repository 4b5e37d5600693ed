package dev.pls.core.internal.fast;

import dev.pls.core.model.Model;
import dev.pls.core.model.Trait;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/*
 * The entity store's snapshot format, version 2 (version 1 is read too: see below). Big-endian
 * throughout (DataOutputStream's order):
 *
 *   magic      4 bytes  "PLSS"
 *   version    int      2
 *   head       int length, then that many bytes:
 *                int parts; per part: string name, int n, n strings
 *   head crc   int      CRC32C of the head's bytes
 *   body:
 *     counters   6 longs   accepted, kept, beyond span, ignored, rejected, future
 *     watermark  byte 0|1 [instant]     the newest event ingested
 *     settled    byte 0|1 [instant]     the newest event merged (earliestAsOf)
 *     shared     the layout's shared state (day buckets: the distinct values' dictionary, by code)
 *     entities   int n; per entity, in the order they were first seen (their dense numbers):
 *                  string id; int n (-1: none), n values (traits); byte touched;
 *                  int n, n held events (event, long mask); the layout's state of the entity
 *     users      int n (-1: a user model); per user, in id order: string id;
 *                  byte 0|1 [instant, string account] (latest membership); value map (traits)
 *     links      int n; per identity link accepted, in the order given: string id, string userId
 *                (version 2 only; replayed into the identity graph on restore)
 *     refused    long   identity links refused by the limits (version 2 only)
 *     traits calls int n (the entities' count); per entity, in the entities' order: long number of
 *                the traits call that set its traits (0: none); then, unless a user model, int n
 *                and per user in id order the same (version 2 only: when a link merges two
 *                entities or users, the person keeps the traits of the later call)
 *   body crc   int      CRC32C of the body's bytes
 *
 * The layout's state of an entity: with day buckets, int n + n longs (extremes and folded
 * all-history counts, then cells; see Buckets) and int n + n longs (distinct values' entries);
 * with rows, int n, n longs (epoch seconds), n ints (nanos), n longs (filter masks), n x
 * properties values, then int n (-1: none) folded aggregate states, each byte 0|1 [long count,
 * int n (-1: none) distinct values, byte 0|1 [decimal: int scale, int n, n bytes], byte 0|1
 * [instant] (earliest), byte 0|1 [instant] (latest), int n, n longs (epoch days)].
 *
 * string = int length + UTF-8 bytes; instant = long epoch second + int nano; value = byte kind
 * (0 none, 1 string, 2 number: int scale + int n + n bytes of unscaled two's complement, 3 true,
 * 4 false, 5 time: instant); value map = int n + n (string, value) in key order; event = string
 * user (or int -1: an event of an account alone), byte 0|1 [string account], string name, instant,
 * value map.
 *
 * Version 2 differs from version 1 in two ways: an event's user may be -1 (events of an account
 * alone), and the body ends with the identity links, the count of links refused and the numbers of
 * the traits calls. A version 1 snapshot is read as a store with no links, no event of an account
 * alone and no traits call numbered (a later link then keeps the canonical entity's traits, else
 * takes the other's); a pls that reads
 * version 1 only refuses a version 2 snapshot by its version, never misreads it.
 *
 * The head says what the state's meaning depends on: the model's entity kind, zone, resolution,
 * the store layout, its event filters, the properties aggregates read, its aggregates (kind,
 * filters, window) in plan order and its traits with their types, as text, so that a refusal says
 * which part changed. Everything else in a model (rules, points, conditions, caps, tiers,
 * hand-off) may change between snapshot and restore. The head has its own checksum, so that a
 * corrupted head is reported as corruption, not as a changed model.
 *
 * The body is streamed, not buffered: a store may hold gigabytes. Reading checks the magic, the
 * version, the head's checksum, the head against the model, then reads the body into a store no
 * one else sees, and hands it out only when the body's checksum matches. A count read from a
 * corrupted body never allocates more than the bytes that follow it can fill.
 */
/** Writes an entity store's state as bytes and reads it back into a new store. */
final class StoreSnapshot {
  static final byte[] MAGIC = {'P', 'L', 'S', 'S'};
  static final int VERSION = 2;
  // The versions read: 1 holds no event of an account alone and no identity links.
  private static final int OLDEST_READ = 1;
  private static final int MAX_HEAD = 1 << 24;

  private StoreSnapshot() {}

  /** What a store's state means, part by part, as text. */
  static Map<String, List<String>> head(Plan plan, StoreLayout layout) {
    Model model = plan.model;
    Map<String, List<String>> head = new LinkedHashMap<>();
    head.put("entity kind", List.of(model.entity().name()));
    head.put("time zone", List.of(model.zone().getId()));
    head.put("resolution", List.of(model.resolution().name()));
    head.put("layout", List.of(layout instanceof BucketLayout ? "day buckets" : "rows"));
    head.put("event filters", plan.eventFilters().stream().map(Object::toString).toList());
    head.put("properties", List.copyOf(plan.properties));
    List<String> aggregates = new ArrayList<>();
    for (Plan.AggSlot a : plan.aggregates) {
      aggregates.add(
          a.aggregate()
              + a.window().map(w -> " within " + w).orElse("")
              + " filters "
              + Arrays.toString(a.filters())
              + " property "
              + a.property());
    }
    head.put("aggregates", aggregates);
    Map<String, Trait> traits = new LinkedHashMap<>();
    model.traits().forEach(t -> traits.put(t.name(), t));
    head.put("traits", plan.traitNames.stream().map(n -> n + ": " + traits.get(n).type()).toList());
    return head;
  }

  /**
   * Writes {@code store}'s state; {@code unchanged} says, before the checksum is written, whether
   * the state stayed still meanwhile. When it did not, the checksum written is wrong, so that the
   * bytes can never be restored, and this throws.
   */
  static void write(ColumnarStore store, OutputStream target, BooleanSupplier unchanged)
      throws IOException {
    DataOutputStream out = new DataOutputStream(target);
    out.write(MAGIC);
    out.writeInt(VERSION);
    ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
    DataOutputStream head = new DataOutputStream(headBytes);
    Map<String, List<String>> parts = head(store.plan(), store.layout());
    head.writeInt(parts.size());
    for (Map.Entry<String, List<String>> p : parts.entrySet()) {
      SnapshotData.string(head, p.getKey());
      head.writeInt(p.getValue().size());
      for (String s : p.getValue()) {
        SnapshotData.string(head, s);
      }
    }
    head.flush();
    out.writeInt(headBytes.size());
    headBytes.writeTo(out);
    CRC32C headCrc = new CRC32C();
    headCrc.update(headBytes.toByteArray());
    out.writeInt((int) headCrc.getValue());
    out.flush();

    CheckedOutputStream checked = new CheckedOutputStream(target, new CRC32C());
    DataOutputStream body =
        new DataOutputStream(new java.io.BufferedOutputStream(checked, 1 << 16));
    store.writeBody(body);
    body.flush();
    int crc = (int) checked.getChecksum().getValue();
    boolean still = unchanged.getAsBoolean();
    out.writeInt(still ? crc : ~crc);
    out.flush();
    if (!still) {
      throw new IllegalStateException(
          "snapshot: events were ingested while it was written, so it holds no one state; it was"
              + " written with a wrong checksum and cannot be restored. Pause ingest to snapshot");
    }
  }

  /**
   * Reads a snapshot into {@code store}, new and not yet shared.
   *
   * @throws IllegalArgumentException naming the snapshot and what is wrong with it
   */
  static void read(ColumnarStore store, InputStream source) throws IOException {
    // One buffer under both the plain and the checksummed reads: the checksum sees exactly the
    // bytes read through it, and the buffer keeps what was read ahead for the reads after it.
    java.io.BufferedInputStream buffered = new java.io.BufferedInputStream(source, 1 << 16);
    DataInputStream in = new DataInputStream(buffered);
    try {
      byte[] magic = in.readNBytes(MAGIC.length);
      if (magic.length == 0) {
        throw refused("it is empty");
      }
      if (!Arrays.equals(magic, MAGIC)) {
        throw refused("not an entity store snapshot (it does not start with \"PLSS\")");
      }
      int version = in.readInt();
      if (version < OLDEST_READ || version > VERSION) {
        throw refused(
            "format version "
                + version
                + ", and this pls reads versions "
                + OLDEST_READ
                + " to "
                + VERSION
                + " only; restore it with the pls that wrote it");
      }
      int headLength = in.readInt();
      if (headLength < 0 || headLength > MAX_HEAD) {
        throw refused("corrupted: a head of " + headLength + " bytes");
      }
      byte[] headBytes = in.readNBytes(headLength);
      if (headBytes.length < headLength) {
        throw new EOFException();
      }
      CRC32C headCrc = new CRC32C();
      headCrc.update(headBytes);
      if (in.readInt() != (int) headCrc.getValue()) {
        throw refused("corrupted: the checksum of its head does not match");
      }
      checkHead(store, readHead(headBytes));

      CheckedInputStream checked = new CheckedInputStream(buffered, new CRC32C());
      DataInputStream body = new DataInputStream(checked);
      try {
        store.readBody(body, version);
      } catch (RuntimeException e) {
        throw refused("corrupted: " + what(e), e);
      }
      long crc = checked.getChecksum().getValue();
      if (in.readInt() != (int) crc) {
        throw refused("corrupted: the checksum of its body does not match");
      }
    } catch (EOFException e) {
      throw refused("truncated: it ends before the snapshot does", e);
    }
  }

  private static String what(RuntimeException e) {
    return e instanceof SnapshotData.Corrupted
        ? e.getMessage()
        : "it does not read as a snapshot (" + e + ")";
  }

  private static Map<String, List<String>> readHead(byte[] bytes) throws IOException {
    DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(bytes));
    Map<String, List<String>> head = new LinkedHashMap<>();
    try {
      int parts = SnapshotData.count(in);
      for (int i = 0; i < parts; i++) {
        String name = SnapshotData.string(in);
        int n = SnapshotData.count(in);
        List<String> values = new ArrayList<>();
        for (int j = 0; j < n; j++) {
          values.add(SnapshotData.string(in));
        }
        head.put(name, values);
      }
    } catch (SnapshotData.Corrupted | EOFException e) {
      throw refused("corrupted: its head does not read", e);
    }
    return head;
  }

  /** Refuses a snapshot whose state means something else under the store's model. */
  private static void checkHead(ColumnarStore store, Map<String, List<String>> written) {
    Map<String, List<String>> now = head(store.plan(), store.layout());
    List<String> changed = new ArrayList<>();
    for (Map.Entry<String, List<String>> p : now.entrySet()) {
      List<String> was = written.get(p.getKey());
      if (!p.getValue().equals(was)) {
        changed.add(p.getKey() + " (snapshot: " + was + ", model: " + p.getValue() + ")");
      }
    }
    for (String name : written.keySet()) {
      if (!now.containsKey(name)) {
        changed.add(name + " (snapshot: " + written.get(name) + ", model: none)");
      }
    }
    if (!changed.isEmpty()) {
      throw new IllegalArgumentException(
          "model: its inputs changed since the snapshot was written, so the state does not fit"
              + " it; changed: "
              + String.join("; ", changed));
    }
  }

  private static IllegalArgumentException refused(String why) {
    return new IllegalArgumentException("snapshot: " + why);
  }

  private static IllegalArgumentException refused(String why, Throwable cause) {
    return new IllegalArgumentException("snapshot: " + why, cause);
  }
}
