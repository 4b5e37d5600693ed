package dev.pls.core.handoff;

import static java.util.Objects.requireNonNull;

import com.google.common.hash.Hashing;
import dev.pls.core.card.Contribution;
import dev.pls.core.card.HandoffFacts;
import dev.pls.core.card.ScoreCard;
import dev.pls.core.model.EntityKind;
import dev.pls.core.model.Handoff;
import dev.pls.core.model.Model;
import dev.pls.core.model.Rule;
import dev.pls.core.model.Tier;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/*
 * Design. The router is the only stateful part of pls: a score card is a pure function of the
 * model, the events and the instant, but whether to alert depends on what was alerted before. So
 * the state is kept small, per entity, and named after the semantics it serves:
 *
 *   tier      the effective tier at the entity's previous step        (hysteresis, rule 1)
 *   episode   the tier last routed by a tier route, while routed      (dedupe, escalation, rule 2)
 *   triggers  the triggers that held at the previous step             (trigger edges, rule 3)
 *   last      per queue: instant, level and tier of the last alert    (cooldown, rule 6)
 *
 * plus, for the router, the previous step's instant and the slots each queue used on the current
 * calendar day (capacity, rule 8). The rule numbers are those of docs/handoff.md, "Alerts".
 *
 * A step runs in two phases: the first decides every entity's alerts and new state without
 * touching the router (so a rejected argument, or a failing accountOf function, leaves the router
 * as it was), the second commits. Entities are unique within a step, so decisions for different
 * entities never interact, except through queue capacity, which is assigned after sorting all
 * of the step's alerts by priority; that order is total (it ends with entity id and queue name),
 * so a step's output does not depend on the order of its cards.
 *
 * That state is all a step reads besides the model and its cards, so writing it out (snapshot) and
 * reading it into a fresh router (restore) continues the same sequence of alerts; RouterSnapshot
 * holds the format.
 */
/**
 * Turns a model's score cards over time into hand-off alerts: tier routes with hysteresis and
 * dedupe, trigger edges, suppression, cooldown, hold-out and daily queue capacity, as {@code
 * docs/handoff.md} ("Alerts") states them.
 *
 * <p>Feed it one {@link #step} per rescoring pass, at strictly increasing instants, with the cards
 * of the entities rescored in that pass; entities absent from a step keep their state, so an
 * incremental pass passes only the entities it touched. The same sequence of steps always gives the
 * same alerts.
 *
 * <p>A router's state survives a restart: {@link #snapshot} writes it, and {@link #restore} makes a
 * router in an equal state, one that makes the same alerts for the same future steps.
 *
 * <p>Not thread-safe: a router holds mutable state (each entity's effective tier, episode, triggers
 * and last alerts, and the queues' capacity used today). Confine one router to one thread, or guard
 * it with a lock.
 */
public final class Router {
  private final Model model;
  private final Handoff handoff;
  private final Map<String, Integer> tierRank = new HashMap<>();
  private final Map<String, Handoff.Queue> queues = new HashMap<>();
  private final Set<String> triggerNames = new HashSet<>();
  private final Set<String> segmentNames = new HashSet<>();
  private final Set<String> holdTiers = new HashSet<>();
  private final Set<String> suppressionReasons = new HashSet<>();
  private final Set<String> cells = new HashSet<>();
  private final Map<String, String> shareablePhrase = new HashMap<>();

  /** For an account model that rolls up members: the member model's shareable rules' phrases. */
  private final Map<String, String> memberPhrase = new HashMap<>();

  private final Map<String, EntityState> states = new HashMap<>();
  private Instant previous;
  private LocalDate capacityDay;
  private final Map<String, Integer> usedToday = new HashMap<>();

  private Router(Model model, Handoff handoff) {
    this.model = model;
    this.handoff = handoff;
    List<Tier> tiers = model.tiers();
    for (int i = 0; i < tiers.size(); i++) {
      tierRank.put(tiers.get(i).name(), i);
    }
    tierRank.put(Tier.NONE, tiers.size());
    handoff.queues().forEach(q -> queues.put(q.name(), q));
    handoff.triggers().forEach(t -> triggerNames.add(t.name()));
    handoff.segments().forEach(s -> segmentNames.add(s.name()));
    handoff.holds().forEach(h -> holdTiers.add(h.tier()));
    segmentNames.add(Handoff.NO_SEGMENT);
    handoff.suppressions().forEach(s -> suppressionReasons.add(s.reason()));
    model.grid().ifPresent(g -> cells.addAll(g.cells()));
    for (Rule r : model.rules()) {
      r.shareable().ifPresent(p -> shareablePhrase.put(r.id(), p));
    }
    for (Rule r : model.memberModel().map(Model::rules).orElse(List.of())) {
      r.shareable().ifPresent(p -> memberPhrase.put(r.id(), p));
    }
  }

  /**
   * A router for {@code model}, with no history.
   *
   * @throws IllegalArgumentException if the model has no hand-off
   */
  public static Router create(Model model) {
    requireNonNull(model, "model");
    Handoff handoff =
        model
            .handoff()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "model: " + model.id() + " has no hand-off; add one with handoff(...)"));
    return new Router(model, handoff);
  }

  /**
   * A router for {@code model} in the state a {@linkplain #snapshot snapshot} recorded: it makes
   * the same alerts for the same future steps as the router that wrote the snapshot would have. The
   * snapshot must have been written by a router for a model with the same id, entity kind, time
   * zone, tiers (in order), queues and triggers; anything else in the model (rules, points,
   * conditions, segments, suppressions, SLAs, capacities, cooldown, hold-out) may have changed.
   * {@code docs/handoff.md} ("State across restarts") describes the format.
   *
   * @param model the model to route for
   * @param snapshot the snapshot's bytes, read to their end; not closed
   * @throws IllegalArgumentException if the model has no hand-off, or the snapshot is not a router
   *     snapshot, is of an unknown format version, is truncated or corrupted (its checksum does not
   *     match), or was written for a model with other tiers, queues, triggers, id, entity kind or
   *     time zone; the message says which
   * @throws IOException if {@code snapshot} cannot be read
   */
  public static Router restore(Model model, InputStream snapshot) throws IOException {
    Router router = create(model);
    requireNonNull(snapshot, "snapshot");
    RouterSnapshot.read(router, snapshot.readAllBytes());
    return router;
  }

  /**
   * Writes this router's state to {@code out}: each entity's effective tier, episode, triggers and
   * last alert per queue, the last step's instant, and the queue slots used on its day, with what
   * the state's meaning depends on (the model's id, entity kind, time zone, tiers, queues and
   * triggers) and a checksum. The same state always gives the same bytes. Read it back with {@link
   * #restore}; the router is unchanged.
   *
   * @param out where the snapshot goes; neither flushed nor closed
   * @throws IOException if {@code out} cannot be written
   */
  public void snapshot(OutputStream out) throws IOException {
    requireNonNull(out, "out");
    out.write(RouterSnapshot.write(this));
  }

  /**
   * The instant of the last step routed, by this router or by the one whose snapshot it was
   * restored from; empty before the first step. The next step must be after it.
   */
  public Optional<Instant> lastStep() {
    return Optional.ofNullable(previous);
  }

  /**
   * Whether {@code id} is in the hold-out: with {@code v} the first eight bytes of SHA-256 over the
   * UTF-8 bytes of {@code salt + ":" + id}, read as an unsigned big-endian integer, and {@code bp}
   * the percent in hundredths of a percent (an integer), held out iff {@code v * 10000 < bp *
   * 2^64}. Anyone can reproduce it, e.g. {@code printf 'salt:id' | sha256sum} and compare the first
   * sixteen hex digits.
   */
  public static boolean heldOut(Handoff.Holdout holdout, String id) {
    requireNonNull(holdout, "holdout");
    requireNonNull(id, "id");
    byte[] digest =
        Hashing.sha256().hashString(holdout.salt() + ":" + id, StandardCharsets.UTF_8).asBytes();
    BigInteger v = new BigInteger(1, Arrays.copyOf(digest, 8));
    BigInteger bp = holdout.percent().movePointRight(2).toBigIntegerExact();
    return v.multiply(BigInteger.valueOf(10_000)).compareTo(bp.shiftLeft(64)) < 0;
  }

  /** The model this router routes for. */
  public Model model() {
    return model;
  }

  /**
   * Routes the cards of one rescoring pass; for a user model, alerts carry no account.
   *
   * @see #step(Instant, List, Function)
   */
  public RouterStep step(Instant at, List<ScoreCard> cards) {
    return step(at, cards, entity -> Optional.empty());
  }

  /**
   * Routes the cards of one rescoring pass made at {@code at}.
   *
   * @param at the pass's instant, after the previous step's
   * @param cards the cards of the entities rescored, each of this router's model, with hand-off
   *     facts, at most one per entity; in any order
   * @param accountOf for a user model, the account of a user, for the alerts; not called for an
   *     account model, whose entities are their own accounts
   * @return the step's alerts, by priority, and its counts
   * @throws IllegalArgumentException if {@code at} is not after the previous step's instant, or a
   *     card is of another model, has no hand-off facts, names a tier, segment, trigger or
   *     suppression reason the model does not have, or repeats an entity; the router is then
   *     unchanged
   * @throws NullPointerException if an argument or card is null, or {@code accountOf} returns null;
   *     the router is then unchanged
   */
  public RouterStep step(
      Instant at, List<ScoreCard> cards, Function<String, Optional<String>> accountOf) {
    requireNonNull(at, "at");
    requireNonNull(cards, "cards");
    requireNonNull(accountOf, "accountOf");
    if (previous != null && !at.isAfter(previous)) {
      throw new IllegalArgumentException(
          "at: " + at + " is not after the previous step's " + previous);
    }
    validate(cards);

    // Phase 1: decide, touching nothing.
    SortedMap<String, Integer> suppressed = new TreeMap<>();
    handoff.suppressions().forEach(s -> suppressed.put(s.reason(), 0));
    int cooledDown = 0;
    List<Candidate> pending = new ArrayList<>();
    List<Update> updates = new ArrayList<>(cards.size());
    for (ScoreCard card : cards) {
      HandoffFacts facts = card.handoff().orElseThrow();
      EntityState state = states.get(card.entity());
      String previousTier = state == null ? Tier.NONE : state.tier;
      String episode = state == null ? null : state.episode;
      List<String> previousTriggers = state == null ? List.of() : state.triggers;

      String tier = effectiveTier(card, facts, previousTier);
      if (card.isExcluded()) {
        updates.add(new Update(card.entity(), tier, null, facts.triggers()));
        continue;
      }
      Optional<Handoff.Route> route = route(tier, facts.segment(), card.cell());
      Map<String, Candidate> byQueue = new TreeMap<>();
      for (Handoff.Trigger t : handoff.triggers()) {
        if (facts.triggers().contains(t.name()) && !previousTriggers.contains(t.name())) {
          candidate(byQueue, card, tier, t.queue()).add(t.level(), t.label(), false);
        }
      }
      boolean tierAlert = route.isPresent() && (episode == null || rank(tier) < rank(episode));
      if (tierAlert) {
        candidate(byQueue, card, tier, route.get().queue())
            .add(route.get().level(), reason(tier, route.get(), card), true);
      }
      if (route.isEmpty()) {
        episode = null;
      }
      if (facts.suppressed().isPresent()) {
        suppressed.merge(facts.suppressed().get(), byQueue.size(), Integer::sum);
        updates.add(new Update(card.entity(), tier, episode, facts.triggers()));
        continue;
      }
      if (tierAlert) {
        episode = tier;
      }
      boolean heldOut =
          !byQueue.isEmpty()
              && handoff.holdout().isPresent()
              && heldOut(handoff.holdout().get(), card.entity());
      for (Candidate c : byQueue.values()) {
        Last last = state == null ? null : state.last.get(c.queue);
        if (coolingDown(last, c, at)) {
          cooledDown++;
        } else {
          c.heldOut = heldOut;
          pending.add(c);
        }
      }
      updates.add(new Update(card.entity(), tier, episode, facts.triggers()));
    }

    pending.sort(priority());
    LocalDate day = LocalDate.ofInstant(at, model.zone());
    Map<String, Integer> used =
        day.equals(capacityDay) ? new HashMap<>(usedToday) : new HashMap<>();
    SortedMap<String, Integer> sent = new TreeMap<>();
    SortedMap<String, Integer> triaged = new TreeMap<>();
    queues.keySet().forEach(q -> sent.put(q, 0));
    queues.keySet().forEach(q -> triaged.put(q, 0));
    int heldOutCount = 0;
    List<Alert> alerts = new ArrayList<>(pending.size());
    for (Candidate c : pending) {
      Handoff.Queue queue = queues.get(c.queue);
      Alert.Status status;
      if (c.heldOut) {
        status = Alert.Status.HELD_OUT;
        heldOutCount++;
      } else if (queue.capacity().isEmpty()
          || used.getOrDefault(c.queue, 0) < queue.capacity().getAsInt()) {
        status = Alert.Status.SENT;
        used.merge(c.queue, 1, Integer::sum);
        sent.merge(c.queue, 1, Integer::sum);
      } else {
        status = Alert.Status.TRIAGE;
        triaged.merge(c.queue, 1, Integer::sum);
      }
      alerts.add(alert(at, c, queue, status, accountOf));
    }

    // Phase 2: commit.
    for (Update u : updates) {
      EntityState state = states.computeIfAbsent(u.entity, e -> new EntityState());
      state.tier = u.tier;
      state.episode = u.episode;
      state.triggers = u.triggers;
    }
    for (Alert a : alerts) {
      states.get(a.entity()).last.put(a.queue(), new Last(a.at(), a.level(), a.tier()));
    }
    capacityDay = day;
    usedToday.clear();
    usedToday.putAll(used);
    previous = at;
    return new RouterStep(at, alerts, sent, triaged, heldOutCount, suppressed, cooledDown);
  }

  private void validate(List<ScoreCard> cards) {
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < cards.size(); i++) {
      String where = "cards[" + i + "]";
      ScoreCard card = requireNonNull(cards.get(i), where);
      if (!card.model().equals(model.id()) || card.version() != model.version()) {
        throw new IllegalArgumentException(
            where
                + ": scored by model "
                + card.model()
                + " v"
                + card.version()
                + ", but this router routes for "
                + model.id()
                + " v"
                + model.version());
      }
      if (card.kind() != model.entity()) {
        throw new IllegalArgumentException(
            where
                + ": a card of kind "
                + card.kind().displayName()
                + ", but model "
                + model.id()
                + " scores "
                + model.entity().displayName()
                + "s");
      }
      Integer earlier = seen.putIfAbsent(card.entity(), i);
      if (earlier != null) {
        throw new IllegalArgumentException(
            where
                + ": entity '"
                + card.entity()
                + "' is already in this step at cards["
                + earlier
                + "]");
      }
      if (card.handoff().isEmpty()) {
        throw new IllegalArgumentException(
            where
                + ": entity '"
                + card.entity()
                + "' has no hand-off facts; score it with model "
                + model.id()
                + ", whose evaluators fill them");
      }
      HandoffFacts facts = card.handoff().get();
      if (!tierRank.containsKey(card.tier())) {
        throw unknown(where, "tier", card.tier());
      }
      if (!segmentNames.contains(facts.segment())) {
        throw unknown(where, "segment", facts.segment());
      }
      for (String t : facts.triggers()) {
        if (!triggerNames.contains(t)) {
          throw unknown(where, "trigger", t);
        }
      }
      for (String t : facts.holding()) {
        if (!holdTiers.contains(t)) {
          throw unknown(where, "hold of tier", t);
        }
      }
      if (facts.suppressed().isPresent()
          && !suppressionReasons.contains(facts.suppressed().get())) {
        throw unknown(where, "suppression reason", facts.suppressed().get());
      }
      cell(where, card);
    }
  }

  // Routes may read the cell: a card not excluded has one of the grid's, and only then.
  private void cell(String where, ScoreCard card) {
    if (card.cell().isPresent()) {
      if (!cells.contains(card.cell().get())) {
        throw unknown(where, "grid cell", card.cell().get());
      }
    } else if (model.grid().isPresent() && !card.isExcluded()) {
      throw new IllegalArgumentException(
          where
              + ": entity '"
              + card.entity()
              + "' has no grid cell, but model "
              + model.id()
              + " has grid '"
              + model.grid().get().name()
              + "'; an evaluator of the model puts one on every card not excluded");
    }
  }

  private IllegalArgumentException unknown(String where, String what, String name) {
    return new IllegalArgumentException(
        where + ": " + what + " '" + name + "' is not in model " + model.id());
  }

  // Rule 1: hysteresis.
  private String effectiveTier(ScoreCard card, HandoffFacts facts, String previousTier) {
    if (!card.isExcluded()
        && rank(previousTier) < rank(card.tier())
        && facts.holding().contains(previousTier)) {
      return previousTier;
    }
    return card.tier();
  }

  // Rule 2: the first route for the tier whose segments are empty or contain the segment, and
  // whose cells are empty or contain the card's cell (an excluded card, without a cell, never gets
  // here).
  private Optional<Handoff.Route> route(String tier, String segment, Optional<String> cell) {
    for (Handoff.Route r : handoff.routes()) {
      if (r.tier().equals(tier)
          && (r.segments().isEmpty() || r.segments().contains(segment))
          && (r.cells().isEmpty() || cell.filter(r.cells()::contains).isPresent())) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  // A route that names cells says which one the entity entered in: "entered tier hot, cell A1".
  private static String reason(String tier, Handoff.Route route, ScoreCard card) {
    String entered = "entered tier " + tier;
    return route.cells().isEmpty() ? entered : entered + ", cell " + card.cell().orElseThrow();
  }

  private static Candidate candidate(
      Map<String, Candidate> byQueue, ScoreCard card, String tier, String queue) {
    return byQueue.computeIfAbsent(queue, q -> new Candidate(card, tier, q));
  }

  // Rule 6: withheld within the cooldown unless it escalates.
  private boolean coolingDown(Last last, Candidate c, Instant at) {
    if (last == null || Duration.between(last.at, at).compareTo(handoff.cooldown()) >= 0) {
      return false;
    }
    boolean higherLevel = c.level.compareTo(last.level) < 0;
    boolean higherTier = c.tierReason.isPresent() && rank(c.tier) < rank(last.tier);
    return !higherLevel && !higherTier;
  }

  // Rule 8: level, tier rank, score descending, entity, queue.
  private Comparator<Candidate> priority() {
    return Comparator.<Candidate, Handoff.Level>comparing(c -> c.level)
        .thenComparingInt(c -> rank(c.tier))
        .thenComparing(c -> c.card.score(), Comparator.reverseOrder())
        .thenComparing(c -> c.card.entity())
        .thenComparing(c -> c.queue);
  }

  private int rank(String tier) {
    return tierRank.get(tier);
  }

  private Alert alert(
      Instant at,
      Candidate c,
      Handoff.Queue queue,
      Alert.Status status,
      Function<String, Optional<String>> accountOf) {
    ScoreCard card = c.card;
    Optional<String> account;
    if (model.entity() == EntityKind.ACCOUNT) {
      account = Optional.of(card.entity());
    } else {
      account = accountOf.apply(card.entity());
      if (account == null) {
        throw new NullPointerException(
            "accountOf: returned null for entity '" + card.entity() + "'; return Optional.empty()");
      }
    }
    List<String> shareable = new ArrayList<>();
    List<String> internal = new ArrayList<>();
    for (Contribution k : card.contributions()) {
      String phrase = shareablePhrase.get(k.ruleId());
      if (phrase == null) {
        internal.add(k.label());
      } else if (!shareable.contains(phrase)) {
        shareable.add(phrase);
      }
    }
    // What the account's included members did that may be shared, after the account's own.
    for (ScoreCard member : card.members()) {
      if (member.isExcluded()) {
        continue;
      }
      for (Contribution k : member.contributions()) {
        String phrase = memberPhrase.get(k.ruleId());
        if (phrase != null && !shareable.contains(phrase)) {
          shareable.add(phrase);
        }
      }
    }
    List<String> reasons = new ArrayList<>(c.triggerLabels);
    c.tierReason.ifPresent(reasons::add);
    HandoffFacts facts = card.handoff().orElseThrow();
    return new Alert(
        at,
        card.entity(),
        card.kind(),
        account,
        c.tier,
        facts.segment(),
        queue.name(),
        queue.label(),
        c.level,
        plus(at, queue.sla()),
        reasons,
        status,
        card.score(),
        shareable,
        internal,
        card.contributions(),
        facts.context());
  }

  // An SLA too long to add still gives an alert: due at the end of time.
  private static Instant plus(Instant at, Duration sla) {
    try {
      return at.plus(sla);
    } catch (DateTimeException | ArithmeticException e) {
      return Instant.MAX;
    }
  }

  /** The state a snapshot holds, for {@link RouterSnapshot}. */
  Map<String, EntityState> states() {
    return states;
  }

  LocalDate capacityDay() {
    return capacityDay;
  }

  Map<String, Integer> usedToday() {
    return usedToday;
  }

  /** Puts a fresh router in the state a snapshot recorded; for {@link RouterSnapshot}. */
  void restoreState(
      Instant previous,
      LocalDate capacityDay,
      Map<String, Integer> usedToday,
      Map<String, EntityState> states) {
    if (this.previous != null || !this.states.isEmpty()) {
      throw new AssertionError("restoreState on a router that has routed");
    }
    this.previous = previous;
    this.capacityDay = capacityDay;
    this.usedToday.putAll(usedToday);
    this.states.putAll(states);
  }

  /** One entity's router state; see the design comment. */
  static final class EntityState {
    String tier = Tier.NONE;
    String episode;
    List<String> triggers = List.of();
    final Map<String, Last> last = new LinkedHashMap<>();
  }

  record Last(Instant at, Handoff.Level level, String tier) {}

  private record Update(String entity, String tier, String episode, List<String> triggers) {}

  /** What may become one alert: an entity's candidates of one step to one queue, merged. */
  private static final class Candidate {
    final ScoreCard card;
    final String tier;
    final String queue;
    Handoff.Level level = Handoff.Level.LOW;
    final List<String> triggerLabels = new ArrayList<>();
    Optional<String> tierReason = Optional.empty();
    boolean heldOut;

    Candidate(ScoreCard card, String tier, String queue) {
      this.card = card;
      this.tier = tier;
      this.queue = queue;
    }

    // Rule 4: the highest level; trigger reasons in hand-off order, then the tier's.
    void add(Handoff.Level level, String reason, boolean fromTierRoute) {
      if (level.compareTo(this.level) < 0) {
        this.level = level;
      }
      if (fromTierRoute) {
        tierReason = Optional.of(reason);
      } else {
        triggerLabels.add(reason);
      }
    }
  }
}
