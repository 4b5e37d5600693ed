package dev.pls.core.internal.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pls.core.ValueType;
import dev.pls.core.testing.SeedTemplate;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.Textifier;
import org.objectweb.asm.util.TraceClassVisitor;

/*
 * The generated row loop as a reviewer reads it: ASM's Textifier listing of the class generated
 * for the seed template, checked against a golden file. Run
 *   mvn -B -q -pl pls-core test -Dtest=RowLoopGeneratorTest -Dpls.golden.update=true
 * to rewrite the golden file after a deliberate change to the generated code, then review the
 * diff.
 */
class RowLoopGeneratorTest {
  private static final Path GOLDEN =
      Path.of("src/test/resources/dev/pls/core/internal/fast/seed-template-row-loop.txt");

  @Test
  void classFile_seedTemplate_matchesGoldenListing() throws IOException {
    Plan plan = new Plan(SeedTemplate.model());
    byte[] bytes = RowLoopGenerator.classFile(plan, numbersWithMissingRows(plan)).orElseThrow();
    String actual = listing(bytes);
    if (Boolean.getBoolean("pls.golden.update")) {
      Files.createDirectories(GOLDEN.getParent());
      Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(GOLDEN, StandardCharsets.UTF_8), actual);
  }

  /**
   * The layout of a table with every number in a long column with missing rows (the longest code:
   * each range test also reads a missing bit) and every other value in a value column.
   */
  private static String numbersWithMissingRows(Plan plan) {
    char[] layout = new char[plan.slots];
    for (Plan.AggSlot a : plan.aggregates) {
      layout[a.slot()] = code(a.aggregate().type());
    }
    for (int k = 0; k < plan.traitNames.size(); k++) {
      ValueType type = plan.model.trait(plan.traitNames.get(k)).orElseThrow().type().valueType();
      layout[plan.traitSlots.get(k)] = code(type);
    }
    assertEquals(-1, new String(layout).indexOf('\0'), "a slot neither aggregate nor trait");
    return new String(layout);
  }

  private static char code(ValueType type) {
    return type == ValueType.NUMBER ? RowLoopGenerator.LONG_MISSING : RowLoopGenerator.VALUE;
  }

  private static String listing(byte[] classFile) {
    StringWriter out = new StringWriter();
    new ClassReader(classFile)
        .accept(new TraceClassVisitor(null, new Textifier(), new PrintWriter(out)), 0);
    return out.toString();
  }
}
