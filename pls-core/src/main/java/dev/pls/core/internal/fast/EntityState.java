package dev.pls.core.internal.fast;

import dev.pls.core.model.Value;

/**
 * What a store keeps of every entity whatever its layout (its id is kept apart, in IdBytes); each
 * {@link StoreLayout} extends it with its aggregate state ({@link Buckets.BucketState}, {@link
 * RowLayout.RowState}). Guarded by its own monitor.
 */
class EntityState {
  Value[] traits;

  /**
   * The number, in the store's order of traits calls, of the call that set {@link #traits}; 0 when
   * none did (or a version 1 snapshot, which has no such numbers, restored them). When a link
   * merges two entities, the person keeps the traits of the later call.
   */
  long traitsCall;

  volatile boolean touched = true;

  /**
   * Whether a link made this entity's id part of another person's: its state was merged into the
   * person's canonical entity, and it is scored no more.
   */
  volatile boolean merged;

  /**
   * A matched event dated after the store's clock when it arrived, held apart from the layout's
   * state until the clock passes it (see ColumnarStore): its time, local epoch day and mask of
   * matched filters.
   */
  record Ahead(dev.pls.core.input.Event event, java.time.Instant time, long day, long mask) {}
}
