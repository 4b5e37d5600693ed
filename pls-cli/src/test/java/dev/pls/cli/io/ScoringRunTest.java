package dev.pls.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.model.EntityKind;
import dev.pls.core.model.Model;
import dev.pls.core.model.Window;
import dev.pls.core.scoring.Scorer;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScoringRunTest {
  private static final Path EVENTS = Golden.path("dev/pls/cli/io/cards-events.jsonl");
  private static final Path TRAITS = Golden.path("dev/pls/cli/io/cards-traits.csv");

  @Test
  void run_userModel_writesTheReferenceCardsAndCountsTiers() throws IOException {
    StringWriter out = new StringWriter();
    ScoringRun.Result r =
        ScoringRun.builder(Scorer.reference(CardWritersTest.model()), CardWritersTest.AS_OF)
            .events(List.of(EVENTS))
            .traits(List.of(TRAITS))
            .nanoTime(() -> 0)
            .build()
            .run(CardWriter.jsonLines(out, false));

    Golden.assertMatches("dev/pls/cli/io/cards.jsonl", out.toString());
    assertEquals(Map.of("hot", 1L, "warm", 1L, "none", 2L), r.tiers());
    assertEquals(List.of("hot", "warm", "none"), List.copyOf(r.tiers().keySet()));
    assertEquals(
        "scored 4 users: hot 1, warm 1, none 2 (1 excluded); 1 event outside the model's window;"
            + " 0.0 s, 7000 events/s",
        r.summaryLine());
    assertEquals(10, r.read().accepted());
    assertEquals(0, r.readNanos());
  }

  @Test
  void run_accountModelWithWindow_countsEventsBeforeItsFirstDay(@TempDir Path dir)
      throws IOException {
    Path old =
        Files.writeString(
            dir.resolve("old.jsonl"),
            "{\"user\":\"u1\",\"event\":\"login\",\"time\":\"2026-10-21T23:59:59Z\"}\n"
                + "{\"user\":\"u1\",\"event\":\"login\",\"time\":\"2026-10-22T00:00:00Z\"}\n");
    Model accounts =
        Model.builder("pqa")
            .entity(EntityKind.ACCOUNT)
            .category(
                "c",
                c ->
                    c.rule(
                        "invites",
                        CardWritersTest.INVITES.within(Window.days(30)).ge(1),
                        5,
                        "Invites"))
            .build();
    StringWriter out = new StringWriter();
    ScoringRun.Result r =
        ScoringRun.builder(Scorer.reference(accounts), CardWritersTest.AS_OF)
            .events(List.of(EVENTS, old))
            .traits(List.of(TRAITS))
            .build()
            .run(CardWriter.csv(out, id -> java.util.Optional.empty(), 3));
    assertEquals(3, r.scored());
    // 30 days up to 2026-11-20 start on 2026-10-22; one event before, one after the as-of time.
    assertEquals(2, r.outsideWindow());
    assertTrue(r.summaryLine().startsWith("scored 3 accounts: none 3 (0 excluded); 2 events"));
  }

  @Test
  void run_rejectLimitExceeded_writesNoCards(@TempDir Path dir) throws IOException {
    Path bad = Files.writeString(dir.resolve("bad.jsonl"), "{}\n{}\n");
    StringWriter out = new StringWriter();
    ScoringRun.Result r =
        ScoringRun.builder(Scorer.reference(CardWritersTest.model()), CardWritersTest.AS_OF)
            .events(List.of(bad, EVENTS))
            .rejects(Rejects.to(new StringWriter(), 1))
            .build()
            .run(CardWriter.jsonLines(out, false));
    assertTrue(r.read().limitExceeded());
    assertEquals(0, r.scored());
    assertEquals("", out.toString());
  }
}
