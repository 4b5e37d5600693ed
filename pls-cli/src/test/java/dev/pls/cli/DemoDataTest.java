package dev.pls.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class DemoDataTest {
  private static final Path DIR = Path.of("..", "examples", "b2b-trial");

  @Test
  void demoData_defaultSeed_regeneratesTheCheckedInFiles() throws Exception {
    ByteArrayOutputStream events = new ByteArrayOutputStream();
    ByteArrayOutputStream traits = new ByteArrayOutputStream();
    DemoData.write(DemoData.SEED, DemoData.COMPANIES, events, traits);
    byte[] checkedIn;
    try (InputStream in =
        new GZIPInputStream(Files.newInputStream(DIR.resolve("events.jsonl.gz")))) {
      checkedIn = in.readAllBytes();
    }
    // Regenerate with: ./pls demo-data examples/b2b-trial
    assertArrayEquals(checkedIn, events.toByteArray(), "events.jsonl.gz is out of date");
    assertArrayEquals(
        Files.readAllBytes(DIR.resolve("traits.jsonl")),
        traits.toByteArray(),
        "traits.jsonl is out of date");
  }

  @Test
  void demoData_checkedInFiles_stayUnderOneMegabyte() throws Exception {
    long size =
        Files.size(DIR.resolve("events.jsonl.gz")) + Files.size(DIR.resolve("traits.jsonl"));
    assertTrue(size < 1_048_576, "demo data is " + size + " bytes");
  }

  @Test
  void demoData_anotherSeed_givesOtherData() throws Exception {
    ByteArrayOutputStream a = new ByteArrayOutputStream();
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DemoData.write(1, 20, a, new ByteArrayOutputStream());
    DemoData.write(2, 20, b, new ByteArrayOutputStream());
    assertTrue(!a.toString().equals(b.toString()));
    ByteArrayOutputStream again = new ByteArrayOutputStream();
    DemoData.write(1, 20, again, new ByteArrayOutputStream());
    assertEquals(a.toString(), again.toString());
  }

  @Test
  void demoData_scoredByTheCli_everyTierAndBothExclusionsOccur() {
    Cli.Result r =
        Cli.run(
            "score",
            Cli.MODEL,
            "--events",
            DIR.resolve("events.jsonl.gz").toString(),
            "--traits",
            DIR.resolve("traits.jsonl").toString(),
            "--as-of",
            Cli.AS_OF,
            "--format",
            "csv");
    assertEquals(0, r.status(), r.err());
    assertTrue(
        r.err()
            .contains("scored 3352 users: sales_ready 204, nurture 365, none 2783 (853 excluded)"),
        r.err());
    assertTrue(r.out().contains(",personal email domain,"));
    assertTrue(r.out().contains(",automated traffic,"));
  }
}
