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

  /**
   * Moves what is known of {@code from} to {@code into} (two ids found to be one person): the later
   * of their statements of membership, and {@code into}'s traits, else {@code from}'s.
   */
  void merge(String from, String into) {
    Known moved = users.remove(from);
    if (moved == null) {
      return;
    }
    users.merge(
        into,
        moved,
        (kept, m) ->
            new Known(
                m.latest == null ? kept.latest : Membership.latest(kept.latest, m.latest),
                kept.traits.isEmpty() ? m.traits : kept.traits));
  }

  /** Writes, for a snapshot, every user's latest membership and traits, in id order. */
  void write(java.io.DataOutputStream out) throws java.io.IOException {
    java.util.TreeMap<String, Known> sorted = new java.util.TreeMap<>(users);
    out.writeInt(sorted.size());
    for (Map.Entry<String, Known> e : sorted.entrySet()) {
      SnapshotData.string(out, e.getKey());
      Membership m = e.getValue().latest;
      out.writeBoolean(m != null);
      if (m != null) {
        SnapshotData.instant(out, m.time());
        SnapshotData.string(out, m.account());
      }
      SnapshotData.values(out, e.getValue().traits);
    }
  }

  /** Reads {@code n} users as {@link #write} wrote them (after their count). */
  void read(java.io.DataInputStream in, int n) throws java.io.IOException {
    for (int i = 0; i < n; i++) {
      String user = SnapshotData.string(in);
      Membership m = null;
      if (in.readBoolean()) {
        Instant time = SnapshotData.instant(in);
        String account = SnapshotData.string(in);
        try {
          m = new Membership(time, account);
        } catch (IllegalArgumentException e) {
          throw new SnapshotData.Corrupted("a membership that is not valid: " + e.getMessage());
        }
      }
      users.put(user, new Known(m, Map.copyOf(SnapshotData.values(in))));
    }
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
