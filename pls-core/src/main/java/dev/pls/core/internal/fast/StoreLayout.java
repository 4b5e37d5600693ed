package dev.pls.core.internal.fast;

import dev.pls.core.input.Event;
import java.time.Instant;

/*
 * How a ColumnarStore keeps its entities' aggregate state: day buckets (BucketLayout) or per-event
 * rows (RowLayout), chosen once when the store is created, so that no method of the store asks
 * which layout it has. The store keeps what every layout shares: the id table and the pages of
 * EntityState, traits, counters, the watermark and the retained span, the entity locks and the
 * check that scoring is not overtaken by ingest. A layout keeps the rest of an entity's state,
 * adds events to it and loads its aggregate values into a chunk's columns.
 *
 * Per-thread scratch is the layout's own (a Writer for ingest, a Loader for scoring), created once
 * per thread and held by the store's thread-locals; what depends only on the as-of instant (window
 * starts) is a Pass, computed once per scoring pass. A store calls one layout, so each call site
 * per event or per entity sees one implementation of these interfaces.
 */
/** One way of keeping per-entity aggregate state in a store. Implementations are thread-safe. */
interface StoreLayout {

  /** A new, empty entity state of this layout. */
  EntityState newState();

  /**
   * A copy of {@code state}'s aggregate state and traits (not its held events), sharing nothing
   * mutable with it; the caller holds the state's lock.
   */
  EntityState copy(EntityState state);

  /**
   * Adds {@code from}'s aggregate state to {@code into}'s, as if {@code into} had been given {@code
   * from}'s events too, and empties {@code from}; the caller holds both states' locks. The retained
   * span starts at {@code spanStart}, on local epoch day {@code spanStartDay}.
   */
  void merge(EntityState from, EntityState into, Instant spanStart, long spanStartDay);

  /** Writes, for a snapshot, what this layout shares among its entities' states. */
  void writeShared(java.io.DataOutputStream out) throws java.io.IOException;

  /** Reads what {@link #writeShared} wrote, into this new layout. */
  void readShared(java.io.DataInputStream in) throws java.io.IOException;

  /** Writes, for a snapshot, {@code state}'s aggregate state; the caller holds its lock. */
  void write(EntityState state, java.io.DataOutputStream out) throws java.io.IOException;

  /** A new entity state holding the aggregate state {@link #write} wrote. */
  EntityState read(java.io.DataInputStream in) throws java.io.IOException;

  /** Whether an event on local epoch day {@code day} can be kept. */
  boolean fits(long day);

  /** New ingest scratch for one thread. */
  Writer newWriter();

  /** What scoring as of {@code asOf} needs whatever the entity. */
  Pass pass(Instant asOf);

  /** New scoring scratch for one thread. */
  Loader newLoader();

  /** Adds events to entity states. One thread's; not thread-safe. */
  interface Writer {

    /**
     * Adds {@code event} (at {@code seconds} epoch seconds and {@code nano} nanoseconds, local
     * epoch day {@code day}, matching the filters in {@code mask}, which is not 0) to {@code state}
     * under its lock, and marks it touched. {@code beyond} says it is older than the retained span,
     * which starts at {@code spanStart}, on local epoch day {@code spanStartDay}. When {@code
     * event} is null the event is row {@code row} of {@code columns}, whose property columns are
     * the plan's {@code columns}.
     */
    void add(
        EntityState state,
        Event event,
        dev.pls.core.input.EventColumns columns,
        int row,
        long seconds,
        int nano,
        long day,
        long mask,
        boolean beyond,
        Instant spanStart,
        long spanStartDay);

    /** After a run of {@code events} (at least 2) events of {@code state}: drops arrays' slack. */
    void trim(EntityState state, int events);
  }

  /** The per-pass part of scoring: immutable. */
  interface Pass {
    Instant asOf();
  }

  /** Loads entity states into columns. One thread's; not thread-safe. */
  interface Loader {

    /** Scores as of {@code pass} from now on. */
    void start(Pass pass);

    /** The as-of instant of the pass started last. */
    Instant asOf();

    /**
     * Reads ahead the states of the first {@code n} entities of {@code block}, whose loads follow;
     * returns a sum of what it read, for the caller to keep.
     */
    long touch(EntityState[] block, int n);

    /**
     * Writes {@code state}'s aggregate slots into row {@code row} of {@code c}; the caller holds
     * the state's lock.
     */
    void load(EntityState state, Columns c, int row);
  }
}
