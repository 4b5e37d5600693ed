package dev.pls.cli.io;

import static java.util.Objects.requireNonNull;

import dev.pls.core.input.Event;
import dev.pls.core.model.Value;
import dev.pls.core.scoring.EntityStore;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/*
 * The sink of a streaming `pls score` run: events go into an EntityStore as they are read, and are
 * not kept. The store keeps per user the aggregate state the model reads (day cells, extremes,
 * distinct values), so memory follows the users, not the events.
 *
 * Everything but the events' aggregate state still goes to an EntityAssembler, which keeps no
 * events here (EntityAssembler.counted): which users exist, the accounts events name (a CSV card's
 * account), traits with their times, group calls and identity links. These are per user or per
 * link, not per event, and the assembler's answers are the very ones the whole-entity path uses,
 * so users, their order, traits, accounts and people cannot drift apart between the two paths.
 *
 * Decoding and ingest overlap: the reader (gunzip, parse, checks, rejects) runs on the calling
 * thread and hands events in batches through a small bounded queue to one ingest thread, which
 * feeds the store. One consumer keeps the store's input in reading order (the store's state is an
 * order-independent fold in any case, so the cards are the same however the batches fall). The
 * queue's bound keeps the events in flight to a few batches. A failure on the ingest thread is
 * rethrown on the reader's at its next hand-over or at finish().
 *
 * Events after the as-of instant are counted (outside the model's window, and for the newest event
 * the freshness warning reads) but not ingested: they cannot count in a card as of that instant,
 * and leaving them out keeps the store from holding them apart.
 */
/** Streams accepted events into an {@link EntityStore}; everything else into an assembler. */
final class StoreIngest implements InputSink {
  private static final int BATCH = 1_024;
  private static final List<Event> END = List.of();

  private final EntityStore store;
  private final EntityAssembler assembler;
  private final Instant asOf;
  private static final long DAY = 86_400;

  private final ZoneRules rules;
  // The epoch day of the first local day any window reaches; Long.MIN_VALUE when none is first.
  private final long earliest;
  private final BlockingQueue<List<Event>> queue = new ArrayBlockingQueue<>(4);
  private final Thread worker;
  private volatile Throwable failure;
  private List<Event> batch = new ArrayList<>(BATCH);
  private long outside;
  private Instant newest;
  private boolean finished;

  /**
   * @param earliest the first local day any window of the model reaches as of {@code asOf}, or null
   *     when it reads all history: events before it are counted as outside the window
   */
  StoreIngest(
      EntityStore store, EntityAssembler assembler, Instant asOf, ZoneId zone, LocalDate earliest) {
    this.store = requireNonNull(store, "store");
    this.assembler = requireNonNull(assembler, "assembler");
    this.asOf = requireNonNull(asOf, "asOf");
    this.rules = requireNonNull(zone, "zone").getRules();
    this.earliest = earliest == null ? Long.MIN_VALUE : earliest.toEpochDay();
    this.worker = new Thread(this::drain, "pls-ingest");
    worker.setDaemon(true);
    worker.start();
  }

  @Override
  public void event(Event event) {
    assembler.counted(event);
    if (!event.hasUser()) {
      // A user model scores users: the assembler counts these for the run's note.
      return;
    }
    Instant time = event.time();
    if (newest == null || time.isAfter(newest)) {
      newest = time;
    }
    if (time.isAfter(asOf)) {
      outside++;
      return;
    }
    if (earliest != Long.MIN_VALUE
        && Math.floorDiv(time.getEpochSecond() + rules.getOffset(time).getTotalSeconds(), DAY)
            < earliest) {
      outside++;
    }
    batch.add(event);
    if (batch.size() == BATCH) {
      hand(batch);
      batch = new ArrayList<>(BATCH);
    }
  }

  @Override
  public void traits(dev.pls.core.model.EntityKind kind, String id, Map<String, Value> traits) {
    assembler.traits(kind, id, traits);
  }

  @Override
  public void traits(
      dev.pls.core.model.EntityKind kind, String id, Map<String, Value> traits, Instant time) {
    assembler.traits(kind, id, traits, time);
  }

  @Override
  public void member(String user, String account, Instant time) {
    assembler.member(user, account, time);
  }

  @Override
  public void link(String id, String userId, Optional<Instant> time) {
    assembler.link(id, userId, time);
  }

  /** Events of users counted as outside the model's window as of the run's instant. */
  long outside() {
    return outside;
  }

  /** The newest event of a user read, if any. */
  Optional<Instant> newest() {
    return Optional.ofNullable(newest);
  }

  /**
   * Hands over the last batch and waits until the store has ingested every event.
   *
   * @throws IllegalStateException if ingest failed (with the failure as its cause)
   */
  void finish() {
    if (finished) {
      return;
    }
    finished = true;
    if (!batch.isEmpty()) {
      hand(batch);
    }
    batch = null;
    put(END);
    try {
      worker.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the store ingested", e);
    }
    rethrow();
  }

  private void hand(List<Event> events) {
    rethrow();
    put(events);
  }

  private void put(List<Event> events) {
    try {
      queue.put(events);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while handing events to the store", e);
    }
  }

  private void rethrow() {
    Throwable t = failure;
    if (t != null) {
      throw new IllegalStateException("ingest into the entity store failed: " + t, t);
    }
  }

  private void drain() {
    while (true) {
      List<Event> events;
      try {
        events = queue.take();
      } catch (InterruptedException e) {
        failure = e;
        return;
      }
      if (events == END) {
        return;
      }
      if (failure != null) {
        // Keep taking, so that the reader never blocks on a full queue; it throws at its next
        // hand-over.
        continue;
      }
      try {
        int accepted = store.ingest(events);
        if (accepted != events.size()) {
          // Every event here has a user and a time the readers bound to years 0 to 9999.
          throw new AssertionError(
              "the store refused " + (events.size() - accepted) + " events of users");
        }
      } catch (RuntimeException | Error e) {
        failure = e;
      }
    }
  }
}
