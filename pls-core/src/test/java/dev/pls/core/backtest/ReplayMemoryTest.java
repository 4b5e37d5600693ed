package dev.pls.core.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.input.Event;
import dev.pls.core.model.Aggregate;
import dev.pls.core.model.EventFilter;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Model;
import dev.pls.core.model.Window;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/*
 * Memory bounded by entities, not events: a replay of 2 million events of 200 users over two years,
 * scored daily (700 steps), runs in a JVM of 96 MB heap. The same JVM cannot even hold those
 * events as Event objects (about 56 bytes each with their Instant, more than 110 MB), which the
 * second run shows by failing: so a replay that kept its events would fail here too, and the first
 * run does not pass for want of events.
 */
class ReplayMemoryTest {
  static final int USERS = 200;
  static final int DAYS = 730;
  static final int PER_DAY = 2_740; // 2,000,200 events in all
  static final Instant START = Instant.parse("2024-01-01T00:00:00Z");

  @Test
  void replay_ofTwoMillionEvents_runsInA96MbHeap() throws Exception {
    Run run = fork("replay");
    assertEquals(0, run.exit(), run.output());
    assertTrue(run.output().contains("events=2000200 steps=700 entities=200"), run.output());
  }

  @Test
  void holdingTheSameEvents_doesNotFitInThatHeap() throws Exception {
    Run run = fork("hold");
    assertNotEquals(0, run.exit(), run.output());
    assertTrue(run.output().contains("OutOfMemoryError"), run.output());
  }

  record Run(int exit, String output) {}

  private static Run fork(String mode) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(
                java.toString(),
                "-Xmx96m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                Child.class.getName(),
                mode)
            .redirectErrorStream(true)
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(mode + ": did not finish in 60 s");
    }
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  /** The forked program: {@code replay} runs the backtest, {@code hold} keeps the events. */
  public static final class Child {
    private Child() {}

    public static void main(String[] args) {
      String[] users = new String[USERS];
      for (int i = 0; i < USERS; i++) {
        users[i] = "u" + i;
      }
      if (args[0].equals("hold")) {
        List<Event> held = new ArrayList<>();
        for (int d = 0; d < DAYS; d++) {
          for (int k = 0; k < PER_DAY; k++) {
            held.add(event(users, d, k));
          }
        }
        System.out.println("held " + held.size());
        return;
      }
      Model model =
          Model.builder("memory")
              .category(
                  "c",
                  c ->
                      c.rule(
                              "a3",
                              Expr.agg(Aggregate.count(EventFilter.of("a")), Window.days(7)).ge(40),
                              20,
                              "a")
                          .rule(
                              "b_days",
                              Expr.agg(Aggregate.activeDays(EventFilter.of("b")), Window.days(30))
                                  .ge(20),
                              10,
                              "b")
                          .rule(
                              "c_ever",
                              Expr.agg(Aggregate.count(EventFilter.of("c"))).ge(1000),
                              5,
                              "c"))
              .tier("hot", Expr.score().ge(30))
              .tier("warm", Expr.score().ge(10))
              .build();
      Instant from = START.plus(Duration.ofDays(30));
      Replay r =
          Backtest.builder(model)
              .schedule(
                  new Schedule.Grid(from, from.plus(Duration.ofDays(699)), Duration.ofDays(1)))
              .build()
              .start();
      long fed = 0;
      for (int d = 0; d < DAYS; d++) {
        for (int k = 0; k < PER_DAY; k++) {
          r.event(event(users, d, k));
          fed++;
        }
      }
      BacktestResult result = r.finish();
      System.out.println(
          "events="
              + fed
              + " steps="
              + result.steps().size()
              + " entities="
              + result.summary().entities()
              + " ignored="
              + r.ignored()
              + " hot="
              + result.summary().tiers().get("hot"));
    }

    private static Event event(String[] users, int day, int k) {
      String name = k % 3 == 0 ? "a" : k % 3 == 1 ? "b" : "c";
      return Event.of(
          users[k % USERS], name, START.plusSeconds(day * 86_400L + (long) k * 86_400 / PER_DAY));
    }
  }
}
