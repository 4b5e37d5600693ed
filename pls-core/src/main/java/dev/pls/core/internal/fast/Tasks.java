package dev.pls.core.internal.fast;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waiting for tasks split over a caller's executor, as the batch APIs that take one do. */
final class Tasks {
  private Tasks() {}

  /**
   * Returns when every one of {@code running} is done; rethrows what one threw as it was thrown
   * (not wrapped in a {@link CompletionException}), so that the caller sees the task's own error.
   */
  static void joinAll(CompletableFuture<?>[] running) {
    try {
      CompletableFuture.allOf(running).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
  }
}
