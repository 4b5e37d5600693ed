package dev.pls.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.model.Grid;
import dev.pls.core.model.Handoff;
import dev.pls.core.model.Handoff.Level;
import dev.pls.core.model.Model;
import dev.pls.core.model.Points;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code grid}: two category totals cut into bands name the card's cell. */
class GridCompilerTest {
  private static final String MODEL =
      "model m\n"
          + "trait employees: int\n"
          + "signal seats = count(seat_added)\n"
          + "category fit cap 40 {\n"
          + "  employees >= 100 : +30 \"Mid-size\"\n"
          + "}\n"
          + "category engagement {\n"
          + "  seats >= 10 within 30d : +60 \"Ten seats\"\n"
          + "}\n";

  private static Compilation compile(String text) {
    return RulesLanguage.compile("t.pls", text);
  }

  @Test
  void grid_compilesToTheCoreGrid() {
    Compilation c =
        compile(
            MODEL
                + "grid fit_engagement rows fit {A >= 40, B >= 20, C}"
                + " columns engagement {1 >= 60, 2 >= 30.5, 3}\n");
    assertEquals("", c.render());
    Model m = c.model().orElseThrow();
    assertEquals(
        new Grid(
            "fit_engagement",
            new Grid.Axis(
                "fit",
                List.of(
                    Grid.Band.atLeast("A", Points.of(40)),
                    Grid.Band.atLeast("B", Points.of(20)),
                    Grid.Band.rest("C"))),
            new Grid.Axis(
                "engagement",
                List.of(
                    Grid.Band.atLeast("1", Points.of(60)),
                    Grid.Band.atLeast("2", Points.parse("30.5")),
                    Grid.Band.rest("3")))),
        m.grid().orElseThrow());
  }

  @Test
  void grid_misspeltCategory_isPls0201WithDidYouMean() {
    Compilation c =
        compile(MODEL + "grid g rows fitt {A >= 40, B} columns engagement {1 >= 1, 2}\n");
    assertFalse(c.succeeded());
    assertEquals(
        "t.pls:10:13: error PLS0201: unknown category 'fitt' in grid 'g'; did you mean 'fit'?\n"
            + "  grid g rows fitt {A >= 40, B} columns engagement {1 >= 1, 2}\n"
            + "              ^^^^\n",
        c.render());
  }

  @Test
  void grid_bandsNotHighToLow_duplicateLabels_cutoffOnTheLast_secondGrid_arePls0409() {
    Compilation c =
        compile(
            MODEL
                + "grid g rows fit {A >= 20, B >= 20, C} columns engagement {1 >= 9, 1}\n"
                + "grid h rows fit {A >= 1, B >= 0} columns engagement {1 >= 1, 2}\n");
    assertFalse(c.succeeded());
    String out = c.render();
    assertEquals(
        List.of(
            "t.pls:10:32: error PLS0409: bands go high to low, but band 'B' (>= 20) is not below"
                + " the band before it (>= 20)",
            "t.pls:10:67: error PLS0409: band '1' is already used on line 10; the labels of an"
                + " axis are unique",
            "t.pls:11:6: error PLS0409: the model already has grid 'g' on line 10; a model has at"
                + " most one grid"),
        out.lines().filter(l -> l.startsWith("t.pls")).toList());
  }

  @Test
  void grid_format_roundTrips() {
    String text =
        MODEL
            + "\ngrid fit_engagement rows fit {A >= 40, B >= 20, C} columns engagement {1 >= 60,"
            + " 2 >= 30, 3}\n";
    String formatted = RulesLanguage.format("t.pls", text).text().orElseThrow();
    assertEquals(formatted, RulesLanguage.format("t.pls", formatted).text().orElseThrow());
    assertEquals(compile(text).model().orElseThrow(), compile(formatted).model().orElseThrow());
  }

  private static final String GRID =
      "grid fit_engagement rows fit {A >= 40, B >= 20, C} columns engagement {1 >= 60, 2 >= 30,"
          + " 3}\n";
  private static final String HANDOFF =
      "tier qualified when score >= 50\n"
          + "queue ae \"Named AE\" sla 4h\n"
          + "queue nurture \"Nurture\" sla 72h\n"
          + "segment big when employees >= 500\n";

  @Test
  void routeOnCells_compilesToTheCoreRoute() {
    Compilation c =
        compile(
            MODEL
                + GRID
                + HANDOFF
                + "route qualified in big cell A1, A2 to ae level high\n"
                + "route qualified cell B1 to ae\n"
                + "route qualified to nurture level low\n");
    assertEquals("", c.render());
    assertEquals(
        List.of(
            new Handoff.Route("qualified", List.of("big"), List.of("A1", "A2"), "ae", Level.HIGH),
            new Handoff.Route("qualified", List.of(), List.of("B1"), "ae", Level.MEDIUM),
            new Handoff.Route("qualified", List.of(), List.of(), "nurture", Level.LOW)),
        c.model().orElseThrow().handoff().orElseThrow().routes());
  }

  @Test
  void routeOnCells_numberedAxes_takeANumberCell() {
    Compilation c =
        compile(
            MODEL
                + "grid g rows fit {1 >= 40, 2} columns engagement {1 >= 60, 2}\n"
                + HANDOFF
                + "route qualified cell 11, 21 to ae\n");
    assertEquals("", c.render());
    assertEquals(
        List.of("11", "21"),
        c.model().orElseThrow().handoff().orElseThrow().routes().get(0).cells());
  }

  @Test
  void routeOnAnUnknownCell_isPls0410WithDidYouMean_orTheCells() {
    Compilation c = compile(MODEL + GRID + HANDOFF + "route qualified cell a1, D7 to ae\n");
    assertFalse(c.succeeded());
    assertEquals(
        "t.pls:15:22: error PLS0410: unknown cell 'a1' of grid 'fit_engagement'; did you mean"
            + " 'A1'?\n"
            + "  route qualified cell a1, D7 to ae\n"
            + "                       ^^\n"
            + "t.pls:15:26: error PLS0410: unknown cell 'D7' of grid 'fit_engagement'; its cells are"
            + " [A1, A2, A3, B1, B2, B3, C1, C2, C3]\n"
            + "  route qualified cell a1, D7 to ae\n"
            + "                           ^^\n",
        c.render());
  }

  @Test
  void routeOnACell_withoutAGrid_isPls0410() {
    Compilation c = compile(MODEL + HANDOFF + "route qualified cell A1 to ae\n");
    assertFalse(c.succeeded());
    assertEquals(
        "t.pls:14:22: error PLS0410: cell 'A1' needs a grid; declare one with grid NAME rows"
            + " CATEGORY {...} columns CATEGORY {...}\n"
            + "  route qualified cell A1 to ae\n"
            + "                       ^^\n",
        c.render());
  }

  @Test
  void routeOnACell_ofAGridWithErrors_saysNothingMore() {
    Compilation c =
        compile(
            MODEL
                + "grid g rows fit {A >= 20, B >= 30, C} columns engagement {1 >= 60, 2}\n"
                + HANDOFF
                + "route qualified cell A1 to ae\n");
    assertEquals(
        List.of("PLS0409"), c.diagnostics().stream().map(Diagnostic::code).toList(), c.render());
  }

  @Test
  void routeOnCells_format_roundTrips() {
    String text = MODEL + GRID + HANDOFF + "route qualified in big cell A1,A2 to ae level high\n";
    String formatted = RulesLanguage.format("t.pls", text).text().orElseThrow();
    assertTrue(
        formatted.contains("route qualified in big cell A1, A2 to ae level high\n"), formatted);
    assertEquals(formatted, RulesLanguage.format("t.pls", formatted).text().orElseThrow());
    assertEquals(compile(text).model().orElseThrow(), compile(formatted).model().orElseThrow());
  }
}
