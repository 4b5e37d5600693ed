package dev.pls.core.scoring;

import static java.util.Objects.requireNonNull;

import dev.pls.core.card.BatchScores;
import dev.pls.core.card.ScoreCard;
import dev.pls.core.input.AccountRule;
import dev.pls.core.input.Event;
import dev.pls.core.input.EventColumns;
import dev.pls.core.input.IdentityGraph;
import dev.pls.core.internal.fast.ColumnarStore;
import dev.pls.core.model.Model;
import dev.pls.core.model.Value;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Keeps the state one model needs for millions of entities, fed by events, and scores them.
 *
 * <p>Events are matched against the model's filters once, at ingest; an event that no aggregate
 * reads is counted and not kept. Events inside the <em>retained span</em> (the longest look-back
 * any window or trend of the model can have, measured from the newest event ingested) are kept, in
 * any order; state for all-history aggregates is kept for older events, so those still count
 * exactly. An event older than the retained span is counted in {@link Stats#beyondSpan()} and
 * folded into that all-history state only: no window can reach it any more.
 *
 * <p>An event dated after the store's {@linkplain Builder#clock(Clock) clock} when it arrives (by
 * at most the {@linkplain Builder#maxSkew(Duration) skew}; later ones are rejected) is held apart
 * until the clock passes it, so that it never blocks scoring as of the clock's time. Scores are
 * exact (equal to the reference evaluator's on the same events, events after the as-of instant not
 * counting) as of any instant at or after {@link #earliestAsOf()}: the newest event dated at or
 * before the clock. Earlier instants are rejected, because state for events after them may already
 * have been merged and pruned.
 *
 * <p>Memory: per entity, its id in a dictionary and its trait values. For a model of day resolution
 * whose aggregates are counts, active days, distinct counts, days since, last seen, growth or trend
 * (over any window), or all-history first seen or minutes between, in a zone whose local dates
 * never go backwards: 8 bytes per (local day, set of matched filters) with events, 8 or 16 bytes
 * per filter whose latest day or earliest/latest instant an aggregate reads, and 8 bytes per
 * (value, distinct aggregate) pair. Days beyond the span are dropped, their counts folded, except
 * for filters an all-history {@code active_days} or {@code growth_weeks} reads. For other models,
 * per kept event 20 bytes (time and the mask of the model's filters it matched), plus 4 per event
 * property that a {@code distinct}, {@code sum}, {@code min} or {@code max} aggregate reads; beyond
 * the span, per all-history aggregate: {@code count} a counter; {@code distinct} one set entry per
 * distinct value; {@code sum}/{@code min}/{@code max} one number; {@code active_days} and {@code
 * growth_weeks} 8 bytes per event; {@code days_since}, {@code first_seen}, {@code last_seen} one
 * instant; {@code minutes_between} two. A decayed rule reads, for each filter of each aggregate in
 * its condition, the newest matching instant in that aggregate's window, as {@code last_seen} over
 * that window does: the same per-filter latest instant, shared with any {@code last_seen} of the
 * filter, so decay adds at most 16 bytes per filter and no events. {@code docs/performance.md} has
 * the measured bytes per entity for the seed template.
 *
 * <p>Thread-safe: any number of threads may ingest and score concurrently; a score reflects some
 * subset of the events whose ingest had begun, including all whose ingest had returned. A score as
 * of T that meets an event newer than T merged while it runs fails with an {@link
 * IllegalStateException} rather than read state already pruned for that newer event: score a stream
 * as of instants at or after what it has ingested (the clock's time, for a live store).
 *
 * <p>Identities: {@link #link} tells the store that an anonymous or previous id and a known user id
 * are one person ({@link IdentityGraph}: the earliest known id is canonical; limits per person
 * against over-merging). Of a user model, every event, traits call and score of any of a person's
 * ids is the person's, keyed by its canonical id; when a link joins two people who both have state,
 * the store merges it, so the person's card equals the card of all their events ingested under one
 * id, including events that arrived before the link. Of an account model, a link joins the two
 * users' statements of membership and traits for the account rule, from then on.
 *
 * <p>Its state survives a restart: {@link #snapshot} writes it (while no ingest runs), and {@link
 * #restore} makes an equal store from it.
 */
public interface EntityStore {

  /**
   * A new, empty, mutable store for {@code model}, with the defaults of {@link #builder(Model)}.
   *
   * @throws NullPointerException if {@code model} is null
   * @throws IllegalArgumentException if {@code model} rolls up members (score accounts with {@link
   *     Scorer#fast}) or reads more than 64 distinct event filters
   */
  static EntityStore create(Model model) {
    return builder(model).build();
  }

  /**
   * A new, empty, mutable store for {@code model} that keys an account model's events by {@code
   * accounts}: an event naming an account counts there, an event naming none counts for the account
   * its user belongs to by the rule, from the events and {@linkplain #userTraits user traits}
   * ingested before it. The other settings are {@link #builder(Model)}'s defaults.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code model} rolls up members (score accounts with {@link
   *     Scorer#fast}) or reads more than 64 distinct event filters
   */
  static EntityStore create(Model model, AccountRule accounts) {
    return builder(model).accountRule(accounts).build();
  }

  /**
   * A builder of a store for {@code model}. Defaults: {@link AccountRule#standard()}, the system
   * clock in UTC, and a skew of {@link Builder#DEFAULT_MAX_SKEW} (one day).
   *
   * @throws NullPointerException if {@code model} is null
   */
  static Builder builder(Model model) {
    return new Builder(requireNonNull(model, "model"));
  }

  /**
   * A store for {@code model} in the state a {@linkplain #snapshot snapshot} recorded, with the
   * defaults of {@link #builder(Model)}; {@link Builder#restore} restores with other settings.
   *
   * @throws IllegalArgumentException as {@link Builder#restore} does
   * @throws IOException if {@code snapshot} cannot be read
   */
  static EntityStore restore(Model model, InputStream snapshot) throws IOException {
    return builder(model).restore(snapshot);
  }

  /** Configures and builds an {@link EntityStore}. Not thread-safe; each call to build is new. */
  final class Builder {
    /** How far past the clock an event may be dated: one day (any time zone mistaken for UTC). */
    public static final Duration DEFAULT_MAX_SKEW = Duration.ofDays(1);

    private final Model model;
    private AccountRule accounts = AccountRule.standard();
    private Clock clock = Clock.systemUTC();
    private Duration maxSkew = DEFAULT_MAX_SKEW;
    private int maxAnonymousIds = IdentityGraph.DEFAULT_MAX_ANONYMOUS_IDS;
    private int maxKnownIds = IdentityGraph.DEFAULT_MAX_KNOWN_IDS;

    private Builder(Model model) {
      this.model = model;
    }

    /** How an account model's events that name no account are keyed; see {@link AccountRule}. */
    public Builder accountRule(AccountRule accounts) {
      this.accounts = requireNonNull(accounts, "accounts");
      return this;
    }

    /**
     * The clock future-dated events are judged by: an event dated more than {@link
     * #maxSkew(Duration)} after the clock's instant when it is ingested is rejected and counted in
     * {@link Stats#future()}, so one event from a device whose clock is years ahead cannot move the
     * store's watermark there. Replays of history are never affected.
     */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * How far past the clock an event may be dated.
     *
     * @throws IllegalArgumentException if {@code maxSkew} is negative
     */
    public Builder maxSkew(Duration maxSkew) {
      if (requireNonNull(maxSkew, "maxSkew").isNegative()) {
        throw new IllegalArgumentException("maxSkew: must not be negative, was " + maxSkew);
      }
      this.maxSkew = maxSkew;
      return this;
    }

    /**
     * The limits of the store's identity graph per person (see {@link IdentityGraph}): a {@link
     * EntityStore#link link} that would give a person more anonymous or more known ids is refused.
     * Defaults: {@link IdentityGraph#DEFAULT_MAX_ANONYMOUS_IDS} and {@link
     * IdentityGraph#DEFAULT_MAX_KNOWN_IDS}.
     *
     * @throws IllegalArgumentException if {@code maxAnonymousIds} is negative or {@code
     *     maxKnownIds} is less than 1
     */
    public Builder identityLimits(int maxAnonymousIds, int maxKnownIds) {
      IdentityGraph.withLimits(maxAnonymousIds, maxKnownIds);
      this.maxAnonymousIds = maxAnonymousIds;
      this.maxKnownIds = maxKnownIds;
      return this;
    }

    /**
     * The store.
     *
     * @throws IllegalArgumentException if the model rolls up members (score accounts with {@link
     *     Scorer#fast}) or reads more than 64 distinct event filters
     */
    public EntityStore build() {
      return new Engines.Store(
          new ColumnarStore(model, accounts, clock, maxSkew, maxAnonymousIds, maxKnownIds));
    }

    /**
     * A store with these settings in the state a {@linkplain EntityStore#snapshot snapshot}
     * recorded: it gives the same cards as the store that wrote it, as of any instant, and the same
     * after the same further ingest. The snapshot must have been written by a store for a model
     * with the same inputs (entity kind, time zone, resolution, event filters, aggregates with
     * their windows, the properties they read, traits and their types); anything else in the model
     * (rules, points, thresholds, caps, tiers, hand-off) may have changed. The settings (account
     * rule, clock, skew, identity limits) are not in the snapshot: they are this builder's; the
     * identity links are, and are refused when they exceed this builder's identity limits.
     *
     * @param snapshot the snapshot's bytes; read to the snapshot's end and possibly beyond (the
     *     snapshot should be all that is left in it); not closed
     * @throws IllegalArgumentException if the model rolls up members or reads more than 64 event
     *     filters, or the snapshot is empty, not a store snapshot, of another format version,
     *     truncated or corrupted (a checksum does not match), or was written for a model whose
     *     inputs differ (the message names the parts that changed)
     * @throws IOException if {@code snapshot} cannot be read
     */
    public EntityStore restore(InputStream snapshot) throws IOException {
      return new Engines.Store(
          ColumnarStore.restore(
              model,
              accounts,
              clock,
              maxSkew,
              maxAnonymousIds,
              maxKnownIds,
              requireNonNull(snapshot, "snapshot")));
    }
  }

  /** The model whose state this store keeps. */
  Model model();

  /**
   * Writes this store's state to {@code out}: every entity's id, traits, aggregate state and events
   * held apart, the users' accounts of an account model, the counters of {@link #stats()}, {@link
   * #watermark()} and {@link #earliestAsOf()}, with what that state's meaning depends on (the
   * model's inputs) and checksums; {@code docs/api.md} ("Snapshots") describes it. Read it back
   * with {@link #restore} or {@link Builder#restore}. Writing it to a file atomically (a temporary
   * file in the same directory, synced, then renamed) is the caller's part.
   *
   * <p>Scoring may run while it writes; ingest may not: pause {@link #ingest}, {@link #traits} and
   * {@link #userTraits} calls first. A score that must merge events held apart (the clock has
   * passed them) waits until the snapshot is written.
   *
   * @param out where the snapshot goes; neither flushed beyond it nor closed
   * @throws IllegalStateException if an ingest or traits call runs while it writes; what was
   *     written then has a wrong checksum and can never be restored
   * @throws IOException if {@code out} cannot be written
   */
  void snapshot(OutputStream out) throws IOException;

  /**
   * Ingests one event: keyed by its user for a user model; for an account model, by the account it
   * names, else by the account its user belongs to by the store's {@link AccountRule}. An event of
   * an account alone ({@link Event#ofAccount}) counts for its account in an account model.
   *
   * @return false when the event cannot be keyed (a user model, and an event of an account alone;
   *     an account model, and neither the event nor the account rule gives an account) or, in a
   *     store of day buckets, its time is more than 5 million years from 1970; it is counted in
   *     {@link Stats#rejected()}
   */
  boolean ingest(Event event);

  /** Ingests events in order; returns how many were accepted. */
  int ingest(Collection<Event> events);

  // The columnar ingest call: for callers that decode events themselves (see EventColumns).

  /**
   * The store's dense index of entity {@code id}, for the rows of an {@link EventColumns} batch:
   * made when the store does not know the entity yet, which it then knows (it is in {@link #size()}
   * and scored by {@link #scoreAll}, as after a {@link #traits} call), even if no row naming it is
   * accepted. Of a user model the index is the entity of {@code id}'s person (its canonical id when
   * linked). An index stays valid for the life of the store and the same id gives the same index
   * until a link changes its person; when a later {@link #link} merges the index's entity into
   * another person's, rows naming the index count for that person, as events under its id would. Of
   * an account model the index names the account {@code id} itself: the caller has keyed the event,
   * and the account rule is not consulted.
   *
   * @throws NullPointerException if {@code id} is null
   * @throws IllegalArgumentException if {@code id} is blank, starts or ends with white space, or
   *     holds control characters
   */
  int index(String id);

  /**
   * The store's code of event name {@code name}, for the rows of an {@link EventColumns} batch;
   * equal names get equal codes for the life of the store. Codes are this store's: a restored store
   * is asked again (its entity indexes are those of the store that wrote the snapshot). {@code -1}
   * when no filter of the model can match an event of that name: a decoder may then skip the
   * record, which then is not counted in {@link Stats#accepted()} and {@link Stats#ignored()} (a
   * row of code -1 is counted there, as the event would be).
   *
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if {@code name} is not a valid name
   */
  int eventCode(String name);

  /**
   * The event properties the model reads, in where-conditions or in {@code distinct}, {@code sum},
   * {@code min} and {@code max} aggregates: property column {@code i} of an {@link EventColumns}
   * batch is the property {@code properties().get(i)}. Other properties change no score.
   */
  List<String> properties();

  /**
   * Ingests every row of {@code batch}, with the rules, counters and results of {@link
   * #ingest(Event)} for an event of the row's entity, name, time and properties: of a user model an
   * event of the entity's person, of an account model an event of the account alone ({@link
   * Event#ofAccount}). Every row's index and code are checked before any row is ingested. The batch
   * is only read; the caller may clear and refill it once this returns.
   *
   * @return how many rows were accepted
   * @throws NullPointerException if {@code batch} is null
   * @throws IllegalArgumentException if {@code batch} has not one property column per {@link
   *     #properties()}, or a row's entity index or event code is not one this store gave (the
   *     message names the row)
   */
  int ingest(EventColumns batch);

  /**
   * Sets an entity's traits, replacing those set before; undeclared traits are ignored.
   *
   * @throws IllegalArgumentException if a value does not have its trait's declared type, or is a
   *     number outside {@link dev.pls.core.model.NumberRange}
   */
  void traits(String entity, Map<String, Value> traits);

  /**
   * Records a user's traits for the account rule (its {@code email_domain} or {@code email} gives
   * its account when no event names one), replacing those recorded before. For a user model this is
   * {@link #traits(String, Map)}.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException for a user model, if a value does not have its trait's
   *     declared type
   */
  void userTraits(String user, Map<String, Value> traits);

  /**
   * Links {@code id} (an anonymous id, or an alias's previous id) to the known {@code userId}: from
   * now on they are one person. When the link joins two people that both have state, the state of
   * the one whose canonical id gives way is merged into the other's, so that the person is scored
   * on every event of every id, whenever it arrived, and has the traits of the later {@link
   * #traits} (of an account model, {@link #userTraits}) call of the two, as if every call had named
   * its canonical id. A link beyond the {@linkplain Builder#identityLimits limits} is refused and
   * counted, and changes nothing.
   *
   * @return what the link did
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if an id is blank, starts or ends with white space, or holds
   *     control characters (the message names it)
   */
  IdentityGraph.Outcome link(String id, String userId);

  /**
   * The ids of {@code id}'s person, its canonical id first, then the others in String order; just
   * {@code id} when it was never linked.
   *
   * @throws NullPointerException if {@code id} is null
   */
  List<String> ids(String id);

  /** What the {@linkplain #link links} given to this store did. */
  IdentityGraph.Stats identityStats();

  /** How many entities the store knows: people, for a user model whose ids were linked. */
  int size();

  /** The newest event time ingested, if any (it may be ahead of the clock by the skew). */
  Optional<Instant> watermark();

  /**
   * The earliest instant this store scores as of: the newest event it has ingested that was dated
   * at or before its clock when it arrived or is now; empty when there is none, and then any
   * instant may be scored. Events dated after the clock are held apart and count only in scores as
   * of an instant at or after them.
   */
  Optional<Instant> earliestAsOf();

  /** Counts of what ingest did. */
  Stats stats();

  /**
   * The card of one entity as of {@code asOf}; an entity the store has not seen gets the card of an
   * entity without events or traits. Of a user model, any id of a person gives the person's card,
   * under its canonical id.
   *
   * @throws IllegalArgumentException if {@code asOf} is before {@link #earliestAsOf()}
   * @throws IllegalStateException if an event newer than {@code asOf} is merged while scoring
   */
  ScoreCard score(String entity, Instant asOf);

  /**
   * Scores every entity as of {@code asOf}, in parallel over the common fork-join pool.
   *
   * @throws IllegalArgumentException if {@code asOf} is before {@link #earliestAsOf()}
   * @throws IllegalStateException if an event newer than {@code asOf} is merged while scoring
   */
  BatchScores scoreAll(Instant asOf);

  /**
   * Scores the entities that received events or traits since the previous call of this method (all
   * entities on the first call), and marks them scored.
   *
   * @throws IllegalArgumentException if {@code asOf} is before {@link #earliestAsOf()}
   * @throws IllegalStateException if an event newer than {@code asOf} is merged while scoring
   */
  BatchScores scoreTouched(Instant asOf);

  /**
   * What {@link #scoreAll(Instant, long[], int[], long[])} writes into {@code tiers} for an entity
   * index merged into another person by a {@link #link link} (its score is 0, its fired words 0);
   * -1 is the tier none, as in {@link FeatureBinding}.
   */
  int MERGED = -2;

  /**
   * The number of entity indexes: every entity the store has known, numbered densely from 0 in the
   * order it first met them, so {@link #size()} plus those merged into another person by a link
   * (whose indexes stay taken). An index never changes; a new entity takes the next one.
   */
  int indexes();

  /**
   * The id of the entity at {@code index}: of a user model, its person's canonical id when the
   * index was not merged away; of a merged index, the id it had, which {@link #ids} resolves.
   *
   * @throws IndexOutOfBoundsException if {@code index} is negative or not below {@link #indexes()}
   */
  String id(int index);

  /** The number of {@code long} words of fired rules per row: ceil(rules / 64), at least 1. */
  int firedStride();

  /** The tier names, in the order of the indexes {@code tiers} holds. */
  List<String> tierNames();

  /**
   * Scores every entity as of {@code asOf} into arrays the caller supplies and may reuse across
   * passes, in parallel over the common fork-join pool (or the pool the calling task runs in): for
   * rescoring millions of entities without a {@link BatchScores} per pass. Row {@code r} is the
   * entity at index {@code r} ({@link #id(int)} names it); it gets, as {@link FeatureBinding}
   * writes:
   *
   * <ul>
   *   <li>{@code scores[r]}: the score in hundredths of a point ({@code 1234} is 12.34);
   *   <li>{@code tiers[r]}: the index of the tier in {@link #tierNames}, {@code -1} for none (also
   *       when an exclusion held), or {@link #MERGED} for an index merged away by a link;
   *   <li>{@code fired[r * firedStride() + w]}: bit {@code k % 64} of word {@code w = k / 64} is
   *       set when the model's {@code k}-th rule (in {@link Model#rules()} order) fired. Passing
   *       {@code null} scores score and tier only, which skips recording fired rules.
   * </ul>
   *
   * <p>The values equal {@link #scoreAll(Instant)}'s: {@link BatchScores#scoreHundredths}, the
   * index of {@link BatchScores#tier} and {@link BatchScores#fired} of the entity's row there. The
   * arrays must hold a row for every index as the pass begins: size them by {@link #indexes()},
   * with room to spare when ingest runs meanwhile (an entity created during the pass is not scored;
   * rows past the returned count are not written).
   *
   * @param fired the fired-rule words, or null to score score and tier only
   * @return the number of indexes scored, rows 0 to it minus 1
   * @throws IllegalArgumentException naming the array too short for the store's indexes, or if
   *     {@code asOf} is before {@link #earliestAsOf()}
   * @throws NullPointerException if {@code asOf}, {@code scores} or {@code tiers} is null
   * @throws IllegalStateException if an event newer than {@code asOf} is merged while scoring
   */
  int scoreAll(Instant asOf, long[] scores, int[] tiers, long[] fired);

  /**
   * Scores every entity as {@link #scoreAll(Instant, long[], int[], long[])} does, in {@code tasks}
   * tasks run on {@code executor}, each taking the next chunk of 2,048 indexes not yet taken;
   * returns when every task is done, rethrowing what a task threw. With {@code tasks} 1 it scores
   * on the calling thread.
   *
   * @param tasks how many tasks to run at once, at least 1 (say, the executor's threads)
   * @return the number of indexes scored
   * @throws IllegalArgumentException naming the array too short for the store's indexes, or {@code
   *     tasks} if it is below 1, or if {@code asOf} is before {@link #earliestAsOf()}
   * @throws NullPointerException if {@code asOf}, {@code scores}, {@code tiers} or {@code executor}
   *     is null
   * @throws IllegalStateException if an event newer than {@code asOf} is merged while scoring
   */
  int scoreAll(
      Instant asOf, long[] scores, int[] tiers, long[] fired, Executor executor, int tasks);

  /**
   * What ingest did.
   *
   * @param accepted events keyed to an entity
   * @param kept accepted events that some aggregate reads, kept in the retained span
   * @param beyondSpan accepted events older than the retained span when they arrived: counted only
   *     in all-history aggregates
   * @param ignored accepted events that no aggregate reads
   * @param rejected events that could not be keyed to an entity, or whose time a store of day
   *     buckets cannot hold (more than 5 million years from 1970)
   * @param future events dated more than the store's skew after its clock: rejected, so that one
   *     bad device clock cannot refuse every score until that date
   */
  record Stats(
      long accepted, long kept, long beyondSpan, long ignored, long rejected, long future) {}
}
