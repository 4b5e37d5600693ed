package dev.pls.core.internal.fast;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.IntFunction;

/*
 * An open-addressing hash table from entity id to dense index, without boxes or map nodes: an
 * int[] of index + 1 (0 = empty slot), linear probing, at most two thirds full. Keys are not
 * stored: a slot's key is the id of the entity at its index, read through idOf.
 *
 * Reads take no lock. A writer (holding the caller's lock) stores the entity first and publishes
 * its slot with a release store; a reader loads slots with acquire, so an index it finds has its
 * entity visible. A table that grows is copied and published through a volatile field; a reader
 * of the old table may miss an id added meanwhile, which is why add() must be called only after
 * find() under the writers' lock has missed too.
 */
/** Entity ids to dense indexes. Reads are lock-free; writes need the caller's lock. */
final class Ids {
  private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(int[].class);

  private final IntFunction<String> idOf;
  private volatile int[] table = new int[64];
  private int size;

  Ids(IntFunction<String> idOf) {
    this.idOf = idOf;
  }

  /** The index of {@code id}, or -1. */
  int find(String id) {
    int[] t = table;
    int mask = t.length - 1;
    for (int i = spread(id.hashCode()) & mask; ; i = (i + 1) & mask) {
      int slot = (int) SLOTS.getAcquire(t, i);
      if (slot == 0) {
        return -1;
      }
      if (idOf.apply(slot - 1).equals(id)) {
        return slot - 1;
      }
    }
  }

  /** Adds {@code id} at {@code index}; the entity must already be readable through idOf. */
  void add(String id, int index) {
    int[] t = table;
    if ((size + 1) * 3L > t.length * 2L) {
      int[] bigger = new int[t.length * 2];
      for (int slot : t) {
        if (slot != 0) {
          put(bigger, idOf.apply(slot - 1), slot);
        }
      }
      t = bigger;
      table = t;
    }
    put(t, id, index + 1);
    size++;
  }

  private static void put(int[] t, String id, int slot) {
    int mask = t.length - 1;
    int i = spread(id.hashCode()) & mask;
    while ((int) SLOTS.getAcquire(t, i) != 0) {
      i = (i + 1) & mask;
    }
    SLOTS.setRelease(t, i, slot);
  }

  private static int spread(int h) {
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
