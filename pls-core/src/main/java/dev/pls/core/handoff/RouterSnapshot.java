package dev.pls.core.handoff;

import dev.pls.core.model.EntityKind;
import dev.pls.core.model.Handoff;
import dev.pls.core.model.Model;
import dev.pls.core.model.Tier;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/*
 * The router's snapshot format, version 1. Big-endian throughout (DataOutputStream's order):
 *
 *   magic      4 bytes  "PLSR"
 *   version    int      1
 *   length     int      bytes of the body that follows
 *   body:
 *     model      string   the model's id
 *     kind       string   EntityKind name
 *     zone       string   the model's time zone id
 *     tiers      int n, n strings    in the model's order (their ranks)
 *     queues     int n, n strings    in name order
 *     triggers   int n, n strings    in name order
 *     last step  byte 0|1 [long epoch second, int nano]
 *     day        byte 0|1 [long epoch day]              the day of usedToday
 *     used       int n, n (int queue, int slots)        in queue order
 *     entities   int n, n entities                      in id order:
 *       string id; int tier; int episode (-1: none); int n, n int trigger;
 *       int n, n (int queue, long epoch second, int nano, byte level, int tier)  in queue order
 *     (level: the Handoff.Level's ordinal, 0 high, 1 medium, 2 low)
 *   crc        int      CRC32C of every byte before it
 *
 * string = int length + UTF-8 bytes. Tiers, queues and triggers in the state are indices into the
 * lists of the body's head (tier index tiers.size() is "none"), which is why the head must equal
 * the restoring model's: those lists are all the state's meaning depends on besides the zone (the
 * capacity day is a local date). Everything else in a model may change between snapshot and
 * restore without making the state wrong. Keeping the lists themselves, not a hash of them, lets a
 * refusal say what changed.
 *
 * Every map is written in sorted order, so the same state always gives the same bytes. Reading
 * checks, in order: length (truncated or trailing bytes), magic, version, checksum, head, then every
 * index and count in the body, and never allocates more than the bytes present can hold.
 */
/** Writes a router's state as bytes and reads it back into a fresh router. */
final class RouterSnapshot {
  static final byte[] MAGIC = {'P', 'L', 'S', 'R'};
  static final int VERSION = 1;
  private static final int HEADER = 12;
  private static final int CRC = 4;

  private RouterSnapshot() {}

  /** The snapshot of {@code router}'s state. */
  static byte[] write(Router router) {
    try {
      Head head = Head.of(router.model());
      ByteArrayOutputStream bodyBytes = new ByteArrayOutputStream();
      DataOutputStream body = new DataOutputStream(bodyBytes);
      head.write(body);
      Index tiers = new Index(head.tiers);
      Index queues = new Index(head.queues);
      Index triggers = new Index(head.triggers);
      Instant last = router.lastStep().orElse(null);
      body.writeBoolean(last != null);
      if (last != null) {
        instant(body, last);
      }
      LocalDate day = router.capacityDay();
      body.writeBoolean(day != null);
      if (day != null) {
        body.writeLong(day.toEpochDay());
      }
      SortedMap<String, Integer> used = new TreeMap<>(router.usedToday());
      body.writeInt(used.size());
      for (Map.Entry<String, Integer> e : used.entrySet()) {
        body.writeInt(queues.of(e.getKey()));
        body.writeInt(e.getValue());
      }
      SortedMap<String, Router.EntityState> states = new TreeMap<>(router.states());
      body.writeInt(states.size());
      for (Map.Entry<String, Router.EntityState> e : states.entrySet()) {
        Router.EntityState s = e.getValue();
        string(body, e.getKey());
        body.writeInt(tiers.of(s.tier));
        body.writeInt(s.episode == null ? -1 : tiers.of(s.episode));
        body.writeInt(s.triggers.size());
        for (String t : s.triggers) {
          body.writeInt(triggers.of(t));
        }
        SortedMap<String, Router.Last> lastAlerts = new TreeMap<>(s.last);
        body.writeInt(lastAlerts.size());
        for (Map.Entry<String, Router.Last> l : lastAlerts.entrySet()) {
          body.writeInt(queues.of(l.getKey()));
          instant(body, l.getValue().at());
          body.writeByte(l.getValue().level().ordinal());
          body.writeInt(tiers.of(l.getValue().tier()));
        }
      }
      body.flush();

      ByteArrayOutputStream all = new ByteArrayOutputStream(HEADER + bodyBytes.size() + CRC);
      DataOutputStream out = new DataOutputStream(all);
      out.write(MAGIC);
      out.writeInt(VERSION);
      out.writeInt(bodyBytes.size());
      bodyBytes.writeTo(out);
      CRC32C crc = new CRC32C();
      crc.update(all.toByteArray());
      out.writeInt((int) crc.getValue());
      out.flush();
      return all.toByteArray();
    } catch (IOException e) {
      throw new AssertionError("writing to memory failed", e);
    }
  }

  /**
   * Reads {@code bytes} into {@code router}, which has not routed yet.
   *
   * @throws IllegalArgumentException naming the snapshot and what is wrong with it
   */
  static void read(Router router, byte[] bytes) {
    if (bytes.length == 0) {
      throw refused("it is empty");
    }
    int prefix = Math.min(bytes.length, MAGIC.length);
    if (!Arrays.equals(Arrays.copyOf(bytes, prefix), Arrays.copyOf(MAGIC, prefix))) {
      throw refused("not a router snapshot (it does not start with \"PLSR\")");
    }
    if (bytes.length < HEADER + CRC) {
      throw refused("truncated: " + bytes.length + " bytes, fewer than a snapshot's smallest");
    }
    ByteBuffer header = ByteBuffer.wrap(bytes, MAGIC.length, HEADER - MAGIC.length);
    int version = header.getInt();
    if (version != VERSION) {
      throw refused(
          "format version "
              + version
              + ", but this pls reads version "
              + VERSION
              + "; restore it with the pls that wrote it");
    }
    long length = Integer.toUnsignedLong(header.getInt());
    long expected = HEADER + length + CRC;
    if (bytes.length < expected) {
      throw refused("truncated: " + bytes.length + " bytes of " + expected);
    }
    if (bytes.length > expected) {
      throw refused(
          "corrupted: " + (bytes.length - expected) + " bytes after its end of " + expected);
    }
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - CRC);
    int stored = ByteBuffer.wrap(bytes, bytes.length - CRC, CRC).getInt();
    if ((int) crc.getValue() != stored) {
      throw refused("corrupted: its checksum does not match its contents");
    }
    ByteBuffer body = ByteBuffer.wrap(bytes, HEADER, (int) length).slice();
    try {
      readBody(router, body);
    } catch (BufferUnderflowException e) {
      throw refused("corrupted: its contents end early");
    }
    if (body.hasRemaining()) {
      throw refused("corrupted: " + body.remaining() + " bytes left over after its state");
    }
  }

  private static void readBody(Router router, ByteBuffer in) {
    Head head = Head.of(router.model());
    Head.read(in).check(head);
    Instant last = in.get() != 0 ? instant(in) : null;
    LocalDate day = null;
    if (in.get() != 0) {
      long epochDay = in.getLong();
      try {
        day = LocalDate.ofEpochDay(epochDay);
      } catch (DateTimeException e) {
        throw refused("corrupted: capacity day " + epochDay + " is out of range");
      }
    }
    Map<String, Integer> used = new HashMap<>();
    int previousQueue = -1;
    for (int i = 0, n = count(in, 8); i < n; i++) {
      int q = index(in, head.queues.size(), "queue");
      if (q <= previousQueue) {
        throw refused("corrupted: queues of the capacity used are not in order");
      }
      previousQueue = q;
      int slots = in.getInt();
      if (slots < 0) {
        throw refused("corrupted: a negative count of slots used");
      }
      used.put(head.queues.get(q), slots);
    }
    Map<String, Router.EntityState> states = new HashMap<>();
    String previousId = null;
    for (int i = 0, n = count(in, 16); i < n; i++) {
      String id = string(in);
      if (previousId != null && previousId.compareTo(id) >= 0) {
        throw refused("corrupted: entity ids are not in order at '" + id + "'");
      }
      previousId = id;
      Router.EntityState s = new Router.EntityState();
      s.tier = tier(head, index(in, head.tiers.size() + 1, "tier"));
      int episode = in.getInt();
      if (episode != -1) {
        if (episode < 0 || episode > head.tiers.size()) {
          throw refused("corrupted: episode tier index " + episode + " is out of range");
        }
        s.episode = tier(head, episode);
      }
      List<String> triggers = new ArrayList<>();
      for (int t = 0, m = count(in, 4); t < m; t++) {
        triggers.add(head.triggers.get(index(in, head.triggers.size(), "trigger")));
      }
      s.triggers = List.copyOf(triggers);
      int previousLastQueue = -1;
      for (int l = 0, m = count(in, 21); l < m; l++) {
        int q = index(in, head.queues.size(), "queue");
        if (q <= previousLastQueue) {
          throw refused("corrupted: last alerts of '" + id + "' are not in queue order");
        }
        previousLastQueue = q;
        Instant at = instant(in);
        int level = in.get();
        if (level < 0 || level >= Handoff.Level.values().length) {
          throw refused("corrupted: level " + level + " is out of range");
        }
        String tier = tier(head, index(in, head.tiers.size() + 1, "tier"));
        s.last.put(head.queues.get(q), new Router.Last(at, Handoff.Level.values()[level], tier));
      }
      states.put(id, s);
    }
    if (last == null && (!states.isEmpty() || day != null)) {
      throw refused("corrupted: it holds state but no last step");
    }
    router.restoreState(last, day, used, states);
  }

  private static String tier(Head head, int index) {
    return index == head.tiers.size() ? Tier.NONE : head.tiers.get(index);
  }

  private static IllegalArgumentException refused(String why) {
    return new IllegalArgumentException("snapshot: " + why);
  }

  /** A count of items that each take at least {@code min} bytes: never more than can be there. */
  private static int count(ByteBuffer in, int min) {
    int n = in.getInt();
    if (n < 0 || (long) n * min > in.remaining()) {
      throw refused("corrupted: a count of " + n + " does not fit in what is left");
    }
    return n;
  }

  private static int index(ByteBuffer in, int size, String what) {
    int i = in.getInt();
    if (i < 0 || i >= size) {
      throw refused("corrupted: " + what + " index " + i + " is out of range");
    }
    return i;
  }

  private static void instant(DataOutputStream out, Instant at) throws IOException {
    out.writeLong(at.getEpochSecond());
    out.writeInt(at.getNano());
  }

  private static Instant instant(ByteBuffer in) {
    long seconds = in.getLong();
    int nanos = in.getInt();
    if (nanos < 0 || nanos > 999_999_999) {
      throw refused("corrupted: an instant's nanoseconds " + nanos + " are out of range");
    }
    try {
      return Instant.ofEpochSecond(seconds, nanos);
    } catch (DateTimeException e) {
      throw refused("corrupted: an instant of " + seconds + " seconds is out of range");
    }
  }

  private static void string(DataOutputStream out, String s) throws IOException {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static String string(ByteBuffer in) {
    int n = count(in, 1);
    ByteBuffer bytes = in.slice().limit(n);
    in.position(in.position() + n);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(bytes)
          .toString();
    } catch (CharacterCodingException e) {
      throw refused("corrupted: a name is not UTF-8");
    }
  }

  /** Positions of names in a list, for writing indices. */
  private static final class Index {
    private final Map<String, Integer> positions = new HashMap<>();

    Index(List<String> names) {
      for (int i = 0; i < names.size(); i++) {
        positions.put(names.get(i), i);
      }
      // "none" is one past the tiers; harmless for the queue and trigger lists, which never hold
      // it.
      positions.putIfAbsent(Tier.NONE, names.size());
    }

    int of(String name) {
      Integer i = positions.get(name);
      if (i == null) {
        throw new AssertionError("router state names '" + name + "', which its model lacks");
      }
      return i;
    }
  }

  /** What the state's meaning depends on. */
  private record Head(
      String model,
      EntityKind kind,
      String zone,
      List<String> tiers,
      List<String> queues,
      List<String> triggers) {

    static Head of(Model model) {
      Handoff handoff = model.handoff().orElseThrow();
      return new Head(
          model.id(),
          model.entity(),
          model.zone().getId(),
          model.tiers().stream().map(Tier::name).toList(),
          handoff.queues().stream().map(Handoff.Queue::name).sorted().toList(),
          handoff.triggers().stream().map(Handoff.Trigger::name).sorted().toList());
    }

    void write(DataOutputStream out) throws IOException {
      string(out, model);
      string(out, kind.name());
      string(out, zone);
      names(out, tiers);
      names(out, queues);
      names(out, triggers);
    }

    static Head read(ByteBuffer in) {
      String model = string(in);
      String kindName = string(in);
      EntityKind kind;
      try {
        kind = EntityKind.valueOf(kindName);
      } catch (IllegalArgumentException e) {
        throw refused("corrupted: entity kind '" + kindName + "' is unknown");
      }
      String zone = string(in);
      return new Head(model, kind, zone, names(in), names(in), names(in));
    }

    private static void names(DataOutputStream out, List<String> names) throws IOException {
      out.writeInt(names.size());
      for (String n : names) {
        string(out, n);
      }
    }

    private static List<String> names(ByteBuffer in) {
      List<String> names = new ArrayList<>();
      for (int i = 0, n = count(in, 4); i < n; i++) {
        names.add(string(in));
      }
      return List.copyOf(names);
    }

    /** Refuses a snapshot whose head is not {@code model}'s, saying what differs. */
    void check(Head model) {
      if (!this.model.equals(model.model)) {
        throw incompatible(model, "was written for model '" + this.model + "'");
      }
      if (kind != model.kind) {
        throw incompatible(
            model,
            "holds "
                + kind.displayName()
                + "s, the model scores "
                + model.kind.displayName()
                + "s");
      }
      if (!zone.equals(model.zone)) {
        throw incompatible(
            model,
            "was written in time zone "
                + zone
                + ", the model's is "
                + model.zone
                + " (queue capacity is counted per local day)");
      }
      differ(model, "tiers (in order)", tiers, model.tiers);
      differ(model, "queues", queues, model.queues);
      differ(model, "triggers", triggers, model.triggers);
    }

    private void differ(Head model, String what, List<String> mine, List<String> theirs) {
      if (!mine.equals(theirs)) {
        throw incompatible(model, "has " + what + " " + mine + ", the model has " + theirs);
      }
    }

    private static IllegalArgumentException incompatible(Head model, String why) {
      return refused(
          "cannot restore under model '"
              + model.model
              + "': the snapshot "
              + why
              + "; a snapshot restores only under a model with the same id, entity kind, time"
              + " zone, tiers, queues and triggers");
    }
  }
}
