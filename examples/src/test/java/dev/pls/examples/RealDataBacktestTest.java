package dev.pls.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pls.cli.Pls;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code pls backtest} on the Splendor trial data equals an independent computation of the same
 * figures ({@code real-data/splendor_check.py}, from {@code docs/evaluation.md}'s definitions
 * alone), whose output is kept in the test resources.
 */
class RealDataBacktestTest {
  @TempDir Path tmp;

  @Test
  void splendorBacktest_everyFigure_equalsTheIndependentComputation() throws IOException {
    RealData.assumeAvailable();
    Path data = RealData.DIR.resolve("splendor-trial-conversion");
    CommandLine cl = Pls.commandLine();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(new StringWriter(), true));
    cl.setErr(new PrintWriter(err, true));
    int status =
        cl.execute(
            "backtest",
            "real-data/splendor.pls",
            "--events",
            data.resolve("trial_goals_mart.csv").toString(),
            "--map",
            "user=organization_id,time=timestamp,event=activity_name",
            "--zone",
            "UTC",
            "--outcomes",
            data.resolve("df_organization_act_count.csv").toString(),
            "--outcomes-map",
            "entity=ORGANIZATION_ID,time=CONVERTED_AT,outcome=:converted",
            "--from",
            "2024-01-01T00:00:00Z",
            "--to",
            "2024-05-31T00:00:00Z",
            "--step",
            "1d",
            "--out",
            tmp.toString());
    assertEquals(0, status, err.toString());
    ObjectMapper json = new ObjectMapper();
    JsonNode actual = json.readTree(tmp.resolve("summary.json").toFile());
    JsonNode expected;
    try (InputStream in =
        RealDataBacktestTest.class.getResourceAsStream("/real-data/splendor-independent.json")) {
      expected = json.readTree(in);
    }
    int leaves = compare("", expected, actual);
    assertEquals(48, leaves, "figures compared");
  }

  /** Every leaf of {@code expected} equals {@code actual}'s at the same path; returns how many. */
  private static int compare(String path, JsonNode expected, JsonNode actual) {
    assertFalse(actual == null || actual.isMissingNode(), path + ": missing in summary.json");
    if (expected.isObject()) {
      int n = 0;
      for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        n += compare(path + "." + e.getKey(), e.getValue(), actual.get(e.getKey()));
      }
      return n;
    }
    if (expected.isArray()) {
      int n = 0;
      for (int i = 0; i < expected.size(); i++) {
        n += compare(path + "[" + i + "]", expected.get(i), actual.get(i));
      }
      return n;
    }
    if (expected.isNull()) {
      assertTrue(actual.isNull(), path + ": " + actual);
    } else if (expected.isNumber()) {
      assertEquals(
          0, expected.decimalValue().compareTo(actual.decimalValue()), path + ": " + actual);
    } else {
      assertEquals(expected, actual, path);
    }
    return 1;
  }
}
