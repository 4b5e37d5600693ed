package dev.pls.dsl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.dsl.RulesLanguage;
import org.antlr.v4.runtime.dfa.DFA;
import org.junit.jupiter.api.Test;

/*
 * The generated parser and lexer keep static DFA caches that ANTLR grows with every distinct input
 * and never shrinks. A service that compiles analysts' files for months must not leak through
 * them: each parse brings its own cache, and the static ones stay as they were.
 */
class ParsingCacheTest {

  private static long states(DFA[] dfas) {
    long n = 0;
    for (DFA d : dfas) {
      n += d.states.size();
    }
    return n;
  }

  @Test
  void manyDistinctFiles_compile_doNotGrowTheSharedAntlrCaches() {
    long parserBefore = states(PlsParser._decisionToDFA);
    long lexerBefore = states(PlsLexer._decisionToDFA);
    for (int i = 0; i < 200; i++) {
      String text =
          "model m"
              + i
              + "\ntrait t"
              + i
              + ": int\nevent e"
              + i
              + "\nsignal s = count(e"
              + i
              + " where p"
              + i
              + " in {\"v"
              + i
              + "\", "
              + i
              + "})\ncategory c {\n  ("
              + "(t".repeat(i % 7)
              + i
              + " > "
              + i
              + ")".repeat(i % 7)
              + " or s >= "
              + i
              + ") and not t"
              + i
              + " is missing : +"
              + (i % 50 + 1)
              + "\n}\n";
      assertTrue(RulesLanguage.compile("m" + i + ".pls", text).diagnostics().size() >= 0);
      RulesLanguage.format("m" + i + ".pls", text);
    }
    assertEquals(parserBefore, states(PlsParser._decisionToDFA));
    assertEquals(lexerBefore, states(PlsLexer._decisionToDFA));
  }
}
