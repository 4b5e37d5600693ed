package dev.pls.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.card.ScoreCard;
import dev.pls.core.input.AccountRule;
import dev.pls.core.input.Entity;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks every example in {@code docs/cli.md}. An example is a fenced block right after an HTML
 * comment that says what it is: {@code <!-- events NAME [map=SPEC] -->}, {@code <!-- traits NAME
 * [key=SPEC] -->} (input files; without a following {@code <!-- rejects -->} block they must read
 * without a reject), {@code <!-- rejects -->}, {@code <!-- timestamps -->}, {@code <!-- accounts
 * -->} (every user of the input files above it, with its account), {@code <!-- summary -->}, {@code
 * <!-- card -->} and {@code <!-- cards-csv -->} (cards of {@link CardWritersTest}'s model and
 * files).
 */
class DocExamplesTest {
  private static final Path DOC = Path.of("..", "docs", "cli.md");
  private static final Pattern MARKER = Pattern.compile("<!-- (\\S+)(?: (\\S+))?(?: (\\S+))? -->");

  record Example(String kind, String name, String option, String body) {}

  @TempDir Path dir;

  static List<Example> examples() throws IOException {
    List<String> lines = Files.readAllLines(DOC, StandardCharsets.UTF_8);
    List<Example> examples = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = MARKER.matcher(lines.get(i));
      if (!m.matches()) {
        continue;
      }
      int open = i + 1;
      assertTrue(lines.get(open).startsWith("```"), "fence after line " + (i + 1));
      int close = open + 1;
      while (!lines.get(close).equals("```")) {
        close++;
      }
      String body = String.join("\n", lines.subList(open + 1, close)) + "\n";
      examples.add(new Example(m.group(1), m.group(2), m.group(3), body));
      i = close;
    }
    return examples;
  }

  @Test
  void examples_everyInputReadsAsShownAndTheAccountsAreAsListed() throws IOException {
    List<Example> examples = examples();
    EntityAssembler assembler = EntityAssembler.create(AccountRule.standard());
    boolean accountsChecked = false;
    int checked = 0;
    for (int i = 0; i < examples.size(); i++) {
      Example e = examples.get(i);
      if (e.kind.equals("events") || e.kind.equals("traits")) {
        Path file = Files.writeString(dir.resolve(e.name), e.body, StandardCharsets.UTF_8);
        StringWriter rejects = new StringWriter();
        // Inputs after the accounts example are about rejects; they stay out of the population.
        InputSink sink = accountsChecked ? new CollectingSink() : assembler;
        InputReader reader = InputReader.create(sink, Rejects.to(rejects), ReadProgress.NONE);
        ReadSummary s =
            e.kind.equals("events")
                ? reader.readEvents(
                    List.of(file),
                    e.option == null
                        ? CsvMapping.defaults()
                        : CsvMapping.parse(e.option.substring("map=".length())))
                : reader.readTraits(
                    List.of(file),
                    e.option == null
                        ? TraitKey.defaults()
                        : TraitKey.parse(e.option.substring("key=".length())));
        assertTrue(s.errors().isEmpty(), e.name + ": " + s.errors());
        String expected = "";
        if (i + 1 < examples.size() && examples.get(i + 1).kind.equals("rejects")) {
          expected = examples.get(i + 1).body;
          Example summary = examples.get(i + 2);
          assertEquals("summary", summary.kind);
          assertEquals(summary.body, Progress.summaryLine(s, 0) + "\n");
        }
        assertEquals(expected, rejects.toString().replace(file.toString(), e.name), e.name);
        checked++;
      } else if (e.kind.equals("accounts")) {
        StringBuilder actual = new StringBuilder();
        for (Entity u : assembler.users()) {
          actual.append(String.format(java.util.Locale.ROOT, "%-4s => ", u.id()));
          actual.append(assembler.accountOf(u.id()).orElse("(none)")).append('\n');
        }
        assertEquals(e.body, actual.toString());
        accountsChecked = true;
      }
    }
    assertTrue(accountsChecked);
    assertEquals(9, checked);
    // contracts.jsonl and renewals.csv: one event of an account alone each, and no user.
    assertEquals(2, assembler.accountEventCount());
    assertEquals(
        List.of("contract_signed"),
        assembler.accounts().stream()
            .filter(a -> a.id().equals("acme"))
            .flatMap(a -> a.events().stream())
            .filter(x -> !x.hasUser())
            .map(x -> x.name())
            .toList());
  }

  @Test
  void summary_perFileLineQuotedInTheText_isWhatProgressPrints() throws IOException {
    java.util.TreeMap<String, Long> reasons = new java.util.TreeMap<>();
    reasons.put("bad_time", 2L);
    String line =
        Progress.fileLine(
            new FileSummary("events.jsonl", 20, 18, 2, reasons, java.util.Optional.empty()));
    assertTrue(Files.readString(DOC, StandardCharsets.UTF_8).contains("(`  " + line + "`)"), line);
  }

  @Test
  void timestamps_eachLineParsesToWhatItSays() throws IOException {
    Example e = examples().stream().filter(x -> x.kind.equals("timestamps")).findFirst().get();
    for (String line : e.body.split("\n")) {
      String[] parts = line.split(" +=> ", 2);
      String actual;
      try {
        actual = Timestamps.parse(parts[0]).toString();
      } catch (IllegalArgumentException ex) {
        actual = "error: " + ex.getMessage();
      }
      assertEquals(parts[1], actual, line);
    }
  }

  @Test
  void cards_jsonExampleIsTheExplainedCardAndCsvExampleIsTheOutputsStart() throws IOException {
    List<Example> examples = examples();
    EntityAssembler assembler = CardWritersTest.assembled();
    List<ScoreCard> cards = CardWritersTest.cards(assembler);

    StringWriter json = new StringWriter();
    CardWriter jsonWriter = CardWriter.jsonLines(json, true);
    jsonWriter.write(cards.get(0));
    jsonWriter.flush();
    Example card = examples.stream().filter(x -> x.kind.equals("card")).findFirst().get();
    assertEquals(JsonLines.MAPPER.readTree(json.toString()), JsonLines.MAPPER.readTree(card.body));

    StringWriter csv = new StringWriter();
    CardWriter w = CardWriter.csv(csv, assembler::accountOf, 3);
    for (ScoreCard c : cards) {
      w.write(c);
    }
    Example run = examples.stream().filter(x -> x.kind.equals("run-summary")).findFirst().get();
    ScoringRun.Result result =
        ScoringRun.builder(
                dev.pls.core.scoring.Scorer.reference(CardWritersTest.model()),
                CardWritersTest.AS_OF)
            .events(List.of(Golden.path("dev/pls/cli/io/cards-events.jsonl")))
            .traits(List.of(Golden.path("dev/pls/cli/io/cards-traits.csv")))
            .nanoTime(() -> 0)
            .build()
            .run(CardWriter.jsonLines(new StringWriter(), false));
    assertEquals(run.body, result.summaryLine() + "\n");

    Example rows = examples.stream().filter(x -> x.kind.equals("cards-csv")).findFirst().get();
    assertFalse(rows.body.isBlank());
    assertTrue(csv.toString().startsWith(rows.body), csv.toString());
  }
}
