package dev.pls.cli.io;

import static java.util.Objects.requireNonNull;

import dev.pls.core.card.BatchScores;
import dev.pls.core.card.ScoreCard;
import dev.pls.core.input.AccountRule;
import dev.pls.core.input.Entity;
import dev.pls.core.input.Event;
import dev.pls.core.input.IdentityGraph;
import dev.pls.core.model.EntityKind;
import dev.pls.core.model.Model;
import dev.pls.core.model.Resolution;
import dev.pls.core.model.Tier;
import dev.pls.core.scoring.EntityStore;
import dev.pls.core.scoring.Scorer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.LongSupplier;

/*
 * One scoring run, from files to cards: what `pls score` does once it has a model. Reading streams
 * into an EntityAssembler (events are held per entity, as scoring needs them all), then every user
 * or account, by the model's entity kind and in order of id, is scored as of T and its card
 * written. The result counts what a user wants to see at the end: entities scored, per tier (in
 * the model's tier order, then none), excluded, and events that cannot count because they fall
 * after T or before the earliest day any of the model's windows reaches (ModelInputs.historyDays,
 * in the model's zone); those events are still handed to the scorer, which ignores them.
 */
/**
 * Reads event and trait files, scores every entity with one {@link Scorer} as of one instant, and
 * writes the cards. Built with {@link #builder}; each {@link #run} reads the files afresh.
 */
public final class ScoringRun {
  private final Scorer scorer;
  private final Instant asOf;
  private final List<Path> events;
  private final List<Path> traits;
  private final CsvMapping mapping;
  private final TraitKey traitKey;
  private final Timestamps timestamps;
  private final ValueSpellings values;
  private final AccountRule accountRule;
  private final Rejects rejects;
  private final ReadProgress progress;
  private final LongSupplier nanoTime;
  private final String only;
  private final String cohortEvent;
  private final Duration cohortAfter;
  private final List<Relation> relations;
  private final int maxAnonymousIds;
  private final int maxKnownIds;
  private final List<Path> links;
  private final boolean wholeEntities;

  /**
   * What a run did.
   *
   * @param read what reading gave, file by file
   * @param kind whether users or accounts were scored
   * @param events events accepted
   * @param scored entities scored
   * @param tiers entities per tier, in the model's tier order, then {@value Tier#NONE}
   * @param excluded entities an exclusion held for (they are in tier {@value Tier#NONE})
   * @param outsideWindow events after the as-of instant or before the earliest day the model reads
   * @param newestEvent the newest event read, of any entity, if any was
   * @param readNanos the wall-clock time of reading
   * @param elapsedNanos the run's wall-clock time, reading and scoring
   * @param skipped with a cohort ({@link Builder#cohort}), entities without its event, not scored
   * @param identities what the identity links read did (ids merged into people, links refused)
   * @param ids with {@link Builder#only}, the ids of that person (its canonical id first: the
   *     card's), else empty
   */
  public record Result(
      ReadSummary read,
      EntityKind kind,
      long events,
      long scored,
      Map<String, Long> tiers,
      long excluded,
      long outsideWindow,
      Optional<Instant> newestEvent,
      long readNanos,
      long elapsedNanos,
      long skipped,
      IdentityGraph.Stats identities,
      List<String> ids) {
    public Result {
      ids = List.copyOf(ids);
      requireNonNull(read, "read");
      requireNonNull(kind, "kind");
      requireNonNull(newestEvent, "newestEvent");
      requireNonNull(identities, "identities");
      tiers = Collections.unmodifiableMap(new LinkedHashMap<>(tiers));
    }

    /**
     * A warning when the as-of instant is later than the newest event by more than the model's
     * resolution: data that stops early reads as a quiet spell, and moves entities down tiers (an
     * export two days short moved an org's Tier 1 from 1 to 14 accounts in one trial).
     */
    public Optional<String> freshnessWarning(Instant asOf, Resolution resolution) {
      requireNonNull(asOf, "asOf");
      requireNonNull(resolution, "resolution");
      if (newestEvent.isEmpty()) {
        return Optional.empty();
      }
      Duration gap = Duration.between(newestEvent.get(), asOf);
      if (gap.compareTo(resolution.length()) <= 0) {
        return Optional.empty();
      }
      return Optional.of(
          "warning: the newest event ("
              + newestEvent.get()
              + ") is "
              + span(gap)
              + " before the as-of instant ("
              + asOf
              + "), more than the model's resolution ("
              + resolution
              + "); windows read that time as a quiet spell. If the data stops early, score as of"
              + " its end (--as-of "
              + newestEvent.get()
              + ")");
    }

    private static String span(Duration gap) {
      long days = gap.toDays();
      long hours = gap.minusDays(days).toHours();
      long minutes = gap.minusDays(days).minusHours(hours).toMinutes();
      return days > 0 ? days + "d " + hours + "h" : hours + "h " + minutes + "m";
    }

    /**
     * The closing line: {@code scored 4 users: hot 1, warm 1, none 2 (1 excluded); 1 event outside
     * the model's window; 0.2 s, 35 events/s}.
     */
    public String summaryLine() {
      StringBuilder sb = new StringBuilder("scored ").append(scored).append(' ');
      sb.append(kind.displayName()).append(scored == 1 ? "" : "s").append(':');
      String sep = " ";
      for (Map.Entry<String, Long> t : tiers.entrySet()) {
        sb.append(sep).append(t.getKey()).append(' ').append(t.getValue());
        sep = ", ";
      }
      sb.append(" (").append(excluded).append(" excluded); ");
      sb.append(outsideWindow).append(outsideWindow == 1 ? " event" : " events");
      sb.append(" outside the model's window; ");
      long nanos = Math.max(elapsedNanos, 1_000_000L);
      sb.append(String.format(Locale.ROOT, "%.1f s, ", elapsedNanos / 1e9));
      sb.append(Math.round(events * 1e9 / nanos)).append(" events/s");
      return sb.toString();
    }
  }

  /**
   * The line on identities, when the input linked any ids: {@code identities: 3 ids merged into 1
   * person; 1 link of 3 refused by the limits; 1 conflict (a link joined two known ids)}.
   */
  public static Optional<String> identityLine(IdentityGraph.Stats s) {
    requireNonNull(s, "s");
    if (s.links() == 0) {
      return Optional.empty();
    }
    StringBuilder sb = new StringBuilder("identities: ");
    sb.append(s.ids()).append(s.ids() == 1 ? " id" : " ids").append(" merged into ");
    sb.append(s.people()).append(s.people() == 1 ? " person; " : " people; ");
    sb.append(s.refused()).append(s.refused() == 1 ? " link" : " links");
    sb.append(" of ").append(s.links()).append(" refused by the limits");
    if (s.conflicts() > 0) {
      sb.append("; ").append(s.conflicts()).append(s.conflicts() == 1 ? " conflict" : " conflicts");
      sb.append(" (a link joined two known ids; the earliest stays canonical)");
    }
    return Optional.of(sb.toString());
  }

  private ScoringRun(Builder b) {
    this.scorer = b.scorer;
    this.asOf = b.asOf;
    this.events = b.events;
    this.traits = b.traits;
    this.mapping = b.mapping;
    this.traitKey = b.traitKey;
    this.timestamps = b.timestamps;
    this.values = b.values;
    this.accountRule = b.accountRule;
    this.rejects = b.rejects;
    this.progress = b.progress;
    this.nanoTime = b.nanoTime;
    this.only = b.only;
    this.cohortEvent = b.cohortEvent;
    this.cohortAfter = b.cohortAfter;
    this.relations = b.relations;
    this.maxAnonymousIds = b.maxAnonymousIds;
    this.maxKnownIds = b.maxKnownIds;
    this.links = b.links;
    this.wholeEntities = b.wholeEntities;
  }

  /** A run scoring with {@code scorer} as of {@code asOf}. */
  public static Builder builder(Scorer scorer, Instant asOf) {
    return new Builder(requireNonNull(scorer, "scorer"), requireNonNull(asOf, "asOf"));
  }

  /**
   * Reads, scores and writes every card to {@code cards}, stopping after reading if the rejects
   * exceeded their limit (then no card is written; the result says so through {@link
   * ReadSummary#limitExceeded()}).
   *
   * @throws IOException if a card cannot be written
   */
  public Result run(CardWriter cards) throws IOException {
    requireNonNull(cards, "cards");
    return run(accountOf -> cards);
  }

  /**
   * Opens where the cards go once the files are read, so that it can ask which account a user ended
   * up in (the CSV cards' {@code account} column).
   */
  @FunctionalInterface
  public interface Output {
    /**
     * The writer for this run's cards.
     *
     * @param accountOf the account a user belongs to, after all files were read
     * @throws IOException if the output cannot be opened
     */
    CardWriter open(Function<String, Optional<String>> accountOf) throws IOException;
  }

  /**
   * As {@link #run(CardWriter)}, opening the writer from {@code output} after reading (it is not
   * opened when the rejects exceeded their limit).
   *
   * @throws IOException if the output cannot be opened or a card cannot be written
   */
  public Result run(Output output) throws IOException {
    requireNonNull(output, "output");
    long start = nanoTime.getAsLong();
    Model model = scorer.model();
    Optional<EntityStore> store = streamable() ? store(model) : Optional.empty();
    if (store.isPresent()) {
      return stream(model, store.get(), output, start);
    }
    Input input = read(model);
    Map<String, Long> tiers = new LinkedHashMap<>();
    model.tiers().forEach(t -> tiers.put(t.name(), 0L));
    tiers.put(Tier.NONE, 0L);
    long scored = 0;
    long excluded = 0;
    long outside = 0;
    long skipped = 0;
    Instant newest = null;
    if (!input.read().limitExceeded()) {
      // Any id of a person names the person.
      String person = only == null ? null : input.assembler().canonical(only);
      CardWriter cards = output.open(input.assembler()::accountOf);
      for (Entity e : input.entities()) {
        List<Event> all = new java.util.ArrayList<>(e.events());
        e.members().forEach(m -> all.addAll(m.events()));
        for (Event event : all) {
          if (newest == null || event.time().isAfter(newest)) {
            newest = event.time();
          }
        }
        if (person != null && !person.equals(e.id())) {
          continue;
        }
        Instant at = asOf;
        if (cohortEvent != null) {
          // Each entity as of its own time after its first cohort event (its members' count).
          Optional<Instant> first =
              all.stream()
                  .filter(ev -> ev.name().equals(cohortEvent))
                  .map(Event::time)
                  .min(java.util.Comparator.naturalOrder());
          if (first.isEmpty()) {
            skipped++;
            continue;
          }
          at = first.get().plus(cohortAfter);
        }
        LocalDate earliest = earliestDay(model, at);
        for (Event event : all) {
          if (event.time().isAfter(at)
              || (earliest != null
                  && event.time().atZone(model.zone()).toLocalDate().isBefore(earliest))) {
            outside++;
          }
        }
        ScoreCard card = scorer.score(e, at);
        cards.write(card);
        tiers.merge(card.tier(), 1L, Long::sum);
        scored++;
        excluded += card.isExcluded() ? 1 : 0;
      }
      cards.flush();
    }
    return new Result(
        input.read(),
        model.entity(),
        input.assembler().eventCount(),
        scored,
        tiers,
        excluded,
        outside,
        Optional.ofNullable(newest),
        input.readNanos(),
        nanoTime.getAsLong() - start,
        skipped,
        input.assembler().identityStats(),
        only == null || input.read().limitExceeded() ? List.of() : input.assembler().ids(only));
  }

  /**
   * Whether {@link #run} streams events into an {@link EntityStore} rather than assembling whole
   * entities: for a user model (members and accounts are the account rule's over everything read,
   * which a store keys as it goes), scored as of one instant (a cohort's instant depends on the
   * entity's events), every entity (with {@link Builder#only}, the person's events are few and the
   * whole-entity path is the one that lists the person's ids), when the store accepts the model (at
   * most 64 event filters).
   */
  public boolean streams() {
    return streamable() && store(scorer.model()).isPresent();
  }

  /** {@link #streams} but for the store's acceptance, so {@link #run} builds its store once. */
  private boolean streamable() {
    return !wholeEntities
        && scorer.model().entity() == EntityKind.USER
        && scorer.model().memberModel().isEmpty()
        && cohortEvent == null
        && only == null;
  }

  /**
   * A store for a streaming run, or empty when the store does not take the model. Its clock stands
   * at the as-of instant, and events after it are not ingested (StoreIngest), so none is held apart
   * and the store scores as of that instant.
   */
  private Optional<EntityStore> store(Model model) {
    try {
      return Optional.of(
          EntityStore.builder(model)
              .accountRule(accountRule)
              .clock(Clock.fixed(asOf, ZoneOffset.UTC))
              .identityLimits(maxAnonymousIds, maxKnownIds)
              .build());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /*
   * The streaming run: events into the store as they are read (StoreIngest), everything else into
   * an assembler that keeps no events. Once read, the links are given to the store in the order
   * the assembler applies them (the store merges the state of the ids a link joins, so a person's
   * state is that of all its ids' events); then each user, in the assembler's order (by canonical
   * id), gets its person's traits as the assembler resolves them (latest by time per trait, the
   * e-mail domain derived) and is scored by the store. The counts equal the whole-entity path's.
   */
  private Result stream(Model model, EntityStore store, Output output, long start)
      throws IOException {
    EntityAssembler assembler = EntityAssembler.create(accountRule, maxAnonymousIds, maxKnownIds);
    StoreIngest sink =
        new StoreIngest(store, assembler, asOf, model.zone(), earliestDay(model, asOf));
    Input input;
    try {
      input = read(model, assembler, sink, start);
    } catch (RuntimeException | Error e) {
      // The ingest thread is ended either way; what went wrong in reading is the news.
      try {
        sink.finish();
      } catch (RuntimeException f) {
        e.addSuppressed(f);
      }
      throw e;
    }
    sink.finish();
    long readNanos = nanoTime.getAsLong() - start;
    Map<String, Long> tiers = new LinkedHashMap<>();
    model.tiers().forEach(t -> tiers.put(t.name(), 0L));
    tiers.put(Tier.NONE, 0L);
    long scored = 0;
    long excluded = 0;
    if (!input.read().limitExceeded()) {
      for (String[] link : assembler.orderedLinks()) {
        store.link(link[0], link[1]);
      }
      List<Entity> users = assembler.users();
      for (Entity user : users) {
        if (!user.traits().isEmpty()) {
          store.traits(user.id(), user.traits());
        }
      }
      // Every entity at once (in parallel), then the cards in the users' order: the store's rows
      // sorted by id walk alongside the users, who are sorted by id too. A user the store holds no
      // row for (its events all after the as-of instant, no traits) gets its card one by one.
      BatchScores batch = store.scoreAll(asOf);
      int[] rows = byEntity(batch);
      int next = 0;
      CardWriter cards = output.open(assembler::accountOf);
      for (Entity user : users) {
        while (next < rows.length && batch.entity(rows[next]).compareTo(user.id()) < 0) {
          next++;
        }
        ScoreCard card =
            next < rows.length && batch.entity(rows[next]).equals(user.id())
                ? batch.card(rows[next++])
                : store.score(user.id(), asOf);
        cards.write(card);
        tiers.merge(card.tier(), 1L, Long::sum);
        scored++;
        excluded += card.isExcluded() ? 1 : 0;
      }
      cards.flush();
    }
    return new Result(
        input.read(),
        model.entity(),
        assembler.eventCount(),
        scored,
        tiers,
        excluded,
        sink.outside(),
        sink.newest(),
        readNanos,
        nanoTime.getAsLong() - start,
        0,
        assembler.identityStats(),
        List.of());
  }

  /** The rows of {@code batch} in the order of their entity ids. */
  private static int[] byEntity(BatchScores batch) {
    String[] ids = new String[batch.size()];
    Integer[] rows = new Integer[ids.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = batch.entity(i);
      rows[i] = i;
    }
    Arrays.parallelSort(rows, (a, b) -> ids[a].compareTo(ids[b]));
    return Arrays.stream(rows).mapToInt(Integer::intValue).toArray();
  }

  /**
   * What the files hold, assembled without scoring.
   *
   * @param read what was read and rejected
   * @param users every user seen, with its traits and events (empty when the rejects exceeded their
   *     limit)
   * @param entities the model's entities as {@link #run} scores them
   */
  public record Assembled(ReadSummary read, List<Entity> users, List<Entity> entities) {
    public Assembled {
      requireNonNull(read, "read");
      users = List.copyOf(users);
      entities = List.copyOf(entities);
    }
  }

  /** Reads and assembles the files, scoring nothing (the readiness gate's input). */
  public Assembled assemble() {
    Input input = read(scorer.model());
    return new Assembled(
        input.read(),
        input.read().limitExceeded() ? List.of() : input.assembler().users(),
        input.entities());
  }

  /** What reading the files gave: the assembled entities of the model's kind. */
  private record Input(
      ReadSummary read, EntityAssembler assembler, List<Entity> entities, long readNanos) {}

  private Input read(Model model) {
    EntityAssembler assembler = EntityAssembler.create(accountRule, maxAnonymousIds, maxKnownIds);
    return read(model, assembler, assembler, nanoTime.getAsLong());
  }

  /**
   * Reads every file into {@code sink} (links files into {@code assembler}, which the sink must
   * also feed with everything but events).
   */
  private Input read(Model model, EntityAssembler assembler, InputSink sink, long start) {
    Timestamps times = timestamps.datesIn(model.zone());
    InputReader reader =
        InputReader.create(sink, rejects, progress)
            .withTimestamps(times)
            .withValues(values)
            .checkingTypesOf(model);
    ReadSummary read = reader.readEvents(events, mapping);
    for (Path f : links) {
      if (!read.limitExceeded()) {
        FileSummary file = LinksFile.read(f, assembler, rejects);
        read = read.plus(new ReadSummary(List.of(file), rejects.limitExceeded()));
      }
    }
    List<Relation> made = relations.stream().map(Relation::fresh).toList();
    if (!read.limitExceeded()) {
      InputSink traitSink = Relation.applying(made, times, sink, sink::event);
      read =
          read.plus(
              InputReader.create(traitSink, rejects, progress)
                  .withTimestamps(times)
                  .withValues(values)
                  .checkingTypesOf(model)
                  .readTraits(traits, traitKey));
    }
    read = read.noting(times.datesNote());
    for (Relation r : made) {
      read = read.noting(Optional.of(r.note()));
    }
    long ofAccounts = assembler.accountEventCount();
    if (model.entity() == EntityKind.USER && ofAccounts > 0) {
      // Not rejects: the records are sound, and an account model of the same files scores them.
      read =
          read.noting(
              Optional.of(
                  String.format(
                      Locale.ROOT,
                      "%,d %s of accounts alone (no user) not scored: a user model scores users",
                      ofAccounts,
                      ofAccounts == 1 ? "event" : "events")));
    }
    long readNanos = nanoTime.getAsLong() - start;
    List<Entity> entities =
        read.limitExceeded() || sink != assembler
            ? List.of()
            : model.entity() == EntityKind.USER
                ? assembler.users()
                : model.memberModel().isPresent()
                    ? assembler.accountsWithMembers()
                    : assembler.accounts();
    return new Input(read, assembler, entities, readNanos);
  }

  /** Receives the cards of every entity at each instant of a replay. */
  @FunctionalInterface
  public interface Replay {
    /**
     * The cards of every entity as of {@code at}, in order of entity id.
     *
     * @param accountOf the account a user belongs to, after all files were read
     * @throws IOException if what the replay writes cannot be written
     */
    void step(Instant at, List<ScoreCard> cards, Function<String, Optional<String>> accountOf)
        throws IOException;
  }

  /**
   * What a replay did.
   *
   * @param read what reading gave, file by file
   * @param kind whether users or accounts were scored
   * @param events events accepted
   * @param entities entities scored at each instant
   * @param steps instants replayed
   * @param readNanos the wall-clock time of reading
   * @param elapsedNanos the replay's wall-clock time, reading and scoring
   * @param identities what the identity links read did
   */
  public record ReplayResult(
      ReadSummary read,
      EntityKind kind,
      long events,
      int entities,
      int steps,
      long readNanos,
      long elapsedNanos,
      IdentityGraph.Stats identities) {
    public ReplayResult {
      requireNonNull(read, "read");
      requireNonNull(kind, "kind");
      requireNonNull(identities, "identities");
    }
  }

  /**
   * Reads the files once, then scores every entity as of each instant, in order, handing each
   * instant's cards to {@code replay}. Nothing is scored when the rejects exceeded their limit. The
   * run's own as-of instant is not used.
   *
   * @throws IOException if {@code replay} cannot write
   */
  public ReplayResult replay(List<Instant> instants, Replay replay) throws IOException {
    requireNonNull(instants, "instants");
    requireNonNull(replay, "replay");
    long start = nanoTime.getAsLong();
    Model model = scorer.model();
    Input input = read(model);
    int steps = 0;
    if (!input.read().limitExceeded()) {
      String person = only == null ? null : input.assembler().canonical(only);
      for (Instant at : instants) {
        List<ScoreCard> cards = new java.util.ArrayList<>(input.entities().size());
        for (Entity e : input.entities()) {
          if (person == null || person.equals(e.id())) {
            cards.add(scorer.score(e, at));
          }
        }
        replay.step(at, cards, input.assembler()::accountOf);
        steps++;
      }
    }
    return new ReplayResult(
        input.read(),
        model.entity(),
        input.assembler().eventCount(),
        input.entities().size(),
        steps,
        input.readNanos(),
        nanoTime.getAsLong() - start,
        input.assembler().identityStats());
  }

  /** The first local day any window of the model reaches, or null when it reads all history. */
  private static LocalDate earliestDay(Model model, Instant asOf) {
    OptionalInt days = model.inputs().historyDays();
    if (days.isEmpty()) {
      return null;
    }
    LocalDate earliest = asOf.atZone(model.zone()).toLocalDate().minusDays(days.getAsInt() - 1L);
    if (model.memberModel().isPresent()) {
      // Members are scored with their own model, whose windows may reach further back.
      LocalDate members = earliestDay(model.memberModel().get(), asOf);
      if (members == null) {
        return null;
      }
      earliest = members.isBefore(earliest) ? members : earliest;
    }
    return earliest;
  }

  /** Builds a {@link ScoringRun}. Not thread-safe. */
  public static final class Builder {
    private final Scorer scorer;
    private final Instant asOf;
    private List<Path> events = List.of();
    private List<Path> traits = List.of();
    private CsvMapping mapping = CsvMapping.defaults();
    private TraitKey traitKey = TraitKey.defaults();
    private Timestamps timestamps = Timestamps.strict();
    private ValueSpellings values = ValueSpellings.defaults();
    private AccountRule accountRule = AccountRule.standard();
    private Rejects rejects;
    private ReadProgress progress = ReadProgress.NONE;
    private LongSupplier nanoTime = System::nanoTime;
    private String only;
    private String cohortEvent;
    private Duration cohortAfter;
    private List<Relation> relations = List.of();
    private int maxAnonymousIds = IdentityGraph.DEFAULT_MAX_ANONYMOUS_IDS;
    private int maxKnownIds = IdentityGraph.DEFAULT_MAX_KNOWN_IDS;
    private List<Path> links = List.of();
    private boolean wholeEntities;

    private Builder(Scorer scorer, Instant asOf) {
      this.scorer = scorer;
      this.asOf = asOf;
    }

    /** The event files, read in this order. */
    public Builder events(List<Path> files) {
      this.events = List.copyOf(requireNonNull(files, "files"));
      return this;
    }

    /** The trait files, read in this order after the event files. */
    public Builder traits(List<Path> files) {
      this.traits = List.copyOf(requireNonNull(files, "files"));
      return this;
    }

    /**
     * Relations applied to the user trait records of the trait files: each makes an event of the
     * user a record names (see {@link Relation}).
     */
    public Builder relations(List<Relation> relations) {
      this.relations = List.copyOf(requireNonNull(relations, "relations"));
      return this;
    }

    /**
     * The limits per person of the identity graph the links read build ({@link
     * IdentityGraph#withLimits}).
     *
     * @throws IllegalArgumentException if a limit is out of range
     */
    public Builder identityLimits(int maxAnonymousIds, int maxKnownIds) {
      IdentityGraph.withLimits(maxAnonymousIds, maxKnownIds);
      this.maxAnonymousIds = maxAnonymousIds;
      this.maxKnownIds = maxKnownIds;
      return this;
    }

    /** Identity links files ({@link LinksFile}), read after the event files. */
    public Builder links(List<Path> files) {
      this.links = List.copyOf(requireNonNull(files, "files"));
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

    /** How users map to accounts; {@link AccountRule#standard()} by default. */
    public Builder accountRule(AccountRule accountRule) {
      this.accountRule = requireNonNull(accountRule, "accountRule");
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
     * Scores only the user or account with this id (all events are still read, as they decide which
     * account a user belongs to); by default every entity is scored.
     */
    public Builder only(String entityId) {
      this.only = requireNonNull(entityId, "entityId");
      return this;
    }

    /**
     * Scores each entity as of {@code after} past its first event named {@code event} (its own or,
     * for an account, its members'), instead of as of the run's instant; entities without such an
     * event are skipped and counted ({@link Result#skipped()}).
     */
    public Builder cohort(String event, Duration after) {
      this.cohortEvent = requireNonNull(event, "event");
      this.cohortAfter = requireNonNull(after, "after");
      return this;
    }

    /**
     * Assembles whole entities even when {@link #run} could stream events into an {@link
     * EntityStore} ({@link ScoringRun#streams()}); the cards and counts are the same either way,
     * but memory grows with the events.
     */
    public Builder wholeEntities() {
      this.wholeEntities = true;
      return this;
    }

    /** The run. */
    public ScoringRun build() {
      if (rejects == null) {
        rejects = Rejects.discarding();
      }
      return new ScoringRun(this);
    }
  }
}
