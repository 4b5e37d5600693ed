package dev.pls.core.internal.fast;

import dev.pls.core.model.Value;
import java.util.Arrays;

/*
 * Equal trait arrays shared between entities: entities of a store mostly have one of few trait
 * vectors (an industry, a size band), and an array of three references costs 32 bytes per entity.
 * An open-addressing table of the arrays themselves, probed by content hash, at most half full:
 * 4 to 8 bytes per distinct vector and no map node or key object, so a store whose every entity
 * has its own vector pays little for it. Vectors are never removed (as the store's interned
 * values are not). Shared arrays are never written: an entity's traits are replaced, not updated.
 *
 * One lock for lookups and inserts: traits are set far less often than events arrive, and a
 * lookup is a hash of a few references and one or two probes.
 */
/** Interns trait arrays by content. Thread-safe. */
final class TraitVectors {
  private Value[][] table = new Value[16][];
  private int size;

  /** An array equal to {@code values}: the first one interned, else {@code values} itself. */
  synchronized Value[] intern(Value[] values) {
    int hash = Arrays.hashCode(values);
    int mask = table.length - 1;
    int i = spread(hash) & mask;
    for (Value[] v = table[i]; v != null; v = table[i]) {
      if (Arrays.equals(v, values)) {
        return v;
      }
      i = (i + 1) & mask;
    }
    table[i] = values;
    if (++size * 2 > table.length) {
      grow();
    }
    return values;
  }

  private void grow() {
    Value[][] bigger = new Value[table.length * 2][];
    int mask = bigger.length - 1;
    for (Value[] v : table) {
      if (v != null) {
        int i = spread(Arrays.hashCode(v)) & mask;
        while (bigger[i] != null) {
          i = (i + 1) & mask;
        }
        bigger[i] = v;
      }
    }
    table = bigger;
  }

  private static int spread(int h) {
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
