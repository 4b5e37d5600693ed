package dev.pls.cli.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.backtest.Backtest;
import dev.pls.core.backtest.BacktestResult;
import dev.pls.core.backtest.Outcomes;
import dev.pls.core.backtest.Schedule;
import dev.pls.core.model.Model;
import dev.pls.dsl.RulesLanguage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events out of time order are sorted in passes over runs of days, with the same result. */
class BacktestRunTest {
  private static final Model MODEL =
      RulesLanguage.compile(
              "m.pls",
              """
              model m version 1
                entity user
                resolution 1d
                timezone "UTC"

              event invite
              event login

              category team {
                count(invite) >= 2 within 7d : +20 "Invited twice this week" [invites_2]
                active_days(login) >= 3 within 7d : +10 "Active three days" [active_3]
              }

              tier hot when score >= 30
              tier warm when score >= 10
              """)
          .models()
          .get(0);

  @TempDir Path tmp;

  @Test
  void unsortedEvents_sortedInPassesOfFewDays_equalTheSortedStream() throws IOException {
    Instant from = Instant.parse("2026-01-01T00:00:00Z");
    List<String> lines = new ArrayList<>();
    Random random = new Random(11);
    for (int i = 0; i < 600; i++) {
      Instant t = from.plusSeconds(random.nextInt(40 * 86_400));
      String user = "u" + random.nextInt(25);
      String event = random.nextBoolean() ? "invite" : "login";
      lines.add("{\"user\":\"" + user + "\",\"event\":\"" + event + "\",\"time\":\"" + t + "\"}");
    }
    Path shuffled = Files.write(tmp.resolve("shuffled.jsonl"), lines);
    List<String> byTime = new ArrayList<>(lines);
    byTime.sort(java.util.Comparator.comparing(l -> l.substring(l.indexOf("\"time\":\"") + 8)));
    Path sorted = Files.write(tmp.resolve("sorted.jsonl"), byTime);
    Collections.shuffle(lines, random);

    BacktestRun.Result stream = run(sorted, Long.MAX_VALUE);
    BacktestRun.Result onePass = run(shuffled, Long.MAX_VALUE);
    BacktestRun.Result manyPasses = run(shuffled, 30);

    assertTrue(stream.sorted().isEmpty());
    assertEquals(new BacktestRun.Sorted(600, 1, 600), onePass.sorted().orElseThrow());
    BacktestRun.Sorted passes = manyPasses.sorted().orElseThrow();
    assertEquals(600, passes.events());
    assertTrue(passes.passes() >= 20, passes.toString());
    assertTrue(passes.largest() <= 30, passes.toString());
    BacktestResult expected = stream.result().orElseThrow();
    assertEquals(expected, onePass.result().orElseThrow());
    assertEquals(expected, manyPasses.result().orElseThrow());
    assertEquals(600, manyPasses.events());
  }

  @Test
  void runs_cutDaysIntoRunsWithinTheBudget_aBigDayAlone() {
    TreeMap<Long, Long> days = new TreeMap<>();
    days.put(1L, 4L);
    days.put(2L, 4L);
    days.put(3L, 9L);
    days.put(5L, 1L);
    days.put(6L, 2L);
    List<long[]> runs = BacktestRun.runs(days, 8);
    assertEquals(3, runs.size());
    assertArrayEquals(new long[] {1, 2}, runs.get(0));
    assertArrayEquals(new long[] {3, 3}, runs.get(1));
    assertArrayEquals(new long[] {5, 6}, runs.get(2));
    assertEquals(List.of(), BacktestRun.runs(new TreeMap<>(), 8));
  }

  @Test
  void sortBudget_belowOne_isRefusedNamingTheArgument() {
    Backtest b =
        Backtest.builder(MODEL)
            .schedule(new Schedule.Grid(Instant.EPOCH, Instant.EPOCH, Duration.ofDays(1)))
            .build();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> BacktestRun.builder(b).sortBudget(0));
    assertEquals("events: must be at least 1, was 0", e.getMessage());
  }

  private static BacktestRun.Result run(Path events, long budget) {
    Backtest backtest =
        Backtest.builder(MODEL)
            .schedule(
                new Schedule.Grid(
                    Instant.parse("2026-01-03T12:00:00Z"),
                    Instant.parse("2026-02-05T12:00:00Z"),
                    Duration.ofDays(1)))
            .outcomes(
                Outcomes.of(
                    "converted", java.util.Map.of("u3", Instant.parse("2026-01-20T00:00:00Z"))))
            .build();
    return BacktestRun.builder(backtest).events(List.of(events)).sortBudget(budget).build().run();
  }
}
