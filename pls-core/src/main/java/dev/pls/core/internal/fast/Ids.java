package dev.pls.core.internal.fast;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/*
 * An open-addressing hash table from entity id to dense index, without boxes or map nodes: an
 * int[] of (hash, index + 1) pairs (index 0 = empty slot), linear probing, at most two thirds
 * full. Keys are not stored: a slot's key is the id of the entity at its index, compared through
 * Key only when the hashes are equal, so a probe past another id costs no memory load of that
 * entity.
 *
 * Reads take no lock. A writer (holding the caller's lock) stores the entity first and publishes
 * its slot with a release store; a reader loads slots with acquire, so an index it finds has its
 * entity and id visible. A table that grows is copied and published through a volatile field; a reader
 * of the old table may miss an id added meanwhile, which is why add() must be called only after
 * find() under the writers' lock has missed too.
 */
/** Entity ids to dense indexes. Reads are lock-free; writes need the caller's lock. */
final class Ids {
  private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(int[].class);

  /** Whether the entity at an index has an id. */
  interface Key {
    boolean is(int index, String id);
  }

  private final Key key;
  private volatile int[] table = new int[128];
  private int size;

  Ids(Key key) {
    this.key = key;
  }

  /** The index of {@code id}, or -1. */
  int find(String id) {
    int[] t = table;
    int hash = id.hashCode();
    int mask = (t.length >> 1) - 1;
    for (int i = spread(hash) & mask; ; i = (i + 1) & mask) {
      int slot = (int) SLOTS.getAcquire(t, 2 * i + 1);
      if (slot == 0) {
        return -1;
      }
      if (t[2 * i] == hash && key.is(slot - 1, id)) {
        return slot - 1;
      }
    }
  }

  /**
   * Adds {@code id} at {@code index}; the entity and its id must already be readable through key.
   */
  void add(String id, int index) {
    int[] t = table;
    if ((size + 1) * 3L > (t.length >> 1) * 2L) {
      int[] bigger = new int[t.length * 2];
      for (int i = 0; i < t.length; i += 2) {
        if (t[i + 1] != 0) {
          put(bigger, t[i], t[i + 1]);
        }
      }
      t = bigger;
      table = t;
    }
    put(t, id.hashCode(), index + 1);
    size++;
  }

  private static void put(int[] t, int hash, int slot) {
    int mask = (t.length >> 1) - 1;
    int i = spread(hash) & mask;
    while ((int) SLOTS.getAcquire(t, 2 * i + 1) != 0) {
      i = (i + 1) & mask;
    }
    // The hash first: a reader that sees the slot (acquire) sees its hash too.
    t[2 * i] = hash;
    SLOTS.setRelease(t, 2 * i + 1, slot);
  }

  private static int spread(int h) {
    h *= 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
