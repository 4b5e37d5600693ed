package dev.pls.core.internal.fast;

import static java.util.Objects.requireNonNull;

import dev.pls.core.input.AccountRule;
import dev.pls.core.input.AccountRule.Membership;
import dev.pls.core.model.Value;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/*
 * What an account model's store knows of users, so that an event naming no account is keyed by
 * the account rule, as the CLI keys it.
 *
 * Per user: its latest statement of membership (the events ingested that name an account) and
 * the traits given for it. A store answers as of what it has ingested: an event naming no account
 * counts for the account its user belongs to when the event arrives. The CLI, which reads every
 * file before it scores, uses the user's account after all of them; the two agree whenever a
 * user's account does not change within the input (or its statements arrive before its events).
 */
/** Users' accounts for an account model's store. Thread-safe. */
final class UserAccounts {
  private final AccountRule rule;
  private final ConcurrentHashMap<String, Known> users = new ConcurrentHashMap<>();

  private record Known(Membership latest, Map<String, Value> traits) {}

  UserAccounts(AccountRule rule) {
    this.rule = requireNonNull(rule, "rule");
  }

  /** Records that {@code user} named {@code account} at {@code time}. */
  void claim(String user, Instant time, String account) {
    Known known = users.get(user);
    if (known != null
        && known.latest != null
        && known.latest.account().equals(account)
        && !known.latest.time().isBefore(time)) {
      return; // The common case, a user's events in order in one account: nothing changes.
    }
    Membership m = new Membership(time, account);
    users.merge(
        user,
        new Known(m, Map.of()),
        (old, neu) -> new Known(Membership.latest(old.latest, m), old.traits));
  }

  /** Replaces the traits recorded for {@code user}. */
  void traits(String user, Map<String, Value> traits) {
    Map<String, Value> copy = Map.copyOf(traits);
    users.merge(user, new Known(null, copy), (old, neu) -> new Known(old.latest, copy));
  }

  /** The account {@code user} belongs to by the rule, or null. */
  String accountOf(String user) {
    Known known = users.get(user);
    if (known == null) {
      return null;
    }
    return rule.account(Optional.ofNullable(known.latest), known.traits).orElse(null);
  }
}
