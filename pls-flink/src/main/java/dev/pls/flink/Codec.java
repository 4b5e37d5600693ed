package dev.pls.flink;

import dev.pls.core.input.AccountRule;
import dev.pls.core.input.Event;
import dev.pls.core.model.Value;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/*
 * Events and traits as bytes, for Flink state and the wire: a version byte, then the fields in a
 * fixed order. Numbers keep their unscaled value and scale, so 1.50 comes back as 1.50 (cards
 * print numbers as they were read). Strings are length-prefixed UTF-8, without DataOutput's 64 KB
 * limit. A byte array in keyed state needs no serializer of ours, so RocksDB and incremental
 * checkpoints take it as it is; a changed encoding gets a new version byte and reads the old one.
 */
/** Encodes events, traits and memberships to bytes and back, exactly. */
final class Codec {
  private static final byte VERSION = 1;
  private static final byte STR = 0;
  private static final byte NUM = 1;
  private static final byte BOOL = 2;
  private static final byte TIME = 3;

  private Codec() {}

  /** The event as bytes. */
  static byte[] event(Event e) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      // An event of an account alone has no user; no user id is empty, so "" marks it.
      string(out, e.hasUser() ? e.user() : "");
      out.writeBoolean(e.account().isPresent());
      if (e.account().isPresent()) {
        string(out, e.account().get());
      }
      string(out, e.name());
      out.writeLong(e.time().getEpochSecond());
      out.writeInt(e.time().getNano());
      values(out, e.properties());
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
    return bytes.toByteArray();
  }

  /** The event {@link #event} encoded. */
  static Event readEvent(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      version(in);
      String user = readString(in);
      Optional<String> account = in.readBoolean() ? Optional.of(readString(in)) : Optional.empty();
      String name = readString(in);
      Instant time = Instant.ofEpochSecond(in.readLong(), in.readInt());
      Map<String, Value> properties = readValues(in);
      return user.isEmpty()
          ? Event.ofAccount(account.orElseThrow(), name, time, properties)
          : new Event(user, account, name, time, properties);
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
  }

  /** The traits as bytes, in their order. */
  static byte[] traits(Map<String, Value> traits) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      values(out, traits);
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
    return bytes.toByteArray();
  }

  /** The traits {@link #traits} encoded, in their order. */
  static Map<String, Value> readTraits(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      version(in);
      return readValues(in);
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
  }

  /** The traits of {@code records}, given in file order: later records' values win. */
  static Map<String, Value> mergedTraits(Iterable<Input> records) {
    Map<String, Value> merged = new LinkedHashMap<>();
    for (Input t : records) {
      merged.putAll(readTraits(t.data));
    }
    return merged;
  }

  /** A statement of membership as bytes: its time (exact) and its account. */
  static byte[] membership(AccountRule.Membership m) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(32);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeLong(m.time().getEpochSecond());
      out.writeInt(m.time().getNano());
      string(out, m.account());
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
    return bytes.toByteArray();
  }

  /** The statement {@link #membership} encoded. */
  static AccountRule.Membership readMembership(byte[] data) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
      version(in);
      Instant time = Instant.ofEpochSecond(in.readLong(), in.readInt());
      return new AccountRule.Membership(time, readString(in));
    } catch (IOException x) {
      throw new UncheckedIOException(x);
    }
  }

  private static void version(DataInputStream in) throws IOException {
    byte v = in.readByte();
    if (v != VERSION) {
      throw new IOException("encoding version " + v + ", this build reads " + VERSION);
    }
  }

  private static void values(DataOutputStream out, Map<String, Value> values) throws IOException {
    out.writeInt(values.size());
    for (Map.Entry<String, Value> e : values.entrySet()) {
      string(out, e.getKey());
      Value v = e.getValue();
      if (v instanceof Value.Str s) {
        out.writeByte(STR);
        string(out, s.value());
      } else if (v instanceof Value.Num n) {
        out.writeByte(NUM);
        byte[] unscaled = n.value().unscaledValue().toByteArray();
        out.writeInt(n.value().scale());
        out.writeInt(unscaled.length);
        out.write(unscaled);
      } else if (v instanceof Value.Bool b) {
        out.writeByte(BOOL);
        out.writeBoolean(b.value());
      } else if (v instanceof Value.Time t) {
        out.writeByte(TIME);
        out.writeLong(t.value().getEpochSecond());
        out.writeInt(t.value().getNano());
      } else {
        throw new IllegalArgumentException("values: unknown value " + v);
      }
    }
  }

  private static Map<String, Value> readValues(DataInputStream in) throws IOException {
    int n = in.readInt();
    Map<String, Value> values = new LinkedHashMap<>(Math.max(4, n * 2));
    for (int i = 0; i < n; i++) {
      String key = readString(in);
      byte tag = in.readByte();
      Value v =
          switch (tag) {
            case STR -> new Value.Str(readString(in));
            case NUM -> {
              int scale = in.readInt();
              byte[] unscaled = new byte[in.readInt()];
              in.readFully(unscaled);
              yield new Value.Num(new BigDecimal(new BigInteger(unscaled), scale));
            }
            case BOOL -> new Value.Bool(in.readBoolean());
            case TIME -> new Value.Time(Instant.ofEpochSecond(in.readLong(), in.readInt()));
            default -> throw new IOException("unknown value tag " + tag);
          };
      values.put(key, v);
    }
    return values;
  }

  private static void string(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readString(DataInputStream in) throws IOException {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    return new String(b, StandardCharsets.UTF_8);
  }
}
