package dev.pls.bench;

import dev.pls.core.scoring.EntityStore;
import dev.pls.core.scoring.Scorer;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures retained heap (used heap after full GCs, before and after) of: a planned 1,000-rule
 * model, and a store holding the sparse mix's users for the seed template, per user. Not a JMH
 * benchmark: retained size is a state, not a rate.
 *
 * <pre>
 * java -Xmx8g -cp pls-bench/target/benchmarks.jar dev.pls.bench.Footprint 1000000
 * </pre>
 */
public final class Footprint {
  private Footprint() {}

  public static void main(String[] args) {
    int users = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    System.out.println("java " + System.getProperty("java.version") + ", " + users + " users");

    var model = GeneratedModel.of(1000);
    long before = usedAfterGc();
    List<Scorer> keep = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      keep.add(Scorer.fast(model));
    }
    long after = usedAfterGc();
    System.out.printf(
        "planned 1,000-rule model: %,d bytes each (10 kept)%n", (after - before) / keep.size());

    before = usedAfterGc();
    EntityStore store = ActivityMix.store(users);
    after = usedAfterGc();
    EntityStore.Stats s = store.stats();
    System.out.printf(
        "store: %,d users, %,d events accepted, %,d kept, %,d beyond span, %,d ignored%n",
        store.size(), s.accepted(), s.kept(), s.beyondSpan(), s.ignored());
    System.out.printf(
        "store state: %,d bytes, %,.1f bytes per user, %,.1f per kept event%n",
        after - before, (after - before) / (double) users, (after - before) / (double) s.kept());
    // Keep both alive until measured.
    System.out.println(keep.size() + store.size() > 0 ? "done" : "");
  }

  private static long usedAfterGc() {
    for (int i = 0; i < 4; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
