package dev.pls.core.backtest;

import dev.pls.core.backtest.ComparisonResult.AucDifference;
import dev.pls.core.backtest.ComparisonResult.ChangedEntity;
import dev.pls.core.backtest.ComparisonResult.Direction;
import dev.pls.core.backtest.ComparisonResult.OutcomeComparison;
import dev.pls.core.backtest.ComparisonResult.RuleChange;
import dev.pls.core.backtest.ComparisonResult.Transitions;
import dev.pls.core.model.Model;
import dev.pls.core.model.Points;
import dev.pls.core.model.Tier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/*
 * Two backtests of the same replay, compared. Entities are matched by id, tiers by name, rules by
 * id: a model's rules have no identity beyond their id, so a renamed rule is one removed and one
 * added, and the explanation says exactly that.
 *
 * Up and down need one order over two models' tiers. Two tiers are ranked in the challenger's
 * order when it has both (none last), else in the champion's, else each by its position in its
 * own model; equal positions with different names (a tier renamed) are "across".
 *
 * The AUC difference uses DeLong, DeLong and Clarke-Pearson (1988): the two AUCs are computed over
 * the same entities, so they are correlated, and DeLong's structural components give the variance
 * of their difference without resampling (deterministic, no seed). Each positive's component is
 * the share of negatives it outscores (ties half), each negative's the share of positives that
 * outscore it; both come from binary searches over sorted scores, O((m + n) log(m + n)).
 */
/** Compares two backtests of the same replay. */
final class Compare {
  /** The 97.5th percentile of the standard normal distribution. */
  static final double Z = 1.959964;

  private Compare() {}

  static ComparisonResult of(
      Model a, Model b, BacktestResult ra, BacktestResult rb, RulePoints pa, RulePoints pb) {
    Map<String, EntityResult> ea = byId(ra);
    Map<String, EntityResult> eb = byId(rb);
    Set<String> ids = new TreeSet<>(ea.keySet());
    ids.addAll(eb.keySet());
    List<String> from = tiers(a);
    List<String> to = tiers(b);
    long[][] counts = new long[from.size()][to.size()];
    long same = 0;
    long up = 0;
    long down = 0;
    long across = 0;
    List<ChangedEntity> changed = new ArrayList<>();
    for (String id : ids) {
      EntityResult x = ea.get(id);
      EntityResult y = eb.get(id);
      String ta = x == null ? Tier.NONE : x.peakTier();
      String tb = y == null ? Tier.NONE : y.peakTier();
      counts[from.indexOf(ta)][to.indexOf(tb)]++;
      if (ta.equals(tb)) {
        same++;
        continue;
      }
      Direction d = direction(from, to, ta, tb);
      switch (d) {
        case UP -> up++;
        case DOWN -> down++;
        case ACROSS -> across++;
      }
      changed.add(
          new ChangedEntity(
              id,
              ta,
              tb,
              d,
              x == null ? Optional.empty() : x.highestScore(),
              y == null ? Optional.empty() : y.highestScore(),
              ruleChanges(a, b, id, pa, pb)));
    }
    List<List<Long>> rows = new ArrayList<>();
    for (long[] row : counts) {
      rows.add(Arrays.stream(row).boxed().toList());
    }
    Transitions transitions = new Transitions(from, to, rows, same, up, down, across);
    Optional<OutcomeComparison> outcomes = Optional.empty();
    if (ra.summary().outcomes().isPresent() && rb.summary().outcomes().isPresent()) {
      outcomes =
          Optional.of(
              new OutcomeComparison(
                  auc(ea, eb, ids),
                  lifts(ra.summary().outcomes().get(), rb.summary().outcomes().get())));
    }
    return new ComparisonResult(ra, rb, transitions, changed, outcomes);
  }

  private static Map<String, EntityResult> byId(BacktestResult r) {
    Map<String, EntityResult> m = new LinkedHashMap<>();
    for (EntityResult e : r.entities()) {
      m.put(e.entity(), e);
    }
    return m;
  }

  private static List<String> tiers(Model m) {
    List<String> t = new ArrayList<>();
    m.tiers().forEach(x -> t.add(x.name()));
    t.add(Tier.NONE);
    return t;
  }

  /** Which way {@code ta} (of A) to {@code tb} (of B) goes; the two names differ. */
  static Direction direction(List<String> from, List<String> to, String ta, String tb) {
    int ra;
    int rb;
    if (to.contains(ta)) {
      ra = to.indexOf(ta);
      rb = to.indexOf(tb);
    } else if (from.contains(tb)) {
      ra = from.indexOf(ta);
      rb = from.indexOf(tb);
    } else {
      ra = from.indexOf(ta);
      rb = to.indexOf(tb);
    }
    return rb < ra ? Direction.UP : rb > ra ? Direction.DOWN : Direction.ACROSS;
  }

  private static List<RuleChange> ruleChanges(
      Model a, Model b, String entity, RulePoints pa, RulePoints pb) {
    Set<String> rules = new LinkedHashSet<>();
    a.rules().forEach(r -> rules.add(r.id()));
    b.rules().forEach(r -> rules.add(r.id()));
    List<RuleChange> changes = new ArrayList<>();
    for (String rule : rules) {
      Optional<Points> x = pa.points(entity, rule);
      Optional<Points> y = pb.points(entity, rule);
      if (x.equals(y)) {
        continue;
      }
      changes.add(new RuleChange(rule, a.rule(rule).isPresent(), b.rule(rule).isPresent(), x, y));
    }
    return changes;
  }

  private static Map<String, OptionalDouble> lifts(
      Summary.OutcomeFigures a, Summary.OutcomeFigures b) {
    Map<String, OptionalDouble> lifts = new LinkedHashMap<>();
    for (Map.Entry<String, Summary.TierOutcome> t : a.tiers().entrySet()) {
      Summary.TierOutcome other = b.tiers().get(t.getKey());
      if (other == null) {
        continue;
      }
      Optional<Lift> x = t.getValue().lift();
      Optional<Lift> y = other.lift();
      lifts.put(
          t.getKey(),
          x.isPresent() && y.isPresent()
              ? OptionalDouble.of(y.get().value() - x.get().value())
              : OptionalDouble.empty());
    }
    return lifts;
  }

  /** The AUC difference over the entities both scored, prior in neither, with a score in both. */
  private static Optional<AucDifference> auc(
      Map<String, EntityResult> ea, Map<String, EntityResult> eb, Set<String> ids) {
    List<long[]> rows = new ArrayList<>();
    for (String id : ids) {
      EntityResult x = ea.get(id);
      EntityResult y = eb.get(id);
      if (x == null
          || y == null
          || x.prior()
          || y.prior()
          || x.highestScore().isEmpty()
          || y.highestScore().isEmpty()) {
        continue;
      }
      rows.add(
          new long[] {
            x.highestScore().get().hundredths(),
            y.highestScore().get().hundredths(),
            x.converted() ? 1 : 0
          });
    }
    long[] sa = new long[rows.size()];
    long[] sb = new long[rows.size()];
    boolean[] converted = new boolean[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      sa[i] = rows.get(i)[0];
      sb[i] = rows.get(i)[1];
      converted[i] = rows.get(i)[2] == 1;
    }
    return delong(sa, sb, converted);
  }

  /**
   * DeLong's comparison of two correlated AUCs: {@code b}'s AUC minus {@code a}'s over the same
   * entities, {@code converted} saying which are positive.
   */
  static Optional<AucDifference> delong(long[] a, long[] b, boolean[] converted) {
    int m = 0;
    for (boolean c : converted) {
      m += c ? 1 : 0;
    }
    int n = converted.length - m;
    if (m == 0 || n == 0) {
      return Optional.empty();
    }
    double[][] va = components(a, converted, m, n);
    double[][] vb = components(b, converted, m, n);
    double aucA = mean(va[0]);
    double aucB = mean(vb[0]);
    double diff = aucB - aucA;
    if (m < 2 || n < 2) {
      return Optional.of(
          new AucDifference(
              converted.length,
              m,
              aucA,
              aucB,
              diff,
              OptionalDouble.empty(),
              OptionalDouble.empty(),
              OptionalDouble.empty()));
    }
    // Var(B − A) = (S10_AA + S10_BB − 2 S10_AB) / m + (S01_AA + S01_BB − 2 S01_AB) / n, which is
    // the sample variance of the components' differences.
    double v10 = variance(va[0], vb[0]);
    double v01 = variance(va[1], vb[1]);
    double se = Math.sqrt(Math.max(0, v10 / m + v01 / n));
    return Optional.of(
        new AucDifference(
            converted.length,
            m,
            aucA,
            aucB,
            diff,
            OptionalDouble.of(se),
            OptionalDouble.of(diff - Z * se),
            OptionalDouble.of(diff + Z * se)));
  }

  /** DeLong's structural components: [0] one per positive, [1] one per negative. */
  private static double[][] components(long[] scores, boolean[] converted, int m, int n) {
    long[] pos = new long[m];
    long[] neg = new long[n];
    int i = 0;
    int j = 0;
    for (int k = 0; k < scores.length; k++) {
      if (converted[k]) {
        pos[i++] = scores[k];
      } else {
        neg[j++] = scores[k];
      }
    }
    long[] sortedPos = pos.clone();
    long[] sortedNeg = neg.clone();
    Arrays.sort(sortedPos);
    Arrays.sort(sortedNeg);
    double[] v10 = new double[m];
    for (int k = 0; k < m; k++) {
      int below = lowerBound(sortedNeg, pos[k]);
      int equal = lowerBound(sortedNeg, pos[k] + 1) - below;
      v10[k] = (below + 0.5 * equal) / n;
    }
    double[] v01 = new double[n];
    for (int k = 0; k < n; k++) {
      int atOrBelow = lowerBound(sortedPos, neg[k] + 1);
      int equal = atOrBelow - lowerBound(sortedPos, neg[k]);
      v01[k] = (m - atOrBelow + 0.5 * equal) / m;
    }
    return new double[][] {v10, v01};
  }

  /** The index of the first element not less than {@code key}. */
  private static int lowerBound(long[] sorted, long key) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < key) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static double mean(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s / v.length;
  }

  /** The sample variance of {@code y − x}, element by element. */
  private static double variance(double[] x, double[] y) {
    double[] d = new double[x.length];
    for (int k = 0; k < x.length; k++) {
      d[k] = y[k] - x[k];
    }
    double mean = mean(d);
    double s = 0;
    for (double v : d) {
      s += (v - mean) * (v - mean);
    }
    return s / (d.length - 1);
  }
}
