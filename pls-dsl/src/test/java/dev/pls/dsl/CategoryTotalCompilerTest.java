package dev.pls.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.pls.core.model.Expr;
import dev.pls.core.model.Model;
import org.junit.jupiter.api.Test;

/** A category's name in an exclusion, tier or hand-off condition reads its total after caps. */
class CategoryTotalCompilerTest {
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
  void tierAndExclusion_readingTotals_compileToCategoryTotals() {
    Compilation c =
        compile(
            MODEL
                + "exclude fit < 0 : \"No fit\"\n"
                + "tier A1 when fit >= 40 and engagement >= 60\n");
    assertEquals("", c.render());
    Model m = c.model().orElseThrow();
    assertEquals(Expr.total("fit").lt(0), m.exclusions().get(0).condition());
    assertEquals(
        Expr.total("fit").ge(40).and(Expr.total("engagement").ge(60)),
        m.tiers().get(0).condition());
  }

  @Test
  void rule_readingATotal_isPls0307() {
    Compilation c =
        compile(MODEL + "category bonus {\n  fit >= 40 and engagement >= 60 : +5 \"Both\"\n}\n");
    assertFalse(c.succeeded());
    assertEquals(
        "t.pls:11:3: error PLS0307: a rule cannot read the total of category 'fit': rules make the"
            + " totals; read it in a tier, exclusion or hand-off condition\n"
            + "    fit >= 40 and engagement >= 60 : +5 \"Both\"\n"
            + "    ^^^\n"
            + "t.pls:11:17: error PLS0307: a rule cannot read the total of category 'engagement':"
            + " rules make the totals; read it in a tier, exclusion or hand-off condition\n"
            + "    fit >= 40 and engagement >= 60 : +5 \"Both\"\n"
            + "                  ^^^^^^^^^^\n",
        c.render());
  }

  @Test
  void tier_misspeltCategory_isPls0201WithDidYouMean() {
    Compilation c = compile(MODEL + "tier A1 when engagment >= 40\n");
    assertFalse(c.succeeded());
    assertEquals(
        "t.pls:10:14: error PLS0201: unknown signal or trait 'engagment'; did you mean"
            + " 'engagement'?\n"
            + "  tier A1 when engagment >= 40\n"
            + "               ^^^^^^^^^\n",
        c.render());
  }

  @Test
  void signalOrTraitOfTheSameName_winsOverTheCategory() {
    Compilation c =
        compile(
            "model m\ntrait fit: int\ncategory fit {\n  fit >= 1 : +1 \"Fit\"\n}\n"
                + "tier a when fit >= 1\n");
    assertEquals("", c.render());
    assertEquals(Expr.trait("fit").ge(1), c.model().orElseThrow().tiers().get(0).condition());
  }

  @Test
  void format_keepsTheTotalsAsWritten_andIsStable() {
    String text = MODEL + "tier   A1 when fit>=40 and (engagement >= 60)\n";
    String once = RulesLanguage.format("t.pls", text).text().orElseThrow();
    assertEquals(true, once.endsWith("\ntier A1 when fit >= 40 and engagement >= 60\n"), once);
    assertEquals(once, RulesLanguage.format("t.pls", once).text().orElseThrow());
  }
}
