package dev.pls.core.internal.fast;

import dev.pls.core.model.Value;
import java.math.BigDecimal;

/*
 * The typed columns of a feature table (int[], double[], boolean[], dictionary codes) as the
 * generic paths read them: one row into slot values, as the values the reference evaluator sees.
 * An int is a whole number (a long slot value), a double the decimal BigDecimal.valueOf gives
 * (DoubleThresholds), a boolean a Value.Bool, a code its dictionary's string. The generated row
 * loop reads the arrays directly instead (RowLoopGenerator).
 */
/** Loads a typed column's row into slot values. */
final class TypedColumns {
  private TypedColumns() {}

  /** Whether bit {@code row} of {@code missingWords} (which may be null) is set. */
  static boolean missing(long[] missingWords, int row) {
    return missingWords != null && (missingWords[row >>> 6] & (1L << row)) != 0;
  }

  /**
   * Sets {@code slot} of {@code f} to row {@code row} of {@code column}; {@code dictionary} is the
   * column's dictionary when it holds codes, else null.
   */
  static void load(
      Object column, long[] missingWords, String[] dictionary, int row, int slot, SlotValues f) {
    if (missing(missingWords, row)) {
      f.setMissing(slot);
    } else if (column instanceof long[] l) {
      f.setLong(slot, l[row]);
    } else if (column instanceof int[] codes && dictionary != null) {
      f.setValue(slot, Value.str(dictionary[codes[row]]));
    } else if (column instanceof int[] ints) {
      f.setLong(slot, ints[row]);
    } else if (column instanceof double[] d) {
      f.setValue(slot, Value.num(BigDecimal.valueOf(d[row])));
    } else {
      f.setValue(slot, Value.bool(((boolean[]) column)[row]));
    }
  }
}
