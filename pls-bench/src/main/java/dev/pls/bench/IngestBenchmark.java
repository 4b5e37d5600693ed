package dev.pls.bench;

import dev.pls.core.card.BatchScores;
import dev.pls.core.input.Event;
import dev.pls.core.input.EventColumns;
import dev.pls.core.model.Value;
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
 * DailyRing}, on one thread; time per event. {@code STORE_COLUMNS} feeds the store the same events
 * pre-decoded into {@link EventColumns} batches, as a decoder of its own would; the setup checks
 * that it gives the store the cards and stats {@code STORE} gives it.
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
     * {@code EntityStore.ingest(EventColumns)} of the seed template: the events decoded before the
     * measurement into batches of {@value #BATCH} rows of the store's entity indexes, event codes
     * and property columns. The users' indexes are given (their entities made) before it, in the
     * order of their first event, as the ring's arrays are sized before it; ingest then looks no id
     * up.
     */
    STORE_COLUMNS,
    /**
     * {@link DailyRing#ingest}: the seed template's filters written out by hand, into arrays sized
     * for the run's users before the measurement.
     */
    RING
  }

  /** Rows per {@link EventColumns} batch of {@code STORE_COLUMNS}. */
  static final int BATCH = 4096;

  @Param public Variant variant;

  private List<Event> events;
  private int users;
  private EntityStore store;
  private DailyRing ring;
  // STORE_COLUMNS: the users and event names in order of first event (so that a new store gives
  // each the index and code the batches hold), and the batches.
  private List<String> ids;
  private List<String> names;
  private List<EventColumns> batches;

  @Setup(Level.Trial)
  public void generate() {
    events = events(EVENTS);
    users = (int) events.stream().map(Event::user).distinct().count();
    if (variant == Variant.STORE_COLUMNS) {
      ids = events.stream().map(Event::user).distinct().toList();
      names = events.stream().map(Event::name).distinct().toList();
      EntityStore byColumns = indexed();
      batches = columns(byColumns, events, BATCH);
      for (EventColumns b : batches) {
        byColumns.ingest(b);
      }
      EntityStore byEvents = EntityStore.create(SeedTemplate.model());
      byEvents.ingest(events);
      check(byEvents, byColumns);
      // The store each invocation measures must give the batches' codes, not only codes in range.
      EntityStore fresh = indexed();
      for (String name : names) {
        if (fresh.eventCode(name) != byColumns.eventCode(name)) {
          throw new AssertionError("a new store gave '" + name + "' another event code");
        }
      }
    }
  }

  /**
   * A new store of the seed template knowing the run's users, user i at index i, and its event
   * names, asked in the order the batches met them, so that it gives them the batches' codes.
   */
  private EntityStore indexed() {
    EntityStore s = EntityStore.create(SeedTemplate.model());
    for (int i = 0; i < ids.size(); i++) {
      if (s.index(ids.get(i)) != i) {
        throw new AssertionError("a new store gave " + ids.get(i) + " another index than " + i);
      }
    }
    names.forEach(s::eventCode);
    return s;
  }

  /**
   * {@code events} as batches of {@code size} rows of {@code store}'s codes, each event's
   * properties that the store reads set by their type.
   */
  static List<EventColumns> columns(EntityStore store, List<Event> events, int size) {
    List<String> properties = store.properties();
    List<EventColumns> out = new ArrayList<>();
    EventColumns batch = null;
    for (Event e : events) {
      if (batch == null || batch.size() == size) {
        batch = new EventColumns(properties.size());
        out.add(batch);
      }
      batch.add(store.index(e.user()), store.eventCode(e.name()), e.time());
      for (int p = 0; p < properties.size(); p++) {
        Value v = e.properties().get(properties.get(p));
        if (v instanceof Value.Str str) {
          batch.setString(p, str.value());
        } else if (v instanceof Value.Bool b) {
          batch.setBoolean(p, b.value());
        } else if (v instanceof Value.Num n) {
          batch.setDecimal(p, n.value());
        }
      }
    }
    return out;
  }

  /** Throws unless the two stores give every entity the same card, and count alike. */
  static void check(EntityStore expected, EntityStore actual) {
    if (!expected.stats().equals(actual.stats()) || expected.size() != actual.size()) {
      throw new AssertionError(
          "STORE_COLUMNS counts " + actual.stats() + ", STORE " + expected.stats());
    }
    java.time.Instant asOf = expected.watermark().orElseThrow();
    BatchScores a = actual.scoreAll(asOf);
    for (int row = 0; row < a.size(); row++) {
      if (!a.card(row).equals(expected.score(a.entity(row), asOf))) {
        throw new AssertionError("STORE_COLUMNS scores " + a.entity(row) + " otherwise than STORE");
      }
    }
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
    store =
        switch (variant) {
          case STORE -> EntityStore.create(SeedTemplate.model());
          case STORE_COLUMNS -> indexed();
          case RING -> null;
        };
    ring = variant == Variant.RING ? new DailyRing(users) : null;
  }

  @Benchmark
  @OperationsPerInvocation(EVENTS)
  public long ingest() {
    return switch (variant) {
      case STORE -> store.ingest(events);
      case STORE_COLUMNS -> {
        int n = 0;
        for (EventColumns b : batches) {
          n += store.ingest(b);
        }
        yield n;
      }
      case RING -> ring.ingest(events);
    };
  }
}
