package dev.pls.cli.io;

import static java.util.Objects.requireNonNull;

import dev.pls.core.backtest.Backtest;
import dev.pls.core.backtest.BacktestResult;
import dev.pls.core.backtest.Comparison;
import dev.pls.core.backtest.ComparisonResult;
import dev.pls.core.backtest.PairedReplay;
import dev.pls.core.backtest.Replay;
import dev.pls.core.input.AccountRule;
import dev.pls.core.input.Event;
import dev.pls.core.input.IdentityGraph;
import dev.pls.core.model.EntityKind;
import dev.pls.core.model.Model;
import dev.pls.core.model.Value;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/*
 * Feeds a backtest's replay from files, as `pls backtest` does once it has a model and outcomes.
 *
 * A replay takes traits, then events in time order, and scores a step as soon as an event after it
 * arrives, so events must be in order across steps. Exports usually are (they are dumped by time),
 * so the first pass streams: trait files are read first and fed, then the event files are read and
 * each event fed as it is read, which holds only the replay's state per entity, never the events.
 * When an event comes that the replay refuses because a step after it was already scored, the
 * input is not in time order: the pass stops feeding (it reads on, so that the rejects and counts
 * are complete and written once), and the events are read again and fed, sorted by time (stably:
 * equal times keep file order), to a new replay. So that memory stays bounded however long the
 * export, the first pass also counts the accepted events per UTC day (a map as long as the days
 * the export spans), and the days are cut into runs of at most `sortBudget` events (a day with more
 * is a run of its own): each run is one more pass over the event files that holds only the events
 * of its days, sorts them and feeds them. An export of fewer events than the budget takes one
 * pass, holding all of them. The command says how many events, in how many passes.
 *
 * A comparison of two models (`pls diff`) is fed the same way: its PairedReplay passes every call
 * to a replay of each model, so the files are read once for both. Target is what the feed needs
 * of either.
 *
 * Traits are the store's: for a user model, a user's traits make it an entity; for an account
 * model, an account's traits make it one and a user's traits go to the account rule and the
 * member (Replay.userTraits). A user's e-mail gives it email_domain, as the entity assembler does.
 * A later value of a trait replaces an earlier one, and trait files win over identify and group
 * calls in event files, as in `pls score` (which reads event files first); so what is fed is always
 * the whole, merged map. Group calls' memberships are not fed (a replay has no such input): they
 * are counted so the command can say so. In the sorted pass, identify and group traits of the event
 * files are applied before any event; in the streaming pass, where they come.
 *
 * Identity links (Segment identify/track/page/screen calls with both ids, alias calls) are fed
 * at their time, as events are (Replay.link), so the replay is point-in-time: steps before a link
 * score the two ids apart, steps from it on one person with the events of both. In the sorted
 * pass they are held and sorted with the events (a link before an event at the same time). A
 * link without a time is fed where it comes when streaming (after the events read before it), and
 * before every event in the sorted pass.
 */
/**
 * Reads trait and event files into a {@link Backtest}'s replay, or a {@link Comparison}'s paired
 * replay, and finishes it. Not thread-safe.
 */
public final class BacktestRun {
  private final Model model;
  private final Supplier<Target> starter;
  private final List<Path> events;
  private final List<Path> traits;
  private final CsvMapping mapping;
  private final TraitKey traitKey;
  private final Timestamps timestamps;
  private final ValueSpellings values;
  private final Rejects rejects;
  private final ReadProgress progress;
  private final LongSupplier nanoTime;
  private final long sortBudget;
  private final List<Relation> relations;
  private final List<Path> links;

  /**
   * What a run did.
   *
   * @param read what reading the trait and event files gave, event files first
   * @param result the backtest's result (for a comparison, the champion's); absent when the rejects
   *     exceeded their limit
   * @param comparison for a comparison, its result; absent when the rejects exceeded their limit
   * @param events events accepted
   * @param sorted when the events were not in time order: how they were read again and sorted
   * @param ignored events the replay could not key to an entity or that fell after the schedule
   * @param groupCalls group calls read, whose memberships a replay does not take
   * @param readNanos the wall-clock time of reading (and, when streaming, replaying)
   * @param identities what the identity links read did (in the champion's replay)
   */
  public record Result(
      ReadSummary read,
      Optional<BacktestResult> result,
      Optional<ComparisonResult> comparison,
      long events,
      Optional<Sorted> sorted,
      long ignored,
      long groupCalls,
      long readNanos,
      IdentityGraph.Stats identities) {
    public Result {
      requireNonNull(identities, "identities");
      requireNonNull(read, "read");
      requireNonNull(result, "result");
      requireNonNull(comparison, "comparison");
      requireNonNull(sorted, "sorted");
    }
  }

  /**
   * How events that were not in time order were read again and sorted.
   *
   * @param events the events sorted and fed
   * @param passes the passes over the event files that held and sorted them, one per run of days
   * @param largest the most events one pass held
   */
  public record Sorted(long events, int passes, long largest) {}

  /**
   * The default of {@link Builder#sortBudget}: the events one sorting pass may hold, a quarter of
   * the heap at a generous 1 KiB per event, and at least 100,000.
   */
  static long defaultSortBudget() {
    return Math.max(100_000, Runtime.getRuntime().maxMemory() / 4 / 1024);
  }

  /**
   * What a feed drives, one replay or a comparison's two: their feeding methods, and how they
   * finish.
   */
  private record Target(
      BiConsumer<String, Map<String, Value>> traits,
      BiConsumer<String, Map<String, Value>> userTraits,
      // Throws IllegalArgumentException when a step after the event was already scored.
      Consumer<Event> event,
      Consumer<HeldLink> link,
      LongSupplier ignored,
      Supplier<IdentityGraph.Stats> identities,
      Supplier<Finished> finish) {}

  /** A link read, with its time (Instant.MIN when it had none: before everything). */
  private record HeldLink(String id, String userId, Instant time) {}

  /** Finished: the backtest's result and, for a comparison, the comparison's. */
  private record Finished(BacktestResult result, Optional<ComparisonResult> comparison) {}

  private static Target target(Replay r) {
    return new Target(
        r::traits,
        r::userTraits,
        r::event,
        l -> r.link(l.id(), l.userId(), l.time()),
        r::ignored,
        r::identityStats,
        () -> new Finished(r.finish(), Optional.empty()));
  }

  private static Target target(PairedReplay r) {
    return new Target(
        r::traits,
        r::userTraits,
        r::event,
        l -> r.link(l.id(), l.userId(), l.time()),
        r::ignored,
        r::identityStats,
        () -> {
          ComparisonResult c = r.finish();
          return new Finished(c.champion(), Optional.of(c));
        });
  }

  private BacktestRun(Builder b) {
    this.model = b.model;
    this.starter = b.starter;
    this.events = b.events;
    this.traits = b.traits;
    this.mapping = b.mapping;
    this.traitKey = b.traitKey;
    this.timestamps = b.timestamps;
    this.values = b.values;
    this.rejects = b.rejects;
    this.progress = b.progress;
    this.nanoTime = b.nanoTime;
    this.sortBudget = b.sortBudget;
    this.relations = b.relations;
    this.links = b.links;
  }

  /** A run of {@code backtest}. */
  public static Builder builder(Backtest backtest) {
    requireNonNull(backtest, "backtest");
    return new Builder(backtest.model(), () -> target(backtest.start()));
  }

  /**
   * A run of {@code comparison}: both models fed from one reading of the files (types are checked
   * against the champion's).
   */
  public static Builder builder(Comparison comparison) {
    requireNonNull(comparison, "comparison");
    return new Builder(comparison.champion().model(), () -> target(comparison.start()));
  }

  /** Reads the files into a replay (twice when the events are not in time order) and finishes. */
  public Result run() {
    long start = nanoTime.getAsLong();
    Feed feed = new Feed(starter.get(), false);
    Timestamps times = timestamps.datesIn(model.zone());
    InputReader reader = reader(feed, times, rejects, progress);
    // Relation events come with the trait records, before the event files and in no order: they
    // are held, sorted, and merged into the event files' stream (and into every sorted pass).
    List<Relation> made = relations.stream().map(Relation::fresh).toList();
    List<Event> related = new ArrayList<>();
    ReadSummary traitsRead =
        reader(Relation.applying(made, times, feed, related::add), times, rejects, progress)
            .readTraits(traits, traitKey);
    related.sort(Comparator.comparing(Event::time));
    feed.related = related;
    ReadSummary eventsRead = new ReadSummary(List.of(), traitsRead.limitExceeded());
    if (!traitsRead.limitExceeded()) {
      // Links without a time come first, before every event.
      for (Path f : links) {
        if (!traitsRead.limitExceeded()) {
          FileSummary file = LinksFile.read(f, feed, rejects);
          traitsRead = traitsRead.plus(new ReadSummary(List.of(file), rejects.limitExceeded()));
        }
      }
    }
    if (!traitsRead.limitExceeded()) {
      feed.readingEvents = true;
      eventsRead = reader.readEvents(events, mapping);
      if (!eventsRead.limitExceeded()) {
        feed.feedRelated(null);
      }
    }
    ReadSummary read = eventsRead.plus(traitsRead).noting(times.datesNote());
    for (Relation r : made) {
      read = read.noting(Optional.of(r.note()));
    }
    if (read.limitExceeded()) {
      return new Result(
          read,
          Optional.empty(),
          Optional.empty(),
          feed.accepted,
          Optional.empty(),
          0,
          feed.groupCalls,
          nanoTime.getAsLong() - start,
          new IdentityGraph.Stats(0, 0, 0, 0, 0));
    }
    Feed used = feed;
    Optional<Sorted> sorted = Optional.empty();
    if (feed.outOfOrder) {
      // Read again, run of days by run of days; the rejects were written by the first pass.
      Feed again = new Feed(starter.get(), true);
      again.fileTraits.putAll(feed.fileTraits);
      again.fileTraits.keySet().forEach(again::feedTraits);
      again.readingEvents = true;
      long total = 0;
      long largest = 0;
      List<long[]> runs = runs(feed.perDay, sortBudget);
      for (int i = 0; i < runs.size(); i++) {
        again.from = runs.get(i)[0];
        again.to = runs.get(i)[1];
        // Trait records in the event files are applied on the first pass only.
        again.traitsDone = i > 0;
        // Relation events first, so that at equal times they come before the files' events, as
        // when streaming (the sort is stable).
        for (Event e : related) {
          long day = utcDay(e.time());
          if (day >= again.from && day <= again.to) {
            again.held.add(e);
          }
        }
        for (Path f : links) {
          LinksFile.read(f, again, Rejects.discarding());
        }
        reader(again, times, Rejects.discarding(), ReadProgress.NONE).readEvents(events, mapping);
        List<Event> held = again.held;
        held.sort(Comparator.comparing(Event::time));
        List<HeldLink> links = again.heldLinks;
        links.sort(Comparator.comparing(HeldLink::time));
        int l = 0;
        for (Event e : held) {
          while (l < links.size() && !links.get(l).time().isAfter(e.time())) {
            again.replay.link().accept(links.get(l++));
          }
          again.replay.event().accept(e);
        }
        while (l < links.size()) {
          again.replay.link().accept(links.get(l++));
        }
        links.clear();
        total += held.size();
        largest = Math.max(largest, held.size());
        held.clear();
      }
      sorted = Optional.of(new Sorted(total, runs.size(), largest));
      used = again;
    }
    Finished finished = used.replay.finish().get();
    return new Result(
        read,
        Optional.of(finished.result()),
        finished.comparison(),
        feed.accepted,
        sorted,
        used.replay.ignored().getAsLong(),
        feed.groupCalls,
        nanoTime.getAsLong() - start,
        used.replay.identities().get());
  }

  /**
   * A reader into {@code sink} with this run's timestamps (dates in the model's zone) and values.
   */
  private InputReader reader(
      InputSink sink, Timestamps times, Rejects rejects, ReadProgress progress) {
    return InputReader.create(sink, rejects, progress)
        .withTimestamps(times)
        .withValues(values)
        .checkingTypesOf(model);
  }

  /** The UTC epoch day of {@code t}: what the sorting passes are planned by. */
  private static long utcDay(Instant t) {
    return Math.floorDiv(t.getEpochSecond(), 86_400L);
  }

  /**
   * Cuts the days (UTC epoch days, ascending, with their event counts) into runs of consecutive
   * days of at most {@code budget} events each, a day with more being a run of its own; each run is
   * {from, to}, inclusive.
   */
  static List<long[]> runs(java.util.SortedMap<Long, Long> perDay, long budget) {
    List<long[]> runs = new ArrayList<>();
    long from = 0;
    long to = 0;
    long count = 0;
    for (Map.Entry<Long, Long> day : perDay.entrySet()) {
      if (count > 0 && count + day.getValue() > budget) {
        runs.add(new long[] {from, to});
        count = 0;
      }
      if (count == 0) {
        from = day.getKey();
      }
      to = day.getKey();
      count += day.getValue();
    }
    if (count > 0) {
      runs.add(new long[] {from, to});
    }
    return runs;
  }

  /** A trait record's key: whose traits, of which kind. */
  private record Key(EntityKind kind, String id) {}

  /** What the readers accept, on its way into one replay. */
  private final class Feed implements InputSink {
    final Target replay;
    final boolean holding;
    final List<Event> held = new ArrayList<>();
    final List<HeldLink> heldLinks = new ArrayList<>();

    /** Accepted events per UTC epoch day, counted while streaming, to plan sorting passes. */
    final java.util.TreeMap<Long, Long> perDay = new java.util.TreeMap<>();

    /** When holding: the days, inclusive, whose events this pass holds. */
    long from = Long.MIN_VALUE;

    long to = Long.MAX_VALUE;

    /** When holding: whether the event files' trait records were applied by an earlier pass. */
    boolean traitsDone;

    final Map<Key, Map<String, Value>> fileTraits = new LinkedHashMap<>();
    final Map<Key, Map<String, Value>> eventTraits = new HashMap<>();
    boolean readingEvents;
    boolean outOfOrder;
    long accepted;
    long groupCalls;

    /** When streaming: the relation events, in time order, and the next one to feed. */
    List<Event> related = List.of();

    int nextRelated;

    /** When streaming: the time of the latest event fed, when an untimed link comes. */
    Instant lastFed;

    Feed(Target replay, boolean holding) {
      this.replay = replay;
      this.holding = holding;
    }

    @Override
    public void event(Event event) {
      long day = utcDay(event.time());
      if (holding) {
        if (day >= from && day <= to) {
          held.add(event);
        }
        return;
      }
      feedRelated(event.time());
      feed(event, day);
    }

    /** Feeds the relation events up to {@code time}, inclusive; all that are left when null. */
    void feedRelated(Instant time) {
      while (nextRelated < related.size()
          && (time == null || !related.get(nextRelated).time().isAfter(time))) {
        Event e = related.get(nextRelated++);
        feed(e, utcDay(e.time()));
      }
    }

    private void feed(Event event, long day) {
      accepted++;
      perDay.merge(day, 1L, Long::sum);
      if (outOfOrder) {
        return;
      }
      try {
        replay.event().accept(event);
        lastFed = event.time();
      } catch (IllegalArgumentException e) {
        // A step after it was already scored: the input is not in time order (see the note).
        outOfOrder = true;
      }
    }

    @Override
    public void traits(EntityKind kind, String id, Map<String, Value> traits) {
      if (traitsDone) {
        return;
      }
      Key key = new Key(kind, id);
      (readingEvents ? eventTraits : fileTraits)
          .computeIfAbsent(key, k -> new LinkedHashMap<>())
          .putAll(traits);
      if (!outOfOrder) {
        feedTraits(key);
      }
    }

    @Override
    public void member(String user, String account, Instant time) {
      groupCalls++;
    }

    @Override
    public void link(String id, String userId, Optional<Instant> time) {
      if (holding) {
        // Untimed links belong to the first run of days, before all its events.
        long day = time.map(BacktestRun::utcDay).orElse(from);
        if (day >= from && day <= to && (time.isPresent() || !traitsDone)) {
          heldLinks.add(new HeldLink(id, userId, time.orElse(Instant.MIN)));
        }
        return;
      }
      if (outOfOrder) {
        return;
      }
      if (time.isPresent()) {
        feedRelated(time.get());
      }
      try {
        replay
            .link()
            .accept(new HeldLink(id, userId, time.orElse(lastFed == null ? Instant.MIN : lastFed)));
      } catch (IllegalArgumentException e) {
        // A step after it was already scored: the input is not in time order (see the note).
        outOfOrder = true;
      }
    }

    /** Feeds the whole of an entity's traits: the event files' overridden by the trait files'. */
    void feedTraits(Key key) {
      Map<String, Value> all = new LinkedHashMap<>(eventTraits.getOrDefault(key, Map.of()));
      all.putAll(fileTraits.getOrDefault(key, Map.of()));
      if (key.kind() == EntityKind.USER
          && !all.containsKey("email_domain")
          && all.get("email") instanceof Value.Str) {
        AccountRule.emailDomain(all).ifPresent(d -> all.put("email_domain", Value.str(d)));
      }
      if (model.entity() == EntityKind.USER) {
        if (key.kind() == EntityKind.USER) {
          replay.traits().accept(key.id(), all);
        }
      } else if (key.kind() == EntityKind.ACCOUNT) {
        replay.traits().accept(key.id(), all);
      } else {
        replay.userTraits().accept(key.id(), all);
      }
    }
  }

  /** Builds a {@link BacktestRun}. Not thread-safe. */
  public static final class Builder {
    private final Model model;
    private final Supplier<Target> starter;
    private List<Path> events = List.of();
    private List<Path> traits = List.of();
    private CsvMapping mapping = CsvMapping.defaults();
    private TraitKey traitKey = TraitKey.defaults();
    private Timestamps timestamps = Timestamps.strict();
    private ValueSpellings values = ValueSpellings.defaults();
    private Rejects rejects = Rejects.discarding();
    private ReadProgress progress = ReadProgress.NONE;
    private LongSupplier nanoTime = System::nanoTime;
    private long sortBudget = defaultSortBudget();
    private List<Relation> relations = List.of();
    private List<Path> links = List.of();

    private Builder(Model model, Supplier<Target> starter) {
      this.model = model;
      this.starter = starter;
    }

    /** The event files, read in this order. */
    public Builder events(List<Path> files) {
      this.events = List.copyOf(requireNonNull(files, "files"));
      return this;
    }

    /** The trait files, read in this order (before the event files, and winning over them). */
    public Builder traits(List<Path> files) {
      this.traits = List.copyOf(requireNonNull(files, "files"));
      return this;
    }

    /** Identity links files ({@link LinksFile}): their links come before every event. */
    public Builder links(List<Path> files) {
      this.links = List.copyOf(requireNonNull(files, "files"));
      return this;
    }

    /**
     * Relations applied to the user trait records of the trait files: each makes an event of the
     * user a record names (see {@link Relation}), merged in time order into the event files'.
     */
    public Builder relations(List<Relation> relations) {
      this.relations = List.copyOf(requireNonNull(relations, "relations"));
      return this;
    }

    /** The column mapping of CSV event files. */
    public Builder mapping(CsvMapping mapping) {
      this.mapping = requireNonNull(mapping, "mapping");
      return this;
    }

    /** The key of trait records. */
    public Builder traitKey(TraitKey traitKey) {
      this.traitKey = requireNonNull(traitKey, "traitKey");
      return this;
    }

    /**
     * Which texts of trait and property values mean missing, true and false; {@link
     * ValueSpellings#defaults()} by default.
     */
    public Builder values(ValueSpellings values) {
      this.values = requireNonNull(values, "values");
      return this;
    }

    /** How timestamps are read; {@link Timestamps#strict()} by default. */
    public Builder timestamps(Timestamps timestamps) {
      this.timestamps = requireNonNull(timestamps, "timestamps");
      return this;
    }

    /** Where rejects go; counted and discarded, without limit, by default. */
    public Builder rejects(Rejects rejects) {
      this.rejects = requireNonNull(rejects, "rejects");
      return this;
    }

    /** Told about every record read. */
    public Builder progress(ReadProgress progress) {
      this.progress = requireNonNull(progress, "progress");
      return this;
    }

    /** The clock for the elapsed time, as {@link System#nanoTime()}. */
    public Builder nanoTime(LongSupplier nanoTime) {
      this.nanoTime = requireNonNull(nanoTime, "nanoTime");
      return this;
    }

    /**
     * The most events one sorting pass holds when the events are not in time order (default: {@link
     * #defaultSortBudget()}).
     *
     * @throws IllegalArgumentException if {@code events} is below 1
     */
    public Builder sortBudget(long events) {
      if (events < 1) {
        throw new IllegalArgumentException("events: must be at least 1, was " + events);
      }
      this.sortBudget = events;
      return this;
    }

    /** The run. */
    public BacktestRun build() {
      return new BacktestRun(this);
    }
  }
}
