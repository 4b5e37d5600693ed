package dev.pls.cli.io;

import static java.util.Objects.requireNonNull;

import dev.pls.core.input.AccountRule;
import dev.pls.core.input.AccountRule.Membership;
import dev.pls.core.input.Entity;
import dev.pls.core.input.Event;
import dev.pls.core.model.EntityKind;
import dev.pls.core.model.Value;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/*
 * Groups what the readers accepted into the entities a model scores.
 *
 * Users: every user id seen in an event or a user-traits record, with its traits (a later
 * record's value for a trait replacing an earlier one) and its events in reading order. A user
 * with an "email" trait and no "email_domain" trait gets email_domain derived from it (the part
 * after the last '@', in lower case), so that a model's `exclude email_domain in freemail` works on
 * exports that only carry the address.
 *
 * A user's account is the core's AccountRule over everything read: the latest statement of
 * membership (an event naming an account, or a group call) else the non-free-mail e-mail domain.
 *
 * Accounts: every account id that some user belongs to or that has account traits. An account's
 * events are the events that name it, plus the events naming no account of the users who belong
 * to it; the latter are given the account's id, as an account model requires. So an event keeps
 * the account it was done in even when its user has since moved on.
 *
 * Events of an account alone (no user): kept apart by account, in reading order. They are the
 * account's own events in both account forms, never a user's or a member's; users() leaves them
 * out, and accountEventCount() says how many a user model therefore does not score.
 *
 * Entities come out sorted by id (String order, independent of locale), so output is the same
 * whatever the order of the input files.
 */
/**
 * Builds {@link Entity users and accounts} from accepted events, traits and group calls.
 *
 * <p>Not thread-safe: feed it from one reader, then ask for entities.
 */
public final class EntityAssembler implements InputSink {
  private final AccountRule rule;
  private final Map<String, List<Event>> events = new HashMap<>();
  private final Map<String, List<Event>> accountEvents = new HashMap<>();
  private final Map<String, Map<String, Value>> userTraits = new HashMap<>();
  private final Map<String, Map<String, Value>> accountTraits = new HashMap<>();
  private final Map<String, Membership> claims = new HashMap<>();
  private long eventCount;
  private long accountEventCount;

  private EntityAssembler(AccountRule rule) {
    this.rule = rule;
  }

  /** An empty assembler that maps users to accounts by {@code rule}. */
  public static EntityAssembler create(AccountRule rule) {
    return new EntityAssembler(requireNonNull(rule, "rule"));
  }

  @Override
  public void event(Event event) {
    requireNonNull(event, "event");
    eventCount++;
    if (!event.hasUser()) {
      accountEvents.computeIfAbsent(event.account().get(), a -> new ArrayList<>()).add(event);
      accountEventCount++;
      return;
    }
    events.computeIfAbsent(event.user(), u -> new ArrayList<>()).add(event);
    event.account().ifPresent(a -> claim(event.user(), new Membership(event.time(), a)));
  }

  @Override
  public void traits(EntityKind kind, String id, Map<String, Value> traits) {
    requireNonNull(kind, "kind");
    requireNonNull(id, "id");
    requireNonNull(traits, "traits");
    Map<String, Map<String, Value>> all = kind == EntityKind.USER ? userTraits : accountTraits;
    all.computeIfAbsent(id, i -> new LinkedHashMap<>()).putAll(traits);
  }

  @Override
  public void member(String user, String account, Instant time) {
    claim(requireNonNull(user, "user"), new Membership(time, account));
  }

  private void claim(String user, Membership claim) {
    claims.merge(user, claim, Membership::latest);
  }

  /** Events accepted so far, those of accounts alone included. */
  public long eventCount() {
    return eventCount;
  }

  /** Events of an account alone (no user) accepted so far: a user model does not score them. */
  public long accountEventCount() {
    return accountEventCount;
  }

  /** The user's e-mail domain in lower case ({@link AccountRule#emailDomain}). */
  public Optional<String> emailDomain(String user) {
    return AccountRule.emailDomain(userTraits.getOrDefault(requireNonNull(user, "user"), Map.of()));
  }

  /** The account the user belongs to, by the account rule over everything read. */
  public Optional<String> accountOf(String user) {
    return rule.account(
        Optional.ofNullable(claims.get(requireNonNull(user, "user"))),
        userTraits.getOrDefault(user, Map.of()));
  }

  /** Every user, sorted by id. */
  public List<Entity> users() {
    SortedSet<String> ids = new TreeSet<>(events.keySet());
    ids.addAll(userTraits.keySet());
    List<Entity> users = new ArrayList<>(ids.size());
    for (String id : ids) {
      Map<String, Value> traits = new LinkedHashMap<>(userTraits.getOrDefault(id, Map.of()));
      if (!traits.containsKey("email_domain") && traits.get("email") instanceof Value.Str) {
        emailDomain(id).ifPresent(d -> traits.put("email_domain", Value.str(d)));
      }
      users.add(new Entity(id, traits, events.getOrDefault(id, List.of())));
    }
    return users;
  }

  /**
   * Every account with its members, for an account model that rolls members up, sorted by id. A
   * user is a member of the account it belongs to (by the rule above), with its traits and its
   * events there: those that name that account or none. Its events that name another account are
   * that other account's own events, so they still count where they happened; so are the events of
   * an account alone.
   */
  public List<Entity> accountsWithMembers() {
    Map<String, List<Entity>> members = new HashMap<>();
    Map<String, List<Event>> own = new HashMap<>();
    accountTraits.keySet().forEach(a -> members.put(a, new ArrayList<>()));
    accountEvents.forEach(
        (a, es) -> {
          members.computeIfAbsent(a, x -> new ArrayList<>());
          own.computeIfAbsent(a, x -> new ArrayList<>()).addAll(es);
        });
    for (Entity user : users()) {
      Optional<String> home = accountOf(user.id());
      List<Event> mine = new ArrayList<>();
      for (Event e : user.events()) {
        if (e.account().isEmpty() || e.account().equals(home)) {
          mine.add(e);
        } else {
          own.computeIfAbsent(e.account().get(), a -> new ArrayList<>()).add(e);
          members.computeIfAbsent(e.account().get(), a -> new ArrayList<>());
        }
      }
      if (home.isPresent()) {
        members
            .computeIfAbsent(home.get(), a -> new ArrayList<>())
            .add(new Entity(user.id(), user.traits(), mine));
      }
    }
    List<Entity> accounts = new ArrayList<>(members.size());
    for (String id : new TreeSet<>(members.keySet())) {
      accounts.add(
          new Entity(
              id,
              accountTraits.getOrDefault(id, Map.of()),
              own.getOrDefault(id, List.of()),
              members.get(id)));
    }
    return accounts;
  }

  /** Every account, sorted by id, with its users' events in it and its own events. */
  public List<Entity> accounts() {
    Map<String, List<Event>> byAccount = new HashMap<>();
    accountTraits.keySet().forEach(a -> byAccount.put(a, new ArrayList<>()));
    accountEvents.forEach(
        (a, es) -> byAccount.computeIfAbsent(a, x -> new ArrayList<>()).addAll(es));
    for (String user : new TreeSet<>(events.keySet())) {
      Optional<String> home = accountOf(user);
      for (Event e : events.get(user)) {
        Optional<String> account = e.account().isPresent() ? e.account() : home;
        if (account.isPresent()) {
          byAccount
              .computeIfAbsent(account.get(), a -> new ArrayList<>())
              .add(e.account().isPresent() ? e : e.withAccount(account.get()));
        }
      }
    }
    for (String user : userTraits.keySet()) {
      accountOf(user).ifPresent(a -> byAccount.computeIfAbsent(a, x -> new ArrayList<>()));
    }
    for (String user : claims.keySet()) {
      byAccount.computeIfAbsent(claims.get(user).account(), x -> new ArrayList<>());
    }
    List<Entity> accounts = new ArrayList<>(byAccount.size());
    for (String id : new TreeSet<>(byAccount.keySet())) {
      accounts.add(new Entity(id, accountTraits.getOrDefault(id, Map.of()), byAccount.get(id)));
    }
    return accounts;
  }
}
