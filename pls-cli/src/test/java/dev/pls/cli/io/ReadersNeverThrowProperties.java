package dev.pls.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pls.core.input.AccountRule;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Whatever the bytes, a reader returns a summary: every record read is accepted or rejected, each
 * reject is written, and nothing is thrown.
 */
class ReadersNeverThrowProperties {

  /** Lines made from fragments of valid input, mutated: closer to real damage than noise. */
  @Provide
  Arbitrary<String> damagedFiles() {
    Arbitrary<String> fragment =
        Arbitraries.oneOf(
            Arbitraries.of(
                "{\"user\":\"u1\",\"event\":\"e\",\"time\":\"2026-11-20T10:00:00Z\"}",
                "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"e\",\"timestamp\":0}",
                "{\"type\":\"group\",\"groupId\":\"g\",\"userId\":\"u\"}",
                "{\"type\":\"identify\",\"userId\":\"u\",\"traits\":{\"a\":[1]}}",
                "{\"user\":\"u\",\"event\":\"e\",\"time\":1e999999999}",
                "{\"user\":\"u\",\"event\":\"e\",\"time\":-1e-999999999}",
                "user,event,time",
                "u1,login,2026-11-20",
                "\"a\"\"b\",\"c",
                "\uFFFD\u0000\u0007",
                ",,,",
                "\"",
                "{",
                "}",
                "1e400"),
            Arbitraries.strings().ofMaxLength(30));
    return fragment
        .list()
        .ofMaxSize(12)
        .map(parts -> String.join(parts.size() % 2 == 0 ? "\n" : "", parts));
  }

  private static void check(FileSummary s, StringWriter rejects) {
    assertEquals(s.read(), s.accepted() + s.rejected());
    assertEquals(s.rejected(), rejects.toString().lines().count());
  }

  @Property(tries = 300)
  void readEvents_anyText_neverThrows(@ForAll("damagedFiles") String text, @ForAll boolean csv) {
    StringWriter rejects = new StringWriter();
    InputReader reader =
        InputReader.create(new CollectingSink(), Rejects.to(rejects), ReadProgress.NONE);
    FileSummary s =
        reader.readEvents(
            "f",
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
            csv ? InputFormat.CSV : InputFormat.JSON_LINES,
            CsvMapping.defaults());
    check(s, rejects);
  }

  @Property(tries = 300)
  void readTraits_anyText_neverThrows(@ForAll("damagedFiles") String text, @ForAll boolean csv) {
    StringWriter rejects = new StringWriter();
    EntityAssembler assembler = EntityAssembler.create(AccountRule.standard());
    FileSummary s =
        InputReader.create(assembler, Rejects.to(rejects), ReadProgress.NONE)
            .readTraits(
                "f",
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                csv ? InputFormat.CSV : InputFormat.JSON_LINES,
                TraitKey.defaults());
    check(s, rejects);
    assertEquals(List.copyOf(assembler.users()), assembler.users());
  }
}
