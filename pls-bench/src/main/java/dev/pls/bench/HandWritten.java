package dev.pls.bench;

/*
 * The seed template written by hand the way a performance engineer would: primitive columns, one
 * if per rule in template order, points in hundredths, fired rules as bits of a long, tiers by
 * threshold. "active_days within 30d / 30 > 0.3" is written as the equivalent integer test
 * active30 > 9 (and <= 0.5 as <= 15), as a person would. This is the baseline every variant of
 * FeatureScoringBenchmark is checked against and compared with.
 *
 * What it includes, beside the rules: every value is read as a long (SeedFeatures has no narrower
 * column), missing values from BitSets, industry from a precomputed boolean[] and ICP from a
 * byte[]; the three result arrays are allocated per call. Its data draws most values uniformly
 * and has no decimal feature. EngineerBaseline is the tighter baseline (int, double, boolean and
 * dictionary-coded columns, sentinels for missing values, results into reused arrays) over
 * skewed data; see pls-bench/README.md, "What each baseline includes".
 */
/** The hand-written baseline scorer of the seed template. */
final class HandWritten {
  private HandWritten() {}

  static Results score(SeedFeatures f) {
    int n = f.n;
    Results out = new Results(n);
    for (int i = 0; i < n; i++) {
      long s = 0;
      long m = 0;
      long p30 = f.premium30[i];
      if (p30 >= 1) {
        s += 1000;
        m |= 1L;
      }
      if (p30 >= 3) {
        s += 1500;
        m |= 1L << 1;
      }
      if (f.limit30[i] >= 1) {
        s += 2000;
        m |= 1L << 2;
      }
      if (f.api30[i] >= 1 || f.integrations30[i] >= 1) {
        s += 1500;
        m |= 1L << 3;
      }
      if (f.features14[i] >= 5) {
        s += 1000;
        m |= 1L << 4;
      }
      long inv7 = f.invites7[i];
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
      boolean duPresent = !f.domainUsersMissing.get(i);
      long du = f.domainUsers[i];
      if (duPresent && du >= 3 && du <= 9) {
        s += 1500;
        m |= 1L << 8;
      }
      if (duPresent && du >= 10) {
        s += 2500;
        m |= 1L << 9;
      }
      if (f.shared30[i] >= 1) {
        s += 1000;
        m |= 1L << 10;
      }
      if (!f.minutesMissing.get(i) && f.minutes[i] < 60) {
        s += 1000;
        m |= 1L << 11;
      }
      long a30 = f.active30[i];
      if (a30 > 9 && a30 <= 15) {
        s += 1000;
        m |= 1L << 12;
      }
      if (a30 > 15) {
        s += 2000;
        m |= 1L << 13;
      }
      if (f.growth[i] >= 3) {
        s += 1500;
        m |= 1L << 14;
      }
      if (f.active7[i] >= 5) {
        s += 1500;
        m |= 1L << 15;
      }
      long pr = f.pricing30[i];
      if (pr >= 1 && pr <= 2) {
        s += 1000;
        m |= 1L << 16;
      }
      if (pr >= 3) {
        s += 2000;
        m |= 1L << 17;
      }
      if (f.upgradeStarted30[i] >= 1 && f.upgradeCompleted30[i] == 0) {
        s += 2500;
        m |= 1L << 18;
      }
      if (f.enterprise30[i] >= 1) {
        s += 3000;
        m |= 1L << 19;
      }
      if (f.billing30[i] >= 1) {
        s += 2000;
        m |= 1L << 20;
      }
      boolean empPresent = !f.employeesMissing.get(i);
      long emp = f.employees[i];
      if (empPresent && emp >= 50 && emp <= 500) {
        s += 1000;
        m |= 1L << 21;
      }
      if (empPresent && emp > 500) {
        s += 2000;
        m |= 1L << 22;
      }
      if (f.targetIndustry[i]) {
        s += 1000;
        m |= 1L << 23;
      }
      if (f.icp[i] == 1) {
        s += 1500;
        m |= 1L << 24;
      }
      if (!f.daysSinceAnyMissing.get(i) && f.daysSinceAny[i] >= 7) {
        s -= 2000;
        m |= 1L << 25;
      }
      if (f.trend[i] < 0) {
        s -= 1500;
        m |= 1L << 26;
      }
      boolean signedUp30 = !f.daysSinceSignupMissing.get(i) && f.daysSinceSignup[i] >= 30;
      if (signedUp30 && f.invitesAll[i] == 0 && duPresent && du <= 1) {
        s -= 1000;
        m |= 1L << 27;
      }
      if (signedUp30 && f.premiumAll[i] == 0) {
        s -= 1000;
        m |= 1L << 28;
      }
      out.score[i] = s;
      out.tier[i] = Results.tier(s);
      out.fired[i] = m;
    }
    return out;
  }
}
