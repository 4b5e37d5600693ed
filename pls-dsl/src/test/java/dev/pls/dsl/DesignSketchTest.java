package dev.pls.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.model.Model;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** DESIGN.md's normative sketch, copied verbatim: it must check clean and its test must pass. */
class DesignSketchTest {

  static String resource(String name) {
    try (InputStream in = DesignSketchTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new AssertionError("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void sketch_asWritten_checksCleanAndItsTestPasses() {
    Compilation c = RulesLanguage.compile("design-sketch.pls", resource("design-sketch.pls"));
    assertEquals("", c.render());
    assertTrue(c.succeeded());
    Model m = c.model().orElseThrow();
    assertEquals("b2b_trial_pql", m.id());
    assertEquals(3, m.version());
    assertEquals(17, m.rules().size());
    TestReport report = c.runTests();
    assertTrue(report.passed(), report.render());
    assertEquals(1, report.results().size());
  }

  @Test
  void sketch_rulesWithoutIdOrLabel_getDerivedIdsAndConditionLabels() {
    Model m = RulesLanguage.compile("s.pls", resource("design-sketch.pls")).model().orElseThrow();
    assertEquals("Invited 3-5 teammates", m.rule("invited_3_5_teammates").orElseThrow().label());
    assertEquals("employees between 50 and 500", m.rule("fit_1").orElseThrow().label());
    assertEquals("industry in target_industries", m.rule("fit_3").orElseThrow().label());
  }
}
