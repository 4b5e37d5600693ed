package dev.pls.core.internal.fast;

import dev.pls.core.model.Value;

/**
 * What a store keeps of every entity whatever its layout (its id is kept apart, in IdBytes); each
 * {@link StoreLayout} extends it with its aggregate state ({@link Buckets.BucketState}, {@link
 * RowLayout.RowState}). Guarded by its own monitor.
 */
class EntityState {
  Value[] traits;
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
