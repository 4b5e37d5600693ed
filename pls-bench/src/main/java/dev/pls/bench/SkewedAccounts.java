package dev.pls.bench;

import dev.pls.core.input.FeatureTable;
import dev.pls.core.model.Value;
import java.math.BigDecimal;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;

/*
 * Seed-template features for n accounts as a warehouse hands them to an engineer who writes the
 * scoring loop by hand: one narrow primitive array per value the template reads. Unlike
 * SeedFeatures (uniform draws, every value a long), the values come from two latent variables per
 * account, so they are skewed and correlated the way product usage is:
 *
 * - engagement e in [0, 1): 55% of accounts are idle (e = 0: no product event in the last five
 *   weeks), the rest draw e = u^3, so most active accounts are barely active and a few are very
 *   engaged. Engagement drives the daily activity over five weeks (each day active with a
 *   probability that rises with e, drifting up or down per account), the events of an active day,
 *   and every usage count.
 * - intent t in [0, 1): half engagement, half an independent u^3; it drives pricing views,
 *   upgrades, enterprise requests, billing contacts, invites, colleagues from the same domain and
 *   the ICP match.
 *
 * Derived the way the engine would derive them: active days in 7 and 30 days and days since the
 * last event come from the same daily activity; the 4-week trend is the least-squares slope of
 * the last four weekly event counts (oldest first), (-3 w3 - w2 + w1 + 3 w0) / 10, a real decimal
 * of one fractional digit held as a double (k / 10.0 is the double nearest the decimal k/10, so
 * comparing it with 0 is exact); growth weeks is the streak of weeks each busier than the one
 * before, over five weeks of counts.
 *
 * Missing values: an int column that can be missing has a BitSet of missing rows, and its value
 * array holds MISSING (Integer.MIN_VALUE) at those rows, so a reader may use either; industry is
 * a code into INDUSTRIES (-1 when missing), icp a boolean (false when missing) with its own
 * missing set. Every draw comes from one SplittableRandom with a fixed seed, in a fixed order, so
 * every run and every variant scores the same accounts.
 */
/**
 * Skewed, correlated seed-template features for n accounts as narrow primitive columns: what the
 * engineer's baseline ({@link EngineerBaseline}), SpEL ({@link SpelPlain}) and pls ({@link
 * #table()}) score in {@link EngineerBaselineBenchmark}. Package-private fields, read-only after
 * construction; another benchmark of this package may feed the same arrays to any table.
 */
final class SkewedAccounts {
  /** The value of a missing row in an {@code int[]} column that can be missing. */
  static final int MISSING = Integer.MIN_VALUE;

  /** The industry dictionary: {@link #industry} holds indexes into it. */
  static final List<String> INDUSTRIES =
      List.of("software", "fintech", "healthcare", "retail", "education", "media", "manufacturing");

  private static final double[] INDUSTRY_WEIGHTS = {0.30, 0.12, 0.10, 0.18, 0.10, 0.08, 0.12};

  /** Weeks of daily activity generated per account: five for growth weeks, 30 days inside. */
  private static final int DAYS = 35;

  final int n;

  // Traits.
  final int[] employees;
  final BitSet employeesMissing = new BitSet();
  final int[] domainUsers;
  final BitSet domainUsersMissing = new BitSet();
  final int[] industry;
  final BitSet industryMissing = new BitSet();
  final boolean[] icp;
  final BitSet icpMissing = new BitSet();

  // Signals, as the template's keys name them (see table()).
  final int[] premium30;
  final int[] limit30;
  final int[] api30;
  final int[] integrations30;
  final int[] features14;
  final int[] invites7;
  final int[] shared30;
  final int[] minutes;
  final BitSet minutesMissing = new BitSet();
  final int[] active30;
  final int[] growth;
  final int[] active7;
  final int[] pricing30;
  final int[] upgradeStarted30;
  final int[] upgradeCompleted30;
  final int[] enterprise30;
  final int[] billing30;
  final int[] daysSinceAny;
  final BitSet daysSinceAnyMissing = new BitSet();
  final double[] trend;
  final int[] daysSinceSignup;
  final BitSet daysSinceSignupMissing = new BitSet();
  final int[] invitesAll;
  final int[] premiumAll;

  /** Generates {@code n} accounts from {@code seed}. */
  SkewedAccounts(int n, long seed) {
    if (n < 0) {
      throw new IllegalArgumentException("n: must be at least 0, was " + n);
    }
    this.n = n;
    employees = new int[n];
    domainUsers = new int[n];
    industry = new int[n];
    icp = new boolean[n];
    premium30 = new int[n];
    limit30 = new int[n];
    api30 = new int[n];
    integrations30 = new int[n];
    features14 = new int[n];
    invites7 = new int[n];
    shared30 = new int[n];
    minutes = new int[n];
    active30 = new int[n];
    growth = new int[n];
    active7 = new int[n];
    pricing30 = new int[n];
    upgradeStarted30 = new int[n];
    upgradeCompleted30 = new int[n];
    enterprise30 = new int[n];
    billing30 = new int[n];
    daysSinceAny = new int[n];
    trend = new double[n];
    daysSinceSignup = new int[n];
    invitesAll = new int[n];
    premiumAll = new int[n];
    SplittableRandom r = new SplittableRandom(seed);
    int[] daily = new int[DAYS]; // events per day, index 0 = as-of day
    int[] weeks = new int[DAYS / 7]; // events per week, index 0 = the as-of day's week
    for (int i = 0; i < n; i++) {
      account(r, i, daily, weeks);
    }
  }

  private void account(SplittableRandom r, int i, int[] daily, int[] weeks) {
    double e = r.nextDouble() < 0.55 ? 0 : cube(r);
    double t = Math.min(0.999, 0.5 * e + 0.5 * cube(r));

    // Traits: firmographics do not depend on engagement; team size and ICP follow intent.
    if (r.nextDouble() < 0.15) {
      employees[i] = MISSING;
      employeesMissing.set(i);
    } else {
      employees[i] = (int) Math.exp(r.nextDouble() * Math.log(20_000));
    }
    if (r.nextDouble() < 0.2) {
      domainUsers[i] = MISSING;
      domainUsersMissing.set(i);
    } else {
      domainUsers[i] = 1 + poisson(r, 6 * t * t);
    }
    if (r.nextDouble() < 0.1) {
      industry[i] = -1;
      industryMissing.set(i);
    } else {
      industry[i] = pick(r, INDUSTRY_WEIGHTS);
    }
    if (r.nextDouble() < 0.25) {
      icpMissing.set(i);
    } else {
      icp[i] = r.nextDouble() < 0.15 + 0.6 * t;
    }

    // Daily activity over five weeks, drifting up or down per account.
    double p = e == 0 ? 0 : 0.03 + 0.9 * e;
    double drift = r.nextDouble() * 2 - 1;
    int lastActive = -1;
    for (int d = DAYS - 1; d >= 0; d--) {
      double pd = p * (1 + 0.6 * drift * (DAYS - 1 - 2 * d) / (DAYS - 1.0));
      daily[d] = r.nextDouble() < pd ? 1 + poisson(r, 1 + 8 * e) : 0;
    }
    int a7 = 0;
    int a30 = 0;
    for (int d = 0; d < 30; d++) {
      if (daily[d] > 0) {
        a30++;
        if (d < 7) {
          a7++;
        }
        if (lastActive < 0) {
          lastActive = d;
        }
      }
    }
    for (int d = 30; d < DAYS && lastActive < 0; d++) {
      if (daily[d] > 0) {
        lastActive = d;
      }
    }
    active7[i] = a7;
    active30[i] = a30;
    Arrays.fill(weeks, 0);
    for (int d = 0; d < DAYS; d++) {
      weeks[d / 7] += daily[d];
    }
    trend[i] = (-3 * weeks[3] - weeks[2] + weeks[1] + 3 * weeks[0]) / 10.0;
    int streak = 0;
    while (streak < 4 && weeks[streak] > weeks[streak + 1]) {
      streak++;
    }
    growth[i] = streak;

    boolean signedUp = r.nextDouble() >= 0.08;
    // Signed up before the first generated day when the account has no activity in it, so that
    // its signup (an event too) is its last event.
    int signup = lastActive < 0 ? DAYS + r.nextInt(200) : lastActive + r.nextInt(120);
    if (signedUp) {
      daysSinceSignup[i] = signup;
    } else {
      daysSinceSignup[i] = MISSING;
      daysSinceSignupMissing.set(i);
    }
    if (lastActive >= 0) {
      daysSinceAny[i] = lastActive;
    } else if (signedUp) {
      daysSinceAny[i] = signup;
    } else {
      daysSinceAny[i] = MISSING;
      daysSinceAnyMissing.set(i);
    }
    if (signedUp && r.nextDouble() < 0.25 + 0.7 * e) {
      minutes[i] = (int) (-Math.log(1 - r.nextDouble()) * (20 + 600 * (1 - e)));
    } else {
      minutes[i] = MISSING;
      minutesMissing.set(i);
    }

    // Usage and intent counts, zero for an account without activity in their window.
    boolean active = a30 > 0;
    premium30[i] = active ? Math.min(6, poisson(r, 3 * e)) : 0;
    limit30[i] = active ? poisson(r, 0.8 * e) : 0;
    api30[i] = active ? poisson(r, 20 * e * e) : 0;
    integrations30[i] = active ? poisson(r, 0.6 * e) : 0;
    features14[i] = lastActive >= 0 && lastActive < 14 ? Math.min(12, poisson(r, 9 * e)) : 0;
    invites7[i] = a7 > 0 ? poisson(r, 5 * e * t) : 0;
    shared30[i] = active ? poisson(r, e) : 0;
    pricing30[i] = active ? poisson(r, 4 * t) : 0;
    upgradeStarted30[i] = active ? poisson(r, 0.5 * t) : 0;
    upgradeCompleted30[i] = upgradeStarted30[i] > 0 && r.nextDouble() < 0.3 ? 1 : 0;
    enterprise30[i] = active ? poisson(r, 0.6 * t * t) : 0;
    billing30[i] = active ? poisson(r, 0.4 * t) : 0;
    invitesAll[i] = invites7[i] + (signedUp ? poisson(r, 2 * t) : 0);
    premiumAll[i] = premium30[i] + (signedUp ? poisson(r, 1.5 * e) : 0);
  }

  private static double cube(SplittableRandom r) {
    double u = r.nextDouble();
    return u * u * u;
  }

  /** A Poisson draw by Knuth's product of uniforms (means here are at most about 20). */
  private static int poisson(SplittableRandom r, double mean) {
    if (mean <= 0) {
      return 0;
    }
    double limit = Math.exp(-mean);
    double product = r.nextDouble();
    int k = 0;
    while (product > limit) {
      k++;
      product *= r.nextDouble();
    }
    return k;
  }

  private static int pick(SplittableRandom r, double[] weights) {
    double u = r.nextDouble();
    for (int k = 0; k < weights.length - 1; k++) {
      u -= weights[k];
      if (u < 0) {
        return k;
      }
    }
    return weights.length - 1;
  }

  /** The row ids {@code a0}, {@code a1}, ..., made on demand. */
  List<String> ids() {
    return new AbstractList<>() {
      @Override
      public String get(int index) {
        return "a" + index;
      }

      @Override
      public int size() {
        return n;
      }
    };
  }

  /**
   * The same values as {@link #table()}, in typed columns over these arrays themselves (no copies):
   * counts as {@code int[]} with their missing rows, the trend as {@code double[]} (each k / 10.0,
   * whose shortest decimal is k / 10, the value pls reads), icp as {@code boolean[]}, industry as
   * codes into {@link #INDUSTRIES}. The table the engineer's baseline reads, fed to pls.
   */
  FeatureTable typedTable() {
    return FeatureTable.builder(n)
        .column("domain_users", domainUsers, domainUsersMissing)
        .column("employees", employees, employeesMissing)
        .dictionaryColumn("industry", industry, INDUSTRIES, industryMissing)
        .column("icp", icp, icpMissing)
        .column("premium_used within 30d", premium30, null)
        .column("count(usage_limit_hit) within 30d", limit30, null)
        .column("count(api_called) within 30d", api30, null)
        .column("count(integration_enabled) within 30d", integrations30, null)
        .column("features_used within 14d", features14, null)
        .column("invites within 7d", invites7, null)
        .column("count(content_shared where external == true) within 30d", shared30, null)
        .column("minutes_between(signed_up, activated)", minutes, minutesMissing)
        .column("active_days within 30d", active30, null)
        .column("growth_weeks(any)", growth, null)
        .column("active_days within 7d", active7, null)
        .column("pricing_views within 30d", pricing30, null)
        .column("count(upgrade_started) within 30d", upgradeStarted30, null)
        .column("count(upgrade_completed) within 30d", upgradeCompleted30, null)
        .column("count(enterprise_feature_requested) within 30d", enterprise30, null)
        .column(
            "count(support_contacted where topic in {\"billing\", \"plans\"}) within 30d",
            billing30,
            null)
        .column("days_since(any)", daysSinceAny, daysSinceAnyMissing)
        .column("trend(any, 4w)", trend, null)
        .column("days_since(signed_up)", daysSinceSignup, daysSinceSignupMissing)
        .column("invites", invitesAll, null)
        .column("premium_used", premiumAll, null)
        .build();
  }

  /**
   * The same values as pls's feature table of today keyed as the seed template's cards name them:
   * whole numbers as {@code long[]} with their missing rows, industry, icp and the trend (a
   * decimal) as {@code Value[]}. Allocates copies; call it at setup.
   */
  FeatureTable table() {
    Value[] industryValues = new Value[n];
    Value[] icpValues = new Value[n];
    Value[] trendValues = new Value[n];
    for (int i = 0; i < n; i++) {
      industryValues[i] = industry[i] < 0 ? null : Value.str(INDUSTRIES.get(industry[i]));
      icpValues[i] = icpMissing.get(i) ? null : Value.bool(icp[i]);
      // trend[i] is k / 10 for a whole k: the decimal itself, not the double's binary expansion.
      trendValues[i] = Value.num(BigDecimal.valueOf(Math.round(trend[i] * 10), 1));
    }
    return FeatureTable.builder(ids())
        .column("domain_users", longs(domainUsers), domainUsersMissing)
        .column("employees", longs(employees), employeesMissing)
        .column("industry", industryValues)
        .column("icp", icpValues)
        .column("premium_used within 30d", longs(premium30))
        .column("count(usage_limit_hit) within 30d", longs(limit30))
        .column("count(api_called) within 30d", longs(api30))
        .column("count(integration_enabled) within 30d", longs(integrations30))
        .column("features_used within 14d", longs(features14))
        .column("invites within 7d", longs(invites7))
        .column("count(content_shared where external == true) within 30d", longs(shared30))
        .column("minutes_between(signed_up, activated)", longs(minutes), minutesMissing)
        .column("active_days within 30d", longs(active30))
        .column("growth_weeks(any)", longs(growth))
        .column("active_days within 7d", longs(active7))
        .column("pricing_views within 30d", longs(pricing30))
        .column("count(upgrade_started) within 30d", longs(upgradeStarted30))
        .column("count(upgrade_completed) within 30d", longs(upgradeCompleted30))
        .column("count(enterprise_feature_requested) within 30d", longs(enterprise30))
        .column(
            "count(support_contacted where topic in {\"billing\", \"plans\"}) within 30d",
            longs(billing30))
        .column("days_since(any)", longs(daysSinceAny), daysSinceAnyMissing)
        .column("trend(any, 4w)", trendValues)
        .column("days_since(signed_up)", longs(daysSinceSignup), daysSinceSignupMissing)
        .column("invites", longs(invitesAll))
        .column("premium_used", longs(premiumAll))
        .build();
  }

  private static long[] longs(int[] values) {
    long[] out = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }
}
