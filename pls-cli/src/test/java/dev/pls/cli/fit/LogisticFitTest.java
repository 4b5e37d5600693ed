package dev.pls.cli.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fit against reference fits computed independently (statsmodels' Logit, and scipy's BFGS on
 * the penalised objective) on a public-domain dataset: see the test resources' SOURCE.md and
 * reference_fit.py.
 */
class LogisticFitTest {
  private record Data(double[][] x, boolean[] y) {}

  private record Reference(String fit, String term, double coefficient, double se) {}

  @Test
  void unpenalisedFitEqualsStatsmodelsLogitTo4Decimals() throws IOException {
    check("plain", 0);
  }

  @Test
  void penalisedFitEqualsTheReferenceTo4Decimals() throws IOException {
    check("l2", 1);
  }

  private static void check(String name, double lambda) throws IOException {
    Data data = data();
    LogisticFit fit = LogisticFit.fit(data.x(), data.y(), lambda);
    List<Reference> expected = reference().stream().filter(r -> r.fit().equals(name)).toList();
    assertEquals(6, expected.size());
    double[] b = fit.coefficients();
    double[] se = fit.standardErrors();
    for (int j = 0; j < expected.size(); j++) {
      Reference r = expected.get(j);
      assertEquals(r.coefficient(), round4(b[j]), 1e-9, name + " coefficient of " + r.term());
      assertEquals(r.se(), round4(se[j]), 1e-9, name + " standard error of " + r.term());
    }
  }

  private static double round4(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }

  @Test
  void groupedRowsGiveTheSameFitAsOneRowPerObservation() throws IOException {
    Data data = data();
    java.util.Map<String, long[]> groups = new java.util.TreeMap<>();
    for (int i = 0; i < data.y().length; i++) {
      long[] g = groups.computeIfAbsent(java.util.Arrays.toString(data.x()[i]), k -> new long[2]);
      g[0]++;
      g[1] += data.y()[i] ? 1 : 0;
    }
    assertTrue(groups.size() <= 32, "five 0/1 columns: at most 32 patterns");
    double[][] x = new double[groups.size()][];
    long[] n = new long[groups.size()];
    long[] k = new long[groups.size()];
    int i = 0;
    for (java.util.Map.Entry<String, long[]> g : groups.entrySet()) {
      String[] cells = g.getKey().substring(1, g.getKey().length() - 1).split(", ");
      x[i] = java.util.Arrays.stream(cells).mapToDouble(Double::parseDouble).toArray();
      n[i] = g.getValue()[0];
      k[i] = g.getValue()[1];
      i++;
    }
    for (double lambda : new double[] {0, 1}) {
      LogisticFit one = LogisticFit.fit(data.x(), data.y(), lambda);
      LogisticFit grouped = LogisticFit.fit(x, n, k, lambda);
      for (int j = 0; j < 6; j++) {
        assertEquals(one.coefficients()[j], grouped.coefficients()[j], 1e-9);
        assertEquals(one.standardErrors()[j], grouped.standardErrors()[j], 1e-9);
      }
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> LogisticFit.fit(new double[][] {{1}}, new long[] {2}, new long[] {3}, 0));
    assertTrue(e.getMessage().startsWith("row 0: successes must be 0 to trials"), e.getMessage());
  }

  @Test
  void aPenaltyShrinksTowardsZeroButNeverTheIntercept() {
    // One predictor, balanced: unpenalised log-odds ratio ln((30/10)/(10/30)) = ln 9.
    double[][] x = new double[80][];
    boolean[] y = new boolean[80];
    for (int i = 0; i < 80; i++) {
      boolean fired = i < 40;
      x[i] = new double[] {fired ? 1 : 0};
      y[i] = fired ? i < 30 : i < 50;
    }
    LogisticFit plain = LogisticFit.fit(x, y, 0);
    assertEquals(Math.log(9), plain.coefficients()[1], 1e-9);
    assertEquals(Math.log(10.0 / 30), plain.coefficients()[0], 1e-9);
    // Hand-computed errors of a 2x2 table: sqrt(1/30 + 1/10 + 1/10 + 1/30).
    assertEquals(Math.sqrt(2.0 / 30 + 2.0 / 10), plain.standardErrors()[1], 1e-9);
    assertEquals(0.75, plain.probability(1), 1e-9);
    LogisticFit shrunk = LogisticFit.fit(x, y, 10);
    assertTrue(shrunk.coefficients()[1] < plain.coefficients()[1]);
    assertTrue(shrunk.coefficients()[1] > 0);
    assertTrue(shrunk.standardErrors()[1] < plain.standardErrors()[1]);
  }

  @Test
  void separationFailsUnpenalisedAndConvergesPenalised() {
    double[][] x = {{1}, {1}, {0}, {0}};
    boolean[] y = {true, true, false, false};
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LogisticFit.fit(x, y, 0));
    assertTrue(e.getMessage().contains("no unique finite solution"), e.getMessage());
    LogisticFit fit = LogisticFit.fit(x, y, 1);
    assertTrue(fit.coefficients()[1] > 0);
  }

  @Test
  void aConstantColumnIsCollinearWithTheIntercept() {
    double[][] x = {{1}, {1}, {1}, {1}};
    boolean[] y = {true, false, true, false};
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LogisticFit.fit(x, y, 0));
    assertTrue(e.getMessage().contains("a predictor is constant"), e.getMessage());
    assertEquals(0, LogisticFit.fit(x, y, 1).coefficients()[0], 1e-9);
  }

  @Test
  void outcomesAllTheSameAreRefusedByName() {
    double[][] x = {{1}, {0}, {1}};
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> LogisticFit.fit(x, new boolean[3], 1));
    assertEquals("no observation has the outcome: there is nothing to fit", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> LogisticFit.fit(x, new boolean[] {true, true, true}, 1));
    assertEquals("every observation has the outcome: there is nothing to fit", e.getMessage());
  }

  @Test
  void badArgumentsAreNamed() {
    assertThrows(
        IllegalArgumentException.class,
        () -> LogisticFit.fit(new double[][] {{1}}, new boolean[2], 0),
        "x has 1 rows but y has 2 outcomes");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> LogisticFit.fit(new double[][] {{1}}, new boolean[1], -1));
    assertTrue(e.getMessage().startsWith("lambda must be 0 or more"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> LogisticFit.fit(new double[][] {{1}, {1, 2}}, new boolean[2], 1));
    assertTrue(e.getMessage().contains("row 1 has 2 columns"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> LogisticFit.fit(new double[][] {}, new boolean[0], 1));
    assertTrue(e.getMessage().contains("no observations"), e.getMessage());
  }

  private static Data data() throws IOException {
    List<String> lines = lines("anes96.csv");
    assertEquals("vote,tv_daily,graduate_degree,over_50,income_35k,leans_republican", lines.get(0));
    int n = lines.size() - 1;
    double[][] x = new double[n][];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      String[] f = lines.get(i + 1).split(",");
      y[i] = f[0].equals("1");
      x[i] = new double[f.length - 1];
      for (int j = 1; j < f.length; j++) {
        x[i][j - 1] = Double.parseDouble(f[j]);
      }
    }
    assertEquals(944, n);
    return new Data(x, y);
  }

  private static List<Reference> reference() throws IOException {
    List<Reference> refs = new ArrayList<>();
    for (String line : lines("anes96-fit.txt")) {
      if (line.startsWith("#")) {
        continue;
      }
      String[] f = line.split(" ");
      refs.add(new Reference(f[0], f[1], Double.parseDouble(f[2]), Double.parseDouble(f[3])));
    }
    return refs;
  }

  private static List<String> lines(String resource) throws IOException {
    try (InputStream in = LogisticFitTest.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("missing test resource " + resource);
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      return r.lines().toList();
    }
  }
}
