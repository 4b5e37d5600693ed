package dev.pls.bench;

import dev.pls.core.input.Event;
import dev.pls.core.scoring.EntityStore;
import dev.pls.core.testing.SeedTemplate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Store ingest against the hand-written daily ring, in one run: one million in-memory events of
 * {@link ActivityMix} (users interleaved, in time order) into an empty store, or an empty {@link
 * DailyRing}, on one thread; time per event.
 *
 * <pre>
 * java -jar pls-bench/target/benchmarks.jar IngestBenchmark -f 1 -wi 3 -i 5
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms8g", "-Xmx8g"})
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@State(Scope.Benchmark)
public class IngestBenchmark {
  static final int EVENTS = 1_000_000;

  /** What ingests the events. */
  public enum Variant {
    /** {@code EntityStore.ingest(Collection<Event>)} of the seed template. */
    STORE,
    /**
     * {@link DailyRing#ingest}: the seed template's filters written out by hand, into arrays sized
     * for the run's users before the measurement.
     */
    RING
  }

  @Param public Variant variant;

  private List<Event> events;
  private int users;
  private EntityStore store;
  private DailyRing ring;

  @Setup(Level.Trial)
  public void generate() {
    events = events(EVENTS);
    users = (int) events.stream().map(Event::user).distinct().count();
  }

  /** The first {@code n} events of the mix's users, in time order. */
  static List<Event> events(int n) {
    List<Event> all = new ArrayList<>();
    for (int i = 0; all.size() < n; i++) {
      all.addAll(ActivityMix.events(i));
    }
    all.sort(Comparator.comparing(Event::time));
    return List.copyOf(all.subList(0, n));
  }

  // Each invocation ingests a million events (hundreds of ms), so a fresh target per invocation
  // is cheap next to it. The ring is sized for the run's users up front, as a fixed-capacity ring
  // for N accounts is written: its arrays are allocated and zeroed here, outside the measurement,
  // where the store grows its state as users arrive, inside it.
  @Setup(Level.Invocation)
  public void empty() {
    store = variant == Variant.STORE ? EntityStore.create(SeedTemplate.model()) : null;
    ring = variant == Variant.RING ? new DailyRing(users) : null;
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public long ingest() {
    return switch (variant) {
      case STORE -> store.ingest(events);
      case RING -> ring.ingest(events);
    };
  }
}
