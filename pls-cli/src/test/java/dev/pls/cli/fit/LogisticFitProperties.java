package dev.pls.cli.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

/**
 * On random designs of 0/1 columns (as a backtest's fired rules are) with a penalty, the fit is the
 * minimum the method defines: the penalised gradient, computed here from its formula, vanishes, and
 * no small move of any coefficient lowers the objective.
 */
class LogisticFitProperties {
  @Property(tries = 60)
  void thePenalisedFitIsTheMinimumOfItsObjective(
      @ForAll long seed,
      @ForAll @IntRange(min = 10, max = 300) int rows,
      @ForAll @IntRange(min = 0, max = 5) int columns,
      @ForAll @DoubleRange(min = 0.05, max = 20) double lambda) {
    Random random = new Random(seed);
    double[][] x = new double[rows][columns];
    boolean[] y = new boolean[rows];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < columns; j++) {
        x[i][j] = random.nextDouble() < 0.3 ? 1 : 0;
      }
      y[i] = random.nextDouble() < 0.2 + 0.15 * x[i].length;
    }
    boolean some = false;
    boolean all = true;
    for (boolean v : y) {
      some |= v;
      all &= v;
    }
    Assume.that(some && !all);
    LogisticFit fit = LogisticFit.fit(x, y, lambda);
    double[] b = fit.coefficients();
    double[] g = new double[columns + 1];
    for (int i = 0; i < rows; i++) {
      double r = sigmoid(z(x[i], b)) - (y[i] ? 1 : 0);
      g[0] += r;
      for (int j = 0; j < columns; j++) {
        g[j + 1] += x[i][j] * r;
      }
    }
    for (int j = 1; j <= columns; j++) {
      g[j] += lambda * b[j];
    }
    for (double gj : g) {
      assertEquals(0, gj, 1e-7);
    }
    double at = objective(x, y, b, lambda);
    for (int j = 0; j <= columns; j++) {
      for (double d : new double[] {-1e-3, 1e-3}) {
        double[] moved = b.clone();
        moved[j] += d;
        assertTrue(objective(x, y, moved, lambda) >= at, "moving coefficient " + j + " by " + d);
      }
      assertTrue(fit.standardErrors()[j] > 0 && Double.isFinite(fit.standardErrors()[j]));
    }
  }

  private static double objective(double[][] x, boolean[] y, double[] b, double lambda) {
    double f = 0;
    for (int i = 0; i < x.length; i++) {
      double p = sigmoid(z(x[i], b));
      f -= y[i] ? Math.log(p) : Math.log(1 - p);
    }
    for (int j = 1; j < b.length; j++) {
      f += lambda / 2 * b[j] * b[j];
    }
    return f;
  }

  private static double z(double[] row, double[] b) {
    double z = b[0];
    for (int j = 0; j < row.length; j++) {
      z += b[j + 1] * row[j];
    }
    return z;
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }
}
