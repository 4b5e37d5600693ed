package dev.pls.dsl;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/*
 * Rule files come from analysts and from anywhere else: whatever the text, compiling and formatting
 * return diagnostics in bounded time and never throw. Inputs are valid files with a few random
 * edits (deleted, duplicated or inserted slices, and characters that matter to the grammar).
 */
class ParserRobustnessProperties {
  private static final List<String> INSERTS =
      List.of(
          "(",
          ")",
          "{",
          "}",
          "\"",
          "#",
          "-",
          ":",
          "not ",
          "within ",
          "7d",
          "[",
          "]",
          "\n",
          "((((",
          "and and",
          "1e",
          "é",
          "\u0000",
          "score",
          "2026-11-20T12:00:00Z",
          ".");

  @Provide
  Arbitrary<String> mutated() {
    Arbitrary<String> seed = Arbitraries.of(RuleFileArbitraries.seeds());
    return seed.flatMap(
        s ->
            Combinators.combine(
                    Arbitraries.integers().between(0, s.length()),
                    Arbitraries.integers().between(0, 40),
                    Arbitraries.integers().between(0, 2),
                    Arbitraries.of(INSERTS))
                .as(
                    (at, len, kind, insert) -> {
                      int end = Math.min(s.length(), at + len);
                      return switch (kind) {
                        case 0 -> s.substring(0, at) + s.substring(end);
                        case 1 -> s.substring(0, end) + s.substring(at, end) + s.substring(end);
                        default -> s.substring(0, at) + insert + s.substring(at);
                      };
                    }));
  }

  @Property(tries = 300)
  void compileAndFormat_onMutatedFiles_neverThrowAndFinish(@ForAll("mutated") String text) {
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () -> {
          Compilation c = RulesLanguage.compile("m.pls", text);
          assertNotNull(c.render());
          if (c.succeeded()) {
            c.runTests();
          }
          assertNotNull(RulesLanguage.format("m.pls", text));
        });
  }

  @Property(tries = 20)
  void deepNesting_givesADiagnosticNotAStackOverflow(
      @ForAll("depths") int depth, @ForAll("openers") String opener) {
    String text = "model m\ncategory c {\n  " + opener.repeat(depth) + "x" + " : +1\n}\n";
    Compilation c = RulesLanguage.compile("deep.pls", text);
    assertNotNull(c.render());
  }

  @Provide
  Arbitrary<Integer> depths() {
    return Arbitraries.integers().between(1, 100_000);
  }

  @Provide
  Arbitrary<String> openers() {
    return Arbitraries.of("(", "not ", "-", "{", "x + ");
  }
}
