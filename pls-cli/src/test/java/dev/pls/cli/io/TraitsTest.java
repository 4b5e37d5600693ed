package dev.pls.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.model.EntityKind;
import dev.pls.core.model.Model;
import dev.pls.core.model.Value;
import dev.pls.dsl.RulesLanguage;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TraitsTest {
  private final CollectingSink sink = new CollectingSink();
  private final StringWriter rejectsOut = new StringWriter();

  private FileSummary read(String name, String text) {
    return InputReader.create(sink, Rejects.to(rejectsOut), ReadProgress.NONE)
        .readTraits(
            name,
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
            InputFormat.forFileName(name),
            TraitKey.defaults());
  }

  private static final String TYPED_MODEL =
      "model m version 1\n  entity user\n\ntrait employees: int\ntrait page_views_per_visit:"
          + " number\ntrait icp: bool\ntrait role: string\n\nevent login\n\ncategory c {\n"
          + "  count(login) >= 1 : +1 \"x\"\n}\n";

  private FileSummary readTyped(String name, String text) {
    Model model = RulesLanguage.compile("m.pls", TYPED_MODEL).model().orElseThrow();
    return InputReader.create(sink, Rejects.to(rejectsOut), ReadProgress.NONE)
        .checkingTypesOf(model)
        .readTraits(
            name,
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
            InputFormat.forFileName(name),
            TraitKey.defaults());
  }

  @Test
  void readTraits_jsonTraitOfTheWrongDeclaredType_rejectedNotAbortingTheRun() {
    FileSummary s =
        readTyped(
            "traits.jsonl",
            String.join(
                "\n",
                "{\"user\":\"u1\",\"employees\":1.5}",
                "{\"user\":\"u2\",\"employees\":\"200\"}",
                "{\"user\":\"u3\",\"icp\":\"Yes\"}",
                "{\"user\":\"u4\",\"role\":7}",
                "{\"user\":\"u5\",\"employees\":200,\"page_views_per_visit\":1.5,\"icp\":true,"
                    + "\"role\":\"cto\",\"undeclared\":\"Yes\"}",
                "{\"account\":\"acme\",\"employees\":\"many\"}"));
    assertEquals(6, s.read());
    assertEquals(Map.of("wrong_type", 4L), s.rejectedByReason());
    assertEquals(
        List.of("u5", "acme"), sink.traits.stream().map(CollectingSink.Traits::id).toList());
    String rejects = rejectsOut.toString();
    assertTrue(
        rejects.contains(
            "\"line\":1,\"reason\":\"wrong_type\",\"detail\":\"trait 'employees' is the number"
                + " 1.5; the model declares it int\""),
        rejects);
    assertTrue(
        rejects.contains(
            "\"line\":2,\"reason\":\"wrong_type\",\"detail\":\"trait 'employees' is a string"
                + " \\\"200\\\"; the model declares it int\""),
        rejects);
    assertTrue(
        rejects.contains(
            "\"line\":3,\"reason\":\"wrong_type\",\"detail\":\"trait 'icp' is a string"
                + " \\\"Yes\\\"; the model declares it bool\""),
        rejects);
  }

  @Test
  void readTraits_csvTraitOfTheWrongDeclaredType_rejectedAndTheOtherRowsRead() {
    FileSummary s =
        readTyped("traits.csv", "user,employees,icp\nu1,1.5,true\nu2,20,Yes\nu3,20,false\nu4,,\n");
    assertEquals(Map.of("wrong_type", 2L), s.rejectedByReason());
    assertEquals(List.of("u3", "u4"), sink.traits.stream().map(CollectingSink.Traits::id).toList());
  }

  private static final String RENAMING_MODEL =
      "model m version 1\n  entity user\n\ntrait minutes = \"Total Time Spent on Website\":"
          + " int\ntrait dnc = \"Do Not Call\": bool\ntrait city: string\n\ncategory c {\n"
          + "  minutes >= 1 : +1 \"x\"\n}\n";

  private FileSummary readRenaming(String name, String text, TraitKey key) {
    Model model = RulesLanguage.compile("m.pls", RENAMING_MODEL).model().orElseThrow();
    return InputReader.create(sink, Rejects.to(rejectsOut), ReadProgress.NONE)
        .checkingTypesOf(model)
        .readTraits(
            name,
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
            InputFormat.forFileName(name),
            key);
  }

  @Test
  void readTraits_csvColumnsNamedAsTheDataNamesTraits_giveTheModelsNamesTypedAsDeclared() {
    FileSummary s =
        readRenaming(
            "leads.csv",
            "Prospect ID,Total Time Spent on Website,Do Not Call,city,minutes,Lead Number\n"
                + "p1,45,true,Pune,99,7\np2,1.5,false,,,\n",
            TraitKey.parse("user=Prospect ID"));
    // minutes is the model's name of a trait the data calls otherwise: that column is not it.
    assertEquals(
        List.of(
            new CollectingSink.Traits(
                EntityKind.USER,
                "p1",
                Map.of(
                    "minutes", Value.num(45),
                    "dnc", Value.bool(true),
                    "city", Value.str("Pune"),
                    "Lead Number", Value.num(7)))),
        sink.traits);
    assertEquals(Map.of("wrong_type", 1L), s.rejectedByReason());
    assertTrue(
        rejectsOut.toString().contains("trait 'minutes' is the number 1.5; the model declares it"),
        rejectsOut.toString());
  }

  @Test
  void readTraits_jsonMembersNamedAsTheDataNamesTraits_giveTheModelsNames() {
    FileSummary s =
        readRenaming(
            "leads.jsonl",
            "{\"user\":\"p1\",\"Total Time Spent on Website\":45,\"Do Not Call\":false,"
                + "\"dnc\":true}\n",
            TraitKey.defaults());
    assertEquals(1, s.accepted());
    assertEquals(
        List.of(
            new CollectingSink.Traits(
                EntityKind.USER, "p1", Map.of("minutes", Value.num(45), "dnc", Value.bool(false)))),
        sink.traits);
  }

  @Test
  void readTraits_numericTraitOutOfTheNumberRange_rejected() {
    FileSummary s =
        read(
            "traits.csv",
            "user,employees\nu1," + "9".repeat(999) + "\nu2,1e40\nu3,12345678901234567890\n");
    assertEquals(Map.of("number_range", 2L), s.rejectedByReason());
    assertEquals(List.of("u3"), sink.traits.stream().map(CollectingSink.Traits::id).toList());
    FileSummary json = read("traits.jsonl", "{\"user\":\"u4\",\"employees\":1e40}\n");
    assertEquals(Map.of("number_range", 1L), json.rejectedByReason());
    assertTrue(
        rejectsOut.toString().contains("trait 'employees' is a number out of range: 1E+40"),
        rejectsOut.toString());
  }

  @Test
  void readTraits_jsonLines_everyOtherFieldATraitKeepingItsJsonType() {
    FileSummary s =
        read(
            "traits.jsonl",
            String.join(
                "\n",
                "{\"user\":\"u1\",\"employees\":200,\"industry\":\"software\",\"icp\":true,"
                    + "\"zip\":\"02139\",\"arr\":1.50,\"gone\":null}",
                "{\"account\":\"acme\",\"plan\":\"enterprise\"}",
                "{\"user\":\"u2\",\"account\":\"acme\"}",
                "{\"employees\":3}",
                "{\"user\":\"u3\",\"address\":{\"city\":\"Oslo\"}}",
                "{\"user\":\"\",\"x\":1}",
                "[\"u4\"]"));
    assertEquals(7, s.read());
    assertEquals(2, s.accepted());
    assertEquals(
        Map.of("bad_value", 1L, "missing_id", 2L, "nested_value", 1L, "not_an_object", 1L),
        s.rejectedByReason());
    assertEquals(
        List.of(
            new CollectingSink.Traits(
                EntityKind.USER,
                "u1",
                Map.of(
                    "employees", Value.num(200),
                    "industry", Value.str("software"),
                    "icp", Value.bool(true),
                    "zip", Value.str("02139"),
                    "arr", Value.num("1.5"))),
            new CollectingSink.Traits(
                EntityKind.ACCOUNT, "acme", Map.of("plan", Value.str("enterprise")))),
        sink.traits);
    Golden.assertMatches("dev/pls/cli/io/traits.rejects.jsonl", rejectsOut.toString());
  }

  @Test
  void readTraits_csv_cellsTypedByTheRule() {
    FileSummary s =
        read(
            "traits.csv",
            "user,employees,industry,icp,zip,ratio,big,note\n"
                + "u1,200,software,true,02139,-0.25,1e3,\"a, b\"\n"
                + "u2,,,FALSE,+5,1.,0,\n"
                + "u3,1\n");
    assertEquals(3, s.read());
    assertEquals(Map.of("wrong_column_count", 1L), s.rejectedByReason());
    assertEquals(
        List.of(
            new CollectingSink.Traits(
                EntityKind.USER,
                "u1",
                Map.of(
                    "employees", Value.num(200),
                    "industry", Value.str("software"),
                    "icp", Value.bool(true),
                    "zip", Value.str("02139"),
                    "ratio", Value.num("-0.25"),
                    "big", Value.num(1000),
                    "note", Value.str("a, b"))),
            new CollectingSink.Traits(
                EntityKind.USER,
                "u2",
                Map.of(
                    "icp",
                    Value.str("FALSE"),
                    "zip",
                    Value.str("+5"),
                    "ratio",
                    Value.str("1."),
                    "big",
                    Value.num(0)))),
        sink.traits);
  }

  @Test
  void readTraits_csvKeyedByAccount_givesAccountTraits() {
    read("accounts.csv", "account,employees\nacme,1200\n");
    assertEquals(
        List.of(
            new CollectingSink.Traits(
                EntityKind.ACCOUNT, "acme", Map.of("employees", Value.num(1200)))),
        sink.traits);
  }

  @Test
  void readTraits_csvWithoutKeyColumn_isAnErrorForTheFile() {
    FileSummary s = read("t.csv", "id,employees\nu1,3\n");
    assertEquals(
        Optional.of(
            "a traits header needs exactly one of the columns 'user' and 'account' (or name the"
                + " key column: user=COLUMN), was [id, employees]"),
        s.error());
  }

  @Test
  void readTraits_namedKeyColumn_keysCsvAndJsonRecords() {
    InputReader reader = InputReader.create(sink, Rejects.to(rejectsOut), ReadProgress.NONE);
    reader.readTraits(
        "users.csv",
        new ByteArrayInputStream(
            "object_id,org_id,user\n7,11,x\n".getBytes(StandardCharsets.UTF_8)),
        InputFormat.CSV,
        TraitKey.parse("user=object_id"));
    FileSummary json =
        reader.readTraits(
            "orgs.jsonl",
            new ByteArrayInputStream(
                "{\"org\":\"o1\",\"seats\":5}\n{\"seats\":1}\n".getBytes(StandardCharsets.UTF_8)),
            InputFormat.JSON_LINES,
            TraitKey.parse("account=org"));
    assertEquals(Map.of("missing_id", 1L), json.rejectedByReason());
    assertEquals(
        List.of(
            new CollectingSink.Traits(
                EntityKind.USER, "7", Map.of("org_id", Value.num(11), "user", Value.str("x"))),
            new CollectingSink.Traits(EntityKind.ACCOUNT, "o1", Map.of("seats", Value.num(5)))),
        sink.traits);
  }

  @Test
  void traitKeyParse_badSpec_rejected() {
    for (String bad : List.of("object_id", "org=x", "user=", "user")) {
      org.junit.jupiter.api.Assertions.assertThrows(
          IllegalArgumentException.class, () -> TraitKey.parse(bad), bad);
    }
  }
}
