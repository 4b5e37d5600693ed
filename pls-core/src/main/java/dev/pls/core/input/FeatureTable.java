package dev.pls.core.input;

import static java.util.Objects.requireNonNull;

import dev.pls.core.model.NumberRange;
import dev.pls.core.model.Value;
import dev.pls.core.model.ValueType;
import dev.pls.core.model.Window;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Precomputed inputs for many entities, a column per value the model reads: for teams whose
 * warehouse already computes signals. Score it with {@link FeatureScorer}.
 *
 * <p>A column is keyed by what a card calls the value: a trait's name ({@code employees}), a
 * signal's name over all history ({@code invites}), or a signal's name and window ({@code invites
 * within 7d}); {@link #key} builds the key. Inline aggregates are named by their own text, e.g.
 * {@code count(usage_limit_hit) within 30d}.
 *
 * <p>A column is typed, or a column of {@link Value}s:
 *
 * <ul>
 *   <li>{@code long[]} and {@code int[]}: whole numbers;
 *   <li>{@code double[]}: numbers, each read as the shortest decimal that names it ({@link
 *       java.math.BigDecimal#valueOf(double)}: the double nearest 0.3 is 0.3, not the binary
 *       fraction it stores), so a threshold {@code dau_mau >= 0.3} holds for a row holding {@code
 *       0.3}; NaN, infinities and numbers outside {@link NumberRange} are refused at build;
 *   <li>{@code boolean[]}: booleans;
 *   <li>dictionary-coded strings: an {@code int[]} of codes into a list of strings ({@link
 *       Builder#dictionaryColumn}), so {@code industry in {...}} is decided once per dictionary
 *       entry, not once per row;
 *   <li>{@code Value[]}, in which {@code null} means missing, for anything else (times, mixed
 *       values).
 * </ul>
 *
 * <p>Each typed column takes an optional {@link BitSet} of missing rows (a missing row's array
 * entry is ignored). Every typed value is checked once, when the table is built; a {@code Value[]}
 * column's values are checked against the model's types when it is scored.
 *
 * <p>Immutable once built, but the arrays (and missing sets) are not copied: the caller must not
 * change them while a table built on them is being scored.
 */
public final class FeatureTable {
  private final int size;
  private final List<String> ids;
  private final Map<String, Object> columns;
  private final Map<String, BitSet> missing;
  private final Map<String, List<String>> dictionaries;

  private FeatureTable(Builder b) {
    this.size = b.size;
    this.ids = b.ids;
    this.columns = Map.copyOf(b.columns);
    this.missing = Map.copyOf(b.missing);
    this.dictionaries = Map.copyOf(b.dictionaries);
  }

  /** A builder for a table of {@code size} rows whose entity ids are {@code ids}. */
  public static Builder builder(List<String> ids) {
    return new Builder(List.copyOf(requireNonNull(ids, "ids")));
  }

  /**
   * A builder for a table of {@code size} rows without entity ids, for callers that keep their own
   * row order: {@link #ids()} names each row by its number ({@code "0"}, {@code "1"}, ...).
   *
   * @throws IllegalArgumentException if {@code size} is negative
   */
  public static Builder builder(int size) {
    if (size < 0) {
      throw new IllegalArgumentException("size: " + size + " is negative");
    }
    return new Builder(new RowNumbers(size));
  }

  /** Row numbers as ids, made when asked for. */
  private static final class RowNumbers extends java.util.AbstractList<String>
      implements java.util.RandomAccess {
    private final int size;

    RowNumbers(int size) {
      this.size = size;
    }

    @Override
    public String get(int index) {
      java.util.Objects.checkIndex(index, size);
      return Integer.toString(index);
    }

    @Override
    public int size() {
      return size;
    }
  }

  /** The column key of a signal over a window, or over all history when it is empty. */
  public static String key(String signal, Optional<Window> window) {
    requireNonNull(signal, "signal");
    requireNonNull(window, "window");
    return window.map(w -> signal + " within " + w).orElse(signal);
  }

  /**
   * A column a model reads: its key, the type of its values, whether they must be whole numbers (an
   * {@code int} trait: a {@code long[]}, {@code int[]} or {@code Value[]} column, never {@code
   * double[]}), and whether the table must have it (a signal) or may leave it out (a trait nobody
   * supplied, missing on every row). Column types: {@code long[]}, {@code int[]}, {@code double[]}
   * or {@code Value[]} for numbers, {@code boolean[]} or {@code Value[]} for booleans, a dictionary
   * column or {@code Value[]} for strings, {@code Value[]} for times.
   *
   * @param key the column's key, as {@link #key} makes it
   */
  public record ColumnKey(String key, ValueType type, boolean whole, boolean required) {
    /**
     * @throws NullPointerException if {@code key} or {@code type} is null
     */
    public ColumnKey {
      requireNonNull(key, "key");
      requireNonNull(type, "type");
    }
  }

  /** The number of rows. */
  public int size() {
    return size;
  }

  /** The entity id of each row. */
  public List<String> ids() {
    return ids;
  }

  /**
   * The column with this key: a {@code long[]}, {@code int[]}, {@code double[]}, {@code boolean[]}
   * or {@code Value[]}, or empty. A dictionary column's is its {@code int[]} of codes, and {@link
   * #dictionary} is present.
   */
  public Optional<Object> column(String key) {
    return Optional.ofNullable(columns.get(requireNonNull(key, "key")));
  }

  /** The missing rows of a typed column, if any are. */
  public Optional<BitSet> missing(String key) {
    return Optional.ofNullable(missing.get(requireNonNull(key, "key")));
  }

  /** The dictionary of a dictionary-coded string column, or empty for any other column. */
  public Optional<List<String>> dictionary(String key) {
    return Optional.ofNullable(dictionaries.get(requireNonNull(key, "key")));
  }

  /** Builds a {@link FeatureTable}; each method checks its arguments at once. Not thread-safe. */
  public static final class Builder {
    private final int size;
    private final List<String> ids;
    private final Map<String, Object> columns = new LinkedHashMap<>();
    private final Map<String, BitSet> missing = new LinkedHashMap<>();
    private final Map<String, List<String>> dictionaries = new LinkedHashMap<>();

    private Builder(List<String> ids) {
      this.ids = ids;
      this.size = ids.size();
    }

    /** A whole-number column with every row present. */
    public Builder column(String key, long[] values) {
      return column(key, values, null);
    }

    /**
     * A whole-number column; rows in {@code missingRows} (which may be null) are missing.
     *
     * @throws IllegalArgumentException if the key is taken or the length is not the table's size
     */
    public Builder column(String key, long[] values, BitSet missingRows) {
      check(key, requireNonNull(values, "values").length, missingRows);
      return put(key, values, missingRows);
    }

    /** A whole-number column of {@code int}s with every row present. */
    public Builder column(String key, int[] values) {
      return column(key, values, null);
    }

    /**
     * A whole-number column of {@code int}s; rows in {@code missingRows} (which may be null) are
     * missing.
     *
     * @throws IllegalArgumentException if the key is taken, the length is not the table's size, or
     *     a missing row is beyond the table
     */
    public Builder column(String key, int[] values, BitSet missingRows) {
      check(key, requireNonNull(values, "values").length, missingRows);
      return put(key, values, missingRows);
    }

    /** A number column of {@code double}s with every row present. */
    public Builder column(String key, double[] values) {
      return column(key, values, null);
    }

    /**
     * A number column of {@code double}s, each read as {@link java.math.BigDecimal#valueOf(double)}
     * reads it; rows in {@code missingRows} (which may be null) are missing and may hold anything.
     *
     * @throws IllegalArgumentException naming the column and row of a present NaN, infinity or
     *     number outside {@link NumberRange}; or if the key is taken, the length is not the table's
     *     size, or a missing row is beyond the table
     */
    public Builder column(String key, double[] values, BitSet missingRows) {
      check(key, requireNonNull(values, "values").length, missingRows);
      for (int i = 0; i < values.length; i++) {
        if (missingRows != null && missingRows.get(i)) {
          continue;
        }
        double x = values[i];
        if (!Double.isFinite(x)) {
          throw new IllegalArgumentException(
              "values: column '" + key + "' row " + i + ": " + x + " is not a number in range");
        }
        NumberRange.check(
            java.math.BigDecimal.valueOf(x), "values[" + i + "] of column '" + key + "'");
      }
      return put(key, values, missingRows);
    }

    /** A boolean column with every row present. */
    public Builder column(String key, boolean[] values) {
      return column(key, values, null);
    }

    /**
     * A boolean column; rows in {@code missingRows} (which may be null) are missing.
     *
     * @throws IllegalArgumentException if the key is taken, the length is not the table's size, or
     *     a missing row is beyond the table
     */
    public Builder column(String key, boolean[] values, BitSet missingRows) {
      check(key, requireNonNull(values, "values").length, missingRows);
      return put(key, values, missingRows);
    }

    /**
     * A string column coded against a dictionary: row {@code i} holds {@code
     * dictionary.get(codes[i])}, or is missing when in {@code missingRows} (which may be null; a
     * missing row's code is ignored). Conditions on the column are decided once per dictionary
     * entry when the table is bound.
     *
     * @throws IllegalArgumentException naming the column and row of a code outside the dictionary,
     *     or if the dictionary holds a null, the key is taken, the length is not the table's size,
     *     or a missing row is beyond the table
     */
    public Builder dictionaryColumn(
        String key, int[] codes, List<String> dictionary, BitSet missingRows) {
      check(key, requireNonNull(codes, "codes").length, missingRows);
      requireNonNull(dictionary, "dictionary");
      for (int k = 0; k < dictionary.size(); k++) {
        if (dictionary.get(k) == null) {
          throw new IllegalArgumentException(
              "dictionary: entry " + k + " of column '" + key + "' is null");
        }
      }
      List<String> words = List.copyOf(dictionary);
      for (int i = 0; i < codes.length; i++) {
        if ((missingRows == null || !missingRows.get(i))
            && (codes[i] < 0 || codes[i] >= words.size())) {
          throw new IllegalArgumentException(
              "codes: column '"
                  + key
                  + "' row "
                  + i
                  + ": code "
                  + codes[i]
                  + " is not in its dictionary of "
                  + words.size());
        }
      }
      dictionaries.put(key, words);
      return put(key, codes, missingRows);
    }

    private Builder put(String key, Object values, BitSet missingRows) {
      columns.put(key, values);
      if (missingRows != null && !missingRows.isEmpty()) {
        missing.put(key, missingRows);
      }
      return this;
    }

    /**
     * A column of any values; {@code null} entries are missing.
     *
     * @throws IllegalArgumentException if the key is taken, the length is not the table's size, or
     *     a number is outside {@link NumberRange}
     */
    public Builder column(String key, Value[] values) {
      check(key, requireNonNull(values, "values").length);
      for (int i = 0; i < values.length; i++) {
        if (values[i] instanceof Value.Num n) {
          NumberRange.check(n.value(), "values[" + i + "] of column '" + key + "'");
        }
      }
      columns.put(key, values);
      return this;
    }

    private void check(String key, int length, BitSet missingRows) {
      check(key, length);
      if (missingRows != null && missingRows.length() > size) {
        throw new IllegalArgumentException(
            "missingRows: column '"
                + key
                + "' has missing row "
                + (missingRows.length() - 1)
                + ", beyond the table's "
                + size);
      }
    }

    private void check(String key, int length) {
      requireNonNull(key, "key");
      if (columns.containsKey(key)) {
        throw new IllegalArgumentException("key: column '" + key + "' is already set");
      }
      if (length != size) {
        throw new IllegalArgumentException(
            "values: column '" + key + "' has " + length + " rows, the table " + size);
      }
    }

    /** The table. */
    public FeatureTable build() {
      return new FeatureTable(this);
    }
  }
}
