package dev.pls.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.backtest.Backtest;
import dev.pls.core.backtest.BacktestResult;
import dev.pls.core.backtest.Schedule;
import dev.pls.core.backtest.StepCount;
import dev.pls.core.model.Model;
import dev.pls.core.model.Tier;
import dev.pls.core.model.Value;
import dev.pls.core.scoring.Scorer;
import dev.pls.dsl.RulesLanguage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Relation events: made from user trait records, and fed to a backtest in time order among the
 * event files' events however those are ordered.
 */
class RelationTest {
  private static final Model MODEL =
      RulesLanguage.compile(
              "m.pls",
              """
              model m version 1
                entity user
                resolution 1d
                timezone "UTC"

              event invite_sent
              event login

              category team {
                count(invite_sent) within 7d >= 2 : +20 "Invited two this week" [invites_2]
                active_days(login) >= 3 within 7d : +10 "Active three days" [active_3]
              }

              tier hot when score >= 30
              tier warm when score >= 10
              """)
          .models()
          .get(0);

  private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
  private static final Schedule.Grid GRID =
      new Schedule.Grid(
          Instant.parse("2026-01-03T12:00:00Z"),
          Instant.parse("2026-02-05T12:00:00Z"),
          Duration.ofDays(1));

  @TempDir Path tmp;

  @Test
  void parse_refusesMalformedSpecs() {
    Relation r = Relation.parse("invite_sent=invited_by_user_id@creation_time");
    assertEquals("invite_sent", r.event());
    for (String bad :
        List.of("invite_sent", "=a@b", "e=a", "e=@b", "e=a@", " e=a@b", "e=a @b", "e=a@b ")) {
      assertThrows(IllegalArgumentException.class, () -> Relation.parse(bad), bad);
    }
  }

  @Test
  void text_writesNumbersPlain() {
    assertEquals("10803", Relation.text(Value.num(new BigDecimal("10803.0"))));
    assertEquals("1E+3", new BigDecimal("1E+3").toString());
    assertEquals("1000", Relation.text(Value.num(new BigDecimal("1E+3"))));
    assertEquals("1.5", Relation.text(Value.num(new BigDecimal("1.50"))));
    assertEquals("u7", Relation.text(Value.str("u7")));
  }

  @Test
  void backtest_withRelationEvents_equalsTheSameEventsInTheFile_andScoringAtEachStep()
      throws IOException {
    Random random = new Random(5);
    List<String> users = new ArrayList<>(List.of("object_id,creation_time,invited_by_user_id"));
    List<String> invites = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      Instant t = FROM.plusSeconds(random.nextInt(40 * 86_400));
      int inviter = random.nextInt(15);
      String time = i % 17 == 0 ? "" : t.toString();
      users.add((100 + i) + "," + time + "," + (i % 5 == 0 ? "" : inviter + ".0"));
      if (i % 5 != 0 && !time.isEmpty()) {
        invites.add(json(String.valueOf(inviter), "invite_sent", t));
      }
    }
    List<String> logins = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      logins.add(
          json(
              String.valueOf(random.nextInt(15)),
              "login",
              FROM.plusSeconds(random.nextInt(40 * 86_400))));
    }
    logins.sort(java.util.Comparator.comparing(RelationTest::time));
    Path usersCsv = Files.write(tmp.resolve("users.csv"), users);
    Path sorted = Files.write(tmp.resolve("logins.jsonl"), logins);
    List<String> shuffledLines = new ArrayList<>(logins);
    Collections.shuffle(shuffledLines, random);
    Path shuffled = Files.write(tmp.resolve("shuffled.jsonl"), shuffledLines);
    List<String> all = new ArrayList<>(logins);
    all.addAll(invites);
    all.sort(java.util.Comparator.comparing(RelationTest::time));
    Path explicit = Files.write(tmp.resolve("all.jsonl"), all);

    List<Relation> relation =
        List.of(Relation.parse("invite_sent=invited_by_user_id@creation_time"));
    BacktestRun.Result expected = backtest(List.of(explicit), List.of(), List.of(), Long.MAX_VALUE);
    BacktestRun.Result streamed = backtest(List.of(sorted), List.of(usersCsv), relation, 1000);
    BacktestRun.Result resorted = backtest(List.of(shuffled), List.of(usersCsv), relation, 1000);
    BacktestRun.Result passes = backtest(List.of(shuffled), List.of(usersCsv), relation, 25);

    assertTrue(streamed.sorted().isEmpty());
    assertTrue(resorted.sorted().isPresent());
    assertTrue(passes.sorted().orElseThrow().passes() > 5, passes.sorted().toString());
    assertEquals(400 + invites.size(), streamed.events());
    assertEquals(400 + invites.size(), passes.sorted().orElseThrow().events());
    long noTime = users.stream().skip(1).filter(l -> l.split(",", -1)[1].isEmpty()).count();
    long noTimeWithInviter =
        users.stream()
            .skip(1)
            .map(l -> l.split(",", -1))
            .filter(c -> c[1].isEmpty() && !c[2].isEmpty())
            .count();
    assertTrue(noTimeWithInviter > 0 && noTime > noTimeWithInviter);
    assertTrue(
        streamed
            .read()
            .notes()
            .contains(
                "relation invite_sent: "
                    + invites.size()
                    + " events from --traits; "
                    + noTimeWithInviter
                    + " records without a time"),
        streamed.read().notes().toString());

    BacktestResult want = expected.result().orElseThrow();
    // The users of the trait file are entities too (with no events): compare the inviters' part.
    assertEquals(want.steps().size(), streamed.result().orElseThrow().steps().size());
    assertEquals(hotAndWarm(want), hotAndWarm(streamed.result().orElseThrow()));
    assertEquals(streamed.result(), resorted.result());
    assertEquals(streamed.result(), passes.result());

    // Scoring as of each step, from the same files, gives the same tiers.
    List<Instant> steps = want.steps().stream().map(StepCount::at).toList();
    List<Map<String, Long>> scored = new ArrayList<>();
    ScoringRun.builder(Scorer.reference(MODEL), steps.get(0))
        .events(List.of(shuffled))
        .traits(List.of(usersCsv))
        .traitKey(TraitKey.parse("user=object_id"))
        .relations(relation)
        .build()
        .replay(
            steps,
            (at, cards, accountOf) -> {
              Map<String, Long> tiers = new LinkedHashMap<>();
              cards.stream()
                  .filter(c -> !c.tier().equals(Tier.NONE))
                  .forEach(c -> tiers.merge(c.tier(), 1L, Long::sum));
              scored.add(tiers);
            });
    assertEquals(hotAndWarm(want), scored);
  }

  private static List<Map<String, Long>> hotAndWarm(BacktestResult result) {
    List<Map<String, Long>> all = new ArrayList<>();
    for (StepCount s : result.steps()) {
      Map<String, Long> tiers = new LinkedHashMap<>();
      s.tiers()
          .forEach(
              (t, n) -> {
                if (!t.equals(Tier.NONE) && n > 0) {
                  tiers.put(t, n);
                }
              });
      all.add(tiers);
    }
    return all;
  }

  private static String json(String user, String event, Instant t) {
    return "{\"user\":\"" + user + "\",\"event\":\"" + event + "\",\"time\":\"" + t + "\"}";
  }

  private static String time(String line) {
    return line.substring(line.indexOf("\"time\":\"") + 8);
  }

  private BacktestRun.Result backtest(
      List<Path> events, List<Path> traits, List<Relation> relations, long budget) {
    Backtest backtest = Backtest.builder(MODEL).schedule(GRID).build();
    return BacktestRun.builder(backtest)
        .events(events)
        .traits(traits)
        .traitKey(TraitKey.parse("user=object_id"))
        .relations(relations)
        .sortBudget(budget)
        .build()
        .run();
  }
}
