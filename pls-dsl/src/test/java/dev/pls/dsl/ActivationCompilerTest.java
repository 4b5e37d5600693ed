package dev.pls.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.model.Activation;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code activation NAME} compiles to the model's {@link Activation}: a rule first, else an event.
 */
class ActivationCompilerTest {
  private static Optional<Activation> activation(String source) {
    Compilation c = RulesLanguage.compile("a.pls", source);
    assertEquals("", c.render(), source);
    return c.model().orElseThrow().activation();
  }

  @Test
  void ruleId_compilesToARuleActivation() {
    assertEquals(
        Optional.of(Activation.rule("dashboards_3")),
        activation(
            "model m\ncategory c {\n  count(dashboard_created) >= 3 : +10 \"Built 3+\""
                + " [dashboards_3]\n}\nactivation dashboards_3\n"));
  }

  @Test
  void declaredEventAlias_compilesToTheEventsNameInTheData() {
    assertEquals(
        Optional.of(Activation.event("Source Connected")),
        activation(
            "model m\nevent connected = \"Source Connected\"\nevent query_run\n"
                + "category c {\n  count(query_run) >= 3 : +10 \"Ran 3 queries\"\n}\n"
                + "activation connected\n"));
  }

  @Test
  void eventTheModelReads_whenEventsAreOpen_compilesToAnEventActivation() {
    assertEquals(
        Optional.of(Activation.event("query_run")),
        activation(
            "model m\n"
                + "category c {\n  count(query_run) >= 3 : +10 \"Ran 3 queries\"\n}\n"
                + "activation query_run\n"));
  }

  @Test
  void ruleIdFirst_whenARuleIsNamedLikeAnEvent() {
    assertEquals(
        Optional.of(Activation.rule("query_run")),
        activation(
            "model m\ncategory c {\n  count(query_run) >= 3 : +10 \"Ran 3 queries\""
                + " [query_run]\n}\nactivation query_run\n"));
  }

  @Test
  void noDeclaration_noActivation_andTheLineFormatsBack() {
    assertEquals(
        Optional.empty(),
        activation("model m\ncategory c {\n  count(query_run) >= 3 : +10 \"Ran 3\"\n}\n"));
    String source =
        "model m\ncategory c {\n  count(query_run) >= 3 : +10 \"Ran 3\" [ran_3]\n}\n"
            + "activation   ran_3 # the aha moment\n";
    Formatting f = RulesLanguage.format("a.pls", source);
    assertTrue(
        f.text().orElseThrow().contains("\n\nactivation ran_3  # the aha moment\n"),
        f.text().orElseThrow());
  }
}
