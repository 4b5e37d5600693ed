package dev.pls.core.internal.fast;

import dev.pls.core.internal.TimeFrame;
import java.util.Arrays;

/*
 * A plan's rules, exclusions and tiers over rows whose slot values are known, into Outcomes: the
 * one place both the feature-table scorer and the store run them (both also run a generated
 * RowLoop where one exists, the store through ChunkLoops; this is their fallback), and, a row at a
 * time, the single-entity paths (FastScorer, ColumnarStore.score).
 *
 * Row-at-a-time evaluation pays a virtual call per rule per row through the node tree; evaluate()
 * runs each rule's node as one tight loop over a chunk (a long range test over a long[] column is a
 * compare and a branch per row, and JIT-friendly), writing a boolean per row; points, caps and the
 * fired-rule bit mask are then folded in per row. A chunk of CHUNK rows is small enough that its
 * scratch arrays stay in L1/L2 and large enough to amortise the per-rule dispatch. The common shapes
 * (range tests over columns with missing rows, and/or/not of them, string membership and boolean
 * equality over value columns) run as branch-free loops in ChunkTests; a range test in an uncapped
 * category is fused with its fold. Exclusions and tiers are chosen last to first, so that the first
 * holding one is left without a branch per row. A decayed rule's points differ per row, so after
 * its test it is folded a row at a time from each row's age slots (Plan.age, Plan.points).
 *
 * evaluateOne() is the same semantics over one SlotValues, first match first, for callers that have
 * one entity and need its card: one entity does not amortise a pass per rule.
 */
/** Evaluates a plan over chunks of rows or one row. Immutable and thread-safe. */
final class ChunkEvaluator {
  /** Rows per chunk, for every caller that scores in chunks. */
  static final int CHUNK = 2048;

  private final Plan plan;

  ChunkEvaluator(Plan plan) {
    this.plan = plan;
  }

  /**
   * Scores rows {@code from} to {@code from + n - 1} of {@code rows} into the same rows of out;
   * {@code frame} is the as-of instant's, for decayed rules (null when the plan has none).
   */
  void evaluate(Rows rows, long[][] missingWords, int from, int n, Outcomes out, TimeFrame frame) {
    Plan p = plan;
    rows.totals(null, 0, 0); // a previous chunk's totals are not this one's
    boolean[] hit = new boolean[n];
    long[] positive = new long[n];
    long[] negative = new long[n];
    long[] scores = out.scores;
    long[] fired = out.fired;
    int words = out.words;
    int categories = p.hasCap.length;
    // With totals read by exclusions or tiers, each row's category totals, row-major.
    long[] totals = p.readsTotals ? new long[n * categories] : null;
    for (int c = 0; c < categories; c++) {
      boolean cap = p.hasCap[c];
      boolean floor = p.hasFloor[c];
      if (cap || floor) {
        Arrays.fill(positive, 0);
        Arrays.fill(negative, 0);
      }
      if (totals != null) {
        // The category's total is the score after it less the score before it.
        for (int i = 0; i < n; i++) {
          totals[i * categories + c] = -scores[from + i];
        }
      }
      for (int r = p.categoryStart[c]; r < p.categoryStart[c + 1]; r++) {
        Node rule = p.ruleConditions[r];
        long points = p.rulePoints[r];
        int word = r >>> 6;
        long bit = 1L << r;
        if (p.ruleAgeSlots[r] != null) {
          // Decayed points differ per row: a row at a time, reading each row's age slots.
          ChunkTests.test(rule, rows, missingWords, from, n, hit);
          for (int i = 0; i < n; i++) {
            if (!hit[i]) {
              continue;
            }
            fired[(from + i) * words + word] |= bit;
            long decayed = p.points(r, p.age(r, rows.load(from + i), frame));
            if (!cap && !floor) {
              scores[from + i] += decayed;
            } else if (decayed >= 0) {
              positive[i] += Caps.positive(decayed, cap, p.cap[c], positive[i]);
            } else {
              negative[i] += Caps.negative(decayed, floor, p.floor[c], negative[i]);
            }
          }
          continue;
        }
        if (!cap
            && !floor
            && ChunkTests.add(
                rule, rows, missingWords, from, n, fired, words, word, bit, scores, points)) {
          continue;
        }
        ChunkTests.test(rule, rows, missingWords, from, n, hit);
        if (!cap && !floor) {
          for (int i = 0; i < n; i++) {
            long all = -(long) (hit[i] ? 1 : 0);
            fired[(from + i) * words + word] |= bit & all;
            scores[from + i] += points & all;
          }
          continue;
        }
        for (int i = 0; i < n; i++) {
          if (!hit[i]) {
            continue;
          }
          fired[(from + i) * words + word] |= bit;
          if (points >= 0) {
            positive[i] += Caps.positive(points, cap, p.cap[c], positive[i]);
          } else {
            negative[i] += Caps.negative(points, floor, p.floor[c], negative[i]);
          }
        }
      }
      if (cap || floor) {
        for (int i = 0; i < n; i++) {
          scores[from + i] += positive[i] + negative[i];
        }
      }
      if (totals != null) {
        for (int i = 0; i < n; i++) {
          totals[i * categories + c] += scores[from + i];
        }
      }
    }
    rows.totals(totals, from, categories);
    int[] exclusion = out.exclusion;
    int[] tier = out.tier;
    Arrays.fill(exclusion, from, from + n, -1);
    Arrays.fill(tier, from, from + n, -1);
    for (int x = p.exclusions.length - 1; x >= 0; x--) {
      // Last to first, so that the first holding exclusion is the one left, without branches.
      ChunkTests.test(p.exclusions[x], rows, missingWords, from, n, hit);
      for (int i = 0; i < n; i++) {
        exclusion[from + i] = hit[i] ? x : exclusion[from + i];
      }
    }
    for (int t = p.tiers.length - 1; t >= 0; t--) {
      ChunkTests.test(p.tiers[t], rows, missingWords, from, n, hit);
      for (int i = 0; i < n; i++) {
        tier[from + i] = hit[i] && exclusion[from + i] < 0 ? t : tier[from + i];
      }
    }
  }

  /**
   * Scores the values in {@code f} into row {@code row} of {@code out}, starting from {@code
   * rolledUp} points (an account's rolled-up members; 0 otherwise). Leaves the score in {@code f}.
   */
  void evaluateOne(SlotValues f, long rolledUp, Outcomes out, int row, TimeFrame frame) {
    Plan p = plan;
    long score = rolledUp;
    int words = out.words;
    for (int c = 0; c < p.hasCap.length; c++) {
      long positive = 0;
      long negative = 0;
      for (int r = p.categoryStart[c]; r < p.categoryStart[c + 1]; r++) {
        if (!p.ruleConditions[r].test(f)) {
          continue;
        }
        out.fired[row * words + (r >>> 6)] |= 1L << r;
        long points = p.ruleAgeSlots[r] == null ? p.rulePoints[r] : p.points(r, p.age(r, f, frame));
        if (points >= 0) {
          positive += Caps.positive(points, p.hasCap[c], p.cap[c], positive);
        } else {
          negative += Caps.negative(points, p.hasFloor[c], p.floor[c], negative);
        }
      }
      score += positive + negative;
      if (p.readsTotals) {
        f.totals(p.hasCap.length)[c] = positive + negative;
      }
    }
    out.scores[row] = score;
    f.score = score;
    int exclusion = -1;
    for (int x = 0; x < p.exclusions.length && exclusion < 0; x++) {
      if (p.exclusions[x].test(f)) {
        exclusion = x;
      }
    }
    out.exclusion[row] = exclusion;
    int tier = -1;
    if (exclusion < 0) {
      for (int t = 0; t < p.tiers.length && tier < 0; t++) {
        if (p.tiers[t].test(f)) {
          tier = t;
        }
      }
    }
    out.tier[row] = tier;
  }
}
