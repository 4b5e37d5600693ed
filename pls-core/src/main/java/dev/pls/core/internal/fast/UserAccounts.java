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

  // traitsCall: the number of the traits call that set the traits, in this store's order (0: none).
  private record Known(Membership latest, Map<String, Value> traits, long traitsCall) {}

  private final java.util.concurrent.atomic.AtomicLong traitsCalls =
      new java.util.concurrent.atomic.AtomicLong();

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
        new Known(m, Map.of(), 0),
        (old, neu) -> new Known(Membership.latest(old.latest, m), old.traits, old.traitsCall));
  }

  /** Replaces the traits recorded for {@code user}. */
  void traits(String user, Map<String, Value> traits) {
    Map<String, Value> copy = Map.copyOf(traits);
    // Numbered inside compute, which runs once per call under the entry's lock: of two calls for
    // one user, the later number is the one held.
    users.compute(
        user,
        (u, old) ->
            new Known(old == null ? null : old.latest, copy, traitsCalls.incrementAndGet()));
  }

  /**
   * Moves what is known of {@code from} to {@code into} (two ids found to be one person): the later
   * of their statements of membership, and the traits of the later traits call (when no call is
   * numbered, as after restoring a version 1 snapshot: {@code into}'s traits, else {@code from}'s).
   */
  void merge(String from, String into) {
    Known moved = users.remove(from);
    if (moved == null) {
      return;
    }
    users.merge(
        into,
        moved,
        (kept, m) -> {
          boolean theirs =
              m.traitsCall > kept.traitsCall || kept.traits.isEmpty() && kept.traitsCall == 0;
          return new Known(
              m.latest == null ? kept.latest : Membership.latest(kept.latest, m.latest),
              theirs ? m.traits : kept.traits,
              theirs ? m.traitsCall : kept.traitsCall);
        });
  }

  /** Writes, for a snapshot, the number of the traits call of every user, in id order. */
  void writeTraitsCalls(java.io.DataOutputStream out) throws java.io.IOException {
    java.util.TreeMap<String, Known> sorted = new java.util.TreeMap<>(users);
    out.writeInt(sorted.size());
    for (Known k : sorted.values()) {
      out.writeLong(k.traitsCall);
    }
  }

  /**
   * Reads what {@link #writeTraitsCalls} wrote, after {@link #read}, and numbers later calls after
   * the latest of them.
   */
  void readTraitsCalls(java.io.DataInputStream in) throws java.io.IOException {
    int n = SnapshotData.count(in);
    if (n != users.size()) {
      throw new SnapshotData.Corrupted(
          "traits calls numbered for " + n + " users of " + users.size());
    }
    long latest = 0;
    for (String user : new java.util.TreeSet<>(users.keySet())) {
      long call = in.readLong();
      if (call < 0) {
        throw new SnapshotData.Corrupted("a traits call numbered " + call + " of a user");
      }
      users.computeIfPresent(user, (u, k) -> new Known(k.latest, k.traits, call));
      latest = Math.max(latest, call);
    }
    traitsCalls.set(latest);
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
      users.put(user, new Known(m, Map.copyOf(SnapshotData.values(in)), 0));
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
