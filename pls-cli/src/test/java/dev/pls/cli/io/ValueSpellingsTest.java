package dev.pls.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.model.Model;
import dev.pls.core.model.Value;
import dev.pls.dsl.RulesLanguage;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Missing, true and false as exports spell them: CRM "Select", "NA", "Yes"/"No", "t"/"f". */
class ValueSpellingsTest {
  private final CollectingSink sink = new CollectingSink();
  private final StringWriter rejectsOut = new StringWriter();

  private static final Model MODEL =
      RulesLanguage.compile(
              "m.pls",
              "model m version 1\n  entity user\n\ntrait employees: int\ntrait icp: bool\n"
                  + "trait industry: string\n\ncategory c {\n"
                  + "  count(trial_started where paid == true) >= 1 : +1 \"x\"\n}\n")
          .model()
          .orElseThrow();

  private static final ValueSpellings CRM =
      ValueSpellings.of(
          ValueSpellings.list("Select,NA,"),
          ValueSpellings.list("Yes,t,True"),
          ValueSpellings.list("No,f,False"));

  private InputReader reader(ValueSpellings spellings) {
    return InputReader.create(sink, Rejects.to(rejectsOut), ReadProgress.NONE)
        .withValues(spellings)
        .checkingTypesOf(MODEL);
  }

  private FileSummary traits(ValueSpellings spellings, String name, String text) {
    return reader(spellings)
        .readTraits(
            name,
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
            InputFormat.forFileName(name),
            TraitKey.defaults());
  }

  private FileSummary events(ValueSpellings spellings, String name, String text) {
    return reader(spellings)
        .readEvents(
            name,
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
            InputFormat.forFileName(name),
            CsvMapping.defaults());
  }

  private Map<String, Value> traitsOf(String id) {
    return sink.traits.stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow().traits();
  }

  @Test
  void csvTraits_selectNaYesNo_readAsMissingAndBooleans() {
    FileSummary s =
        traits(
            CRM,
            "leads.csv",
            "user,employees,icp,industry,newsletter\n"
                + "u1,NA,Yes,Select,Yes\n"
                + "u2,20,No,software,No\n"
                + "u3,5,t,NA,f\n"
                + "u4,5,maybe,,\n");
    assertEquals(Map.of("wrong_type", 1L), s.rejectedByReason());
    // newsletter is not declared: its Yes and No are strings, only the declared bool is respelt.
    assertEquals(Map.of("icp", Value.bool(true), "newsletter", Value.str("Yes")), traitsOf("u1"));
    assertEquals(
        Map.of(
            "employees", Value.num(20),
            "icp", Value.bool(false),
            "industry", Value.str("software"),
            "newsletter", Value.str("No")),
        traitsOf("u2"));
    assertEquals(
        Map.of("employees", Value.num(5), "icp", Value.bool(true), "newsletter", Value.str("f")),
        traitsOf("u3"));
    assertTrue(
        rejectsOut.toString().contains("trait 'icp' is a string \\\"maybe\\\"; the model declares"),
        rejectsOut.toString());
  }

  @Test
  void jsonTraits_selectNaEmptyYesNo_readAsMissingAndBooleans() {
    FileSummary s =
        traits(
            CRM,
            "leads.jsonl",
            String.join(
                "\n",
                "{\"user\":\"u1\",\"employees\":\"NA\",\"icp\":\"Yes\",\"industry\":\"Select\"}",
                "{\"user\":\"u2\",\"employees\":20,\"icp\":\"False\",\"industry\":\"\"}",
                "{\"user\":\"u3\",\"icp\":true,\"industry\":\"NA?\"}",
                "{\"user\":\"u4\",\"icp\":1}"));
    // A JSON number is never respelt: 1 for a bool trait stays wrong_type.
    assertEquals(Map.of("wrong_type", 1L), s.rejectedByReason());
    assertEquals(Map.of("icp", Value.bool(true)), traitsOf("u1"));
    assertEquals(Map.of("employees", Value.num(20), "icp", Value.bool(false)), traitsOf("u2"));
    assertEquals(Map.of("icp", Value.bool(true), "industry", Value.str("NA?")), traitsOf("u3"));
  }

  @Test
  void defaults_readAsBefore() {
    FileSummary csv =
        traits(ValueSpellings.defaults(), "t.csv", "user,icp,industry\nu1,Yes,\nu2,true,NA\n");
    assertEquals(Map.of("wrong_type", 1L), csv.rejectedByReason());
    assertEquals(Map.of("icp", Value.bool(true), "industry", Value.str("NA")), traitsOf("u2"));
    FileSummary json =
        traits(
            ValueSpellings.defaults(),
            "t.jsonl",
            "{\"user\":\"u3\",\"icp\":\"true\"}\n{\"user\":\"u4\",\"industry\":\"\"}\n");
    // A JSON string "true" is no boolean unless --true says so; "" is a string unless --missing.
    assertEquals(Map.of("wrong_type", 1L), json.rejectedByReason());
    assertEquals(Map.of("industry", Value.str("")), traitsOf("u4"));
  }

  @Test
  void eventProperties_csvAndJson_respeltWhereTheRulesReadABoolean() {
    FileSummary csv =
        events(
            CRM,
            "e.csv",
            "user,event,time,paid,plan\n"
                + "u1,trial_started,2026-11-20T10:00:00Z,t,Select\n"
                + "u2,trial_started,2026-11-20T10:00:00Z,No,t\n");
    assertEquals(Map.of(), csv.rejectedByReason());
    FileSummary json =
        events(
            CRM,
            "e.jsonl",
            "{\"user\":\"u3\",\"event\":\"trial_started\",\"time\":\"2026-11-20T10:00:00Z\","
                + "\"props\":{\"paid\":\"Yes\",\"plan\":\"NA\"}}\n"
                + "{\"user\":\"u4\",\"event\":\"trial_started\",\"time\":\"2026-11-20T10:00:00Z\","
                + "\"props\":{\"paid\":\"perhaps\"}}\n");
    assertEquals(Map.of("wrong_type", 1L), json.rejectedByReason());
    assertEquals(
        List.of(
            Map.of("paid", Value.bool(true)),
            Map.of("paid", Value.bool(false), "plan", Value.str("t")),
            Map.of("paid", Value.bool(true))),
        sink.events.stream().map(e -> e.properties()).toList());
  }

  @Test
  void aSpellingInTwoLists_isRefusedNamingIt() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ValueSpellings.of(List.of(), List.of("Yes", "1"), List.of("No", "1")));
    assertEquals("'1' is in both --true and --false; a spelling means one thing", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ValueSpellings.of(List.of("NA", "false"), List.of(), List.of()));
    assertEquals(
        "'false' is in both --missing and --false; a spelling means one thing", e.getMessage());
  }

  @Test
  void list_emptyItemIsTheEmptyString() {
    assertEquals(List.of("Select", "NA", ""), ValueSpellings.list("Select,NA,"));
    assertEquals(List.of(""), ValueSpellings.list(""));
  }
}
