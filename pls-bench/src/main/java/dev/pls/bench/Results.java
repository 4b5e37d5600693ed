package dev.pls.bench;

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

  /** Throws unless {@code other} equals {@code this} on every row. */
  void check(Results other, String variant) {
    for (int i = 0; i < score.length; i++) {
      if (score[i] != other.score[i] || tier[i] != other.tier[i] || fired[i] != other.fired[i]) {
        throw new IllegalStateException(
            variant
                + " differs from the hand-written baseline at row "
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
