package dev.pls.cli.io;

import static java.util.Objects.requireNonNull;

import dev.pls.core.input.AccountRule;
import dev.pls.core.input.AccountRule.Membership;
import dev.pls.core.input.Entity;
import dev.pls.core.input.Event;
import dev.pls.core.input.IdentityGraph;
import dev.pls.core.model.EntityKind;
import dev.pls.core.model.Value;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
 * People: the links read (Segment identify/track/page/screen calls carrying both ids, alias calls,
 * a links file) are applied to an IdentityGraph once everything is read, in time order (links
 * without a time, from a links file, first; equal times in reading order), and every id is then
 * read as its person's canonical id: the person's events are those of all its ids, its account
 * statements all of theirs (the latest wins), and per trait the value from the latest record by
 * time (a record without a time, from a traits file, counts as later than any identify call;
 * equal times: the record read last). Without links nothing is copied.
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
  // Per user and trait, when the record that set it was made (null: no time) and its number in
  // reading order: which of a person's ids gives a trait.
  private final Map<String, Map<String, Stamp>> traitStamps = new HashMap<>();
  private final List<Link> links = new ArrayList<>();
  private final int maxAnonymousIds;
  private final int maxKnownIds;
  private long eventCount;
  private long records;
  // The people, built from the links once everything is read; null until asked, reset by input.
  private People people;
  private long accountEventCount;

  private record Stamp(Instant time, long seq) {}

  private record Link(String id, String userId, Optional<Instant> time, long seq) {}

  /** What reading gives, read as people: by canonical id. */
  private record People(
      IdentityGraph graph,
      Map<String, List<Event>> events,
      Map<String, Map<String, Value>> userTraits,
      Map<String, Membership> claims) {}

  private EntityAssembler(AccountRule rule, int maxAnonymousIds, int maxKnownIds) {
    this.rule = rule;
    this.maxAnonymousIds = maxAnonymousIds;
    this.maxKnownIds = maxKnownIds;
  }

  /** An empty assembler that maps users to accounts by {@code rule}. */
  public static EntityAssembler create(AccountRule rule) {
    return new EntityAssembler(
        requireNonNull(rule, "rule"),
        IdentityGraph.DEFAULT_MAX_ANONYMOUS_IDS,
        IdentityGraph.DEFAULT_MAX_KNOWN_IDS);
  }

  /**
   * An empty assembler that maps users to accounts by {@code rule} and joins linked ids into people
   * with these limits per person ({@link IdentityGraph#withLimits}).
   *
   * @throws IllegalArgumentException if a limit is out of range
   */
  public static EntityAssembler create(AccountRule rule, int maxAnonymousIds, int maxKnownIds) {
    IdentityGraph.withLimits(maxAnonymousIds, maxKnownIds);
    return new EntityAssembler(requireNonNull(rule, "rule"), maxAnonymousIds, maxKnownIds);
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
    people = null;
  }

  /**
   * Counts {@code event} and takes what it says about its user (that the user exists, the account
   * it names), as {@link #event} does, without keeping it: for a run that streams events into an
   * {@code EntityStore} and asks this assembler only for users, traits, accounts and people.
   */
  void counted(Event event) {
    if (!event.hasUser()) {
      eventCount++;
      accountEventCount++;
      return;
    }
    counted(event.user(), event.account().orElse(null), event.time(), false);
  }

  /**
   * As {@link #counted(Event)} for an event of {@code user} naming {@code account} (null: none) at
   * {@code time}; {@code seen} says the caller counted an event of this user before, so that the
   * user need not be looked up again (a streaming run keeps its users' store indexes anyway).
   */
  void counted(String user, String account, Instant time, boolean seen) {
    eventCount++;
    if (!seen && !events.containsKey(user)) {
      events.put(user, List.of());
      people = null;
    }
    if (account != null) {
      claim(user, new Membership(time, account));
    }
  }

  /**
   * The links read, as {@link #users} and {@link #canonical} apply them: in time order (links
   * without a time first), equal times in reading order. Each is {@code {id, userId}}.
   */
  List<String[]> orderedLinks() {
    List<Link> ordered = new ArrayList<>(links);
    ordered.sort(
        Comparator.comparing((Link l) -> l.time().orElse(Instant.MIN))
            .thenComparingLong(Link::seq));
    return ordered.stream().map(l -> new String[] {l.id(), l.userId()}).toList();
  }

  @Override
  public void traits(EntityKind kind, String id, Map<String, Value> traits) {
    requireNonNull(kind, "kind");
    requireNonNull(id, "id");
    requireNonNull(traits, "traits");
    stamped(kind, id, traits, null);
  }

  @Override
  public void traits(EntityKind kind, String id, Map<String, Value> traits, Instant time) {
    requireNonNull(kind, "kind");
    requireNonNull(id, "id");
    requireNonNull(traits, "traits");
    stamped(kind, id, traits, requireNonNull(time, "time"));
  }

  private void stamped(EntityKind kind, String id, Map<String, Value> traits, Instant time) {
    Map<String, Map<String, Value>> all = kind == EntityKind.USER ? userTraits : accountTraits;
    all.computeIfAbsent(id, i -> new LinkedHashMap<>()).putAll(traits);
    if (kind == EntityKind.USER) {
      Stamp stamp = new Stamp(time, records++);
      Map<String, Stamp> stamps = traitStamps.computeIfAbsent(id, i -> new HashMap<>());
      traits.keySet().forEach(t -> stamps.put(t, stamp));
    }
    people = null;
  }

  @Override
  public void link(String id, String userId, Optional<Instant> time) {
    requireNonNull(id, "id");
    requireNonNull(userId, "userId");
    links.add(new Link(id, userId, requireNonNull(time, "time"), records++));
    people = null;
  }

  @Override
  public void member(String user, String account, Instant time) {
    claim(requireNonNull(user, "user"), new Membership(time, account));
  }

  private void claim(String user, Membership claim) {
    claims.merge(user, claim, Membership::latest);
    people = null;
  }

  /** What was read, by person; built once after reading. */
  private People people() {
    if (people != null) {
      return people;
    }
    IdentityGraph graph = IdentityGraph.withLimits(maxAnonymousIds, maxKnownIds);
    if (links.isEmpty()) {
      people = new People(graph, events, userTraits, claims);
      return people;
    }
    orderedLinks().forEach(l -> graph.link(l[0], l[1]));
    Map<String, List<Event>> byPerson = new HashMap<>();
    for (String user : new TreeSet<>(events.keySet())) {
      String person = graph.canonical(user);
      List<Event> mine = byPerson.computeIfAbsent(person, p -> new ArrayList<>());
      events.get(user).forEach(e -> mine.add(graph.resolve(e)));
    }
    Map<String, Membership> personClaims = new HashMap<>();
    claims.forEach((user, m) -> personClaims.merge(graph.canonical(user), m, Membership::latest));
    Map<String, Map<String, Value>> personTraits = new HashMap<>();
    Map<String, Map<String, Stamp>> personStamps = new HashMap<>();
    for (String user : new TreeSet<>(userTraits.keySet())) {
      String person = graph.canonical(user);
      Map<String, Value> traits = personTraits.computeIfAbsent(person, p -> new LinkedHashMap<>());
      Map<String, Stamp> stamps = personStamps.computeIfAbsent(person, p -> new HashMap<>());
      Map<String, Stamp> own = traitStamps.getOrDefault(user, Map.of());
      userTraits
          .get(user)
          .forEach(
              (name, value) -> {
                Stamp stamp = own.get(name);
                Stamp kept = stamps.get(name);
                if (kept == null || later(stamp, kept)) {
                  traits.put(name, value);
                  stamps.put(name, stamp);
                }
              });
    }
    people = new People(graph, byPerson, personTraits, personClaims);
    return people;
  }

  /** Whether {@code a} is a later record than {@code b}: by time (none is latest), then order. */
  private static boolean later(Stamp a, Stamp b) {
    if (a.time() == null || b.time() == null || a.time().equals(b.time())) {
      if ((a.time() == null) != (b.time() == null)) {
        return a.time() == null;
      }
      return a.seq() > b.seq();
    }
    return a.time().isAfter(b.time());
  }

  /** The canonical id of {@code id}'s person, after everything read. */
  public String canonical(String id) {
    return people().graph().canonical(requireNonNull(id, "id"));
  }

  /** The ids of {@code id}'s person, its canonical id first, after everything read. */
  public List<String> ids(String id) {
    return people().graph().ids(requireNonNull(id, "id"));
  }

  /** What the links read did: ids merged into people, links refused by the limits. */
  public IdentityGraph.Stats identityStats() {
    return people().graph().stats();
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
    People p = people();
    return AccountRule.emailDomain(
        p.userTraits().getOrDefault(p.graph().canonical(requireNonNull(user, "user")), Map.of()));
  }

  /** The account the user belongs to, by the account rule over everything read. */
  public Optional<String> accountOf(String user) {
    People p = people();
    String person = p.graph().canonical(requireNonNull(user, "user"));
    return rule.account(
        Optional.ofNullable(p.claims().get(person)), p.userTraits().getOrDefault(person, Map.of()));
  }

  /** Every user, sorted by id. */
  public List<Entity> users() {
    People p = people();
    SortedSet<String> ids = new TreeSet<>(p.events().keySet());
    ids.addAll(p.userTraits().keySet());
    List<Entity> users = new ArrayList<>(ids.size());
    for (String id : ids) {
      Map<String, Value> traits = new LinkedHashMap<>(p.userTraits().getOrDefault(id, Map.of()));
      if (!traits.containsKey("email_domain") && traits.get("email") instanceof Value.Str) {
        emailDomain(id).ifPresent(d -> traits.put("email_domain", Value.str(d)));
      }
      users.add(new Entity(id, traits, p.events().getOrDefault(id, List.of())));
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
    People p = people();
    Map<String, List<Event>> byAccount = new HashMap<>();
    accountTraits.keySet().forEach(a -> byAccount.put(a, new ArrayList<>()));
    accountEvents.forEach(
        (a, es) -> byAccount.computeIfAbsent(a, x -> new ArrayList<>()).addAll(es));
    for (String user : new TreeSet<>(p.events().keySet())) {
      Optional<String> home = accountOf(user);
      for (Event e : p.events().get(user)) {
        Optional<String> account = e.account().isPresent() ? e.account() : home;
        if (account.isPresent()) {
          byAccount
              .computeIfAbsent(account.get(), a -> new ArrayList<>())
              .add(e.account().isPresent() ? e : e.withAccount(account.get()));
        }
      }
    }
    for (String user : p.userTraits().keySet()) {
      accountOf(user).ifPresent(a -> byAccount.computeIfAbsent(a, x -> new ArrayList<>()));
    }
    for (String user : p.claims().keySet()) {
      byAccount.computeIfAbsent(p.claims().get(user).account(), x -> new ArrayList<>());
    }
    List<Entity> accounts = new ArrayList<>(byAccount.size());
    for (String id : new TreeSet<>(byAccount.keySet())) {
      accounts.add(new Entity(id, accountTraits.getOrDefault(id, Map.of()), byAccount.get(id)));
    }
    return accounts;
  }
}
