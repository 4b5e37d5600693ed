package dev.pls.core.internal.fast;

import dev.pls.core.input.Event;
import dev.pls.core.model.Value;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/*
 * The primitives of the store's snapshot format (see StoreSnapshot): strings, instants, values,
 * events and arrays, written big-endian by DataOutput. Reading never allocates more than the bytes
 * already read can justify: a count read from a corrupted snapshot makes the read run out of
 * bytes (truncated) or fail a check (corrupted), not allocate gigabytes.
 */
/** Reads and writes the values of a store snapshot. */
final class SnapshotData {
  private static final int CHUNK = 4096;

  private SnapshotData() {}

  /** A corrupted snapshot: the reader turns it into the caller's error. */
  static final class Corrupted extends RuntimeException {
    Corrupted(String message) {
      super(message, null, false, false);
    }
  }

  static void string(DataOutput out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  static String string(DataInputStream in) throws IOException {
    int n = count(in);
    byte[] b = in.readNBytes(n);
    if (b.length < n) {
      throw new java.io.EOFException();
    }
    return new String(b, StandardCharsets.UTF_8);
  }

  /** A count or length: never negative. */
  static int count(DataInput in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      throw new Corrupted("a negative count, " + n);
    }
    return n;
  }

  /** A count or -1 (for null). */
  static int countOrNull(DataInput in) throws IOException {
    int n = in.readInt();
    if (n < -1) {
      throw new Corrupted("a count below -1, " + n);
    }
    return n;
  }

  static void instant(DataOutput out, Instant t) throws IOException {
    out.writeLong(t.getEpochSecond());
    out.writeInt(t.getNano());
  }

  static Instant instant(DataInput in) throws IOException {
    long seconds = in.readLong();
    int nanos = in.readInt();
    try {
      return Instant.ofEpochSecond(seconds, nanos);
    } catch (java.time.DateTimeException | ArithmeticException e) {
      throw new Corrupted("an instant out of range");
    }
  }

  static void instantOrNull(DataOutput out, Instant t) throws IOException {
    out.writeBoolean(t != null);
    if (t != null) {
      instant(out, t);
    }
  }

  static Instant instantOrNull(DataInput in) throws IOException {
    return in.readBoolean() ? instant(in) : null;
  }

  static void longs(DataOutput out, long[] a, int n) throws IOException {
    for (int i = 0; i < n; i++) {
      out.writeLong(a[i]);
    }
  }

  /** {@code n} longs, into an array grown as they arrive. */
  static long[] longs(DataInput in, int n) throws IOException {
    long[] a = new long[Math.min(n, CHUNK)];
    for (int i = 0; i < n; i++) {
      if (i == a.length) {
        a = Arrays.copyOf(a, (int) Math.min(n, 2L * a.length));
      }
      a[i] = in.readLong();
    }
    return a;
  }

  static void ints(DataOutput out, int[] a, int n) throws IOException {
    for (int i = 0; i < n; i++) {
      out.writeInt(a[i]);
    }
  }

  static int[] ints(DataInput in, int n) throws IOException {
    int[] a = new int[Math.min(n, CHUNK)];
    for (int i = 0; i < n; i++) {
      if (i == a.length) {
        a = Arrays.copyOf(a, (int) Math.min(n, 2L * a.length));
      }
      a[i] = in.readInt();
    }
    return a;
  }

  /** A decimal as its scale and unscaled two's-complement bytes: exact, trailing zeros kept. */
  static void decimal(DataOutput out, BigDecimal d) throws IOException {
    out.writeInt(d.scale());
    byte[] unscaled = d.unscaledValue().toByteArray();
    out.writeInt(unscaled.length);
    out.write(unscaled);
  }

  static BigDecimal decimal(DataInputStream in) throws IOException {
    int scale = in.readInt();
    int n = count(in);
    byte[] unscaled = in.readNBytes(n);
    if (unscaled.length < n) {
      throw new java.io.EOFException();
    }
    if (n == 0) {
      throw new Corrupted("a number without digits");
    }
    return new BigDecimal(new BigInteger(unscaled), scale);
  }

  static void value(DataOutput out, Value v) throws IOException {
    if (v == null) {
      out.writeByte(0);
    } else if (v instanceof Value.Str s) {
      out.writeByte(1);
      string(out, s.value());
    } else if (v instanceof Value.Num n) {
      out.writeByte(2);
      decimal(out, n.value());
    } else if (v instanceof Value.Bool b) {
      out.writeByte(b.value() ? 3 : 4);
    } else if (v instanceof Value.Time t) {
      out.writeByte(5);
      instant(out, t.value());
    } else {
      throw new AssertionError("a value of no known kind: " + v);
    }
  }

  static Value value(DataInputStream in) throws IOException {
    int tag = in.readUnsignedByte();
    switch (tag) {
      case 0:
        return null;
      case 1:
        return new Value.Str(string(in));
      case 2:
        try {
          return new Value.Num(decimal(in));
        } catch (IllegalArgumentException e) {
          throw new Corrupted("a number out of range");
        }
      case 3:
        return new Value.Bool(true);
      case 4:
        return new Value.Bool(false);
      case 5:
        return new Value.Time(instant(in));
      default:
        throw new Corrupted("a value of unknown kind " + tag);
    }
  }

  /** A map of values, in key order (so that equal maps give equal bytes). */
  static void values(DataOutput out, Map<String, Value> map) throws IOException {
    out.writeInt(map.size());
    for (Map.Entry<String, Value> e : new TreeMap<>(map).entrySet()) {
      string(out, e.getKey());
      value(out, e.getValue());
    }
  }

  static Map<String, Value> values(DataInputStream in) throws IOException {
    int n = count(in);
    Map<String, Value> map = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      String key = string(in);
      Value v = value(in);
      if (v == null) {
        throw new Corrupted("a missing value in a map");
      }
      map.put(key, v);
    }
    return map;
  }

  /** An event; its user is an int -1 for an event of an account alone (format version 2). */
  static void event(DataOutput out, Event e) throws IOException {
    if (e.hasUser()) {
      string(out, e.user());
    } else {
      out.writeInt(-1);
    }
    out.writeBoolean(e.account().isPresent());
    if (e.account().isPresent()) {
      string(out, e.account().get());
    }
    string(out, e.name());
    instant(out, e.time());
    values(out, e.properties());
  }

  static Event event(DataInputStream in) throws IOException {
    int userLength = countOrNull(in);
    String user = null;
    if (userLength >= 0) {
      byte[] b = in.readNBytes(userLength);
      if (b.length < userLength) {
        throw new java.io.EOFException();
      }
      user = new String(b, StandardCharsets.UTF_8);
    }
    Optional<String> account = in.readBoolean() ? Optional.of(string(in)) : Optional.empty();
    String name = string(in);
    Instant time = instant(in);
    Map<String, Value> properties = values(in);
    try {
      if (user == null && account.isEmpty()) {
        throw new Corrupted("an event of no user and no account");
      }
      return new Event(user, account, name, time, properties);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new Corrupted("an event that is not valid: " + e.getMessage());
    }
  }
}
