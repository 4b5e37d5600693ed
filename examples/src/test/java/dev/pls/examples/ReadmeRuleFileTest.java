package dev.pls.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.dsl.Compilation;
import dev.pls.dsl.RulesLanguage;
import dev.pls.dsl.TestReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every rule file shown in the README checks clean and its tests pass. */
class ReadmeRuleFileTest {
  private static final Pattern PLS_BLOCK =
      Pattern.compile("^```pls\\n(.*?)^```", Pattern.DOTALL | Pattern.MULTILINE);

  @Test
  void readmeRuleFiles_compileCleanAndPassTheirTests() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    Matcher m = PLS_BLOCK.matcher(readme);
    List<String> blocks = new ArrayList<>();
    while (m.find()) {
      blocks.add(m.group(1));
    }
    assertFalse(blocks.isEmpty(), "README.md has no pls block");
    for (int i = 0; i < blocks.size(); i++) {
      Compilation c = RulesLanguage.compile("README.md#pls-" + (i + 1), blocks.get(i));
      assertEquals("", c.render());
      assertTrue(c.testCount() > 0, "the README's rule file should show a test");
      TestReport report = c.runTests();
      assertTrue(report.passed(), report.render());
    }
  }
}
