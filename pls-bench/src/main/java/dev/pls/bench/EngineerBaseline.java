package dev.pls.bench;

/*
 * The seed template as a performance engineer writes it for one model, once the warehouse hands
 * over narrow typed columns (SkewedAccounts): int columns, a double trend, a boolean ICP and the
 * industry as a dictionary code. What it does, and so what a pls variant is compared with:
 *
 * - one pass over the rows, one if per rule in template order, the score in hundredths and the
 *   fired rules as bits of a long in locals, written to the caller's arrays once per row;
 * - missing values are sentinels (SkewedAccounts.MISSING, Integer.MIN_VALUE) that make every
 *   test on them false by themselves, except the two tests a sentinel would satisfy (minutes < 60
 *   and domain users <= 1), which compare with it first; no BitSet is read;
 * - "active_days within 30d / 30 > 0.3" is the integer test active30 > 9 (<= 0.5 is <= 15), as a
 *   person writes it; the trend is a double compared with 0 (exact: it holds k / 10.0);
 * - industry in {software, fintech, healthcare} is one load of a boolean per dictionary code,
 *   precomputed once for the dictionary;
 * - tiers by three thresholds on the score, written as a byte (0 hot, 1 warm, 2 emerging, 3 none);
 * - no allocation per call: the caller passes the result arrays and reuses them.
 *
 * What it leaves out, and pls does not: checking the input, any other model, cards, explanations.
 * HandWritten (the older baseline) reads every value as a long, missing values from BitSets, and
 * allocates its result arrays per call.
 */
/** The engineer's baseline scorer of the seed template over {@link SkewedAccounts}. */
final class EngineerBaseline {
  /** Whether each {@link SkewedAccounts#INDUSTRIES} code is a target industry. */
  private static final boolean[] TARGET_INDUSTRY = targetIndustries();

  private EngineerBaseline() {}

  private static boolean[] targetIndustries() {
    boolean[] target = new boolean[SkewedAccounts.INDUSTRIES.size()];
    for (int code = 0; code < target.length; code++) {
      String name = SkewedAccounts.INDUSTRIES.get(code);
      target[code] = name.equals("software") || name.equals("fintech") || name.equals("healthcare");
    }
    return target;
  }

  /**
   * Writes every row's score in hundredths, tier and fired-rule mask into {@code out}.
   *
   * @throws IllegalArgumentException if {@code out} has fewer rows than {@code f}
   */
  static void score(SkewedAccounts f, Results out) {
    checkSize(f, out);
    final int[] premium30 = f.premium30;
    final int[] limit30 = f.limit30;
    final int[] api30 = f.api30;
    final int[] integrations30 = f.integrations30;
    final int[] features14 = f.features14;
    final int[] invites7 = f.invites7;
    final int[] domainUsers = f.domainUsers;
    final int[] shared30 = f.shared30;
    final int[] minutes = f.minutes;
    final int[] active30 = f.active30;
    final int[] growth = f.growth;
    final int[] active7 = f.active7;
    final int[] pricing30 = f.pricing30;
    final int[] upgradeStarted30 = f.upgradeStarted30;
    final int[] upgradeCompleted30 = f.upgradeCompleted30;
    final int[] enterprise30 = f.enterprise30;
    final int[] billing30 = f.billing30;
    final int[] employees = f.employees;
    final int[] industry = f.industry;
    final boolean[] icp = f.icp;
    final int[] daysSinceAny = f.daysSinceAny;
    final double[] trend = f.trend;
    final int[] daysSinceSignup = f.daysSinceSignup;
    final int[] invitesAll = f.invitesAll;
    final int[] premiumAll = f.premiumAll;
    final long[] score = out.score;
    final byte[] tier = out.tier;
    final long[] fired = out.fired;
    for (int i = 0; i < f.n; i++) {
      long s = 0;
      long m = 0;
      int p30 = premium30[i];
      if (p30 >= 1) {
        s += 1000;
        m |= 1L;
      }
      if (p30 >= 3) {
        s += 1500;
        m |= 1L << 1;
      }
      if (limit30[i] >= 1) {
        s += 2000;
        m |= 1L << 2;
      }
      if (api30[i] >= 1 || integrations30[i] >= 1) {
        s += 1500;
        m |= 1L << 3;
      }
      if (features14[i] >= 5) {
        s += 1000;
        m |= 1L << 4;
      }
      int inv7 = invites7[i];
      if (inv7 >= 1 && inv7 <= 2) {
        s += 1000;
        m |= 1L << 5;
      }
      if (inv7 >= 3 && inv7 <= 5) {
        s += 2000;
        m |= 1L << 6;
      }
      if (inv7 >= 6) {
        s += 3000;
        m |= 1L << 7;
      }
      int du = domainUsers[i];
      if (du >= 3 && du <= 9) {
        s += 1500;
        m |= 1L << 8;
      }
      if (du >= 10) {
        s += 2500;
        m |= 1L << 9;
      }
      if (shared30[i] >= 1) {
        s += 1000;
        m |= 1L << 10;
      }
      int mins = minutes[i];
      if (mins != SkewedAccounts.MISSING && mins < 60) {
        s += 1000;
        m |= 1L << 11;
      }
      int a30 = active30[i];
      if (a30 > 9 && a30 <= 15) {
        s += 1000;
        m |= 1L << 12;
      }
      if (a30 > 15) {
        s += 2000;
        m |= 1L << 13;
      }
      if (growth[i] >= 3) {
        s += 1500;
        m |= 1L << 14;
      }
      if (active7[i] >= 5) {
        s += 1500;
        m |= 1L << 15;
      }
      int pr = pricing30[i];
      if (pr >= 1 && pr <= 2) {
        s += 1000;
        m |= 1L << 16;
      }
      if (pr >= 3) {
        s += 2000;
        m |= 1L << 17;
      }
      if (upgradeStarted30[i] >= 1 && upgradeCompleted30[i] == 0) {
        s += 2500;
        m |= 1L << 18;
      }
      if (enterprise30[i] >= 1) {
        s += 3000;
        m |= 1L << 19;
      }
      if (billing30[i] >= 1) {
        s += 2000;
        m |= 1L << 20;
      }
      int emp = employees[i];
      if (emp >= 50 && emp <= 500) {
        s += 1000;
        m |= 1L << 21;
      }
      if (emp > 500) {
        s += 2000;
        m |= 1L << 22;
      }
      int code = industry[i];
      if (code >= 0 && TARGET_INDUSTRY[code]) {
        s += 1000;
        m |= 1L << 23;
      }
      if (icp[i]) {
        s += 1500;
        m |= 1L << 24;
      }
      if (daysSinceAny[i] >= 7) {
        s -= 2000;
        m |= 1L << 25;
      }
      if (trend[i] < 0) {
        s -= 1500;
        m |= 1L << 26;
      }
      boolean signedUp30 = daysSinceSignup[i] >= 30;
      if (signedUp30 && invitesAll[i] == 0 && du != SkewedAccounts.MISSING && du <= 1) {
        s -= 1000;
        m |= 1L << 27;
      }
      if (signedUp30 && premiumAll[i] == 0) {
        s -= 1000;
        m |= 1L << 28;
      }
      score[i] = s;
      tier[i] = s >= 8000 ? (byte) 0 : s >= 5000 ? (byte) 1 : s >= 3000 ? (byte) 2 : (byte) 3;
      fired[i] = m;
    }
  }

  /**
   * Writes every row's score in hundredths and tier into {@code out}, leaving its fired-rule masks
   * as they were: the same tests without the mask, so a rule is an add (or a conditional move).
   *
   * @throws IllegalArgumentException if {@code out} has fewer rows than {@code f}
   */
  static void scoreAndTier(SkewedAccounts f, Results out) {
    checkSize(f, out);
    final int[] premium30 = f.premium30;
    final int[] limit30 = f.limit30;
    final int[] api30 = f.api30;
    final int[] integrations30 = f.integrations30;
    final int[] features14 = f.features14;
    final int[] invites7 = f.invites7;
    final int[] domainUsers = f.domainUsers;
    final int[] shared30 = f.shared30;
    final int[] minutes = f.minutes;
    final int[] active30 = f.active30;
    final int[] growth = f.growth;
    final int[] active7 = f.active7;
    final int[] pricing30 = f.pricing30;
    final int[] upgradeStarted30 = f.upgradeStarted30;
    final int[] upgradeCompleted30 = f.upgradeCompleted30;
    final int[] enterprise30 = f.enterprise30;
    final int[] billing30 = f.billing30;
    final int[] employees = f.employees;
    final int[] industry = f.industry;
    final boolean[] icp = f.icp;
    final int[] daysSinceAny = f.daysSinceAny;
    final double[] trend = f.trend;
    final int[] daysSinceSignup = f.daysSinceSignup;
    final int[] invitesAll = f.invitesAll;
    final int[] premiumAll = f.premiumAll;
    final long[] score = out.score;
    final byte[] tier = out.tier;
    for (int i = 0; i < f.n; i++) {
      long s = 0;
      int p30 = premium30[i];
      s += p30 >= 1 ? 1000 : 0;
      s += p30 >= 3 ? 1500 : 0;
      s += limit30[i] >= 1 ? 2000 : 0;
      s += api30[i] >= 1 || integrations30[i] >= 1 ? 1500 : 0;
      s += features14[i] >= 5 ? 1000 : 0;
      int inv7 = invites7[i];
      s += inv7 >= 1 && inv7 <= 2 ? 1000 : 0;
      s += inv7 >= 3 && inv7 <= 5 ? 2000 : 0;
      s += inv7 >= 6 ? 3000 : 0;
      int du = domainUsers[i];
      s += du >= 3 && du <= 9 ? 1500 : 0;
      s += du >= 10 ? 2500 : 0;
      s += shared30[i] >= 1 ? 1000 : 0;
      int mins = minutes[i];
      s += mins != SkewedAccounts.MISSING && mins < 60 ? 1000 : 0;
      int a30 = active30[i];
      s += a30 > 9 && a30 <= 15 ? 1000 : 0;
      s += a30 > 15 ? 2000 : 0;
      s += growth[i] >= 3 ? 1500 : 0;
      s += active7[i] >= 5 ? 1500 : 0;
      int pr = pricing30[i];
      s += pr >= 1 && pr <= 2 ? 1000 : 0;
      s += pr >= 3 ? 2000 : 0;
      s += upgradeStarted30[i] >= 1 && upgradeCompleted30[i] == 0 ? 2500 : 0;
      s += enterprise30[i] >= 1 ? 3000 : 0;
      s += billing30[i] >= 1 ? 2000 : 0;
      int emp = employees[i];
      s += emp >= 50 && emp <= 500 ? 1000 : 0;
      s += emp > 500 ? 2000 : 0;
      int code = industry[i];
      s += code >= 0 && TARGET_INDUSTRY[code] ? 1000 : 0;
      s += icp[i] ? 1500 : 0;
      s -= daysSinceAny[i] >= 7 ? 2000 : 0;
      s -= trend[i] < 0 ? 1500 : 0;
      boolean signedUp30 = daysSinceSignup[i] >= 30;
      s -= signedUp30 && invitesAll[i] == 0 && du != SkewedAccounts.MISSING && du <= 1 ? 1000 : 0;
      s -= signedUp30 && premiumAll[i] == 0 ? 1000 : 0;
      score[i] = s;
      tier[i] = s >= 8000 ? (byte) 0 : s >= 5000 ? (byte) 1 : s >= 3000 ? (byte) 2 : (byte) 3;
    }
  }

  private static void checkSize(SkewedAccounts f, Results out) {
    if (out.score.length < f.n) {
      throw new IllegalArgumentException(
          "out: has " + out.score.length + " rows, the accounts " + f.n);
    }
  }
}
