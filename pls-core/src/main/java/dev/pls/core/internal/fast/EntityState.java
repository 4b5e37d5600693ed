package dev.pls.core.internal.fast;

import dev.pls.core.Value;

/** What a store keeps of every entity whatever its layout. Guarded by its own monitor. */
class EntityState {
  final String id;
  Value[] traits;
  volatile boolean touched = true;

  EntityState(String id) {
    this.id = id;
  }
}
