package dev.pls.cli.io;

import static java.util.Objects.requireNonNull;

import dev.pls.core.backtest.Backtest;
import dev.pls.core.backtest.BacktestResult;
import dev.pls.core.backtest.Replay;
import dev.pls.core.input.AccountRule;
import dev.pls.core.input.Event;
import dev.pls.core.model.EntityKind;
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
import java.util.function.LongSupplier;

/*
 * Feeds a backtest's replay from files, as `pls backtest` does once it has a model and outcomes.
 *
 * A replay takes traits, then events in time order, and scores a step as soon as an event after it
 * arrives, so events must be in order across steps. Exports usually are (they are dumped by time),
 * so the first pass streams: trait files are read first and fed, then the event files are read and
 * each event fed as it is read, which holds only the replay's state per entity, never the events.
 * When an event comes that the replay refuses because a step after it was already scored, the
 * input is not in time order: the pass stops feeding (it reads on, so that the rejects and counts
 * are complete and written once), and a second pass reads the event files again into memory, sorts
 * them by time (stably: equal times keep file order), and feeds them to a new replay. The command
 * says so, with the number of events it held.
 *
 * Traits are the store's: for a user model, a user's traits make it an entity; for an account
 * model, an account's traits make it one and a user's traits go to the account rule and the
 * member (Replay.userTraits). A user's e-mail gives it email_domain, as the entity assembler does.
 * A later value of a trait replaces an earlier one, and trait files win over identify and group
 * calls in event files, as in `pls score` (which reads event files first); so what is fed is always
 * the whole, merged map. Group calls' memberships are not fed (a replay has no such input): they
 * are counted so the command can say so. In the sorted pass, identify and group traits of the event
 * files are applied before any event; in the streaming pass, where they come.
 */
/**
 * Reads trait and event files into a {@link Backtest}'s replay and finishes it. Not thread-safe.
 */
public final class BacktestRun {
  private final Backtest backtest;
  private final List<Path> events;
  private final List<Path> traits;
  private final CsvMapping mapping;
  private final TraitKey traitKey;
  private final Timestamps timestamps;
  private final ValueSpellings values;
  private final Rejects rejects;
  private final ReadProgress progress;
  private final LongSupplier nanoTime;

  /**
   * What a run did.
   *
   * @param read what reading the trait and event files gave, event files first
   * @param result the backtest's result; absent when the rejects exceeded their limit
   * @param events events accepted
   * @param sortedInMemory when the events were not in time order: how many were held and sorted
   * @param ignored events the replay could not key to an entity or that fell after the schedule
   * @param groupCalls group calls read, whose memberships a replay does not take
   * @param readNanos the wall-clock time of reading (and, when streaming, replaying)
   */
  public record Result(
      ReadSummary read,
      Optional<BacktestResult> result,
      long events,
      Optional<Long> sortedInMemory,
      long ignored,
      long groupCalls,
      long readNanos) {
    public Result {
      requireNonNull(read, "read");
      requireNonNull(result, "result");
      requireNonNull(sortedInMemory, "sortedInMemory");
    }
  }

  private BacktestRun(Builder b) {
    this.backtest = b.backtest;
    this.events = b.events;
    this.traits = b.traits;
    this.mapping = b.mapping;
    this.traitKey = b.traitKey;
    this.timestamps = b.timestamps;
    this.values = b.values;
    this.rejects = b.rejects;
    this.progress = b.progress;
    this.nanoTime = b.nanoTime;
  }

  /** A run of {@code backtest}. */
  public static Builder builder(Backtest backtest) {
    return new Builder(requireNonNull(backtest, "backtest"));
  }

  /** Reads the files into a replay (twice when the events are not in time order) and finishes. */
  public Result run() {
    long start = nanoTime.getAsLong();
    Feed feed = new Feed(backtest.start(), false);
    Timestamps times = timestamps.datesIn(backtest.model().zone());
    InputReader reader =
        InputReader.create(feed, rejects, progress)
            .withTimestamps(times)
            .withValues(values)
            .checkingTypesOf(backtest.model());
    ReadSummary traitsRead = reader.readTraits(traits, traitKey);
    ReadSummary eventsRead = new ReadSummary(List.of(), traitsRead.limitExceeded());
    if (!traitsRead.limitExceeded()) {
      feed.readingEvents = true;
      eventsRead = reader.readEvents(events, mapping);
    }
    ReadSummary read = eventsRead.plus(traitsRead).noting(times.datesNote());
    if (read.limitExceeded()) {
      return new Result(
          read,
          Optional.empty(),
          feed.accepted,
          Optional.empty(),
          0,
          feed.groupCalls,
          nanoTime.getAsLong() - start);
    }
    Feed used = feed;
    Optional<Long> sorted = Optional.empty();
    if (feed.outOfOrder) {
      // Read again, into memory this time; the rejects were written by the first pass.
      Feed again = new Feed(backtest.start(), true);
      again.fileTraits.putAll(feed.fileTraits);
      again.fileTraits.keySet().forEach(again::feedTraits);
      again.readingEvents = true;
      InputReader.create(again, Rejects.discarding(), ReadProgress.NONE)
          .withTimestamps(timestamps.datesIn(backtest.model().zone()))
          .withValues(values)
          .checkingTypesOf(backtest.model())
          .readEvents(events, mapping);
      List<Event> all = again.held;
      all.sort(Comparator.comparing(Event::time));
      for (Event e : all) {
        again.replay.event(e);
      }
      sorted = Optional.of((long) all.size());
      used = again;
    }
    BacktestResult result = used.replay.finish();
    return new Result(
        read,
        Optional.of(result),
        feed.accepted,
        sorted,
        used.replay.ignored(),
        feed.groupCalls,
        nanoTime.getAsLong() - start);
  }

  /** A trait record's key: whose traits, of which kind. */
  private record Key(EntityKind kind, String id) {}

  /** What the readers accept, on its way into one replay. */
  private final class Feed implements InputSink {
    final Replay replay;
    final boolean holding;
    final List<Event> held = new ArrayList<>();
    final Map<Key, Map<String, Value>> fileTraits = new LinkedHashMap<>();
    final Map<Key, Map<String, Value>> eventTraits = new HashMap<>();
    boolean readingEvents;
    boolean outOfOrder;
    long accepted;
    long groupCalls;

    Feed(Replay replay, boolean holding) {
      this.replay = replay;
      this.holding = holding;
    }

    @Override
    public void event(Event event) {
      accepted++;
      if (holding) {
        held.add(event);
        return;
      }
      if (outOfOrder) {
        return;
      }
      try {
        replay.event(event);
      } catch (IllegalArgumentException e) {
        // A step after it was already scored: the input is not in time order (see the note).
        outOfOrder = true;
      }
    }

    @Override
    public void traits(EntityKind kind, String id, Map<String, Value> traits) {
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

    /** Feeds the whole of an entity's traits: the event files' overridden by the trait files'. */
    void feedTraits(Key key) {
      Map<String, Value> all = new LinkedHashMap<>(eventTraits.getOrDefault(key, Map.of()));
      all.putAll(fileTraits.getOrDefault(key, Map.of()));
      if (key.kind() == EntityKind.USER
          && !all.containsKey("email_domain")
          && all.get("email") instanceof Value.Str) {
        AccountRule.emailDomain(all).ifPresent(d -> all.put("email_domain", Value.str(d)));
      }
      if (backtest.model().entity() == EntityKind.USER) {
        if (key.kind() == EntityKind.USER) {
          replay.traits(key.id(), all);
        }
      } else if (key.kind() == EntityKind.ACCOUNT) {
        replay.traits(key.id(), all);
      } else {
        replay.userTraits(key.id(), all);
      }
    }
  }

  /** Builds a {@link BacktestRun}. Not thread-safe. */
  public static final class Builder {
    private final Backtest backtest;
    private List<Path> events = List.of();
    private List<Path> traits = List.of();
    private CsvMapping mapping = CsvMapping.defaults();
    private TraitKey traitKey = TraitKey.defaults();
    private Timestamps timestamps = Timestamps.strict();
    private ValueSpellings values = ValueSpellings.defaults();
    private Rejects rejects = Rejects.discarding();
    private ReadProgress progress = ReadProgress.NONE;
    private LongSupplier nanoTime = System::nanoTime;

    private Builder(Backtest backtest) {
      this.backtest = backtest;
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

    /** The run. */
    public BacktestRun build() {
      return new BacktestRun(this);
    }
  }
}
