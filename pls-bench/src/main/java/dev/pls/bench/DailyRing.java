package dev.pls.bench;

import dev.pls.core.input.Event;
import dev.pls.core.model.Value;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ingest a performance engineer would hand-write for the seed template over {@link
 * ActivityMix}'s events: what {@code StoreBenchmark.ingest}'s store is measured against.
 *
 * <p>What it includes, per event: the user's index from a hash map of ids (arrays sized for the
 * expected users at construction, grown by doubling beyond them, so nothing is allocated per event
 * once they are big enough; the benchmark sizes them for its users, outside the measurement), the
 * event's filters from its name and properties written out by hand (premium feature, pricing page,
 * external share, billing or plans topic), its UTC epoch day, and one slot of a per-user ring of 64
 * days: a count per filter, and the day's features (and premium features) as bits of a {@code
 * long}, from a dictionary of feature names. Per user, the first {@code signed_up} and {@code
 * activated} instant and the last event's, for {@code minutes_between} and {@code days_since}.
 *
 * <p>What it leaves out, which the store does: any model but this one (the filters are code, not a
 * plan), time zones (UTC days only), events older than the ring (dropped, where the store folds
 * them into all-history state), events out of order by more than the ring, events dated after a
 * clock, identity links, account rules, traits, more than 64 distinct feature names, snapshots,
 * counters, and thread safety (one thread ingests). Its memory is 64 days × 12 ints and 2 longs per
 * user, whatever the user did (about 3.6 KB), where the store keeps about 250 bytes.
 */
final class DailyRing {
  static final int SLOTS = 64;
  private static final int FILTERS = 12;
  private static final long DAY = 86_400;

  // Filter numbers: one per event name the template reads, and the where-conditions.
  private static final int SIGNED_UP = 0;
  private static final int ACTIVATED = 1;
  private static final int FEATURE = 2;
  private static final int PREMIUM = 3;
  private static final int PRICING = 4;
  private static final int INVITE = 5;
  private static final int API = 6;
  private static final int SHARED_EXTERNAL = 7;
  private static final int LIMIT = 8;
  private static final int INTEGRATION = 9;
  private static final int UPGRADE = 10;
  private static final int BILLING = 11;
  private static final Value PREMIUM_TIER = Value.str("premium");
  private static final Value PRICING_PATH = Value.str("/pricing");
  private static final Value BILLING_TOPIC = Value.str("billing");
  private static final Value PLANS_TOPIC = Value.str("plans");
  private static final Value EXTERNAL = Value.bool(true);

  private final Map<String, Integer> users = new HashMap<>();
  private final Map<String, Integer> features = new HashMap<>();
  private int size;
  private long[] slotDay = new long[0];
  private int[] counts = new int[0];
  private long[] featureBits = new long[0];
  private long[] premiumBits = new long[0];
  private long[] signedUp = new long[0];
  private long[] activated = new long[0];
  private long[] lastSeen = new long[0];
  private long dropped;

  DailyRing(int expectedUsers) {
    grow(Math.max(16, expectedUsers));
  }

  /** Ingests events in order; returns how many were kept (not older than a user's ring). */
  long ingest(List<Event> events) {
    long kept = 0;
    for (int i = 0, n = events.size(); i < n; i++) {
      kept += ingest(events.get(i)) ? 1 : 0;
    }
    return kept;
  }

  /** The number of users seen. */
  int size() {
    return size;
  }

  /** Events dropped because their day had left the ring. */
  long dropped() {
    return dropped;
  }

  /** User {@code user}'s count of filter {@code filter} on UTC epoch day {@code day}. */
  int count(String user, int filter, long day) {
    Integer u = users.get(user);
    if (u == null) {
      return 0;
    }
    int slot = u * SLOTS + (int) (day & (SLOTS - 1));
    return slotDay[slot] == day ? counts[slot * FILTERS + filter] : 0;
  }

  private boolean ingest(Event e) {
    int user = index(e.user());
    long second = e.time().getEpochSecond();
    long day = Math.floorDiv(second, DAY);
    int slot = user * SLOTS + (int) (day & (SLOTS - 1));
    long stamp = slotDay[slot];
    if (stamp != day) {
      if (stamp > day) {
        dropped++;
        return false;
      }
      slotDay[slot] = day;
      Arrays.fill(counts, slot * FILTERS, slot * FILTERS + FILTERS, 0);
      featureBits[slot] = 0;
      premiumBits[slot] = 0;
    }
    int base = slot * FILTERS;
    if (second > lastSeen[user]) {
      lastSeen[user] = second;
    }
    switch (e.name()) {
      case "signed_up" -> {
        counts[base + SIGNED_UP]++;
        signedUp[user] = Math.min(signedUp[user], second);
      }
      case "activated" -> {
        counts[base + ACTIVATED]++;
        activated[user] = Math.min(activated[user], second);
      }
      case "feature_used" -> {
        counts[base + FEATURE]++;
        long bit = 1L << feature(e.properties().get("feature"));
        featureBits[slot] |= bit;
        if (PREMIUM_TIER.equals(e.properties().get("tier"))) {
          counts[base + PREMIUM]++;
          premiumBits[slot] |= bit;
        }
      }
      case "page_viewed" -> {
        if (PRICING_PATH.equals(e.properties().get("path"))) {
          counts[base + PRICING]++;
        }
      }
      case "invite_sent" -> counts[base + INVITE]++;
      case "api_called" -> counts[base + API]++;
      case "content_shared" -> {
        if (EXTERNAL.equals(e.properties().get("external"))) {
          counts[base + SHARED_EXTERNAL]++;
        }
      }
      case "usage_limit_hit" -> counts[base + LIMIT]++;
      case "integration_enabled" -> counts[base + INTEGRATION]++;
      case "upgrade_started", "upgrade_completed", "enterprise_feature_requested" ->
          counts[base + UPGRADE]++;
      case "support_contacted" -> {
        Value topic = e.properties().get("topic");
        if (BILLING_TOPIC.equals(topic) || PLANS_TOPIC.equals(topic)) {
          counts[base + BILLING]++;
        }
      }
      default -> {}
    }
    return true;
  }

  private int index(String user) {
    Integer known = users.get(user);
    if (known != null) {
      return known;
    }
    if (size == lastSeen.length) {
      grow(size * 2);
    }
    users.put(user, size);
    return size++;
  }

  private int feature(Value name) {
    if (!(name instanceof Value.Str str)) {
      return 63;
    }
    String key = str.value();
    Integer code = features.get(key);
    if (code == null) {
      code = Math.min(features.size(), 63);
      features.put(key, code);
    }
    return code;
  }

  private void grow(int users) {
    int from = lastSeen.length;
    slotDay = Arrays.copyOf(slotDay, users * SLOTS);
    Arrays.fill(slotDay, from * SLOTS, users * SLOTS, Long.MIN_VALUE);
    counts = Arrays.copyOf(counts, users * SLOTS * FILTERS);
    featureBits = Arrays.copyOf(featureBits, users * SLOTS);
    premiumBits = Arrays.copyOf(premiumBits, users * SLOTS);
    signedUp = Arrays.copyOf(signedUp, users);
    Arrays.fill(signedUp, from, users, Long.MAX_VALUE);
    activated = Arrays.copyOf(activated, users);
    Arrays.fill(activated, from, users, Long.MAX_VALUE);
    lastSeen = Arrays.copyOf(lastSeen, users);
    Arrays.fill(lastSeen, from, users, Long.MIN_VALUE);
  }
}
