package dev.pls.core.input;

import static java.util.Objects.requireNonNull;

import dev.pls.core.model.NumberRange;
import dev.pls.core.model.Value;
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
 * {@code count(usage_limit_hit) within 30d}. Whole-number columns are {@code long[]} with an
 * optional set of missing rows; any other column is a {@code Value[]} in which {@code null} means
 * missing.
 *
 * <p>Immutable once built, but the arrays are not copied: the caller must not change them while a
 * table built on them is being scored.
 */
public final class FeatureTable {
  private final int size;
  private final List<String> ids;
  private final Map<String, Object> columns;
  private final Map<String, BitSet> missing;

  private FeatureTable(Builder b) {
    this.size = b.size;
    this.ids = b.ids;
    this.columns = Map.copyOf(b.columns);
    this.missing = Map.copyOf(b.missing);
  }

  /** A builder for a table of {@code size} rows whose entity ids are {@code ids}. */
  public static Builder builder(List<String> ids) {
    return new Builder(List.copyOf(requireNonNull(ids, "ids")));
  }

  /** The column key of a signal over a window, or over all history when it is empty. */
  public static String key(String signal, Optional<Window> window) {
    requireNonNull(signal, "signal");
    requireNonNull(window, "window");
    return window.map(w -> signal + " within " + w).orElse(signal);
  }

  /** The number of rows. */
  public int size() {
    return size;
  }

  /** The entity id of each row. */
  public List<String> ids() {
    return ids;
  }

  /** The column with this key: a {@code long[]}, a {@code Value[]}, or empty. */
  public Optional<Object> column(String key) {
    return Optional.ofNullable(columns.get(requireNonNull(key, "key")));
  }

  /** The missing rows of a {@code long[]} column, if any are. */
  public Optional<BitSet> missing(String key) {
    return Optional.ofNullable(missing.get(requireNonNull(key, "key")));
  }

  /** Builds a {@link FeatureTable}; each method checks its arguments at once. Not thread-safe. */
  public static final class Builder {
    private final int size;
    private final List<String> ids;
    private final Map<String, Object> columns = new LinkedHashMap<>();
    private final Map<String, BitSet> missing = new LinkedHashMap<>();

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
      check(key, requireNonNull(values, "values").length);
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
