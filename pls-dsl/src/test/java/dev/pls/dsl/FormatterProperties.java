package dev.pls.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The formatter's contract on generated files: idempotent, and meaning-preserving. */
class FormatterProperties {

  @Provide
  Arbitrary<String> files() {
    return Arbitraries.oneOf(RuleFileArbitraries.files(), RuleFileArbitraries.accountFiles())
        .flatMap(RuleFileArbitraries::messy);
  }

  @Property(tries = 150)
  void format_isIdempotent(@ForAll("files") String file) {
    String once = RulesLanguage.format("x.pls", file).text().orElseThrow();
    assertEquals(once, RulesLanguage.format("x.pls", once).text().orElseThrow());
  }

  @Property(tries = 150)
  void compile_ofFormatted_equalsCompileOfOriginal(@ForAll("files") String file) {
    Compilation original = RulesLanguage.compile("x.pls", file);
    // Generated conditions can be unsatisfiable (x > 10 and x < 5): those files do not compile,
    // and have no model to compare.
    Assume.that(original.succeeded());
    String formatted = RulesLanguage.format("x.pls", file).text().orElseThrow();
    assertEquals(original.models(), RulesLanguage.compile("y.pls", formatted).models());
  }
}
