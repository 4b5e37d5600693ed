package dev.pls.bench;

import dev.pls.core.card.BatchScores;

/**
 * What every variant of the feature benchmark produces for n accounts: score in hundredths, tier (0
 * hot, 1 warm, 2 emerging, 3 none) and the fired-rule mask (bit i = the template's i-th rule).
 */
final class Results {
  final long[] score;
  final byte[] tier;
  final long[] fired;

  Results(int n) {
    score = new long[n];
    tier = new byte[n];
    fired = new long[n];
  }

  static byte tier(long hundredths) {
    return hundredths >= 8000
        ? (byte) 0
        : hundredths >= 5000 ? (byte) 1 : hundredths >= 3000 ? (byte) 2 : (byte) 3;
  }

  /** pls's batch results in this shape: the tier named by its index, every rule's bit. */
  static Results of(BatchScores s, int rules) {
    Results r = new Results(s.size());
    for (int i = 0; i < s.size(); i++) {
      r.score[i] = s.scoreHundredths(i);
      String tier = s.tier(i);
      r.tier[i] =
          tier.equals("hot")
              ? (byte) 0
              : tier.equals("warm") ? (byte) 1 : tier.equals("emerging") ? (byte) 2 : (byte) 3;
      long mask = 0;
      for (int rule = 0; rule < rules; rule++) {
        if (s.fired(i, rule)) {
          mask |= 1L << rule;
        }
      }
      r.fired[i] = mask;
    }
    return r;
  }

  /** Throws unless {@code other} equals {@code this} on every row. */
  void check(Results other, String variant) {
    check(other, variant, "the hand-written baseline", true);
  }

  /**
   * Throws unless {@code other} equals {@code this} on every row: scores and tiers, and the
   * fired-rule masks when {@code withFired}. {@code against} names {@code this} in the message.
   */
  void check(Results other, String variant, String against, boolean withFired) {
    for (int i = 0; i < score.length; i++) {
      if (score[i] != other.score[i]
          || tier[i] != other.tier[i]
          || withFired && fired[i] != other.fired[i]) {
        throw new IllegalStateException(
            variant
                + " differs from "
                + against
                + " at row "
                + i
                + ": score "
                + other.score[i]
                + " vs "
                + score[i]
                + ", tier "
                + other.tier[i]
                + " vs "
                + tier[i]
                + ", fired "
                + Long.toBinaryString(other.fired[i])
                + " vs "
                + Long.toBinaryString(fired[i]));
      }
    }
  }
}
