package dev.pls.bench;

import dev.pls.core.input.FeatureTable;
import dev.pls.core.model.Value;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;

/*
 * One million (or n) accounts' precomputed features for the seed template, as a warehouse would
 * hand them over: a column per value the template reads. Values are whole numbers (active days,
 * counts, minutes to activation rounded, the 4-week trend's sign), so every variant reads the
 * same long/int columns; strings and booleans are the industry and ICP traits.
 *
 * The distribution is sparse, as product usage is: most counts are zero, a few accounts are busy.
 * The Random has a fixed seed so that every run and every variant scores the same table.
 */
/** Seed-template features for n accounts, column by column. */
final class SeedFeatures {
  final int n;
  final List<String> ids = new ArrayList<>();
  final long[] domainUsers;
  final BitSet domainUsersMissing = new BitSet();
  final long[] employees;
  final BitSet employeesMissing = new BitSet();
  final String[] industry;
  final boolean[] targetIndustry;
  final byte[] icp; // 0 false, 1 true, 2 missing
  final long[] premium30;
  final long[] limit30;
  final long[] api30;
  final long[] integrations30;
  final long[] features14;
  final long[] invites7;
  final long[] shared30;
  final long[] minutes;
  final BitSet minutesMissing = new BitSet();
  final long[] active30;
  final long[] growth;
  final long[] active7;
  final long[] pricing30;
  final long[] upgradeStarted30;
  final long[] upgradeCompleted30;
  final long[] enterprise30;
  final long[] billing30;
  final long[] daysSinceAny;
  final BitSet daysSinceAnyMissing = new BitSet();
  final long[] trend;
  final long[] daysSinceSignup;
  final BitSet daysSinceSignupMissing = new BitSet();
  final long[] invitesAll;
  final long[] premiumAll;

  SeedFeatures(int n) {
    this.n = n;
    Random r = new Random(20261120L);
    domainUsers = new long[n];
    employees = new long[n];
    industry = new String[n];
    targetIndustry = new boolean[n];
    icp = new byte[n];
    premium30 = new long[n];
    limit30 = new long[n];
    api30 = new long[n];
    integrations30 = new long[n];
    features14 = new long[n];
    invites7 = new long[n];
    shared30 = new long[n];
    minutes = new long[n];
    active30 = new long[n];
    growth = new long[n];
    active7 = new long[n];
    pricing30 = new long[n];
    upgradeStarted30 = new long[n];
    upgradeCompleted30 = new long[n];
    enterprise30 = new long[n];
    billing30 = new long[n];
    daysSinceAny = new long[n];
    trend = new long[n];
    daysSinceSignup = new long[n];
    invitesAll = new long[n];
    premiumAll = new long[n];
    String[] industries = {"software", "fintech", "healthcare", "retail", "education", ""};
    for (int i = 0; i < n; i++) {
      ids.add("a" + i);
      boolean busy = r.nextInt(10) == 0;
      missing(r, 4, domainUsersMissing, i);
      domainUsers[i] = skewed(r, 14);
      missing(r, 5, employeesMissing, i);
      employees[i] = r.nextInt(3000);
      industry[i] = industries[r.nextInt(industries.length)];
      targetIndustry[i] =
          industry[i].equals("software")
              || industry[i].equals("fintech")
              || industry[i].equals("healthcare");
      icp[i] = (byte) r.nextInt(3);
      premium30[i] = busy ? skewed(r, 6) : sparse(r, 2);
      limit30[i] = sparse(r, 2);
      api30[i] = busy ? skewed(r, 20) : sparse(r, 3);
      integrations30[i] = sparse(r, 2);
      features14[i] = busy ? skewed(r, 12) : sparse(r, 6);
      invites7[i] = busy ? skewed(r, 10) : sparse(r, 3);
      shared30[i] = sparse(r, 3);
      missing(r, 3, minutesMissing, i);
      minutes[i] = r.nextInt(600);
      active30[i] = busy ? 5 + r.nextInt(26) : sparse(r, 10);
      growth[i] = busy ? r.nextInt(5) : sparse(r, 2);
      active7[i] = Math.min(7, active30[i]);
      pricing30[i] = sparse(r, 5);
      upgradeStarted30[i] = sparse(r, 2);
      upgradeCompleted30[i] = upgradeStarted30[i] > 0 ? r.nextInt(2) : 0;
      enterprise30[i] = sparse(r, 2);
      billing30[i] = sparse(r, 2);
      missing(r, 20, daysSinceAnyMissing, i);
      daysSinceAny[i] = busy ? r.nextInt(3) : r.nextInt(40);
      trend[i] = r.nextInt(5) - 2;
      missing(r, 6, daysSinceSignupMissing, i);
      daysSinceSignup[i] = r.nextInt(120);
      invitesAll[i] = invites7[i] + sparse(r, 4);
      premiumAll[i] = premium30[i] + sparse(r, 3);
    }
  }

  /** A missing value one time in {@code oneIn}. */
  private static void missing(Random r, int oneIn, BitSet missing, int i) {
    if (r.nextInt(oneIn) == 0) {
      missing.set(i);
    }
  }

  /** Zero most of the time, else 1 to max - 1. */
  private static long sparse(Random r, int max) {
    return r.nextInt(4) == 0 ? 1 + r.nextInt(Math.max(1, max - 1)) : 0;
  }

  /** 0 to max - 1, small values likelier. */
  private static long skewed(Random r, int max) {
    return Math.min(r.nextInt(max), r.nextInt(max));
  }

  /** The same values as a pls feature table keyed as the seed template's cards name them. */
  FeatureTable table() {
    Value[] industryValues = new Value[n];
    Value[] icpValues = new Value[n];
    for (int i = 0; i < n; i++) {
      industryValues[i] = industry[i].isEmpty() ? null : Value.str(industry[i]);
      icpValues[i] = icp[i] == 2 ? null : Value.bool(icp[i] == 1);
    }
    return FeatureTable.builder(ids)
        .column("domain_users", domainUsers, domainUsersMissing)
        .column("employees", employees, employeesMissing)
        .column("industry", industryValues)
        .column("icp", icpValues)
        .column("premium_used within 30d", premium30)
        .column("count(usage_limit_hit) within 30d", limit30)
        .column("count(api_called) within 30d", api30)
        .column("count(integration_enabled) within 30d", integrations30)
        .column("features_used within 14d", features14)
        .column("invites within 7d", invites7)
        .column("count(content_shared where external == true) within 30d", shared30)
        .column("minutes_between(signed_up, activated)", minutes, minutesMissing)
        .column("active_days within 30d", active30)
        .column("growth_weeks(any)", growth)
        .column("active_days within 7d", active7)
        .column("pricing_views within 30d", pricing30)
        .column("count(upgrade_started) within 30d", upgradeStarted30)
        .column("count(upgrade_completed) within 30d", upgradeCompleted30)
        .column("count(enterprise_feature_requested) within 30d", enterprise30)
        .column(
            "count(support_contacted where topic in {\"billing\", \"plans\"}) within 30d",
            billing30)
        .column("days_since(any)", daysSinceAny, daysSinceAnyMissing)
        .column("trend(any, 4w)", trend)
        .column("days_since(signed_up)", daysSinceSignup, daysSinceSignupMissing)
        .column("invites", invitesAll)
        .column("premium_used", premiumAll)
        .build();
  }
}
