package dev.pls.core.backtest;

import dev.pls.core.input.AccountRule;
import dev.pls.core.input.AccountRule.Membership;
import dev.pls.core.input.Event;
import dev.pls.core.model.EntityKind;
import dev.pls.core.model.Model;
import dev.pls.core.model.Value;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which entity an event counts for, as the entity store keys it: its user for a user model; for an
 * account model the account the event names, else the account its user belongs to by the account
 * rule from what was fed before it (its latest statement of membership, else its e-mail domain). An
 * event of an account alone counts for that account, and for no entity of a user model; it says
 * nothing of any user's membership. Holds per user of an account model its latest statement and its
 * traits.
 */
final class Keys {
  private final AccountRule rule;
  private final boolean accounts;
  private final Map<String, Membership> claims = new HashMap<>();
  private final Map<String, Map<String, Value>> userTraits = new HashMap<>();
  // Per user, the number of the userTraits call that recorded its traits, in the order fed.
  private final Map<String, Long> traitsCall = new HashMap<>();
  private long traitsCalls;

  Keys(Model model, AccountRule rule) {
    this.rule = rule;
    this.accounts = model.entity() == EntityKind.ACCOUNT;
  }

  /** Records a user's traits, replacing those recorded before. */
  void userTraits(String user, Map<String, Value> traits) {
    if (accounts) {
      userTraits.put(user, Map.copyOf(traits));
      traitsCall.put(user, ++traitsCalls);
    }
  }

  /** The traits recorded for {@code user}. */
  Map<String, Value> traitsOf(String user) {
    return userTraits.getOrDefault(user, Map.of());
  }

  /** The users whose traits were recorded. */
  java.util.Set<String> usersWithTraits() {
    return userTraits.keySet();
  }

  /**
   * The entity {@code event} counts for, or empty when it counts for none; records the statement of
   * membership the event makes, after keying it (as the store does).
   */
  Optional<String> key(Event event) {
    if (!event.hasUser()) {
      return accounts ? event.account() : Optional.empty();
    }
    if (!accounts) {
      return Optional.of(event.user());
    }
    Optional<String> key = event.account().isPresent() ? event.account() : accountOf(event.user());
    event
        .account()
        .ifPresent(
            a -> claims.merge(event.user(), new Membership(event.time(), a), Membership::latest));
    return key;
  }

  /**
   * Moves what is known of user {@code from} to user {@code into} (two ids found to be one person):
   * the later statement of membership, and the traits of the later traits call, as the store keeps
   * them.
   */
  void merge(String from, String into) {
    Membership claim = claims.remove(from);
    if (claim != null) {
      claims.merge(into, claim, Membership::latest);
    }
    Map<String, Value> traits = userTraits.remove(from);
    Long call = traitsCall.remove(from);
    if (traits != null && call > traitsCall.getOrDefault(into, 0L)) {
      userTraits.put(into, traits);
      traitsCall.put(into, call);
    }
  }

  /** The account {@code user} belongs to now, by the rule. */
  Optional<String> accountOf(String user) {
    return rule.account(Optional.ofNullable(claims.get(user)), traitsOf(user));
  }
}
