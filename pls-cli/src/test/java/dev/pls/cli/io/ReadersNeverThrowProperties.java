package dev.pls.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pls.core.input.AccountRule;
import dev.pls.core.input.Entity;
import dev.pls.core.model.Model;
import dev.pls.core.scoring.Scorer;
import dev.pls.dsl.RulesLanguage;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
                "1e400",
                "{\"user\":\"u\",\"employees\":1.5,\"icp\":\"Yes\"}",
                "{\"user\":\"u\",\"employees\":\"200\",\"icp\":true}",
                "{\"user\":\"u\",\"employees\":" + "9".repeat(2000) + "}",
                "user,employees,icp",
                "u2,1.5,Yes",
                "u3," + "9".repeat(999) + ",false",
                "\"u4,2,true",
                "{\"user\":\"u\",\"event\":\"e\",\"time\":0,\"props\":{\"n\":1e99999999999}}",
                "u5,1E-99999999999,true"),
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

  private static final Model TYPED =
      RulesLanguage.compile(
              "m.pls",
              "model m version 1\n  entity user\ntrait employees: int\ntrait icp: bool\n"
                  + "event e\ncategory c {\n  count(e) >= 1 : +1 \"x\"\n}\n")
          .model()
          .orElseThrow();

  /** What the readers accept, the core takes: no trait of the wrong type reaches an entity. */
  @Property(tries = 300)
  void readTraits_checkingTypesOfAModel_everyUserScores(
      @ForAll("damagedFiles") String text, @ForAll boolean csv) {
    StringWriter rejects = new StringWriter();
    EntityAssembler assembler = EntityAssembler.create(AccountRule.standard());
    InputReader reader =
        InputReader.create(assembler, Rejects.to(rejects), ReadProgress.NONE)
            .checkingTypesOf(TYPED);
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    InputFormat format = csv ? InputFormat.CSV : InputFormat.JSON_LINES;
    check(
        reader.readTraits("f", new ByteArrayInputStream(bytes), format, TraitKey.defaults()),
        rejects);
    Scorer scorer = Scorer.reference(TYPED);
    for (Entity user : assembler.users()) {
      scorer.score(user, Instant.EPOCH);
    }
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
