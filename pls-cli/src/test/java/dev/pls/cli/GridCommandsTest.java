package dev.pls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model with a grid: the cell in JSON cards, a cell column in CSV, and in pls explain. */
class GridCommandsTest {
  @TempDir Path tmp;
  private Path model;
  private Path traits;

  @BeforeEach
  void files() throws IOException {
    model = tmp.resolve("grid.pls");
    Files.writeString(
        model,
        "model graded\n"
            + "trait employees: int\n"
            + "trait seats: int\n"
            + "category fit cap 40 {\n"
            + "  employees >= 100 : +30 \"Mid-size\"\n"
            + "  employees >= 500 : +20 \"Large\"\n"
            + "}\n"
            + "category engagement {\n"
            + "  seats >= 10 : +60 \"Ten seats\"\n"
            + "  seats >= 3 : +30 \"Three seats\"\n"
            + "}\n"
            + "exclude employees < 2 : \"solo\"\n"
            + "grid fe rows fit {A >= 40, B >= 20, C} columns engagement {1 >= 60, 2 >= 30, 3}\n");
    traits = tmp.resolve("traits.jsonl");
    // big: fit 40 (capped, exactly A), engagement 90: A1; mid: fit 30 (B), 30 (exactly 2): B2;
    // solo: excluded, no cell.
    Files.writeString(
        traits,
        "{\"user\":\"big\",\"employees\":800,\"seats\":10}\n"
            + "{\"user\":\"mid\",\"employees\":100,\"seats\":3}\n"
            + "{\"user\":\"solo\",\"employees\":1,\"seats\":0}\n");
  }

  private Cli.Result run(String command, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                command, model.toString(), "--traits", traits.toString(), "--as-of", Cli.AS_OF));
    args.addAll(List.of(more));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void score_json_hasTheCellBesideTheTier_andNoneWhenExcluded() {
    Cli.Result r = run("score");
    assertEquals(0, r.status(), r.err());
    List<String> lines = r.out().lines().toList();
    assertTrue(lines.get(0).contains("\"tier\":\"none\",\"cell\":\"A1\","), lines.get(0));
    assertTrue(lines.get(1).contains("\"tier\":\"none\",\"cell\":\"B2\","), lines.get(1));
    assertTrue(lines.get(2).contains("\"tier\":\"none\",\"excluded\":\"solo\""), lines.get(2));
  }

  @Test
  void score_csv_hasACellColumnAfterTier() {
    Cli.Result r = run("score", "--format", "csv");
    assertEquals(0, r.status(), r.err());
    List<String> lines = r.out().lines().toList();
    assertEquals(
        "entity,account,score,tier,cell,excluded,top_contributions,model,version,as_of",
        lines.get(0));
    assertTrue(lines.get(1).startsWith("big,,130,none,A1,,"), lines.get(1));
    assertTrue(lines.get(2).startsWith("mid,,60,none,B2,,"), lines.get(2));
    assertTrue(lines.get(3).startsWith("solo,,0,none,,solo,"), lines.get(3));
  }

  @Test
  void explain_printsTheCell() {
    Cli.Result r = run("explain", "--entity", "big");
    assertEquals(0, r.status(), r.err());
    assertTrue(r.out().startsWith("user big: tier none, score 130, cell A1\n"), r.out());
  }

  @Test
  void route_aRouteOnCells_sendsEachCellWhereItsRouteSays() throws IOException {
    Path routed = tmp.resolve("routed.pls");
    Files.writeString(
        routed,
        Files.readString(model)
            + "tier qualified when score >= 50\n"
            + "queue named_ae \"Named AE\" sla 24h\n"
            + "queue nurture \"Automated nurture\" sla 72h\n"
            + "route qualified cell A1, A2 to named_ae level high\n"
            + "route qualified to nurture level low\n");
    Path events = tmp.resolve("events.jsonl");
    Files.writeString(
        events,
        "{\"user_id\":\"big\",\"event\":\"seat_added\",\"timestamp\":\"2026-11-19T08:00:00Z\"}\n");
    Cli.Result r =
        Cli.run(
            "route",
            routed.toString(),
            "--events",
            events.toString(),
            "--traits",
            traits.toString(),
            "--from",
            "2026-11-19T12:00:00Z",
            "--to",
            "2026-11-20T12:00:00Z");
    assertEquals(0, r.status(), r.err());
    // big (A1, 130) goes to the named AE on the first step; mid (B2, 60) to nurture; solo is
    // excluded; nothing changes on the second step.
    List<String> lines = r.out().lines().toList();
    assertEquals(2, lines.size(), r.out());
    assertTrue(lines.get(0).contains("\"entity\":\"big\""), lines.get(0));
    assertTrue(lines.get(0).contains("\"queue\":\"named_ae\""), lines.get(0));
    assertTrue(
        lines.get(0).contains("\"reasons\":[\"entered tier qualified, cell A1\"]"), lines.get(0));
    assertTrue(lines.get(1).contains("\"entity\":\"mid\""), lines.get(1));
    assertTrue(lines.get(1).contains("\"queue\":\"nurture\""), lines.get(1));
    assertTrue(lines.get(1).contains("\"reasons\":[\"entered tier qualified\"]"), lines.get(1));
  }
}
