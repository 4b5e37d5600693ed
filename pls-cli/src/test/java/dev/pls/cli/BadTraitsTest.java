package dev.pls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trait and property values the model cannot take, through {@code pls score}. */
class BadTraitsTest {
  @TempDir Path tmp;

  private Cli.Result score(Path events, Path traits) {
    return Cli.run(
        "score",
        Cli.MODEL,
        "--events",
        events.toString(),
        "--traits",
        traits.toString(),
        "--as-of",
        Cli.AS_OF,
        "--rejects",
        tmp.resolve("rejects.jsonl").toString());
  }

  private Path write(String name, String... lines) throws Exception {
    return Files.write(tmp.resolve(name), List.of(lines), StandardCharsets.UTF_8);
  }

  @Test
  void score_traitOfTheWrongTypeForTheModel_rejectedWithItsLineAndTheOthersScored()
      throws Exception {
    // The demo model declares employees and domain_users as int.
    Path traits =
        write(
            "traits.jsonl",
            "{\"user\":\"a1\",\"email\":\"ann@acme.io\",\"employees\":300}",
            "{\"user\":\"b1\",\"employees\":1.5}",
            "{\"user\":\"c1\",\"domain_users\":\"200\"}");
    Cli.Result r = score(Path.of(Cli.RES, "events.jsonl"), traits);
    assertEquals(0, r.status(), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    List<String> cards = r.out().lines().toList();
    assertEquals(3, cards.size(), r.out());
    assertTrue(cards.get(0).startsWith("{\"entity\":\"a1\""), r.out());
    assertTrue(cards.get(1).startsWith("{\"entity\":\"b1\""), r.out());
    String rejects = Files.readString(tmp.resolve("rejects.jsonl"));
    assertEquals(2, rejects.lines().count(), rejects);
    assertTrue(
        rejects.contains(
            "\"line\":2,\"reason\":\"wrong_type\",\"detail\":\"trait 'employees' is the number 1.5;"
                + " the model declares it int\""),
        rejects);
    assertTrue(
        rejects.contains("\"line\":3,\"reason\":\"wrong_type\",\"detail\":\"trait 'domain_users'"),
        rejects);
    assertTrue(r.err().contains("rejected 2 (wrong_type 2)"), r.err());
  }

  @Test
  void score_propertyWithA999DigitAmount_rejectedNotScoredSlowly() throws Exception {
    Path events =
        write(
            "events.jsonl",
            "{\"user\":\"a1\",\"event\":\"trial_started\",\"time\":\"2026-11-19T12:00:00Z\","
                + "\"props\":{\"amount\":"
                + "9".repeat(999)
                + "}}",
            "{\"user\":\"a1\",\"event\":\"trial_started\",\"time\":\"2026-11-19T12:00:00Z\"}");
    Cli.Result r = score(events, write("traits.jsonl", "{\"user\":\"a1\",\"employees\":3}"));
    assertEquals(0, r.status(), r.err());
    String rejects = Files.readString(tmp.resolve("rejects.jsonl"));
    assertTrue(
        rejects.contains(
            "\"line\":1,\"reason\":\"number_range\",\"detail\":\"property 'amount' is a number out"
                + " of range"),
        rejects);
    assertTrue(r.out().startsWith("{\"entity\":\"a1\""), r.out());
  }
}
