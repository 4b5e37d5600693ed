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
}
