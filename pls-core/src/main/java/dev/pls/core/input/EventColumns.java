package dev.pls.core.input;

import static java.util.Objects.requireNonNull;

import dev.pls.core.model.NumberRange;
import dev.pls.core.model.Value;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/*
 * A batch of events as columns, for callers that decode events themselves and feed a store
 * without making an Event per record. Rows are (entity index, event code, epoch second, nano) in
 * parallel primitive arrays; each property column is a kind byte and a long per row (the long
 * itself, a double's bits, 0 or 1, or the code of a string in the batch's dictionary), with a
 * side array for the rare exact decimal. The codes are a store's (EntityStore.index, eventCode,
 * properties): a batch is meaningful only to the store whose codes it holds, which checks each
 * row when the batch is ingested. Arrays grow by doubling and are kept across clear(), so a
 * decoder reusing one batch allocates nothing per record once it has grown.
 */
/**
 * A reusable batch of events in columns: per row an entity index, an event code and a time, and per
 * property column a value that is a {@code long}, a {@code double}, an exact decimal, a boolean, a
 * string or missing. The codes are those of the {@code EntityStore} the batch is fed to ({@code
 * EntityStore.index}, {@code eventCode}, {@code properties}); {@code
 * EntityStore.ingest(EventColumns)} ingests it.
 *
 * <p>Add a row with {@link #add}, then set its properties with the {@code set…} methods (they apply
 * to the last row added); {@link #clear} empties the batch for reuse, keeping its arrays.
 *
 * <p>Mutable and not thread-safe: one decoder fills it, then hands it to the store.
 */
public final class EventColumns {
  /** A property cell's kind: missing (the event does not have the property). */
  static final byte MISSING = 0;

  static final byte LONG = 1;
  static final byte DOUBLE = 2;
  static final byte DECIMAL = 3;
  static final byte BOOLEAN = 4;
  static final byte STRING = 5;

  // Values are immutable: the booleans and small whole numbers are shared by every row that holds
  // them, so that reading a row's flag or count allocates nothing.
  private static final Value TRUE = Value.bool(true);
  private static final Value FALSE = Value.bool(false);
  private static final java.util.List<Value> SMALL =
      java.util.stream.IntStream.range(0, 1024).mapToObj(i -> (Value) Value.num(i)).toList();

  private final int properties;
  private int size;
  private int[] entities = new int[16];
  private int[] events = new int[16];
  private long[] seconds = new long[16];
  private int[] nanos = new int[16];
  private final byte[][] kinds;
  private final long[][] bits;
  private final BigDecimal[][] decimals;
  private final Map<String, Integer> stringCodes = new HashMap<>();
  private String[] strings = new String[16];
  private Value[] stringValues = new Value[16];

  /**
   * An empty batch with {@code properties} property columns: as many as the store reads ({@code
   * EntityStore.properties().size()}).
   *
   * @throws IllegalArgumentException if {@code properties} is negative
   */
  public EventColumns(int properties) {
    if (properties < 0) {
      throw new IllegalArgumentException("properties: must not be negative, was " + properties);
    }
    this.properties = properties;
    kinds = new byte[properties][16];
    bits = new long[properties][16];
    decimals = new BigDecimal[properties][];
  }

  /** How many property columns each row has. */
  public int properties() {
    return properties;
  }

  /** How many rows the batch holds. */
  public int size() {
    return size;
  }

  /** Empties the batch, keeping its arrays for reuse. */
  public void clear() {
    for (int p = 0; p < properties; p++) {
      Arrays.fill(kinds[p], 0, size, MISSING);
      if (decimals[p] != null) {
        Arrays.fill(decimals[p], 0, size, null);
      }
    }
    stringCodes.clear();
    Arrays.fill(strings, null);
    Arrays.fill(stringValues, null);
    size = 0;
  }

  /**
   * Adds a row without properties (set them next with the {@code set…} methods): an event of the
   * store's entity {@code entity} named by the store's event code {@code event} at {@code
   * epochSecond} seconds and {@code nano} nanoseconds after 1970-01-01T00:00Z.
   *
   * @param entity an index the store gave ({@code EntityStore.index}); at least 0
   * @param event a code the store gave ({@code EntityStore.eventCode}), -1 for an event no filter
   *     of the model can match
   * @return the row's number
   * @throws IllegalArgumentException naming the argument: a negative entity, an event code below
   *     -1, a nano outside 0 to 999,999,999, or a time outside {@link Instant}'s range
   */
  public int add(int entity, int event, long epochSecond, int nano) {
    if (entity < 0) {
      throw new IllegalArgumentException("entity: must not be negative, was " + entity);
    }
    if (event < -1) {
      throw new IllegalArgumentException("event: must be a store's code or -1, was " + event);
    }
    if (nano < 0 || nano > 999_999_999) {
      throw new IllegalArgumentException("nano: must be 0 to 999,999,999, was " + nano);
    }
    if (epochSecond < Instant.MIN.getEpochSecond() || epochSecond > Instant.MAX.getEpochSecond()) {
      throw new IllegalArgumentException(
          "epochSecond: outside the range of an Instant, was " + epochSecond);
    }
    if (size == entities.length) {
      grow();
    }
    int row = size++;
    entities[row] = entity;
    events[row] = event;
    seconds[row] = epochSecond;
    nanos[row] = nano;
    return row;
  }

  /**
   * Adds a row at {@code time}, as {@link #add(int, int, long, int)} does.
   *
   * @throws NullPointerException if {@code time} is null
   */
  public int add(int entity, int event, Instant time) {
    requireNonNull(time, "time");
    return add(entity, event, time.getEpochSecond(), time.getNano());
  }

  /**
   * Adds a row at {@code epochMilli} milliseconds after 1970-01-01T00:00Z, as {@link #add(int, int,
   * long, int)} does.
   */
  public int addEpochMilli(int entity, int event, long epochMilli) {
    return add(
        entity,
        event,
        Math.floorDiv(epochMilli, 1000L),
        (int) Math.floorMod(epochMilli, 1000L) * 1_000_000);
  }

  /**
   * Sets the last row's property {@code property} to the whole number {@code value}.
   *
   * @return this batch
   * @throws IllegalArgumentException if {@code property} is not a column or no row was added
   */
  public EventColumns setLong(int property, long value) {
    set(property, LONG, value);
    return this;
  }

  /**
   * Sets the last row's property {@code property} to the number {@code value}, which means the
   * decimal of its shortest representation ({@link BigDecimal#valueOf(double)}), as {@link
   * Value#of} has it for a {@code Double}.
   *
   * @return this batch
   * @throws IllegalArgumentException if {@code property} is not a column, no row was added, or
   *     {@code value} is not finite or is outside {@link NumberRange}
   */
  public EventColumns setDouble(int property, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value: must be finite, was " + value);
    }
    if (Math.abs(value) >= 1e30 || value != 0 && Math.abs(value) < 1e-16) {
      NumberRange.check(BigDecimal.valueOf(value), "value");
    }
    set(property, DOUBLE, Double.doubleToRawLongBits(value));
    return this;
  }

  /**
   * Sets the last row's property {@code property} to the exact decimal {@code value}.
   *
   * @return this batch
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code property} is not a column, no row was added, or
   *     {@code value} is outside {@link NumberRange}
   */
  public EventColumns setDecimal(int property, BigDecimal value) {
    NumberRange.check(requireNonNull(value, "value"), "value");
    set(property, DECIMAL, 0);
    if (decimals[property] == null || decimals[property].length < entities.length) {
      decimals[property] =
          decimals[property] == null
              ? new BigDecimal[entities.length]
              : Arrays.copyOf(decimals[property], entities.length);
    }
    decimals[property][size - 1] = value;
    return this;
  }

  /**
   * Sets the last row's property {@code property} to the boolean {@code value}.
   *
   * @return this batch
   * @throws IllegalArgumentException if {@code property} is not a column or no row was added
   */
  public EventColumns setBoolean(int property, boolean value) {
    set(property, BOOLEAN, value ? 1 : 0);
    return this;
  }

  /**
   * Sets the last row's property {@code property} to the string {@code value}, kept once per batch
   * in its dictionary however many rows hold it.
   *
   * @return this batch
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if {@code property} is not a column or no row was added
   */
  public EventColumns setString(int property, String value) {
    requireNonNull(value, "value");
    checkCell(property);
    Integer code = stringCodes.get(value);
    if (code == null) {
      code = stringCodes.size();
      if (code == strings.length) {
        strings = Arrays.copyOf(strings, code * 2);
        stringValues = Arrays.copyOf(stringValues, code * 2);
      }
      strings[code] = value;
      stringCodes.put(value, code);
    }
    set(property, STRING, code);
    return this;
  }

  /**
   * The entity index of row {@code row}.
   *
   * @throws IndexOutOfBoundsException if {@code row} is not a row of the batch
   */
  public int entity(int row) {
    return entities[checkRow(row)];
  }

  /** The event code of row {@code row}; throws as {@link #entity} does. */
  public int event(int row) {
    return events[checkRow(row)];
  }

  /** The epoch second of row {@code row}'s time; throws as {@link #entity} does. */
  public long epochSecond(int row) {
    return seconds[checkRow(row)];
  }

  /** The nanosecond of row {@code row}'s time; throws as {@link #entity} does. */
  public int nano(int row) {
    return nanos[checkRow(row)];
  }

  /** Row {@code row}'s time; throws as {@link #entity} does. */
  public Instant time(int row) {
    checkRow(row);
    return Instant.ofEpochSecond(seconds[row], nanos[row]);
  }

  /**
   * Row {@code row}'s value of property {@code property} as a {@link Value}, or null when the row
   * does not have it.
   *
   * @throws IndexOutOfBoundsException if {@code row} is not a row or {@code property} not a column
   */
  public Value value(int row, int property) {
    checkRow(row);
    java.util.Objects.checkIndex(property, properties);
    long b = bits[property][row];
    switch (kinds[property][row]) {
      case LONG:
        return b >= 0 && b < SMALL.size() ? SMALL.get((int) b) : Value.num(b);
      case DOUBLE:
        return Value.num(BigDecimal.valueOf(Double.longBitsToDouble(b)));
      case DECIMAL:
        return Value.num(decimals[property][row]);
      case BOOLEAN:
        return b != 0 ? TRUE : FALSE;
      case STRING:
        Value s = stringValues[(int) b];
        if (s == null) {
          s = Value.str(strings[(int) b]);
          stringValues[(int) b] = s;
        }
        return s;
      default:
        return null;
    }
  }

  private int checkRow(int row) {
    return java.util.Objects.checkIndex(row, size);
  }

  private void checkCell(int property) {
    if (property < 0 || property >= properties) {
      throw new IllegalArgumentException(
          "property: must be a column from 0 to " + (properties - 1) + ", was " + property);
    }
    if (size == 0) {
      throw new IllegalArgumentException("property: no row to set it on; add a row first");
    }
  }

  private void set(int property, byte kind, long value) {
    checkCell(property);
    kinds[property][size - 1] = kind;
    bits[property][size - 1] = value;
  }

  private void grow() {
    int n = entities.length * 2;
    entities = Arrays.copyOf(entities, n);
    events = Arrays.copyOf(events, n);
    seconds = Arrays.copyOf(seconds, n);
    nanos = Arrays.copyOf(nanos, n);
    for (int p = 0; p < properties; p++) {
      kinds[p] = Arrays.copyOf(kinds[p], n);
      bits[p] = Arrays.copyOf(bits[p], n);
      if (decimals[p] != null) {
        decimals[p] = Arrays.copyOf(decimals[p], n);
      }
    }
  }
}
