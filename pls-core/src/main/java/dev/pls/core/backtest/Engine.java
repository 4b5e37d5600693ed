package dev.pls.core.backtest;

import dev.pls.core.card.BatchScores;
import dev.pls.core.card.ScoreCard;
import dev.pls.core.input.AccountRule;
import dev.pls.core.input.Event;
import dev.pls.core.model.Model;
import dev.pls.core.model.Value;
import java.time.Instant;
import java.util.Map;

/**
 * What a replay scores with: the entity store (state bounded by entities) or, for the models it
 * does not hold, whole entities kept in memory ({@link EntityEngine}). Events reach it in time
 * order across scores: nothing after an instant is fed before that instant is scored.
 */
interface Engine {

  /** The engine for {@code model}: the store when it holds the model, else whole entities. */
  static Engine of(Model model, AccountRule accounts) {
    return of(
        model,
        accounts,
        dev.pls.core.input.IdentityGraph.withLimits(
            dev.pls.core.input.IdentityGraph.DEFAULT_MAX_ANONYMOUS_IDS,
            dev.pls.core.input.IdentityGraph.DEFAULT_MAX_KNOWN_IDS));
  }

  /**
   * The engine for {@code model}, its identity graph with {@code identities}' limits (an empty
   * graph, which the engine owns from then on).
   */
  static Engine of(Model model, AccountRule accounts, dev.pls.core.input.IdentityGraph identities) {
    if (model.memberModel().isPresent()) {
      return new EntityEngine(model, accounts, identities);
    }
    try {
      return new StoreEngine(
          model, accounts, identities.maxAnonymousIds(), identities.maxKnownIds());
    } catch (IllegalArgumentException tooManyFilters) {
      // The store holds at most 64 event filters; whole entities hold any number.
      return new EntityEngine(model, accounts, identities);
    }
  }

  /** Sets an entity's traits, replacing those set before. */
  void traits(String entity, Map<String, Value> traits);

  /** Records a user's traits (for the account rule, or as the user's own). */
  void userTraits(String user, Map<String, Value> traits);

  /** Feeds an event; false when it counts for no entity. */
  boolean ingest(Event event);

  /** Every entity known, scored as of {@code asOf}. */
  BatchScores scoreAll(Instant asOf);

  /** One known entity scored as of {@code asOf}. */
  ScoreCard score(String entity, Instant asOf);

  /** How many entities are known. */
  int size();

  /**
   * Links {@code id} to the known {@code userId}: from now on one person, whose entity holds the
   * events of both (see {@link dev.pls.core.input.IdentityGraph}).
   */
  dev.pls.core.input.IdentityGraph.Outcome link(String id, String userId);

  /** What the links did. */
  dev.pls.core.input.IdentityGraph.Stats identityStats();

  /** The canonical id of {@code id}'s person (itself when never linked). */
  String canonical(String id);
}
