package dev.pls.cli.io;

import static java.util.Objects.requireNonNull;

import dev.pls.core.input.Event;
import dev.pls.core.input.EventColumns;
import dev.pls.core.model.Value;
import dev.pls.core.scoring.EntityStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.HashMap;
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
 * Events reach the store as rows of the store's EventColumns, not as Events: a flat JSON Lines
 * line comes here as its fields (FlatEvents.Rows), with no Event made; an event another reader
 * made (a Segment call, a CSV row, a line the fast path declined) is taken apart into the same
 * row. Per user the reader keeps the store's index, given the first time the user has an event
 * to ingest; the same lookup tells the assembler whether it counted the user before, so counting
 * an event costs one hash lookup on the reader thread, and ingest none. Event codes and property
 * columns are the store's, looked up once per name. Links are given to the store only once every
 * event is read (ScoringRun), so an index here is always the user id's own entity.
 *
 * Decoding and ingest overlap: the reader (gunzip, parse, checks, rejects, filling a batch) runs
 * on the calling thread and hands full batches through a small bounded queue to one ingest
 * thread, which feeds the store and returns each batch, cleared, for reuse. One consumer keeps the
 * store's input in reading order (the store's state is an order-independent fold in any case, so
 * the cards are the same however the batches fall). The queue's bound keeps the events in flight
 * to a few batches. A failure on the ingest thread is rethrown on the reader's at its next
 * hand-over or at finish().
 *
 * Events after the as-of instant are counted (outside the model's window, and for the newest event
 * the freshness warning reads) but not ingested: they cannot count in a card as of that instant,
 * and leaving them out keeps the store from holding them apart.
 */
/** Streams accepted events into an {@link EntityStore}; everything else into an assembler. */
final class StoreIngest implements InputSink, FlatEvents.Rows {
  private static final int BATCH = 1_024;
  private static final EventColumns END = new EventColumns(0);
  private static final long DAY = 86_400;

  private final EntityStore store;
  private final EntityAssembler assembler;
  private final Instant asOf;

  private final ZoneRules rules;
  // The epoch day of the first local day any window reaches; Long.MIN_VALUE when none is first.
  private final long earliest;
  private final BlockingQueue<EventColumns> queue = new ArrayBlockingQueue<>(4);
  // Batches the ingest thread is done with, cleared; at most the queue's, the reader's and the
  // ingest thread's are ever made.
  private final BlockingQueue<EventColumns> free = new ArrayBlockingQueue<>(8);
  private final Thread worker;
  private volatile Throwable failure;
  // Per user read, the store's index; -1 while the user has no event to ingest (all after T).
  private final Map<String, Integer> users = new HashMap<>();
  private final Map<String, Integer> codes = new HashMap<>();
  private final Map<String, Integer> columns = new HashMap<>();
  private final int properties;
  private EventColumns batch;
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
    List<String> read = store.properties();
    for (int i = 0; i < read.size(); i++) {
      columns.put(read.get(i), i);
    }
    this.properties = read.size();
    this.batch = new EventColumns(properties);
    this.worker = new Thread(this::drain, "pls-ingest");
    worker.setDaemon(true);
    worker.start();
  }

  @Override
  public void event(Event event) {
    if (!event.hasUser()) {
      // A user model scores users: the assembler counts these for the run's note.
      assembler.counted(event);
      return;
    }
    if (add(event.user(), event.account().orElse(null), event.name(), event.time())) {
      for (Map.Entry<String, Value> p : event.properties().entrySet()) {
        set(p.getKey(), p.getValue());
      }
      added();
    }
  }

  @Override
  public void row(
      String user,
      String account,
      String name,
      Instant time,
      List<String> keys,
      List<Value> values) {
    if (add(user, account, name, time)) {
      for (int i = 0; i < keys.size(); i++) {
        Value v = values.get(i);
        if (v != null) {
          set(keys.get(i), v);
        }
      }
      added();
    }
  }

  /**
   * Counts an event of {@code user} and, when it is at or before the as-of instant, adds its row to
   * the batch (its properties next, then {@link #added}); returns whether it did.
   */
  private boolean add(String user, String account, String name, Instant time) {
    Integer index = users.get(user);
    assembler.counted(user, account, time, index != null);
    if (newest == null || time.isAfter(newest)) {
      newest = time;
    }
    if (time.isAfter(asOf)) {
      if (index == null) {
        users.put(user, -1);
      }
      outside++;
      return false;
    }
    if (earliest != Long.MIN_VALUE
        && Math.floorDiv(time.getEpochSecond() + rules.getOffset(time).getTotalSeconds(), DAY)
            < earliest) {
      outside++;
    }
    if (index == null || index < 0) {
      index = store.index(user);
      users.put(user, index);
    }
    Integer code = codes.get(name);
    if (code == null) {
      code = store.eventCode(name);
      codes.put(name, code);
    }
    batch.add(index, code, time);
    return true;
  }

  @Override
  public boolean reads(String key) {
    return columns.containsKey(key);
  }

  /** Sets property {@code key} of the row being added, when the model reads it. */
  private void set(String key, Value v) {
    Integer column = columns.get(key);
    if (column == null) {
      return;
    }
    if (v instanceof Value.Str str) {
      batch.setString(column, str.value());
    } else if (v instanceof Value.Bool b) {
      batch.setBoolean(column, b.value());
    } else if (v instanceof Value.Num n) {
      BigDecimal d = n.value();
      if (d.scale() <= 0 && d.precision() - d.scale() < 19) {
        batch.setLong(column, d.longValue());
      } else {
        batch.setDecimal(column, d);
      }
    }
  }

  /** After a row and its properties: hands the batch over when it is full. */
  private void added() {
    if (batch.size() == BATCH) {
      hand(batch);
      EventColumns next = free.poll();
      batch = next != null ? next : new EventColumns(properties);
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
    if (batch.size() > 0) {
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

  private void hand(EventColumns events) {
    rethrow();
    put(events);
  }

  private void put(EventColumns events) {
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
      EventColumns events;
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
        events.clear();
        free.offer(events);
      } catch (RuntimeException | Error e) {
        failure = e;
      }
    }
  }
}
