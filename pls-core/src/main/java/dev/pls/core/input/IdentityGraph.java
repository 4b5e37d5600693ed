package dev.pls.core.input;

import static java.util.Objects.requireNonNull;

import dev.pls.core.internal.base.Names;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/*
 * A union-find over ids, with per person (a connected set of ids) its canonical id, its counts of
 * known and anonymous ids and its ids in the order they joined. Links are applied in the order
 * they are given, so the canonical id and what the guards refuse depend only on that order; a
 * caller that wants "earliest" to mean time gives the links in time order (the CLI sorts them).
 *
 * Known ids: the userId side of a link is known from then on; the other side is known only if it
 * already was. So an alias of an old userId to a new one joins two known ids (a conflict: counted,
 * accepted within the limit, the earlier known id stays canonical), and an anonymous id that later
 * appears as a userId turns known inside its person.
 *
 * The guards judge a link as a whole: if the person it would make holds more anonymous or more
 * known ids than the limits allow, the link is refused and nothing changes, so a shared kiosk's
 * device id joins the first person who signs in on it and no one after.
 */
/**
 * Which ids are one person: links between an anonymous or previous id and a known user id (from
 * Segment {@code identify}, {@code track} or {@code page} calls carrying both an {@code
 * anonymousId} and a {@code userId}, and from {@code alias} calls), resolved to one canonical id
 * per person.
 *
 * <p>The canonical id of a person is its earliest known id: the first id given as the {@code
 * userId} of an accepted link, in the order links were given. When a link joins a person who has a
 * known id to another known id (an alias of an old user id to a new one, or one device signed in as
 * two users), it is a {@linkplain Stats#conflicts() conflict}: accepted within the limits, and the
 * person keeps the earlier canonical id.
 *
 * <p>Guards against over-merging: a link is {@linkplain Stats#refused() refused}, and nothing
 * changes, when the person it would make has more than {@link #maxAnonymousIds()} anonymous ids or
 * more than {@link #maxKnownIds()} known ids. An id never linked is its own canonical id.
 *
 * <p>Mutable and not thread-safe: {@link #link} must not run concurrently with any other call; the
 * reading methods ({@link #canonical}, {@link #ids}, {@link #resolve}, {@link #stats}) change
 * nothing and may run concurrently with each other.
 */
public final class IdentityGraph {
  /** The default limit of anonymous ids per person. */
  public static final int DEFAULT_MAX_ANONYMOUS_IDS = 100;

  /** The default limit of known ids per person. */
  public static final int DEFAULT_MAX_KNOWN_IDS = 5;

  /** What {@link #link} did. */
  public enum Outcome {
    /** The link joined two people into one, or an id to a person. */
    JOINED,
    /** Both ids were already one person's (the link may have made the other id known). */
    ALREADY_ONE,
    /** The link would have exceeded a limit; nothing changed. */
    REFUSED
  }

  /**
   * What the links did.
   *
   * @param links links given
   * @param refused links refused by a limit
   * @param conflicts accepted links that joined a person who had a known id to another known id
   * @param people people of more than one id
   * @param ids ids of those people: {@code ids - people} ids were merged into another id
   */
  public record Stats(long links, long refused, long conflicts, int people, int ids) {}

  private static final class Person {
    String canonical;
    long canonicalSeq;
    int known;
    int anonymous;
    List<String> ids = new ArrayList<>(2);
  }

  private final int maxAnonymousIds;
  private final int maxKnownIds;
  private final Map<String, String> parent = new HashMap<>();
  private final Map<String, Person> people = new HashMap<>();
  private final Map<String, Long> knownSince = new HashMap<>();
  private long sequence;
  private long links;
  private long refused;
  private long conflicts;
  private int merged;
  private int multi;

  private IdentityGraph(int maxAnonymousIds, int maxKnownIds) {
    this.maxAnonymousIds = maxAnonymousIds;
    this.maxKnownIds = maxKnownIds;
  }

  /** An empty graph with the default limits. */
  public static IdentityGraph create() {
    return new IdentityGraph(DEFAULT_MAX_ANONYMOUS_IDS, DEFAULT_MAX_KNOWN_IDS);
  }

  /**
   * An empty graph with these limits per person.
   *
   * @throws IllegalArgumentException if {@code maxAnonymousIds} is negative or {@code maxKnownIds}
   *     is less than 1
   */
  public static IdentityGraph withLimits(int maxAnonymousIds, int maxKnownIds) {
    if (maxAnonymousIds < 0) {
      throw new IllegalArgumentException(
          "maxAnonymousIds: must not be negative, was " + maxAnonymousIds);
    }
    if (maxKnownIds < 1) {
      throw new IllegalArgumentException("maxKnownIds: must be at least 1, was " + maxKnownIds);
    }
    return new IdentityGraph(maxAnonymousIds, maxKnownIds);
  }

  /** The most anonymous ids one person may have. */
  public int maxAnonymousIds() {
    return maxAnonymousIds;
  }

  /** The most known ids one person may have. */
  public int maxKnownIds() {
    return maxKnownIds;
  }

  /**
   * Links {@code id} (an anonymous id, or an alias's previous id) to the known {@code userId}.
   *
   * @throws IllegalArgumentException if an id is blank, too long or holds control characters (the
   *     message names it)
   */
  public Outcome link(String id, String userId) {
    Names.check(id, "id");
    Names.check(userId, "userId");
    links++;
    Person a = person(id);
    Person b = person(userId);
    boolean turnsKnown = !knownSince.containsKey(userId);
    if (a != null && a == b) {
      if (turnsKnown && b.known + 1 > maxKnownIds) {
        refused++;
        return Outcome.REFUSED;
      }
      if (turnsKnown) {
        b.known++;
        b.anonymous--;
        knownSince.put(userId, sequence++);
      }
      return Outcome.ALREADY_ONE;
    }
    if (id.equals(userId)) {
      // A call whose two ids are equal says nothing about anyone else.
      return Outcome.ALREADY_ONE;
    }
    int knownA = a != null ? a.known : knownSince.containsKey(id) ? 1 : 0;
    int anonymousA = a != null ? a.anonymous : 1 - knownA;
    int knownB = b != null ? b.known + (turnsKnown ? 1 : 0) : 1;
    int anonymousB = b != null ? b.anonymous - (turnsKnown ? 1 : 0) : 0;
    if (anonymousA + anonymousB > maxAnonymousIds || knownA + knownB > maxKnownIds) {
      refused++;
      return Outcome.REFUSED;
    }
    if (knownA > 0) {
      // userId is known after this link whatever it was before: two known ids become one person.
      conflicts++;
    }
    if (turnsKnown) {
      knownSince.put(userId, sequence++);
      if (b != null) {
        // The anonymous id of an existing person turns known; its canonical id was known earlier.
        b.known++;
        b.anonymous--;
      }
    }
    a = a != null ? a : single(id);
    b = b != null ? b : single(userId);
    join(a, b);
    return Outcome.JOINED;
  }

  /** The canonical id of {@code id}'s person: {@code id} itself when it was never linked. */
  public String canonical(String id) {
    Person p = person(requireNonNull(id, "id"));
    return p == null || p.canonical == null ? id : p.canonical;
  }

  /**
   * The ids of {@code id}'s person: its canonical id first, then the others in {@link String}
   * order; just {@code id} when it was never linked.
   */
  public List<String> ids(String id) {
    Person p = person(requireNonNull(id, "id"));
    if (p == null) {
      return List.of(id);
    }
    List<String> others = new ArrayList<>(p.ids);
    others.remove(p.canonical);
    others.sort(null);
    List<String> ids = new ArrayList<>(p.ids.size());
    ids.add(p.canonical);
    ids.addAll(others);
    return List.copyOf(ids);
  }

  /**
   * {@code event} with its user replaced by that user's canonical id; an event of an account alone
   * (no user) as it is.
   */
  public Event resolve(Event event) {
    if (!requireNonNull(event, "event").hasUser()) {
      return event;
    }
    String user = canonical(event.user());
    return user.equals(event.user())
        ? event
        : new Event(user, event.account(), event.name(), event.time(), event.properties());
  }

  /** What the links given so far did. */
  public Stats stats() {
    return new Stats(links, refused, conflicts, multi, merged);
  }

  private Person single(String id) {
    Person p = new Person();
    p.ids.add(id);
    if (knownSince.containsKey(id)) {
      p.known = 1;
      p.canonical = id;
      p.canonicalSeq = knownSince.get(id);
    } else {
      p.anonymous = 1;
    }
    parent.put(id, id);
    people.put(id, p);
    return p;
  }

  private void join(Person a, Person b) {
    String rootA = find(a.ids.get(0));
    String rootB = find(b.ids.get(0));
    if (a.ids.size() > 1) {
      multi--;
      merged -= a.ids.size();
    }
    if (b.ids.size() > 1) {
      multi--;
      merged -= b.ids.size();
    }
    Person into = a.ids.size() >= b.ids.size() ? a : b;
    Person from = into == a ? b : a;
    String rootInto = into == a ? rootA : rootB;
    String rootFrom = into == a ? rootB : rootA;
    if (from.canonical != null
        && (into.canonical == null || from.canonicalSeq < into.canonicalSeq)) {
      into.canonical = from.canonical;
      into.canonicalSeq = from.canonicalSeq;
    }
    into.known += from.known;
    into.anonymous += from.anonymous;
    into.ids.addAll(from.ids);
    parent.put(rootFrom, rootInto);
    people.remove(rootFrom);
    multi++;
    merged += into.ids.size();
  }

  private Person person(String id) {
    return parent.containsKey(id) ? people.get(find(id)) : null;
  }

  private String find(String id) {
    // No path compression: reads change nothing, so they may run concurrently with each other
    // (a store reads under a shared lock); joining the smaller person into the larger keeps any
    // id within log2(ids) steps of its root.
    String root = id;
    for (String up = parent.get(root); !up.equals(root); up = parent.get(root)) {
      root = up;
    }
    return root;
  }
}
