package dev.pls.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The canonical layout (golden), idempotence and model equality on real files. */
class FormatterTest {
  private static final Path DIR = Path.of("src/test/resources/dev/pls/dsl/format");

  static String format(String source) {
    Formatting f = RulesLanguage.format("f.pls", source);
    assertEquals(List.of(), f.diagnostics());
    return f.text().orElseThrow();
  }

  @Test
  void messyFile_format_matchesGoldenAndKeepsEveryComment() throws IOException {
    String source = Files.readString(DIR.resolve("messy.pls"), StandardCharsets.UTF_8);
    String formatted = format(source);
    Path expected = DIR.resolve("messy.expected");
    if (Boolean.getBoolean("pls.golden.update")) {
      Files.writeString(expected, formatted, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(expected, StandardCharsets.UTF_8), formatted);
    for (String comment :
        List.of("# A model", "# from the CRM", "# mid-size", "# lukewarm", "# trailing")) {
      assertTrue(formatted.contains(comment), comment);
    }
  }

  @Test
  void messyAccountsFile_format_matchesGoldenKeepsEveryModelAndIsStable() throws IOException {
    String source = Files.readString(DIR.resolve("accounts-messy.pls"), StandardCharsets.UTF_8);
    String formatted = format(source);
    Path expected = DIR.resolve("accounts-messy.expected");
    if (Boolean.getBoolean("pls.golden.update")) {
      Files.writeString(expected, formatted, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(expected, StandardCharsets.UTF_8), formatted);
    assertEquals(formatted, format(formatted));
    for (String comment : List.of("# Users, then", "# the PQA", "# lift")) {
      assertTrue(formatted.contains(comment), comment);
    }
    Compilation original = RulesLanguage.compile("a.pls", source);
    assertTrue(original.succeeded(), original.render());
    assertEquals(2, original.models().size());
    Compilation again = RulesLanguage.compile("b.pls", formatted);
    assertEquals(original.models(), again.models());
    assertTrue(again.runTests().passed(), again.runTests().render());
  }

  @Test
  void messyFile_formatted_compilesToTheSameModelAndIsStable() throws IOException {
    String source = Files.readString(DIR.resolve("messy.pls"), StandardCharsets.UTF_8);
    String once = format(source);
    assertEquals(once, format(once));
    Compilation original = RulesLanguage.compile("a.pls", source);
    assertTrue(original.succeeded(), original.render());
    assertEquals(original.model(), RulesLanguage.compile("b.pls", once).model());
    assertTrue(RulesLanguage.compile("b.pls", once).runTests().passed());
  }

  @Test
  void realFiles_format_isIdempotentAndKeepsTheModel() throws IOException {
    for (Path p :
        List.of(
            Path.of("src/test/resources/dev/pls/dsl/design-sketch.pls"),
            Path.of("../examples/seed-template/model.pls"),
            Path.of("../examples/b2b-trial/model.pls"))) {
      String source = Files.readString(p, StandardCharsets.UTF_8);
      String once = format(source);
      assertEquals(once, format(once), p.toString());
      assertEquals(
          RulesLanguage.compile("a", source).model(),
          RulesLanguage.compile("b", once).model(),
          p.toString());
      assertTrue(RulesLanguage.compile("b", once).model().isPresent());
    }
  }

  @Test
  void commentsInsideAMultiLineRule_format_stayAndAreStable() {
    String source =
        "model m\nsignal invites = count(invite_sent)\ncategory c {\n"
            + "  invites >= 1 # one\n    within 7d : +1 # two\n  invites >= 2 within 7d : +2\n}\n";
    String once = format(source);
    assertEquals(
        "model m\n\nsignal invites = count(invite_sent)\n\ncategory c {\n"
            + "  invites >= 1 within 7d : +1  # one\n  # two\n  invites >= 2 within 7d : +2\n}\n",
        once);
    assertEquals(once, format(once));
  }

  @Test
  void windowAfterATrailingCall_format_keepsParenthesesSoTheWindowCoversTheCondition() {
    String source =
        "model m\nsignal invites = count(invite_sent)\ncategory c {\n"
            + "  (invites > 1 or 2 == count(page_viewed)) within 7d : +1 [r]\n}\n";
    String once = format(source);
    assertTrue(
        once.contains("  (invites > 1 or 2 == count(page_viewed)) within 7d : +1 [r]\n"), once);
    assertEquals(
        RulesLanguage.compile("a", source).model(), RulesLanguage.compile("b", once).model());
  }

  @Test
  void syntaxError_format_returnsDiagnosticsAndNoText() {
    Formatting f = RulesLanguage.format("bad.pls", "model m\ncategory {\n");
    assertFalse(f.text().isPresent());
    assertFalse(f.diagnostics().isEmpty());
  }
}
