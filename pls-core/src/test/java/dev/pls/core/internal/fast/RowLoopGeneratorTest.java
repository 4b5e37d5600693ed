package dev.pls.core.internal.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.model.Expr;
import dev.pls.core.model.Model;
import dev.pls.core.model.TraitType;
import dev.pls.core.model.ValueType;
import dev.pls.core.testing.SeedTemplate;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.util.Textifier;
import org.objectweb.asm.util.TraceClassVisitor;

/*
 * The generated row loop as a reviewer reads it, and where it stops. The golden test prints the
 * class generated for the seed template with ASM's Textifier and compares it with a golden file
 * (it was first written from the hand-written class-file writer ASM replaced). Run
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

  @Test
  void classFile_rulesUpToHotSpotLimit_generatedThenFallsBack() {
    int rules = 1;
    while (RowLoopGenerator.classFile(wide(rules + 1), "M").isPresent()) {
      rules++;
    }
    int largest = codeLength(RowLoopGenerator.classFile(wide(rules), "M").orElseThrow());
    int perRule = largest - codeLength(RowLoopGenerator.classFile(wide(rules - 1), "M").get());
    // The largest loop generated is within one rule of the limit, so one more rule crosses it.
    assertTrue(largest <= RowLoopGenerator.MAX_CODE, () -> largest + " bytes");
    assertTrue(largest + perRule > RowLoopGenerator.MAX_CODE, () -> largest + "+" + perRule);
    assertTrue(RowLoopGenerator.generate(wide(rules), "M").isPresent(), "the JVM accepts it");
    assertEquals(Optional.empty(), RowLoopGenerator.generate(wide(rules + 1), "M"));
  }

  @Test
  void generate_layoutOfWrongLength_throws() {
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> RowLoopGenerator.generate(wide(1), "MM"));
    assertEquals("layout: 2 slots, the plan 1", e.getMessage());
  }

  /** A plan of {@code rules} range tests over one number, each some 50 bytes of code. */
  private static Plan wide(int rules) {
    return new Plan(
        Model.builder("wide")
            .version(1)
            .trait("x", TraitType.INT)
            .category(
                "c",
                c -> {
                  for (int k = 0; k < rules; k++) {
                    c.rule("r" + k, Expr.trait("x").between(k, k + 10), 10, "r" + k);
                  }
                })
            .build());
  }

  /** The length of the run method's code in {@code classFile}, read from its Code attribute. */
  private static int codeLength(byte[] classFile) {
    ClassReader reader = new ClassReader(classFile);
    char[] buffer = new char[reader.getMaxStringLength()];
    int at = reader.header + 6; // access flags, this class, super class
    at += 2 + 2 * reader.readUnsignedShort(at); // interfaces
    assertEquals(0, reader.readUnsignedShort(at), "fields");
    int methods = reader.readUnsignedShort(at + 2);
    at += 4;
    for (int m = 0; m < methods; m++) {
      String name = reader.readUTF8(at + 2, buffer);
      int attributes = reader.readUnsignedShort(at + 6);
      at += 8;
      for (int a = 0; a < attributes; a++) {
        int length = reader.readInt(at + 2);
        if (name.equals(RowLoop.RUN) && reader.readUTF8(at, buffer).equals("Code")) {
          return reader.readInt(at + 10); // after max_stack and max_locals
        }
        at += 6 + length;
      }
    }
    throw new AssertionError("no run method");
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
