package dev.pls.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/*
 * A rule file from an untrusted author costs bounded stack, time and output: each test here is
 * named for a failure a hostile file once caused (issue #11, items 10 to 14).
 */
class RuleFileBoundsTest {

  /** Thirty levels of parentheses, each holding a chain of 200 additions: 12,000 deep. */
  private static String nestedArithmetic() {
    String inner = "x";
    for (int i = 0; i < 30; i++) {
      inner = "(" + inner + " + 1".repeat(200) + ")";
    }
    return "model m\ntrait x: int\ncategory c {\n  " + inner + " > 1 : +1\n}\n";
  }

  private static List<String> codes(List<Diagnostic> diagnostics) {
    return diagnostics.stream().map(Diagnostic::code).toList();
  }

  @Test
  void nestedArithmeticWithinSyntaxLimits_check_isOneLocatedDiagnosticNotAStackOverflow() {
    String text = nestedArithmetic();
    Compilation c = RulesLanguage.compile("nested.pls", text);
    assertFalse(c.succeeded());
    assertEquals(List.of("PLS0005"), codes(c.diagnostics()));
    Diagnostic d = c.diagnostics().get(0);
    assertEquals(4, d.line());
    assertTrue(d.message().contains("nested too deeply"), d.message());
  }

  @Test
  void nestedArithmeticWithinSyntaxLimits_format_isOneLocatedDiagnosticNotAStackOverflow() {
    Formatting f = RulesLanguage.format("nested.pls", nestedArithmetic());
    assertTrue(f.text().isEmpty());
    assertEquals(List.of("PLS0005"), codes(f.diagnostics()));
    assertEquals(4, f.diagnostics().get(0).line());
  }

  /*
   * The depth limit leaves the passes a margin: an expression just inside it compiles, formats and
   * scores on a thread with a quarter of the usual stack.
   */
  @Test
  void expressionAtTheDepthLimit_compileFormatScoreOnASmallStack_doNotOverflow() throws Exception {
    // Two levels of parentheses with chains of 150: about 300 deep, under the limit of 320.
    String inner = "x";
    for (int i = 0; i < 2; i++) {
      inner = "(" + inner + " + 1".repeat(150) + ")";
    }
    String text =
        "model m\ntrait x: int\ncategory c {\n  "
            + inner
            + " > 1 : +1\n}\n"
            + "test \"deep\" {\n  as_of 2026-11-20T12:00:00Z\n  user u1 { x: 1 }\n"
            + "  expect u1 score 1\n}\n";
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicReference<String> outcome = new AtomicReference<>();
    Thread t =
        new Thread(
            null,
            () -> {
              try {
                Compilation c = RulesLanguage.compile("deep.pls", text);
                String tests = c.succeeded() ? String.valueOf(c.runTests().passed()) : c.render();
                Formatting f = RulesLanguage.format("deep.pls", text);
                outcome.set(tests + " " + f.text().isPresent());
              } catch (Throwable e) {
                failure.set(e);
              }
            },
            "small-stack",
            512 * 1024);
    t.start();
    t.join();
    if (failure.get() != null) {
      throw new AssertionError("failed on a 512 KiB stack", failure.get());
    }
    assertEquals("true true", outcome.get());
  }

  @Test
  void hugeNumberLiteral_compile_isALocatedDiagnosticThatDoesNotQuoteIt() {
    String digits = "1" + "0".repeat(5_000);
    String text = "model m\ntrait x: int\ncategory c {\n  x > " + digits + " : +1\n}\n";
    Compilation c = RulesLanguage.compile("big.pls", text);
    assertEquals(List.of("PLS0102"), codes(c.diagnostics()));
    Diagnostic d = c.diagnostics().get(0);
    assertEquals(4, d.line());
    assertEquals(7, d.column());
    assertTrue(d.message().contains("out of range"), d.message());
    assertTrue(d.message().contains("5001 characters"), d.message());
    assertTrue(d.message().length() < 300, d.message());
  }

  @Test
  void numberLiteralWith35Digits_compile_isOutOfRange() {
    String text = "model m\ntrait x: int\ncategory c {\n  x > " + "9".repeat(35) + " : +1\n}\n";
    assertEquals(List.of("PLS0102"), codes(RulesLanguage.compile("m.pls", text).diagnostics()));
    String ok = "model m\ntrait x: int\ncategory c {\n  x > " + "9".repeat(34) + " : +1\n}\n";
    assertTrue(RulesLanguage.compile("m.pls", ok).succeeded());
  }

  @Test
  void hugePointsLiteral_compile_isOneCheapDiagnostic() {
    String text =
        "model m\ntrait x: int\ncategory c {\n  x > 1 : +1." + "0".repeat(100_000) + "\n}\n";
    Compilation c = RulesLanguage.compile("points.pls", text);
    assertEquals(List.of("PLS0102"), codes(c.diagnostics()));
    // The rendered line is a window, not the 100,000-character line.
    assertTrue(c.render().length() < 1_000, c.render());
  }

  @Test
  void longLineWithManyErrors_render_showsAWindowAroundEachCaret() {
    StringBuilder line = new StringBuilder("model m ");
    for (int i = 0; i < 50; i++) {
      line.append("signal s").append(i).append(" = nope").append(i).append(' ');
    }
    String text = line.toString().stripTrailing() + "\n";
    Compilation c = RulesLanguage.compile("long.pls", text);
    String[] rendered = c.render().split("\n");
    assertEquals(150, rendered.length);
    for (int i = 1; i < rendered.length; i += 3) {
      // Two spaces, at most 120 characters, and a cut mark on each side.
      assertTrue(rendered[i].length() <= 2 + 120 + 2, rendered[i]);
      String excerpt = rendered[i];
      String caret = rendered[i + 1];
      int at = caret.indexOf('^');
      String name = c.diagnostics().get(i / 3).message().replaceAll(".*not '([^']*)'.*", "$1");
      assertEquals(name, excerpt.substring(at, at + name.length()), excerpt + "\n" + caret);
    }
  }

  @Test
  void thousandsOfErrors_compile_reportsTheFirst100AndCountsTheRest() {
    StringBuilder text = new StringBuilder("model m\ncategory c {\n");
    for (int i = 0; i < 300; i++) {
      text.append("  unknown_").append(i).append(" > 1 : +1\n");
    }
    text.append("}\n");
    Compilation c = RulesLanguage.compile("many.pls", text.toString());
    List<Diagnostic> ds = c.diagnostics();
    assertEquals(101, ds.size());
    Diagnostic last = ds.get(100);
    assertEquals("PLS0006", last.code());
    assertTrue(last.isError());
    assertTrue(
        last.message().startsWith("200 more diagnostics not shown (200 errors"), last.message());
    assertFalse(c.succeeded());
  }

  @Test
  void endlessErrors_compile_stopsCheckingAfter1000Errors() {
    StringBuilder text = new StringBuilder("model m\ncategory c {\n");
    for (int i = 0; i < 5_000; i++) {
      text.append("  unknown_").append(i).append(" > 1 : +1\n");
    }
    text.append("}\n");
    List<Diagnostic> ds = RulesLanguage.compile("many.pls", text.toString()).diagnostics();
    assertEquals(101, ds.size());
    assertTrue(
        ds.get(100).message().startsWith("900 more diagnostics not shown (900 errors"),
        ds.get(100).message());
    assertTrue(ds.get(100).message().contains("checking stopped after 1000 errors"));
  }

  @Test
  void rulesPastTheLimit_check_areNotCheckedAfterOnePls0404() {
    StringBuilder text = new StringBuilder("model m\ntrait x: int\ncategory c {\n");
    for (int i = 0; i < 10_000; i++) {
      text.append("  x > ").append(i).append(" : +1\n");
    }
    // Past the limit: broken rules that would each give an error if they were checked.
    for (int i = 0; i < 50; i++) {
      text.append("  unknown_").append(i).append(" > 1 : +1\n");
    }
    text.append("}\n");
    Compilation c = RulesLanguage.compile("rules.pls", text.toString());
    assertEquals(List.of("PLS0404"), codes(c.diagnostics()));
  }

  @Test
  void byteOrderMark_compile_isSkippedAndColumnsAreUnchanged() {
    String text = "\uFEFFmodel m\ntrait x: int\ncategory c {\n  x > 1 : +1\n}\n";
    assertTrue(RulesLanguage.compile("bom.pls", text).succeeded());
    Compilation broken = RulesLanguage.compile("bom.pls", "\uFEFFmodel m nope\n");
    Diagnostic d = broken.diagnostics().get(0);
    assertEquals(1, d.line());
    assertEquals(9, d.column());
    assertTrue(broken.render().contains("\n  model m nope\n          ^^^^\n"), broken.render());
    assertTrue(RulesLanguage.format("bom.pls", text).text().isPresent());
  }

  @Test
  void bareCrLineEndings_compile_reportsTheRightLine() {
    String text = "model m\rtrait x: int\rcategory c {\r  y > 1 : +1\r}\r";
    Compilation c = RulesLanguage.compile("cr.pls", text);
    assertEquals(List.of("PLS0201"), codes(c.diagnostics()));
    assertEquals(4, c.diagnostics().get(0).line());
    assertEquals(3, c.diagnostics().get(0).column());
    assertTrue(c.render().contains("\n    y > 1 : +1\n    ^\n"), c.render());
    String formatted = RulesLanguage.format("cr.pls", text.replace("y >", "x >")).text().get();
    assertFalse(formatted.contains("\r"));
    assertEquals(
        RulesLanguage.format("lf.pls", text.replace("y >", "x >").replace('\r', '\n')).text(),
        RulesLanguage.format("cr.pls", formatted).text());
  }

  @Test
  void fileThatFormattingGrowsPastTheSizeLimit_format_isPls0002NotAnOversizeText() {
    // Each rule grows from 7 to 13 characters when formatted: under 1 MiB before, over it after.
    StringBuilder text = new StringBuilder("model m\ntrait x: int\ncategory c {\n");
    while (text.length() < 1_000_000) {
      text.append("x>1:+1\n");
    }
    text.append("}\n");
    Formatting f = RulesLanguage.format("grow.pls", text.toString());
    assertTrue(f.text().isEmpty());
    assertEquals(List.of("PLS0002"), codes(f.diagnostics()));
    assertTrue(f.diagnostics().get(0).message().startsWith("formatted, the file would have"));
  }
}
