package dev.pls.core.backtest;

import dev.pls.core.card.BatchScores;
import dev.pls.core.card.ScoreCard;
import dev.pls.core.input.AccountRule;
import dev.pls.core.input.Entity;
import dev.pls.core.input.Event;
import dev.pls.core.model.EntityKind;
import dev.pls.core.model.Model;
import dev.pls.core.model.Value;
import dev.pls.core.scoring.Scorer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/*
 * The path for the models the entity store does not hold: an account model that rolls up members
 * (and one reading more than 64 event filters). It keeps every event fed, so its memory grows with
 * the events, and each score assembles the entities afresh and scores them with Scorer.fast.
 *
 * Users, accounts and members are assembled as the CLI's EntityAssembler does, with one
 * difference that makes the backtest point-in-time: a user's account is the account rule over
 * what was fed so far (its latest statement of membership up to the instant scored), not over the
 * whole input. A user is a member of that account with its events that name it or none; its
 * events naming another account are that account's own, as are the events of an account alone
 * (never a member's: no user did them). For an account model without members,
 * an event naming no account is keyed when it is fed, as the store keys it (see Keys).
 *
 * Identity links, as the store has them: every event is fed under its user's canonical id, and a
 * link that joins two people moves the events, traits and account statements of the one whose
 * canonical id gives way to the other.
 */
/** Scores whole entities kept in memory. */
final class EntityEngine implements Engine {
  private final Model model;
  private final Scorer scorer;
  private final Keys keys;
  private final boolean members;
  // User model: events by user; account model without members: events by account (with their
  // account set); account model with members: events by user, and events of an account alone
  // by account.
  private final Map<String, List<Event>> events = new HashMap<>();
  private final Map<String, List<Event>> accountEvents = new HashMap<>();
  private final Map<String, Map<String, Value>> traits = new HashMap<>();
  // Per entity, the number of the traits call that set its traits, in the order fed: when a link
  // joins two people, the person keeps the traits of the later call, as the store does.
  private final Map<String, Long> traitsCall = new HashMap<>();
  private long traitsCalls;
  private final dev.pls.core.input.IdentityGraph graph;

  EntityEngine(Model model, AccountRule accounts) {
    this(model, accounts, dev.pls.core.input.IdentityGraph.create());
  }

  /** An engine whose links go to {@code graph}, empty, which it owns from then on. */
  EntityEngine(Model model, AccountRule accounts, dev.pls.core.input.IdentityGraph graph) {
    this.graph = graph;
    this.model = model;
    this.scorer = Scorer.fast(model);
    this.keys = new Keys(model, accounts);
    this.members = model.memberModel().isPresent();
  }

  @Override
  public void traits(String entity, Map<String, Value> traits) {
    Map<String, Value> copy = Map.copyOf(traits);
    // Checked now, as the store checks them, rather than at the next step.
    scorer.score(new Entity(entity, copy, List.of()), Instant.EPOCH);
    String key = model.entity() == EntityKind.USER ? graph.canonical(entity) : entity;
    this.traits.put(key, copy);
    traitsCall.put(key, ++traitsCalls);
  }

  @Override
  public void userTraits(String user, Map<String, Value> traits) {
    if (model.entity() == EntityKind.USER) {
      traits(user, traits);
    } else {
      keys.userTraits(graph.canonical(user), traits);
    }
  }

  @Override
  public dev.pls.core.input.IdentityGraph.Outcome link(String id, String userId) {
    String before = graph.canonical(id);
    String beforeUser = graph.canonical(userId);
    dev.pls.core.input.IdentityGraph.Outcome outcome = graph.link(id, userId);
    if (outcome != dev.pls.core.input.IdentityGraph.Outcome.JOINED) {
      return outcome;
    }
    String winner = graph.canonical(id);
    String loser = winner.equals(before) ? beforeUser : before;
    keys.merge(loser, winner);
    if (model.entity() == EntityKind.USER || members) {
      // Events by user: the loser's move over, under the winner's id.
      List<Event> moved = events.remove(loser);
      if (moved != null) {
        List<Event> into = events.computeIfAbsent(winner, w -> new ArrayList<>());
        moved.forEach(e -> into.add(graph.resolve(e)));
      }
      if (model.entity() == EntityKind.USER) {
        Map<String, Value> t = traits.remove(loser);
        Long call = traitsCall.remove(loser);
        if (t != null && call > traitsCall.getOrDefault(winner, 0L)) {
          traits.put(winner, t);
          traitsCall.put(winner, call);
        }
      }
    }
    return outcome;
  }

  @Override
  public String canonical(String id) {
    return graph.canonical(id);
  }

  @Override
  public dev.pls.core.input.IdentityGraph.Stats identityStats() {
    return graph.stats();
  }

  @Override
  public boolean ingest(Event fed) {
    Event event = graph.resolve(fed);
    Optional<String> key = keys.key(event);
    if (members && !event.hasUser()) {
      accountEvents.computeIfAbsent(key.get(), a -> new ArrayList<>()).add(event);
      return true;
    }
    if (members) {
      // Kept even when it counts for no account yet: a later statement of membership may give
      // its user one, and from then on the event counts there as a member's.
      events.computeIfAbsent(event.user(), u -> new ArrayList<>()).add(event);
      return key.isPresent();
    }
    if (key.isEmpty()) {
      return false;
    }
    Event keyed =
        model.entity() == EntityKind.ACCOUNT && event.account().isEmpty()
            ? event.withAccount(key.get())
            : event;
    events.computeIfAbsent(key.get(), k -> new ArrayList<>()).add(keyed);
    return true;
  }

  @Override
  public BatchScores scoreAll(Instant asOf) {
    List<ScoreCard> cards = new ArrayList<>();
    for (Entity e : entities().values()) {
      cards.add(scorer.score(e, asOf));
    }
    return new CardBatch(cards, CardBatch.ruleIndex(model));
  }

  @Override
  public ScoreCard score(String entity, Instant asOf) {
    if (model.entity() == EntityKind.USER) {
      entity = graph.canonical(entity);
    }
    Entity e = entities().get(entity);
    return scorer.score(e == null ? new Entity(entity, Map.of(), List.of()) : e, asOf);
  }

  @Override
  public int size() {
    return entities().size();
  }

  /** Every entity known, by id. */
  private TreeMap<String, Entity> entities() {
    TreeMap<String, Entity> out = new TreeMap<>();
    if (!members) {
      TreeSet<String> ids = new TreeSet<>(events.keySet());
      ids.addAll(traits.keySet());
      for (String id : ids) {
        out.put(
            id,
            new Entity(id, traits.getOrDefault(id, Map.of()), events.getOrDefault(id, List.of())));
      }
      return out;
    }
    Map<String, List<Entity>> memberLists = new TreeMap<>();
    Map<String, List<Event>> own = new HashMap<>();
    traits.keySet().forEach(a -> memberLists.put(a, new ArrayList<>()));
    accountEvents.forEach(
        (a, es) -> {
          memberLists.computeIfAbsent(a, x -> new ArrayList<>());
          own.computeIfAbsent(a, x -> new ArrayList<>()).addAll(es);
        });
    TreeSet<String> users = new TreeSet<>(events.keySet());
    users.addAll(keys.usersWithTraits());
    for (String user : users) {
      Optional<String> home = keys.accountOf(user);
      List<Event> mine = new ArrayList<>();
      for (Event e : events.getOrDefault(user, List.of())) {
        if (e.account().isEmpty() || e.account().equals(home)) {
          mine.add(e);
        } else {
          own.computeIfAbsent(e.account().get(), a -> new ArrayList<>()).add(e);
          memberLists.computeIfAbsent(e.account().get(), a -> new ArrayList<>());
        }
      }
      if (home.isPresent()) {
        memberLists
            .computeIfAbsent(home.get(), a -> new ArrayList<>())
            .add(new Entity(user, keys.traitsOf(user), mine));
      }
    }
    memberLists.forEach(
        (id, ms) ->
            out.put(
                id,
                new Entity(
                    id, traits.getOrDefault(id, Map.of()), own.getOrDefault(id, List.of()), ms)));
    return out;
  }
}
