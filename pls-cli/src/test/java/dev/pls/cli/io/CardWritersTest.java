package dev.pls.cli.io;

import static dev.pls.core.model.Expr.trait;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.card.ScoreCard;
import dev.pls.core.input.AccountRule;
import dev.pls.core.input.Entity;
import dev.pls.core.model.Aggregate;
import dev.pls.core.model.EventFilter;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Model;
import dev.pls.core.model.Points;
import dev.pls.core.model.Signal;
import dev.pls.core.model.TraitType;
import dev.pls.core.model.Value;
import dev.pls.core.model.Window;
import dev.pls.core.scoring.Scorer;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cards from the reference scorer, read from files the way the command will read them. */
class CardWritersTest {
  static final Instant AS_OF = Instant.parse("2026-11-20T12:00:00Z");
  static final Signal INVITES = Signal.count("invites", "invite_sent");

  /** A small model that exercises caps, fractional points, negatives, exclusions and tiers. */
  static Model model() {
    return Model.builder("trial_pql")
        .version(3)
        .trait("employees", TraitType.INT)
        .trait("email_domain", TraitType.STRING)
        .category(
            "collaboration",
            c ->
                c.cap(25)
                    .rule(
                        "invites_3",
                        INVITES.within(Window.days(7)).ge(3),
                        20,
                        "Invited 3+ \"teammates\", fast")
                    .rule(
                        "shared",
                        Expr.occurred("content_shared", Window.days(7)),
                        10,
                        "Shared content"))
        .category(
            "fit",
            c ->
                c.rule(
                    "size",
                    trait("employees").between(50, 500),
                    Points.parse("7.5"),
                    "Company size 50-500"))
        .category(
            "negative",
            c ->
                c.rule(
                    "inactive",
                    Expr.agg(Aggregate.daysSince(EventFilter.any())).ge(7),
                    -20,
                    "Inactive for 7+ days"))
        .exclude(trait("email_domain").in("gmail.com"), "personal email domain")
        .tier("hot", Expr.score().ge(30))
        .tier("warm", Expr.score().ge(10))
        .build();
  }

  static EntityAssembler assembled() {
    EntityAssembler assembler = EntityAssembler.create(AccountRule.standard());
    InputReader reader = InputReader.create(assembler, Rejects.discarding(), ReadProgress.NONE);
    ReadSummary events =
        reader.readEvents(
            List.of(Golden.path("dev/pls/cli/io/cards-events.jsonl")), CsvMapping.defaults());
    ReadSummary traits = reader.readTraits(List.of(Golden.path("dev/pls/cli/io/cards-traits.csv")));
    assertEquals(0, events.plus(traits).rejected());
    return assembler;
  }

  static List<ScoreCard> cards(EntityAssembler assembler) {
    Scorer scorer = Scorer.reference(model());
    List<ScoreCard> cards = new ArrayList<>();
    for (Entity user : assembler.users()) {
      cards.add(scorer.score(user, AS_OF));
    }
    return cards;
  }

  @Test
  void jsonLines_withoutExplain_matchesGolden() throws IOException {
    StringWriter out = new StringWriter();
    CardWriter w = CardWriter.jsonLines(out, false);
    for (ScoreCard c : cards(assembled())) {
      w.write(c);
    }
    w.flush();
    Golden.assertMatches("dev/pls/cli/io/cards.jsonl", out.toString());
  }

  @Test
  void jsonLines_withExplain_matchesGoldenAndEveryLineParses() throws IOException {
    StringWriter out = new StringWriter();
    CardWriter w = CardWriter.jsonLines(out, true);
    for (ScoreCard c : cards(assembled())) {
      w.write(c);
    }
    w.flush();
    Golden.assertMatches("dev/pls/cli/io/cards.explain.jsonl", out.toString());
    for (String line : out.toString().split("\n")) {
      assertTrue(JsonLines.MAPPER.readTree(line).isObject(), line);
    }
  }

  @Test
  void csv_matchesGoldenAndReadsBackFieldForField() throws IOException {
    EntityAssembler assembler = assembled();
    StringWriter out = new StringWriter();
    CardWriter w = CardWriter.csv(out, assembler::accountOf, 3);
    List<ScoreCard> cards = cards(assembler);
    for (ScoreCard c : cards) {
      w.write(c);
    }
    w.flush();
    Golden.assertMatches("dev/pls/cli/io/cards.csv", out.toString());

    CsvParser back = new CsvParser(new StringReader(out.toString()));
    assertEquals(List.of(CsvCardWriter.HEADER.split(",")), back.next().fields());
    for (ScoreCard c : cards) {
      List<String> row = back.next().fields();
      assertEquals(c.entity(), row.get(0));
      assertEquals(c.score().toString(), row.get(2));
      assertEquals(c.excluded().orElse(""), row.get(4));
    }
  }

  @Test
  void csv_accountCards_accountColumnIsTheEntity() throws IOException {
    Model accounts =
        Model.builder("trial_pqa")
            .entity(dev.pls.core.model.EntityKind.ACCOUNT)
            .category(
                "c", c -> c.rule("invites", INVITES.within(Window.days(30)).ge(1), 5, "Invites"))
            .build();
    Scorer scorer = Scorer.reference(accounts);
    StringWriter out = new StringWriter();
    CardWriter w = CardWriter.csv(out, id -> java.util.Optional.of("not used"), 1);
    for (Entity a : assembled().accounts()) {
      w.write(scorer.score(a, AS_OF));
    }
    Golden.assertMatches("dev/pls/cli/io/account-cards.csv", out.toString());
  }

  @Test
  void csvField_quotesOnlyWhatNeedsIt() {
    assertEquals("plain", CsvCardWriter.field(new StringBuilder(), "plain").toString());
    assertEquals("\"a,b\"", CsvCardWriter.field(new StringBuilder(), "a,b").toString());
    assertEquals(
        "\"say \"\"hi\"\"\"", CsvCardWriter.field(new StringBuilder(), "say \"hi\"").toString());
    assertEquals("\"a\nb\"", CsvCardWriter.field(new StringBuilder(), "a\nb").toString());
    assertEquals("\" pad\"", CsvCardWriter.field(new StringBuilder(), " pad").toString());
    assertEquals("-15", CsvCardWriter.field(new StringBuilder(), "-15").toString());
  }

  @Test
  void csv_contextColumns_namedAsDeclared_clashesPrefixed_missingEmpty() throws IOException {
    StringWriter out = new StringWriter();
    CardWriter w =
        CardWriter.csv(
            out, id -> java.util.Optional.empty(), 0, List.of("plan", "score", "since", "note"));
    dev.pls.core.card.HandoffFacts facts =
        new dev.pls.core.card.HandoffFacts(
            dev.pls.core.model.Handoff.NO_SEGMENT,
            List.of(),
            java.util.Optional.empty(),
            List.of(),
            List.of(
                new dev.pls.core.card.SignalValue(
                    "plan",
                    java.util.Optional.empty(),
                    java.util.Optional.of(Value.str("team, pro"))),
                new dev.pls.core.card.SignalValue(
                    "score", java.util.Optional.empty(), java.util.Optional.of(Value.num(12))),
                new dev.pls.core.card.SignalValue(
                    "since",
                    java.util.Optional.empty(),
                    java.util.Optional.of(new Value.Time(AS_OF))),
                new dev.pls.core.card.SignalValue(
                    "note", java.util.Optional.empty(), java.util.Optional.empty())));
    ScoreCard card =
        new ScoreCard(
            "u1",
            dev.pls.core.model.EntityKind.USER,
            "m",
            1,
            AS_OF,
            dev.pls.core.model.Points.ZERO,
            "none",
            java.util.Optional.empty(),
            List.of(),
            List.of(),
            List.of(),
            java.util.Optional.of(facts));
    w.write(card);
    w.flush();
    assertEquals(
        "entity,account,score,tier,excluded,top_contributions,model,version,as_of,"
            + "plan,context_score,since,note\n"
            + "u1,,0,none,,,m,1,"
            + AS_OF
            + ",\"team, pro\",12,"
            + AS_OF
            + ",\n",
        out.toString());
  }
}
