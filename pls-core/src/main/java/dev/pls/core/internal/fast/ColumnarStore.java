package dev.pls.core.internal.fast;

import static java.util.Objects.requireNonNull;

import dev.pls.core.card.BatchScores;
import dev.pls.core.card.ScoreCard;
import dev.pls.core.input.AccountRule;
import dev.pls.core.input.Event;
import dev.pls.core.input.IdentityGraph;
import dev.pls.core.internal.InputChecks;
import dev.pls.core.internal.TimeFrame;
import dev.pls.core.model.EntityKind;
import dev.pls.core.model.Model;
import dev.pls.core.model.Value;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.zone.ZoneRules;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/*
 * The columnar entity store.
 *
 * Ids are dictionary-encoded: an open-addressing table (Ids) from id to a dense int, read without
 * a lock, and entity state in pages of 4,096 that never move once allocated (so a writer never
 * races a copy); each page's ids are bytes in one array (IdBytes), not a String each. An event is
 * matched once, at ingest, against the filters that can match its name (Matcher), where-conditions
 * included, giving a bit mask of matched filters.
 *
 * Two layouts of per-entity aggregate state, one class each behind StoreLayout, chosen once when
 * the store is created (this class keeps the ids, traits, counters, watermark and span, and the
 * entity locks, whatever the layout):
 *
 * - Day buckets (BucketLayout over Buckets), for day-resolution models whose every aggregate a per-day count, a
 *   latest day or instant, an earliest instant or a value -> latest-day map can serve exactly
 *   (count, active_days, distinct, days_since, last_seen, growth_weeks and trend over any
 *   window; first_seen and minutes_between over all history), in zones whose local dates never
 *   go backwards. A few bytes per (day, kind of event) instead of per event, and scoring sums
 *   small ints straight into the plan's slots.
 * - Rows (RowLayout), for every other model: per kept event its epoch seconds (long), nanos (int), filter
 *   mask (long) and, when aggregates read properties, one interned Value reference per such
 *   property; scoring re-folds them through Aggregation.
 *
 * The retained span is computed from the newest event ingested (the watermark): the earliest
 * instant any window or trend of the plan can reach for an as-of instant at or after the
 * watermark. Older state is folded, when an entity's arrays fill, into per-entity state for the
 * all-history aggregates only; an arriving event older than the span goes straight there and is
 * counted as beyond the span. Folding is order-independent, so out-of-order events inside the
 * span simply land in the arrays.
 *
 * Events dated after the clock's instant when they arrive (within the skew; later ones are
 * rejected) are held apart, per entity, as EntityState.Ahead records, and merged into the layout
 * once the clock has passed them (checked at each ingest and scoring call). So two watermarks: the
 * newest event ingested (what watermark() reports) and the newest event merged (settled), from
 * which the retained span is computed. A score as of T >= settled is exact: the layout's state
 * holds no event after T, and an entity holding events apart is scored from a copy of its state
 * with those at or before T merged in. Without this, one event dated an hour ahead (a device clock
 * a little fast) would refuse every score as of now for an hour, and the layout's extremes and
 * latest-day maps, which keep only the newest value, cannot answer for an instant before it.
 *
 * Scoring as of T >= settled is exact: windowed aggregates read the kept state (everything
 * they can reach is there), all-history ones add the folded state. Scoring all entities runs over
 * the common fork-join pool in chunks of 2,048: a chunk's entities are loaded into columns
 * (Columns; with buckets, a block of 64 entities' objects touched first so that their cache misses
 * overlap), then the chunk is scored into primitive arrays (Outcomes) by the row loop generated for
 * its column layout (ChunkLoops, RowLoopGenerator, as for a feature table), or a column of rules at
 * a time (ChunkEvaluator.evaluate) where no loop is generated. The batch keeps each chunk's
 * columns for the slots a card reads (CardValues, handed over by Columns.handOver), so that its
 * cards are built from what it holds. Scoring into a caller's arrays (scoreInto) keeps nothing:
 * each chunk is scored in the thread's scratch and copied to its entity indexes.
 *
 * Identities: a user model's entity is a person, keyed by its canonical id in an IdentityGraph.
 * Ingest, traits and scoring resolve a user id to its person's canonical id under the shared side
 * of a read-write lock; link() takes the exclusive side, so that no event lands in an entity while
 * it is merged away. When a link joins two people that both have an entity, the layout adds the
 * other entity's state to the canonical one's (StoreLayout.merge: cells, extremes, folded state
 * and distinct values for buckets; rows and folded Acc state for rows), its held events move over
 * and the person keeps the traits of the later traits call (each entity holds the number of the
 * call that set its traits, so the person's traits are what they would be had every call named
 * the canonical id), and the other entity is marked merged: it
 * stays in the id table (ids never move) but is scored no more. Merged state equals the state of
 * ingesting both entities' events into one, because every layout's state is an order-independent
 * fold. An account model keys events by account; there a link merges the two users' statements
 * of membership and traits for the account rule, and events already keyed stay where they are.
 *
 * Memory per entity (64-bit JVM, compressed oops): a state object, its id's bytes plus 4 (IdBytes)
 * and 8-16 bytes of id table; a trait array shared with every entity of equal traits
 * (TraitVectors); with buckets, 8 bytes per (local day, set of matched filters) cell and 8 or 16
 * per extreme, in one array, and 8 per (value, distinct aggregate) pair plus 8 per distinct key,
 * in another; with rows, 20 bytes per kept event plus 4 per property an aggregate reads, with
 * folded Acc state beyond the span. Arrays grow by doubling; a bucket entity's arrays are trimmed
 * to size after a run of its events in one ingest batch. docs/performance.md has the measured
 * figures for the seed template.
 */
/** The {@link EntityStore} implementation. Thread-safe. */
public final class ColumnarStore {
  private static final int PAGE_BITS = 12;
  private static final int PAGE = 1 << PAGE_BITS;

  private final Plan plan;
  private final ChunkEvaluator evaluator;
  private final ChunkLoops loops;
  private final CardAssembler cards;
  private final Matcher matcher;
  private final StoreLayout layout;
  private final ZoneRules rules;
  private final int[] traitSlots;
  private volatile IdBytes[] idPages = new IdBytes[16];
  private final Ids ids = new Ids((i, id) -> idPages[i >>> PAGE_BITS].is(i & (PAGE - 1), id));
  private final ConcurrentHashMap<Value, Value> interned = new ConcurrentHashMap<>();
  private final TraitVectors traitVectors = new TraitVectors();
  private final Object grow = new Object();
  private volatile EntityState[][] pages = new EntityState[16][];
  private volatile int size;
  private final AtomicReference<Instant> watermark = new AtomicReference<>();
  // The newest event merged into the layout: the retained span and the earliest as-of follow it.
  private final AtomicReference<Instant> settled = new AtomicReference<>();
  // The events held apart, per entity (a list guarded by the entity's lock; in a map rather than
  // a field, so that no entity pays for it), and the earliest of them (null when none is known).
  private final ConcurrentHashMap<EntityState, List<EntityState.Ahead>> holding =
      new ConcurrentHashMap<>();
  private final AtomicReference<Instant> earliestAhead = new AtomicReference<>();
  private final Object settling = new Object();
  private volatile Span span;
  private final LongAdder accepted = new LongAdder();
  private final LongAdder kept = new LongAdder();
  private final LongAdder beyondSpan = new LongAdder();
  private final LongAdder ignored = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final ThreadLocal<Scratch> scratch;
  private final ThreadLocal<Scoring> scoring;
  // For an account model: users' statements of membership and traits, for the account rule.
  private final UserAccounts users;
  // An event after clock + maxSkew at ingest is rejected: one event from a device whose clock is
  // years ahead would otherwise move the watermark there and refuse every score until then.
  private final Clock clock;
  private final Duration maxSkew;
  private final LongAdder future = new LongAdder();
  // Ingest calls begun and ended: a snapshot is refused when they differ (see snapshot()).
  private final LongAdder ingestsBegun = new LongAdder();
  private final LongAdder ingestsEnded = new LongAdder();
  // Which user ids are one person. Read under identityLock's read lock, linked under its write
  // lock; the links accepted (in order, for snapshots), and the links a restored snapshot's store
  // had refused, which the replayed graph did not see.
  private final IdentityGraph identities;
  private final ReentrantReadWriteLock identityLock = new ReentrantReadWriteLock();
  private final List<String[]> links = new java.util.ArrayList<>();
  private long refusedBefore;
  private volatile int mergedEntities;
  // Numbers traits calls in the order they set an entity's traits (EntityState.traitsCall).
  private final java.util.concurrent.atomic.AtomicLong traitsCalls =
      new java.util.concurrent.atomic.AtomicLong();

  /**
   * A store for {@code model}, keying an account model's events by {@code accounts} and rejecting
   * events more than {@code maxSkew} after {@code clock}'s instant at ingest.
   */
  public ColumnarStore(Model model, AccountRule accounts, Clock clock, Duration maxSkew) {
    this(
        model,
        accounts,
        clock,
        maxSkew,
        IdentityGraph.DEFAULT_MAX_ANONYMOUS_IDS,
        IdentityGraph.DEFAULT_MAX_KNOWN_IDS);
  }

  /**
   * A store as {@link #ColumnarStore(Model, AccountRule, Clock, Duration)} makes, whose identity
   * graph has these limits per person.
   */
  public ColumnarStore(
      Model model,
      AccountRule accounts,
      Clock clock,
      Duration maxSkew,
      int maxAnonymousIds,
      int maxKnownIds) {
    this.identities = IdentityGraph.withLimits(maxAnonymousIds, maxKnownIds);
    this.clock = requireNonNull(clock, "clock");
    this.maxSkew = requireNonNull(maxSkew, "maxSkew");
    if (requireNonNull(model, "model").memberModel().isPresent()) {
      throw new IllegalArgumentException(
          "model: '"
              + model.id()
              + "' rolls up members, which "
              + "the entity store"
              + " does not hold; score its accounts with Scorer.fast");
    }
    this.plan = new Plan(model);
    if (plan.filters.size() > 64) {
      throw new IllegalArgumentException(
          "model: a store supports up to 64 distinct event filters, the model has "
              + plan.filters.size());
    }
    this.evaluator = new ChunkEvaluator(plan);
    this.loops = new ChunkLoops(plan, true);
    this.cards = new CardAssembler(plan);
    this.matcher = new Matcher(plan);
    // The layout is chosen here, once: nothing after this asks which one the store has.
    this.layout =
        Buckets.servingExactly(plan)
            .<StoreLayout>map(b -> new BucketLayout(plan, b))
            .orElseGet(() -> new RowLayout(plan, this::intern));
    this.rules = model.zone().getRules();
    this.traitSlots = plan.traitSlots.stream().mapToInt(Integer::intValue).toArray();
    this.scratch = ThreadLocal.withInitial(() -> new Scratch(plan, layout, rules));
    this.scoring = ThreadLocal.withInitial(() -> new Scoring(plan, layout));
    this.users =
        model.entity() == EntityKind.ACCOUNT
            ? new UserAccounts(requireNonNull(accounts, "accounts"))
            : null;
  }

  /**
   * Records a user's traits for the account rule; for a user model, sets them as {@link
   * #traits(String, Map)} does.
   */
  public void userTraits(String user, Map<String, Value> traits) {
    if (users == null) {
      traits(user, traits);
    } else {
      requireNonNull(user, "user");
      requireNonNull(traits, "traits");
      ingestsBegun.increment();
      identityLock.readLock().lock();
      try {
        users.traits(person(user), traits);
      } finally {
        identityLock.readLock().unlock();
        ingestsEnded.increment();
      }
    }
  }

  /**
   * A store for {@code model} in the state {@code snapshot} holds (see StoreSnapshot), with the
   * given settings, which a snapshot does not hold.
   *
   * @throws IllegalArgumentException naming the snapshot or the model and what is wrong
   * @throws IOException if {@code snapshot} cannot be read
   */
  public static ColumnarStore restore(
      Model model,
      AccountRule accounts,
      Clock clock,
      Duration maxSkew,
      int maxAnonymousIds,
      int maxKnownIds,
      InputStream snapshot)
      throws IOException {
    ColumnarStore store =
        new ColumnarStore(model, accounts, clock, maxSkew, maxAnonymousIds, maxKnownIds);
    StoreSnapshot.read(store, requireNonNull(snapshot, "snapshot"));
    return store;
  }

  /**
   * Writes this store's state to {@code out} (see StoreSnapshot). Scoring may run meanwhile; ingest
   * may not.
   *
   * @throws IllegalStateException if an ingest or traits call runs while it writes
   * @throws IOException if {@code out} cannot be written
   */
  public void snapshot(OutputStream out) throws IOException {
    requireNonNull(out, "out");
    // Holding the settling lock keeps scoring from merging held events meanwhile.
    synchronized (settling) {
      long ended = ingestsEnded.sum();
      long begun = ingestsBegun.sum();
      if (begun != ended) {
        throw new IllegalStateException(
            "snapshot: "
                + (begun - ended)
                + " ingest or traits calls are running; pause ingest to snapshot");
      }
      StoreSnapshot.write(this, out, () -> ingestsBegun.sum() == begun);
    }
  }

  Plan plan() {
    return plan;
  }

  StoreLayout layout() {
    return layout;
  }

  /** Writes the body of a snapshot (see StoreSnapshot); nothing changes the state meanwhile. */
  void writeBody(DataOutputStream out) throws IOException {
    Totals t = totals();
    for (long c :
        new long[] {
          t.accepted(), t.kept(), t.beyondSpan(), t.ignored(), t.rejected(), t.future()
        }) {
      out.writeLong(c);
    }
    SnapshotData.instantOrNull(out, watermark.get());
    SnapshotData.instantOrNull(out, settled.get());
    layout.writeShared(out);
    int n = size;
    out.writeInt(n);
    for (int i = 0; i < n; i++) {
      EntityState s = state(i);
      synchronized (s) {
        SnapshotData.string(out, id(i));
        out.writeInt(s.traits == null ? -1 : s.traits.length);
        if (s.traits != null) {
          for (Value v : s.traits) {
            SnapshotData.value(out, v);
          }
        }
        out.writeBoolean(s.touched);
        List<EntityState.Ahead> ahead = holding.getOrDefault(s, List.of());
        out.writeInt(ahead.size());
        for (EntityState.Ahead a : ahead) {
          SnapshotData.event(out, a.event());
          out.writeLong(a.mask());
        }
        layout.write(s, out);
      }
    }
    if (users == null) {
      out.writeInt(-1);
    } else {
      users.write(out);
    }
    out.writeInt(links.size());
    for (String[] link : links) {
      SnapshotData.string(out, link[0]);
      SnapshotData.string(out, link[1]);
    }
    out.writeLong(identities.stats().refused() + refusedBefore);
    out.writeInt(n);
    for (int i = 0; i < n; i++) {
      EntityState s = state(i);
      synchronized (s) {
        out.writeLong(s.traitsCall);
      }
    }
    if (users != null) {
      users.writeTraitsCalls(out);
    }
  }

  /**
   * Reads the body of a snapshot of format {@code version} into this new store (see StoreSnapshot).
   */
  void readBody(DataInputStream in, int version) throws IOException {
    accepted.add(in.readLong());
    kept.add(in.readLong());
    beyondSpan.add(in.readLong());
    ignored.add(in.readLong());
    rejected.add(in.readLong());
    future.add(in.readLong());
    watermark.set(SnapshotData.instantOrNull(in));
    settled.set(SnapshotData.instantOrNull(in));
    layout.readShared(in);
    int n = SnapshotData.count(in);
    for (int i = 0; i < n; i++) {
      String id = SnapshotData.string(in);
      int traits = SnapshotData.countOrNull(in);
      Value[] values = null;
      if (traits >= 0) {
        if (traits != plan.traitNames.size()) {
          throw new SnapshotData.Corrupted("an entity with " + traits + " trait values");
        }
        values = new Value[traits];
        for (int j = 0; j < traits; j++) {
          values[j] = intern(SnapshotData.value(in));
        }
        values = traitVectors.intern(values);
      }
      boolean touched = in.readBoolean();
      int held = SnapshotData.count(in);
      List<EntityState.Ahead> ahead = new java.util.ArrayList<>();
      for (int j = 0; j < held; j++) {
        Event e = SnapshotData.event(in);
        long mask = in.readLong();
        ahead.add(new EntityState.Ahead(e, e.time(), Aggregation.epochDay(e.time(), rules), mask));
      }
      EntityState s = layout.read(in);
      s.traits = values;
      s.touched = touched;
      if (!ahead.isEmpty()) {
        holding.put(s, ahead);
        for (EntityState.Ahead a : ahead) {
          earliestAhead.accumulateAndGet(a.time(), ColumnarStore::earlier);
        }
      }
      if (ids.find(id) >= 0) {
        throw new SnapshotData.Corrupted("the entity '" + id + "' twice");
      }
      append(id, s);
    }
    int userCount = SnapshotData.countOrNull(in);
    if ((userCount >= 0) != (users != null)) {
      throw new SnapshotData.Corrupted(
          "users' accounts where the model keeps none, or the reverse");
    }
    if (users != null) {
      users.read(in, userCount);
    }
    if (version >= 2) {
      readLinks(in);
    }
  }

  /**
   * Replays the links a snapshot holds into this new store's identity graph, and marks the entities
   * of ids that are no longer their person's canonical id as merged.
   */
  private void readLinks(DataInputStream in) throws IOException {
    int n = SnapshotData.count(in);
    for (int i = 0; i < n; i++) {
      String id = SnapshotData.string(in);
      String userId = SnapshotData.string(in);
      IdentityGraph.Outcome outcome;
      try {
        outcome = identities.link(id, userId);
      } catch (IllegalArgumentException e) {
        throw new SnapshotData.Corrupted("an identity link that is not valid: " + e.getMessage());
      }
      if (outcome == IdentityGraph.Outcome.REFUSED) {
        throw new SnapshotData.Corrupted(
            "identity links beyond this store's limits ("
                + identities.maxAnonymousIds()
                + " anonymous, "
                + identities.maxKnownIds()
                + " known ids per person); restore with the limits of the store that wrote it");
      }
      links.add(new String[] {id, userId});
    }
    refusedBefore = in.readLong();
    if (refusedBefore < 0) {
      throw new SnapshotData.Corrupted("a negative count of refused links");
    }
    readTraitsCalls(in);
    if (users == null && n > 0) {
      for (int i = 0; i < size; i++) {
        String id = id(i);
        if (!identities.canonical(id).equals(id)) {
          state(i).merged = true;
          mergedEntities++;
        }
      }
    }
  }

  /**
   * Reads the numbers of the traits calls that set each entity's (and for an account model each
   * user's) traits, and numbers later calls after the latest of them.
   */
  private void readTraitsCalls(DataInputStream in) throws IOException {
    int n = SnapshotData.count(in);
    if (n != size) {
      throw new SnapshotData.Corrupted("traits calls numbered for " + n + " entities of " + size);
    }
    long latest = 0;
    for (int i = 0; i < n; i++) {
      long call = in.readLong();
      if (call < 0 || call > 0 && state(i).traits == null) {
        throw new SnapshotData.Corrupted("a traits call numbered " + call + " of an entity");
      }
      state(i).traitsCall = call;
      latest = Math.max(latest, call);
    }
    traitsCalls.set(latest);
    if (users != null) {
      users.readTraitsCalls(in);
    }
  }

  /** Whether a store for {@code model} keeps day buckets rather than rows (for tests). */
  /**
   * How many chunk layouts this store has met that have a generated row loop (see ChunkLoops), for
   * tests.
   */
  int generatedLayouts() {
    return loops.layouts();
  }

  static boolean bucketed(Model model) {
    return Buckets.servingExactly(new Plan(requireNonNull(model, "model"))).isPresent();
  }

  /**
   * Per-thread ingest scratch: slot values for where-conditions, the layout's writer, and the
   * zone's offset around the last event's time.
   */
  private static final class Scratch {
    final SlotValues values;
    final StoreLayout.Writer writer;
    final LocalDays days;
    // A block of events being ingested, their keys and the entities found for them (see fill).
    final Event[] block = new Event[16];
    final String[] keys = new String[16];
    final EntityState[] found = new EntityState[16];
    // Apart from days: the settled watermark and the events may sit in different offsets' spans.
    final LocalDays spanDays;

    Scratch(Plan plan, StoreLayout layout, ZoneRules rules) {
      values = new SlotValues(plan.slots, plan.memos);
      writer = layout.newWriter();
      days = new LocalDays(rules);
      spanDays = new LocalDays(rules);
    }
  }

  /**
   * Per-thread scratch for scoring: a chunk's columns, slot values for the nodes that read rows,
   * and the layout's loader (kept across passes).
   */
  private static final class Scoring {
    final Columns columns;
    final SlotValues values;
    final StoreLayout.Loader loader;

    /** The entities of the chunk being loaded, a block at a time (see Buckets.touch). */
    final EntityState[] block = new EntityState[64];

    /** A chunk's outcomes, zeroed for each chunk and copied out of (not kept). */
    final Outcomes outcomes;

    /** A chunk's long columns' missing rows (Columns.rows sets every slot's entry). */
    final long[][] missingWords;

    final ChunkLoops.Hits hits = new ChunkLoops.Hits();

    /** The rows of the chunk being loaded whose entity was merged away by a link. */
    final int[] merged = new int[ChunkEvaluator.CHUNK];

    /** What the loader's touch read: kept, so that its loads are not optimised away. */
    long sink;

    Scoring(Plan plan, StoreLayout layout) {
      columns = new Columns(plan.slots, ChunkEvaluator.CHUNK);
      values = new SlotValues(plan.slots, plan.memos);
      loader = layout.newLoader();
      outcomes = new Outcomes(plan, ChunkEvaluator.CHUNK);
      missingWords = new long[plan.slots][];
    }

    /** Starts a chunk of {@code n} rows: zero scores and fired words (the column path adds). */
    Outcomes outcomes(int n) {
      java.util.Arrays.fill(outcomes.scores, 0, n, 0L);
      java.util.Arrays.fill(outcomes.fired, 0, n * outcomes.words, 0L);
      return outcomes;
    }
  }

  /** Counts of one ingest call, added to the store's counters once at its end. */
  private static final class Counts {
    long accepted;
    long kept;
    long beyondSpan;
    long ignored;
    long rejected;
    long future;
    // The newest event accepted in this call (epoch second and nano; none before the first): the
    // store's watermark follows it once, at the end of the call, rather than by a compare-and-swap
    // per event, and as primitives no Instant is made per event for it.
    boolean anyNewest;
    long newestSeconds;
    int newestNano;
    // The clock's instant at the start of this call: later events are held apart.
    final Instant now;
    // The latest event time accepted in this call: the clock's instant at its start plus the skew.
    final Instant latest;

    Counts(Instant now, Instant latest) {
      this.now = now;
      this.latest = latest;
    }

    /** Notes an accepted event at {@code seconds} and {@code nano}. */
    void accepted(long seconds, int nano) {
      accepted++;
      if (!anyNewest || after(seconds, nano, newestSeconds, newestNano)) {
        anyNewest = true;
        newestSeconds = seconds;
        newestNano = nano;
      }
    }
  }

  /** Whether the instant at {@code seconds} and {@code nano} is after {@code t}. */
  private static boolean after(long seconds, int nano, Instant t) {
    return after(seconds, nano, t.getEpochSecond(), t.getNano());
  }

  /**
   * Whether the instant at {@code s} and {@code n} is after the one at {@code ts} and {@code tn}.
   */
  private static boolean after(long s, int n, long ts, int tn) {
    return s != ts ? s > ts : n > tn;
  }

  private Counts counts() {
    Instant now = clock.instant();
    Instant latest;
    try {
      latest = now.plus(maxSkew);
    } catch (java.time.DateTimeException | ArithmeticException e) {
      latest = Instant.MAX;
    }
    settle(now);
    return new Counts(now, latest);
  }

  /**
   * The retained span for watermarks in one local bucket (day or hour, with the zone offset, which
   * tells the two occurrences of a repeated DST hour apart): events before {@code start} are beyond
   * it. Window starts depend only on the bucket of T, so the span is recomputed when the watermark
   * enters a new bucket, not on every event. {@code startDay} is the local date of {@code start}.
   */
  private record Span(long bucket, int offset, Instant start, long startDay) {}

  public Model model() {
    return plan.model;
  }

  public boolean ingest(Event event) {
    requireNonNull(event, "event");
    ingestsBegun.increment();
    identityLock.readLock().lock();
    try {
      Counts counts = counts();
      boolean ok = ingest(event, key(event), scratch.get(), counts, null) != null;
      add(counts);
      return ok;
    } finally {
      identityLock.readLock().unlock();
      ingestsEnded.increment();
    }
  }

  public int ingest(Collection<Event> events) {
    requireNonNull(events, "events");
    ingestsBegun.increment();
    identityLock.readLock().lock();
    try {
      return ingestAll(events);
    } finally {
      identityLock.readLock().unlock();
      ingestsEnded.increment();
    }
  }

  private int ingestAll(Collection<Event> events) {
    Scratch s = scratch.get();
    Counts counts = counts();
    int n = 0;
    // Consecutive events of one entity (a batch grouped by entity) look its state up once, and
    // its arrays are trimmed to size at the end of the run.
    EntityState last = null;
    String lastKey = null;
    int run = 0;
    Event[] block = s.block;
    String[] keys = s.keys;
    EntityState[] found = s.found;
    try {
      java.util.Iterator<Event> it = events.iterator();
      while (it.hasNext()) {
        int size = fill(it, block, keys, found);
        for (int i = 0; i < size; i++) {
          Event e = requireNonNull(block[i], "events element");
          String key = keys[i];
          EntityState known =
              last != null && lastKey.equals(key) ? last : key == null ? null : found[i];
          EntityState state = ingest(e, key, s, counts, known);
          if (state != null) {
            n++;
            if (state != last) {
              trim(s.writer, last, run);
              run = 0;
            }
            last = state;
            lastKey = key;
            run++;
          }
        }
      }
      trim(s.writer, last, run);
    } finally {
      add(counts);
      java.util.Arrays.fill(block, null);
      java.util.Arrays.fill(keys, null);
      java.util.Arrays.fill(found, null);
    }
    return n;
  }

  /**
   * The dense index of entity {@code id}, made when new: of a user model the index of its person's
   * canonical id. An index stays valid for the life of the store; when a later link merges its
   * entity into another person's, rows naming it count for that person (see ingestColumns).
   */
  public int index(String id) {
    requireNonNull(id, "id");
    dev.pls.core.internal.base.Names.check(id, "id");
    identityLock.readLock().lock();
    try {
      String key = users == null ? person(id) : id;
      int index = ids.find(key);
      if (index < 0) {
        state(key);
        index = ids.find(key);
      }
      return index;
    } finally {
      identityLock.readLock().unlock();
    }
  }

  /** The code of event name {@code name} for {@link #ingest(EventColumns)}, or -1 (see Matcher). */
  public int eventCode(String name) {
    dev.pls.core.internal.base.Names.check(name, "name");
    return matcher.code(name);
  }

  /** The event properties the model reads: the property columns of an EventColumns, in order. */
  public List<String> properties() {
    return List.copyOf(plan.columns);
  }

  /**
   * Ingests every row of {@code batch} as {@link #ingest(Event)} ingests an event of the row's
   * entity: of a user model the row's person's event, of an account model an event of the account
   * alone. Every row is checked before any is ingested; returns how many were accepted.
   *
   * @throws IllegalArgumentException naming the batch and the row whose entity index or event code
   *     this store did not give, or a batch whose property columns are not this store's
   */
  public int ingest(dev.pls.core.input.EventColumns batch) {
    requireNonNull(batch, "batch");
    if (batch.properties() != plan.columns.size()) {
      throw new IllegalArgumentException(
          "batch: has "
              + batch.properties()
              + " property columns, the store reads "
              + plan.columns.size()
              + " properties "
              + plan.columns);
    }
    int n = batch.size();
    int entities = size;
    int codes = matcher.codes();
    for (int row = 0; row < n; row++) {
      int e = batch.entity(row);
      if (e >= entities) {
        throw new IllegalArgumentException(
            "batch: row " + row + "'s entity " + e + " is not an index this store gave");
      }
      if (batch.event(row) >= codes) {
        throw new IllegalArgumentException(
            "batch: row "
                + row
                + "'s event code "
                + batch.event(row)
                + " is not a code this store gave");
      }
    }
    ingestsBegun.increment();
    identityLock.readLock().lock();
    try {
      return ingestColumns(batch, n);
    } finally {
      identityLock.readLock().unlock();
      ingestsEnded.increment();
    }
  }

  /*
   * The rows of a batch go through the same steps as ingest(Event, ...) below, in the same order
   * and with the same counters; they differ in where the values come from (the columns: the
   * matcher tests where-conditions on the row, the writer reads the properties its aggregates
   * read from it) and in what keys the row (the index, no id lookup). An index whose entity a link
   * merged into another person's since it was given resolves to that person by its id, as an event
   * under that id would. A row dated after the clock is held apart as an Event made from it (held
   * events are rare, and a snapshot writes them as events), with the properties the model reads.
   */
  private int ingestColumns(dev.pls.core.input.EventColumns batch, int n) {
    Scratch s = scratch.get();
    Counts counts = counts();
    int accepted = 0;
    EntityState last = null;
    int run = 0;
    try {
      for (int row = 0; row < n; row++) {
        EntityState state = ingestRow(batch, row, s, counts);
        if (state != null) {
          accepted++;
          if (state != last) {
            trim(s.writer, last, run);
            run = 0;
          }
          last = state;
          run++;
        }
      }
      trim(s.writer, last, run);
    } finally {
      add(counts);
    }
    return accepted;
  }

  /** Ingests row {@code row} of {@code c}; returns its entity's state, or null when rejected. */
  private EntityState ingestRow(
      dev.pls.core.input.EventColumns c, int row, Scratch s, Counts counts) {
    // The row's time as primitives: an Instant is made only when it moves the settled watermark
    // or the row is held apart (see advance).
    long seconds = c.epochSecond(row);
    int nano = c.nano(row);
    if (after(seconds, nano, counts.latest)) {
      counts.future++;
      return null;
    }
    long day = s.days.epochDay(seconds);
    if (!layout.fits(day)) {
      counts.rejected++;
      return null;
    }
    counts.accepted(seconds, nano);
    int code = c.event(row);
    long mask = matcher.mask(c, row, code, s.values);
    int index = c.entity(row);
    EntityState state = state(index);
    if (state.merged) {
      index = ids.find(person(id(index)));
      state = state(index);
    }
    if (mask == 0) {
      counts.ignored++;
      state.touched = true;
      return state;
    }
    if (after(seconds, nano, counts.now)) {
      Instant t = c.time(row);
      hold(state, new EntityState.Ahead(event(c, row, index, matcher.name(code)), t, day, mask));
      counts.kept++;
      return state;
    }
    Span span = span(advance(settled, seconds, nano), s.spanDays);
    boolean beyond = after(span.start().getEpochSecond(), span.start().getNano(), seconds, nano);
    s.writer.add(
        state, null, c, row, seconds, nano, day, mask, beyond, span.start(), span.startDay());
    if (beyond) {
      counts.beyondSpan++;
    } else {
      counts.kept++;
    }
    return state;
  }

  /** Row {@code row} of {@code c} as the Event it stands for, of entity {@code index}. */
  private Event event(dev.pls.core.input.EventColumns c, int row, int index, String name) {
    Map<String, Value> properties = new java.util.LinkedHashMap<>();
    for (int p = 0; p < plan.columns.size(); p++) {
      Value v = c.value(row, p);
      if (v != null) {
        properties.put(plan.columns.get(p), v);
      }
    }
    return users == null
        ? new Event(id(index), Optional.empty(), name, c.time(row), properties)
        : Event.ofAccount(id(index), name, c.time(row), properties);
  }

  /**
   * Reads up to a block of events from {@code it} with their keys, and for a user model looks their
   * entities up in {@code found} (null: not yet in the store) in a loop of its own, so that the
   * cache misses of one event's id lookup (its id's hash, the table, the stored id's bytes) overlap
   * another's instead of each waiting for the previous event's writes. A null event stops the
   * block, to be reported in order. An account model's keys depend on the claims of the events
   * before them, so there keys and entities are found one event at a time, in ingest.
   */
  private int fill(
      java.util.Iterator<Event> it, Event[] block, String[] keys, EntityState[] found) {
    int size = 0;
    if (users != null) {
      Event e = it.next();
      block[0] = e;
      keys[0] = e == null ? null : key(e);
      found[0] = null;
      return 1;
    }
    while (size < block.length && it.hasNext()) {
      Event e = it.next();
      block[size] = e;
      keys[size] = e == null || !e.hasUser() ? null : person(e.user());
      size++;
      if (e == null) {
        break;
      }
    }
    for (int i = 0; i < size; i++) {
      String key = keys[i];
      int index = key == null ? -1 : ids.find(key);
      found[i] = index < 0 ? null : state(index);
    }
    return size;
  }

  /**
   * After a run of {@code events} events of one entity, drops its arrays' slack (see Buckets.trim);
   * a run of one event, as in a stream interleaving entities, leaves them as they are.
   */
  private static void trim(StoreLayout.Writer writer, EntityState state, int events) {
    if (state != null && events >= 2) {
      writer.trim(state, events);
    }
  }

  private void add(Counts c) {
    if (c.anyNewest) {
      advance(watermark, Instant.ofEpochSecond(c.newestSeconds, c.newestNano));
    }
    accepted.add(c.accepted);
    kept.add(c.kept);
    beyondSpan.add(c.beyondSpan);
    ignored.add(c.ignored);
    rejected.add(c.rejected);
    future.add(c.future);
  }

  /**
   * The entity an event counts for: its user, or for an account model its account by the rule; null
   * when there is none (an event of an account alone, for a user model).
   */
  private String key(Event event) {
    if (users == null) {
      return event.hasUser() ? person(event.user()) : null;
    }
    return event.account().isPresent()
        ? event.account().get()
        : users.accountOf(person(event.user()));
  }

  /** The canonical id of {@code user}'s person; the caller holds the identity lock. */
  private String person(String user) {
    // Until a link is accepted every id is its own person: no graph lookup per event. The list
    // changes only under the identity lock's write side, which the caller's read side excludes.
    return links.isEmpty() ? user : identities.canonical(user);
  }

  /**
   * Ingests one event, keyed by {@code key} ({@link #key}, looked up once by the caller), into
   * {@code known} when that is the event's entity's state; returns the entity's state, or null when
   * the event was rejected.
   */
  private EntityState ingest(Event event, String key, Scratch s, Counts counts, EntityState known) {
    if (key == null) {
      counts.rejected++;
      return null;
    }
    Instant t = event.time();
    if (t.isAfter(counts.latest)) {
      counts.future++;
      return null;
    }
    long day = s.days.epochDay(t);
    if (!layout.fits(day)) {
      counts.rejected++;
      return null;
    }
    if (users != null && event.account().isPresent() && event.hasUser()) {
      users.claim(person(event.user()), t, key);
    }
    counts.accepted(t.getEpochSecond(), t.getNano());
    long mask = matcher.mask(event, s.values);
    EntityState state = known != null ? known : state(key);
    if (mask == 0) {
      counts.ignored++;
      state.touched = true;
      return state;
    }
    if (t.isAfter(counts.now)) {
      hold(state, new EntityState.Ahead(event, t, day, mask));
      counts.kept++;
      return state;
    }
    advance(settled, t);
    Span span = span(settled.get(), s.spanDays);
    boolean beyond = t.isBefore(span.start());
    s.writer.add(
        state,
        event,
        null,
        0,
        t.getEpochSecond(),
        t.getNano(),
        day,
        mask,
        beyond,
        span.start(),
        span.startDay());
    if (beyond) {
      counts.beyondSpan++;
    } else {
      counts.kept++;
    }
    return state;
  }

  /** Holds an event dated after the clock apart from {@code state}'s layout state. */
  private void hold(EntityState state, EntityState.Ahead ahead) {
    synchronized (state) {
      holding.computeIfAbsent(state, s -> new java.util.ArrayList<>(2)).add(ahead);
      state.touched = true;
    }
    // After the event is in the map, so that settle() either finds it or sees its time.
    earliestAhead.accumulateAndGet(ahead.time(), ColumnarStore::earlier);
  }

  private static Instant earlier(Instant a, Instant b) {
    return a == null || b.isBefore(a) ? b : a;
  }

  /** Merges the events held apart that {@code now} has reached into the layout's state. */
  private void settle(Instant now) {
    Instant earliest = earliestAhead.get();
    if (earliest == null || earliest.isAfter(now)) {
      return;
    }
    synchronized (settling) {
      earliest = earliestAhead.getAndSet(null);
      if (earliest == null) {
        return;
      }
      if (earliest.isAfter(now)) {
        earliestAhead.accumulateAndGet(earliest, ColumnarStore::earlier);
        return;
      }
      StoreLayout.Writer writer = scratch.get().writer;
      for (EntityState state : holding.keySet()) {
        Instant left = null;
        synchronized (state) {
          List<EntityState.Ahead> ahead = holding.get(state);
          if (ahead != null) {
            java.util.Iterator<EntityState.Ahead> it = ahead.iterator();
            while (it.hasNext()) {
              EntityState.Ahead a = it.next();
              if (a.time().isAfter(now)) {
                left = earlier(left, a.time());
                continue;
              }
              it.remove();
              advance(settled, a.time());
              merge(writer, state, a, span());
            }
            if (ahead.isEmpty()) {
              holding.remove(state);
            }
          }
        }
        if (left != null) {
          earliestAhead.accumulateAndGet(left, ColumnarStore::earlier);
        }
      }
    }
  }

  /**
   * Adds a held event to {@code state} (or a copy of it) through {@code writer}, as older than
   * {@code span} when it is.
   */
  private static void merge(
      StoreLayout.Writer writer, EntityState state, EntityState.Ahead a, Span span) {
    Instant t = a.time();
    writer.add(
        state,
        a.event(),
        null,
        0,
        t.getEpochSecond(),
        t.getNano(),
        a.day(),
        a.mask(),
        t.isBefore(span.start()),
        span.start(),
        span.startDay());
  }

  public void traits(String entity, Map<String, Value> traits) {
    requireNonNull(entity, "entity");
    requireNonNull(traits, "traits");
    InputChecks.traitsTyped(plan.model.traits(), traits, "traits");
    ingestsBegun.increment();
    identityLock.readLock().lock();
    try {
      setTraits(users == null ? person(entity) : entity, traits);
    } finally {
      identityLock.readLock().unlock();
      ingestsEnded.increment();
    }
  }

  private void setTraits(String entity, Map<String, Value> traits) {
    Value[] values = new Value[plan.traitNames.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = intern(traits.get(plan.traitNames.get(i)));
    }
    values = traitVectors.intern(values);
    EntityState state = state(entity);
    synchronized (state) {
      state.traits = values;
      // Numbered under the lock: of two calls for one entity, the later number is the one held.
      state.traitsCall = traitsCalls.incrementAndGet();
      state.touched = true;
    }
  }

  /** Entities known, not counting those merged into another person's. */
  public int size() {
    return size - mergedEntities;
  }

  public Optional<Instant> watermark() {
    return Optional.ofNullable(watermark.get());
  }

  /**
   * The earliest instant the store scores as of, after merging what the clock has reached: the
   * newest event dated at or before the clock when it arrived or was merged; empty when none.
   */
  public Optional<Instant> earliestAsOf() {
    settle(clock.instant());
    return Optional.ofNullable(settled.get());
  }

  /** Counts of what ingest did, as the API's {@code EntityStore.Stats} reports them. */
  public record Totals(
      long accepted, long kept, long beyondSpan, long ignored, long rejected, long future) {}

  public Totals totals() {
    return new Totals(
        accepted.sum(), kept.sum(), beyondSpan.sum(), ignored.sum(), rejected.sum(), future.sum());
  }

  public ScoreCard score(String entity, Instant asOf) {
    requireNonNull(entity, "entity");
    identityLock.readLock().lock();
    try {
      return scoreOne(users == null ? person(entity) : entity, asOf);
    } finally {
      identityLock.readLock().unlock();
    }
  }

  private ScoreCard scoreOne(String entity, Instant asOf) {
    checkAsOf(asOf);
    int index = ids.find(entity);
    EntityState state = index < 0 ? layout.newState() : state(index);
    SlotValues f = new SlotValues(plan.slots, plan.memos);
    Columns one = new Columns(plan.slots, 1);
    StoreLayout.Loader loader = scoring.get().loader;
    loader.start(layout.pass(asOf));
    load(state, loader, one, 0);
    one.get(0, f);
    Outcomes outcome = new Outcomes(plan, 1);
    evaluator.evaluateOne(f, 0, outcome, 0, plan.frame(asOf));
    return cards.card(entity, asOf, outcome, 0, f, List.of());
  }

  public BatchScores scoreAll(Instant asOf) {
    identityLock.readLock().lock();
    try {
      checkAsOf(asOf);
      int n = size;
      int[] rows = new int[n];
      int count = 0;
      if (mergedEntities == 0) {
        // No entity merged away (links take the write lock, held off by ours): every one is
        // scored, without reading each state on this one thread before the parallel pass.
        for (int i = 0; i < n; i++) {
          rows[i] = i;
        }
        count = n;
      } else {
        for (int i = 0; i < n; i++) {
          if (!state(i).merged) {
            rows[count++] = i;
          }
        }
      }
      return score(count == n ? rows : java.util.Arrays.copyOf(rows, count), asOf);
    } finally {
      identityLock.readLock().unlock();
    }
  }

  public BatchScores scoreTouched(Instant asOf) {
    identityLock.readLock().lock();
    try {
      checkAsOf(asOf);
      int n = size;
      int[] rows = new int[n];
      int count = 0;
      for (int i = 0; i < n; i++) {
        EntityState s = state(i);
        if (s.touched && !s.merged) {
          // Cleared before scoring: an event arriving meanwhile marks the entity again.
          s.touched = false;
          rows[count++] = i;
        }
      }
      return score(java.util.Arrays.copyOf(rows, count), asOf);
    } finally {
      identityLock.readLock().unlock();
    }
  }

  /**
   * Links {@code id} to the known {@code userId} in this store's identity graph; when that joins
   * two people, the entity of the one whose canonical id gives way is merged into the other's.
   */
  public IdentityGraph.Outcome link(String id, String userId) {
    requireNonNull(id, "id");
    requireNonNull(userId, "userId");
    ingestsBegun.increment();
    identityLock.writeLock().lock();
    try {
      String before = identities.canonical(id);
      String beforeUser = identities.canonical(userId);
      IdentityGraph.Outcome outcome = identities.link(id, userId);
      if (outcome == IdentityGraph.Outcome.REFUSED) {
        return outcome;
      }
      links.add(new String[] {id, userId});
      if (outcome == IdentityGraph.Outcome.JOINED) {
        String winner = identities.canonical(id);
        mergeInto(winner.equals(before) ? beforeUser : before, winner);
      }
      return outcome;
    } finally {
      identityLock.writeLock().unlock();
      ingestsEnded.increment();
    }
  }

  /** What the links given to this store did. */
  public IdentityGraph.Stats identityStats() {
    identityLock.readLock().lock();
    try {
      IdentityGraph.Stats s = identities.stats();
      return new IdentityGraph.Stats(
          s.links() + refusedBefore,
          s.refused() + refusedBefore,
          s.conflicts(),
          s.people(),
          s.ids());
    } finally {
      identityLock.readLock().unlock();
    }
  }

  /** The ids of {@code id}'s person, its canonical id first (see IdentityGraph.ids). */
  public List<String> ids(String id) {
    requireNonNull(id, "id");
    identityLock.readLock().lock();
    try {
      return identities.ids(id);
    } finally {
      identityLock.readLock().unlock();
    }
  }

  /**
   * Merges the person {@code loser} into the person {@code winner}: for a user model its entity's
   * state, held events and (when the winner has none) traits; for an account model the users'
   * statements for the account rule. The caller holds the identity write lock.
   */
  private void mergeInto(String loser, String winner) {
    if (users != null) {
      users.merge(loser, winner);
      return;
    }
    int index = ids.find(loser);
    if (index < 0) {
      return;
    }
    EntityState from = state(index);
    EntityState into = state(winner);
    synchronized (from) {
      synchronized (into) {
        if (settled.get() != null) {
          Span sp = span();
          layout.merge(from, into, sp.start(), sp.startDay());
        }
        List<EntityState.Ahead> held = holding.remove(from);
        if (held != null) {
          holding.computeIfAbsent(into, x -> new java.util.ArrayList<>(held.size())).addAll(held);
        }
        // The person's traits are those of the latest traits call among its ids, as they would be
        // had every call named the canonical id (a restored version 1 snapshot numbers none: then
        // the canonical entity keeps its own, else takes the other's).
        if (from.traitsCall > into.traitsCall || into.traits == null && from.traits != null) {
          into.traits = from.traits;
          into.traitsCall = from.traitsCall;
        }
        from.traits = null;
        from.traitsCall = 0;
        from.touched = false;
        from.merged = true;
        into.touched = true;
      }
    }
    mergedEntities++;
  }

  /**
   * Scores {@code rows} a chunk at a time: each chunk's entities are loaded into columns, then the
   * chunk is scored by the generated row loop of its column layout, or column-at-a-time where there
   * is none (ChunkLoops), as for a feature table.
   */
  private BatchScores score(int[] rows, Instant asOf) {
    Outcomes out = new Outcomes(plan, rows.length);
    int chunk = ChunkEvaluator.CHUNK;
    int chunks = (rows.length + chunk - 1) / chunk;
    CardValues[] values = new CardValues[chunks];
    StoreLayout.Pass pass = layout.pass(asOf);
    TimeFrame frame = plan.frame(asOf);
    IntStream.range(0, chunks)
        .parallel()
        .forEach(
            c -> {
              Scoring s = scoring.get();
              int from = c * chunk;
              int n = Math.min(rows.length - from, chunk);
              loadChunk(s, pass, rows, from, n, false);
              Outcomes outcomes = s.outcomes(n);
              long[][] missingWords = s.missingWords;
              Rows bound = s.columns.rows(n, outcomes.scores, s.values, missingWords);
              loops.score(evaluator, bound, missingWords, n, outcomes, frame, true, true, s.hits);
              copy(outcomes, n, out.scores, out.tier, out.fired, from);
              System.arraycopy(outcomes.exclusion, 0, out.exclusion, from, n);
              // The columns are this thread's scratch: what cards read goes to the batch, and
              // the scratch gets new arrays for those slots.
              values[c] = s.columns.handOver(bound, missingWords, n, plan.cardSlots);
            });
    return new BatchResult(plan, cards, asOf, out, row -> id(rows[row]), values, chunk);
  }

  /**
   * Loads the entities of {@code rows[from]} to {@code rows[from + n - 1]} (of indexes {@code from}
   * to {@code from + n - 1} when {@code rows} is null) into rows 0 to {@code n - 1} of the thread's
   * columns, a block at a time, each block's objects touched first (Buckets.touch). With {@code
   * findMerged}, returns how many of them were merged away by a link, their rows in {@code
   * s.merged}; else 0.
   */
  private int loadChunk(
      Scoring s, StoreLayout.Pass pass, int[] rows, int from, int n, boolean findMerged) {
    Columns columns = s.columns;
    columns.clear();
    StoreLayout.Loader loader = s.loader;
    loader.start(pass);
    EntityState[] block = s.block;
    int merged = 0;
    for (int b = 0; b < n; b += block.length) {
      int m = Math.min(block.length, n - b);
      for (int i = 0; i < m; i++) {
        block[i] = state(rows == null ? from + b + i : rows[from + b + i]);
      }
      s.sink += loader.touch(block, m);
      for (int i = 0; i < m; i++) {
        if (findMerged && block[i].merged) {
          s.merged[merged++] = b + i;
        }
        load(block[i], loader, columns, b + i);
      }
    }
    java.util.Arrays.fill(block, null);
    return merged;
  }

  /** Copies a chunk's {@code n} rows of outcomes to row {@code from} of the given arrays. */
  private static void copy(
      Outcomes chunk, int n, long[] scores, int[] tiers, long[] fired, int from) {
    System.arraycopy(chunk.scores, 0, scores, from, n);
    System.arraycopy(chunk.tier, 0, tiers, from, n);
    if (fired != null) {
      int words = chunk.words;
      System.arraycopy(chunk.fired, 0, fired, from * words, n * words);
    }
  }

  // ---- Scoring every entity index into the caller's arrays (EntityStore.scoreAll(asOf, scores,
  // tiers, fired[, executor, tasks])).
  //
  // No batch: a chunk is loaded and scored in the thread's scratch (columns, outcomes, hits) and
  // copied into the caller's arrays at its entity indexes; nothing is kept for cards, and nothing
  // is allocated per entity or per chunk on the generated loop's path. Rows are the dense entity
  // indexes themselves, so no list of rows is made either: an index merged away by a link is
  // loaded with the rest (it is rare) and then given the MERGED marker. Chunks of 2,048 rows start
  // at multiples of 2,048, so two threads' writes share at most the one cache line at a chunk's
  // edge in each array.

  /** The tier index written for an entity index merged away by a link (EntityStore.MERGED). */
  public static final int MERGED = -2;

  /** The number of entity indexes, merged ones included: the rows a pass over indexes writes. */
  public int indexes() {
    return size;
  }

  /**
   * The id the entity at {@code index} was created with.
   *
   * @throws IndexOutOfBoundsException if {@code index} is not below {@link #indexes()}
   */
  public String idAt(int index) {
    int n = size;
    if (index < 0 || index >= n) {
      throw new IndexOutOfBoundsException(
          "index: " + index + " is not within the store's " + n + " entity indexes");
    }
    return id(index);
  }

  /** The longs of fired-rule words per row: ceil(rules / 64), at least 1. */
  public int firedStride() {
    return Math.max(1, (plan.rules.length + 63) >>> 6);
  }

  /** The names of the tiers, in the order of their indexes. */
  public List<String> tierNames() {
    return List.of(plan.tierNames);
  }

  /**
   * Scores every entity index as of {@code asOf} into the caller's arrays, on {@code executor} in
   * up to {@code tasks} tasks, or over the current fork-join pool (the common pool outside one)
   * when {@code executor} is null. Returns the number of indexes scored.
   */
  public int scoreInto(
      Instant asOf, long[] scores, int[] tiers, long[] fired, Executor executor, int tasks) {
    requireNonNull(asOf, "asOf");
    requireNonNull(scores, "scores");
    requireNonNull(tiers, "tiers");
    if (tasks < 1) {
      throw new IllegalArgumentException("tasks: " + tasks + ", must be at least 1");
    }
    identityLock.readLock().lock();
    try {
      checkAsOf(asOf);
      int n = size;
      checkLengths(n, scores, tiers, fired);
      StoreLayout.Pass pass = layout.pass(asOf);
      TimeFrame frame = plan.frame(asOf);
      // Links take the write lock, held off by ours: no entity is merged during the pass.
      boolean findMerged = mergedEntities != 0;
      int chunk = ChunkEvaluator.CHUNK;
      int chunks = (n + chunk - 1) / chunk;
      IntConsumer one = c -> scoreChunk(c, n, pass, frame, findMerged, scores, tiers, fired);
      if (executor == null) {
        IntStream.range(0, chunks).parallel().forEach(one);
      } else {
        runOn(executor, Math.min(tasks, chunks), chunks, one);
      }
      return n;
    } finally {
      identityLock.readLock().unlock();
    }
  }

  private void scoreChunk(
      int c,
      int size,
      StoreLayout.Pass pass,
      TimeFrame frame,
      boolean findMerged,
      long[] scores,
      int[] tiers,
      long[] fired) {
    Scoring s = scoring.get();
    int chunk = ChunkEvaluator.CHUNK;
    int from = c * chunk;
    int n = Math.min(size - from, chunk);
    int merged = loadChunk(s, pass, null, from, n, findMerged);
    Outcomes outcomes = s.outcomes(n);
    Rows bound = s.columns.rows(n, outcomes.scores, s.values, s.missingWords);
    loops.score(evaluator, bound, s.missingWords, n, outcomes, frame, false, fired != null, s.hits);
    copy(outcomes, n, scores, tiers, fired, from);
    int words = outcomes.words;
    for (int i = 0; i < merged; i++) {
      int row = from + s.merged[i];
      scores[row] = 0;
      tiers[row] = MERGED;
      if (fired != null) {
        java.util.Arrays.fill(fired, row * words, (row + 1) * words, 0L);
      }
    }
  }

  /**
   * Runs {@code chunk} for chunks 0 to {@code chunks - 1} in {@code tasks} tasks on {@code
   * executor}, each taking the next chunk not yet taken (so a task slowed by other work takes
   * fewer), and returns when all are done; rethrows what a chunk threw.
   */
  private static void runOn(Executor executor, int tasks, int chunks, IntConsumer chunk) {
    if (tasks <= 1) {
      for (int c = 0; c < chunks; c++) {
        chunk.accept(c);
      }
      return;
    }
    java.util.concurrent.atomic.AtomicInteger next =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicBoolean failed =
        new java.util.concurrent.atomic.AtomicBoolean();
    Runnable task =
        () -> {
          try {
            for (int c = next.getAndIncrement();
                c < chunks && !failed.get();
                c = next.getAndIncrement()) {
              chunk.accept(c);
            }
          } catch (RuntimeException | Error e) {
            failed.set(true);
            throw e;
          }
        };
    CompletableFuture<?>[] running = new CompletableFuture<?>[tasks];
    for (int t = 0; t < tasks; t++) {
      running[t] = CompletableFuture.runAsync(task, executor);
    }
    Tasks.joinAll(running);
  }

  private void checkLengths(int rows, long[] scores, int[] tiers, long[] fired) {
    if (scores.length < rows) {
      throw new IllegalArgumentException(
          "scores: length " + scores.length + ", the store's entity indexes need " + rows);
    }
    if (tiers.length < rows) {
      throw new IllegalArgumentException(
          "tiers: length " + tiers.length + ", the store's entity indexes need " + rows);
    }
    int words = firedStride();
    if (fired != null && fired.length < (long) rows * words) {
      throw new IllegalArgumentException(
          "fired: length "
              + fired.length
              + ", the store's entity indexes need "
              + (long) rows * words
              + " ("
              + words
              + " per row)");
    }
  }

  private void checkAsOf(Instant asOf) {
    requireNonNull(asOf, "asOf");
    settle(clock.instant());
    Instant w = settled.get();
    if (w != null && asOf.isBefore(w)) {
      throw new IllegalArgumentException(
          "asOf: "
              + asOf
              + " is before "
              + w
              + ", the earliest instant this store scores as of (its newest event dated at or"
              + " before its clock)");
    }
  }

  /**
   * Puts an entity's aggregate and trait values into row {@code row} of {@code c}, by {@code
   * loader} (started on the pass).
   */
  private void load(EntityState state, StoreLayout.Loader loader, Columns c, int row) {
    synchronized (state) {
      // Ingest prunes an entity's old state under this lock, by the watermark: if events newer
      // than T arrived since the pass checked it, what T's windows read may be gone.
      Instant asOf = loader.asOf();
      Instant w = settled.get();
      if (w != null && asOf.isBefore(w)) {
        throw new IllegalStateException(
            "asOf: "
                + asOf
                + " is before "
                + w
                + ", an event merged while scoring; score as of a later instant");
      }
      loader.load(withHeld(state, asOf), c, row);
      Value[] traits = state.traits;
      for (int i = 0; i < traitSlots.length; i++) {
        c.setValue(traitSlots[i], row, traits == null ? null : traits[i]);
      }
    }
  }

  /**
   * {@code state}, or when it holds events apart dated at or before {@code asOf}, a copy of it with
   * those merged in; the caller holds its lock.
   */
  private EntityState withHeld(EntityState state, Instant asOf) {
    List<EntityState.Ahead> ahead = holding.isEmpty() ? null : holding.get(state);
    if (ahead == null) {
      return state;
    }
    EntityState copy = null;
    for (EntityState.Ahead a : ahead) {
      if (!a.time().isAfter(asOf)) {
        if (copy == null) {
          copy = layout.copy(state);
        }
        // Nothing merged yet: the span as of T itself, which only windows of T can reach.
        Instant w = settled.get();
        merge(scratch.get().writer, copy, a, span(w != null ? w : asOf));
      }
    }
    return copy == null ? state : copy;
  }

  private Value intern(Value v) {
    if (v == null) {
      return null;
    }
    Value existing = interned.putIfAbsent(v, v);
    return existing == null ? v : existing;
  }

  private static void advance(AtomicReference<Instant> mark, Instant t) {
    Instant w = mark.get();
    if (w != null && !t.isAfter(w)) {
      return;
    }
    mark.accumulateAndGet(t, (a, b) -> a == null || b.isAfter(a) ? b : a);
  }

  /**
   * Advances {@code mark} to the instant at {@code seconds} and {@code nano} when that is later, as
   * {@link #advance(AtomicReference, Instant)} does, and returns the mark after: the Instant is
   * made only when the mark moves.
   */
  private static Instant advance(AtomicReference<Instant> mark, long seconds, int nano) {
    Instant w = mark.get();
    if (w != null && !after(seconds, nano, w)) {
      return w;
    }
    advance(mark, Instant.ofEpochSecond(seconds, nano));
    return mark.get();
  }

  /** The retained span for the settled watermark. */
  private Span span() {
    return span(settled.get());
  }

  /**
   * The retained span for a watermark {@code w}, as {@link #span(Instant)} gives it, with the zone
   * offset from an ingest thread's {@code days}: the last span computed is nearly always w's.
   */
  private Span span(Instant w, LocalDays days) {
    int offset = days.offsetSeconds(w);
    Span s = span;
    if (s != null && s.offset() == offset && s.bucket() == bucket(w, offset)) {
      return s;
    }
    return span(w);
  }

  /**
   * The local bucket (day or hour) of {@code w} at zone offset {@code offset}, as span(w) has it.
   */
  private long bucket(Instant w, int offset) {
    return Math.floorDiv(
        w.getEpochSecond() + offset,
        plan.model.resolution() == dev.pls.core.model.Resolution.DAY ? 86_400L : 3_600L);
  }

  /**
   * The retained span for a watermark {@code w}: what scoring as of {@code w} or later can reach.
   * It depends only on w's bucket, so the last one computed is kept and recomputed when w moves to
   * another bucket.
   */
  private Span span(Instant w) {
    int offset = rules.getOffset(w).getTotalSeconds();
    long bucket = bucket(w, offset);
    Span s = span;
    if (s != null && s.bucket() == bucket && s.offset() == offset) {
      return s;
    }
    TimeFrame frame = new TimeFrame(plan.model.resolution(), plan.model.zone(), w);
    // At most the start of w's bucket (what a model without windows gets), never w itself: the
    // span must depend on the bucket only, so that a store restored from a snapshot, which
    // computes it afresh, splits events into kept and beyond the span as the original did.
    Instant start =
        frame.windowStart(
            plan.model.resolution() == dev.pls.core.model.Resolution.DAY
                ? dev.pls.core.model.Window.days(1)
                : dev.pls.core.model.Window.hours(1));
    for (Plan.AggSlot a : plan.aggregates) {
      Instant reach = null;
      if (a.window().isPresent()) {
        reach = frame.windowStart(a.window().get());
      } else if (a.aggregate() instanceof dev.pls.core.model.Aggregate.Trend trend) {
        // Trend weeks are calendar dates whatever the resolution.
        reach = frame.startOfDay(frame.asOfDay().minusDays(7L * trend.weeks() - 1));
      }
      if (reach != null && reach.isBefore(start)) {
        start = reach;
      }
    }
    s = new Span(bucket, offset, start, Aggregation.epochDay(start, rules));
    span = s;
    return s;
  }

  private EntityState state(int index) {
    return pages[index >>> PAGE_BITS][index & (PAGE - 1)];
  }

  /** The id of the entity at {@code index}. */
  private String id(int index) {
    return idPages[index >>> PAGE_BITS].id(index & (PAGE - 1));
  }

  private EntityState state(String id) {
    int index = ids.find(id);
    if (index >= 0) {
      return state(index);
    }
    synchronized (grow) {
      index = ids.find(id);
      if (index >= 0) {
        return state(index);
      }
      return append(id, layout.newState());
    }
  }

  /** Adds a new entity {@code id} with state {@code s}, as the last of the store's entities. */
  private EntityState append(String id, EntityState s) {
    synchronized (grow) {
      int i = size;
      int page = i >>> PAGE_BITS;
      EntityState[][] p = pages;
      IdBytes[] b = idPages;
      if (page == p.length) {
        p = java.util.Arrays.copyOf(p, p.length * 2);
        b = java.util.Arrays.copyOf(b, b.length * 2);
      }
      if (p[page] == null) {
        p[page] = new EntityState[PAGE];
        b[page] = new IdBytes(PAGE);
      }
      b[page].add(i & (PAGE - 1), id);
      if ((i & (PAGE - 1)) == PAGE - 1) {
        b[page].trim(PAGE);
      }
      p[page][i & (PAGE - 1)] = s;
      idPages = b;
      pages = p;
      // Published after the state and its id: a reader that finds the id finds both.
      ids.add(id, i);
      size = i + 1;
      return s;
    }
  }
}
