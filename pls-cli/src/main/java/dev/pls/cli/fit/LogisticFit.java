package dev.pls.cli.fit;

import static java.util.Objects.requireNonNull;

import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;

/*
 * Newton's method on the penalised negative log-likelihood
 *
 *   f(b) = sum_i [n_i log(1 + exp(z_i)) - y_i z_i] + lambda/2 * sum_{j >= 1} b_j^2,   z = X b,
 *
 * where row i stands for n_i observations with the same predictors, y_i of which had the outcome
 * (n_i = 1 for ungrouped data), and column 0 of X is the intercept (all ones, never penalised). Its
 * gradient is X'(n p - y) + lambda P b and its Hessian X'WX + lambda P, with p = 1 / (1 + exp(-z)),
 * W = diag(n p (1 - p)) and P the identity with a 0 for the intercept. Grouping identical rows
 * gives the same fit with memory and time that grow with the distinct rows: a backtest's entities
 * share few patterns of fired rules. The Hessian is symmetric and, for lambda > 0 or a design of
 * full rank, positive definite, so each step solves it by Commons Math's Cholesky decomposition; a
 * step that does not lower f (beyond rounding) is halved, at most 30 times, so the iteration cannot
 * overshoot. It stops when the full Newton step moves no coefficient by more than 1e-10 (not the
 * halved one, which is small far from the minimum too), or fails after 100 steps (unpenalised, a
 * rule that separates the outcomes drives its coefficient to infinity: the caller is told so).
 *
 * The standard errors are the square roots of the diagonal of the inverse Hessian at the
 * solution: the usual asymptotic errors for lambda = 0 (what statsmodels' Logit reports), and for
 * lambda > 0 those of the penalised estimate read as a posterior mode under a normal prior of
 * variance 1/lambda on each coefficient.
 */
/** A logistic regression, optionally L2-penalised on every coefficient but the intercept. */
public final class LogisticFit {
  private static final int MAX_STEPS = 100;
  private static final int MAX_HALVINGS = 30;
  private static final double TOLERANCE = 1e-10;
  private static final String NO_SOLUTION =
      "the unpenalised fit has no unique finite solution: a predictor is constant, a combination"
          + " of others, or separates the outcomes (give a penalty above 0)";

  private final double[] coefficients;
  private final double[] standardErrors;
  private final int steps;

  private LogisticFit(double[] coefficients, double[] standardErrors, int steps) {
    this.coefficients = coefficients;
    this.standardErrors = standardErrors;
    this.steps = steps;
  }

  /**
   * Fits {@code y} on the columns of {@code x} and an intercept.
   *
   * @param x one row per observation, one column per predictor (without the intercept)
   * @param y one outcome per observation
   * @param lambda the L2 penalty on the predictors' coefficients, 0 for none
   * @throws IllegalArgumentException when the arguments do not fit together, or the fit does not
   *     converge (the message says why)
   */
  public static LogisticFit fit(double[][] x, boolean[] y, double lambda) {
    requireNonNull(x, "x");
    requireNonNull(y, "y");
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "x has " + x.length + " rows but y has " + y.length + " outcomes");
    }
    long[] trials = new long[y.length];
    long[] successes = new long[y.length];
    for (int i = 0; i < y.length; i++) {
      trials[i] = 1;
      successes[i] = y[i] ? 1 : 0;
    }
    return fit(x, trials, successes, lambda);
  }

  /**
   * Fits grouped outcomes: row i of {@code x} stands for {@code trials[i]} observations with the
   * same predictors, {@code successes[i]} of which had the outcome. The same fit as one row per
   * observation, with memory and time that grow with the distinct rows.
   *
   * @throws IllegalArgumentException when the arguments do not fit together, or the fit does not
   *     converge (the message says why)
   */
  public static LogisticFit fit(double[][] x, long[] trials, long[] successes, double lambda) {
    requireNonNull(x, "x");
    requireNonNull(trials, "trials");
    requireNonNull(successes, "successes");
    if (x.length != trials.length || x.length != successes.length) {
      throw new IllegalArgumentException(
          "x has "
              + x.length
              + " rows but trials "
              + trials.length
              + " and successes "
              + successes.length);
    }
    for (int i = 0; i < x.length; i++) {
      if (trials[i] < 1 || successes[i] < 0 || successes[i] > trials[i]) {
        throw new IllegalArgumentException(
            "row "
                + i
                + ": successes must be 0 to trials, and trials 1 or more, not "
                + successes[i]
                + " of "
                + trials[i]);
      }
    }
    if (x.length == 0) {
      throw new IllegalArgumentException("x: no observations to fit");
    }
    if (!(lambda >= 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("lambda must be 0 or more and finite, not " + lambda);
    }
    int rows = x.length;
    int k = x[0].length + 1;
    double[][] design = new double[rows][k];
    for (int i = 0; i < rows; i++) {
      if (x[i].length != k - 1) {
        throw new IllegalArgumentException(
            "x: row " + i + " has " + x[i].length + " columns, row 0 has " + (k - 1));
      }
      design[i][0] = 1;
      System.arraycopy(x[i], 0, design[i], 1, k - 1);
    }
    long all = 0;
    long with = 0;
    for (int i = 0; i < x.length; i++) {
      all += trials[i];
      with += successes[i];
    }
    if (with == 0 || with == all) {
      // The unpenalised intercept would run to minus or plus infinity.
      throw new IllegalArgumentException(
          with == 0
              ? "no observation has the outcome: there is nothing to fit"
              : "every observation has the outcome: there is nothing to fit");
    }
    double[] b = new double[k];
    double[] n = new double[trials.length];
    double[] y = new double[trials.length];
    for (int i = 0; i < n.length; i++) {
      n[i] = trials[i];
      y[i] = successes[i];
    }
    double current = objective(design, n, y, b, lambda);
    for (int step = 1; step <= MAX_STEPS; step++) {
      RealMatrix hessian = hessian(design, n, b, lambda);
      RealVector gradient = gradient(design, n, y, b, lambda);
      RealVector delta = solver(hessian, lambda).solve(gradient);
      double full = 0;
      for (int j = 0; j < k; j++) {
        full = Math.max(full, Math.abs(delta.getEntry(j)));
      }
      if (full <= TOLERANCE) {
        // Converged: take the last (tiny) Newton step and read the errors there.
        for (int j = 0; j < k; j++) {
          b[j] -= delta.getEntry(j);
        }
        RealMatrix inverse = solver(hessian(design, n, b, lambda), lambda).getInverse();
        double[] se = new double[k];
        for (int j = 0; j < k; j++) {
          se[j] = Math.sqrt(inverse.getEntry(j, j));
        }
        return new LogisticFit(b, se, step);
      }
      // Halve a step that raises f; near the minimum f is flat to rounding, so a step that
      // changes it by no more than rounding is taken (convergence is judged by the full step).
      double slack = 1e-12 * Math.max(1, Math.abs(current));
      double scale = 1;
      double[] next = b;
      double value = current;
      for (int h = 0; h <= MAX_HALVINGS; h++) {
        next = new double[k];
        for (int j = 0; j < k; j++) {
          next[j] = b[j] - scale * delta.getEntry(j);
        }
        value = objective(design, n, y, next, lambda);
        if (value <= current + slack) {
          break;
        }
        scale /= 2;
      }
      b = next;
      current = value;
    }
    throw new IllegalArgumentException(
        lambda == 0
            ? NO_SOLUTION
            : "the fit did not converge in " + MAX_STEPS + " steps (give a larger penalty)");
  }

  /** The intercept and then one coefficient per column of x, on the log-odds scale. */
  public double[] coefficients() {
    return coefficients.clone();
  }

  /** The coefficients' standard errors, in the same order. */
  public double[] standardErrors() {
    return standardErrors.clone();
  }

  /** Newton steps taken. */
  public int steps() {
    return steps;
  }

  /** The fitted probability for one row of predictors. */
  public double probability(double... x) {
    if (x.length != coefficients.length - 1) {
      throw new IllegalArgumentException(
          "x has " + x.length + " values, the fit " + (coefficients.length - 1) + " predictors");
    }
    double z = coefficients[0];
    for (int j = 0; j < x.length; j++) {
      z += coefficients[j + 1] * x[j];
    }
    return 1 / (1 + Math.exp(-z));
  }

  @Override
  public String toString() {
    return "LogisticFit" + Arrays.toString(coefficients) + " ± " + Arrays.toString(standardErrors);
  }

  private static DecompositionSolver solver(RealMatrix hessian, double lambda) {
    try {
      return new CholeskyDecomposition(hessian, 1e-12, 1e-14).getSolver();
    } catch (NonPositiveDefiniteMatrixException e) {
      throw new IllegalArgumentException(
          lambda == 0
              ? NO_SOLUTION
              : "the fit's Hessian is not positive definite: " + e.getMessage(),
          e);
    }
  }

  private static double objective(double[][] x, double[] n, double[] y, double[] b, double lambda) {
    double f = 0;
    for (int i = 0; i < x.length; i++) {
      double z = dot(x[i], b);
      // log(1 + e^z) without overflow.
      f += n[i] * (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - y[i] * z;
    }
    for (int j = 1; j < b.length; j++) {
      f += lambda / 2 * b[j] * b[j];
    }
    return f;
  }

  private static RealVector gradient(
      double[][] x, double[] n, double[] y, double[] b, double lambda) {
    double[] g = new double[b.length];
    for (int i = 0; i < x.length; i++) {
      double r = n[i] * sigmoid(dot(x[i], b)) - y[i];
      for (int j = 0; j < b.length; j++) {
        g[j] += x[i][j] * r;
      }
    }
    for (int j = 1; j < b.length; j++) {
      g[j] += lambda * b[j];
    }
    return new ArrayRealVector(g, false);
  }

  private static RealMatrix hessian(double[][] x, double[] n, double[] b, double lambda) {
    int k = b.length;
    double[][] h = new double[k][k];
    for (int i = 0; i < x.length; i++) {
      double[] row = x[i];
      double p = sigmoid(dot(row, b));
      double w = n[i] * p * (1 - p);
      for (int j = 0; j < k; j++) {
        if (row[j] == 0) {
          continue;
        }
        double wj = w * row[j];
        for (int l = j; l < k; l++) {
          h[j][l] += wj * row[l];
        }
      }
    }
    for (int j = 0; j < k; j++) {
      for (int l = 0; l < j; l++) {
        h[j][l] = h[l][j];
      }
      if (j > 0) {
        h[j][j] += lambda;
      }
    }
    return new Array2DRowRealMatrix(h, false);
  }

  private static double sigmoid(double z) {
    return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += a[j] * b[j];
    }
    return s;
  }
}
