package dev.pls.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.cli.io.ScoringRun;
import dev.pls.core.card.ScoreCard;
import dev.pls.core.handoff.Alert;
import dev.pls.core.handoff.Router;
import dev.pls.core.handoff.RouterStep;
import dev.pls.core.model.Handoff;
import dev.pls.core.model.Model;
import dev.pls.core.model.Tier;
import dev.pls.core.model.Value;
import dev.pls.core.scoring.Scorer;
import dev.pls.dsl.Compilation;
import dev.pls.dsl.RulesLanguage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The seat-expansion example's data replayed through its model's hand-off, as {@code pls route}
 * does, day by day over the last 30 days: every outcome occurs, both evaluators route alike, and
 * the counts are pinned in a golden file a reviewer can read.
 */
class SeatExpansionTest {
  private static final Path DIR = Path.of("seat-expansion");
  private static final Path GOLDEN =
      Path.of("src/test/resources/dev/pls/examples/seat-expansion-replay.txt");
  private static final Instant FROM = Instant.parse("2026-10-22T12:00:00Z");
  private static final Instant TO = Instant.parse("2026-11-20T12:00:00Z");

  private static Model model;
  private static List<RouterStep> fast;

  @BeforeAll
  static void replayWithTheFastEvaluator() throws IOException {
    Compilation c = RulesLanguage.compile(DIR.resolve("model.pls"));
    assertEquals("", c.render());
    model = c.model().orElseThrow();
    fast = replay(Scorer.fast(model));
  }

  /** The steps of a daily replay from FROM to TO, scored with {@code scorer}. */
  private static List<RouterStep> replay(Scorer scorer) throws IOException {
    List<Instant> instants = new ArrayList<>();
    for (Instant t = FROM; !t.isAfter(TO); t = t.plus(Duration.ofDays(1))) {
      instants.add(t);
    }
    Router router = Router.create(scorer.model());
    List<RouterStep> steps = new ArrayList<>();
    ScoringRun.ReplayResult r =
        ScoringRun.builder(scorer, FROM)
            .events(List.of(DIR.resolve("events.jsonl.gz")))
            .traits(List.of(DIR.resolve("traits.jsonl")))
            .build()
            .replay(
                instants, (at, cards, accountOf) -> steps.add(router.step(at, cards, accountOf)));
    assertEquals(0, r.read().rejected(), "the demo data reads without a reject");
    assertEquals(30, r.steps());
    return steps;
  }

  private static List<Alert> alerts(List<RouterStep> steps) {
    return steps.stream().flatMap(s -> s.alerts().stream()).toList();
  }

  @Test
  void replay_fastAndReferenceEvaluators_routeTheSameAlerts() throws IOException {
    List<RouterStep> reference = replay(Scorer.reference(model));
    assertEquals(fast.size(), reference.size());
    for (int i = 0; i < fast.size(); i++) {
      assertEquals(reference.get(i), fast.get(i), "step " + fast.get(i).at());
    }
  }

  @Test
  void replay_everyStatusQueueTriggerTierRouteAndSuppressionOccurs() {
    Handoff handoff = model.handoff().orElseThrow();
    List<Alert> alerts = alerts(fast);
    Set<Alert.Status> statuses = EnumSet.noneOf(Alert.Status.class);
    Set<String> queues = new TreeSet<>();
    Set<String> reasons = new TreeSet<>();
    for (Alert a : alerts) {
      statuses.add(a.status());
      queues.add(a.queue());
      reasons.addAll(a.reasons());
    }
    assertEquals(EnumSet.allOf(Alert.Status.class), statuses);
    assertEquals(
        new TreeSet<>(handoff.queues().stream().map(Handoff.Queue::name).toList()), queues);
    for (Handoff.Trigger t : handoff.triggers()) {
      assertTrue(reasons.contains(t.label()), "no alert for trigger " + t.name());
    }
    for (Handoff.Route r : handoff.routes()) {
      assertTrue(reasons.contains("entered tier " + r.tier()), "no alert entered " + r.tier());
    }
    Map<String, Integer> suppressed = new TreeMap<>();
    fast.forEach(s -> s.suppressed().forEach((k, n) -> suppressed.merge(k, n, Integer::sum)));
    for (Handoff.Suppression s : handoff.suppressions()) {
      assertTrue(suppressed.get(s.reason()) > 0, "nothing suppressed by " + s.reason());
    }
    assertTrue(fast.stream().mapToInt(RouterStep::cooledDown).sum() > 0, "no cooldown");
  }

  @Test
  void replay_summary_matchesTheGolden() throws IOException {
    String summary = summary(fast);
    if (Boolean.getBoolean("pls.golden.update")) {
      Files.writeString(GOLDEN, summary, StandardCharsets.UTF_8);
    }
    assertEquals(Files.readString(GOLDEN, StandardCharsets.UTF_8), summary);
  }

  @Test
  void asOfTheEnd_accountsInNoTier_areTheReadmesTable() throws IOException {
    // The accounts' cards as of the end of the replay, by active users and score.
    List<ScoreCard> cards = new ArrayList<>();
    ScoringRun.builder(Scorer.fast(model), TO)
        .events(List.of(DIR.resolve("events.jsonl.gz")))
        .traits(List.of(DIR.resolve("traits.jsonl")))
        .build()
        .replay(List.of(TO), (at, step, accountOf) -> cards.addAll(step));
    String[] rows = {"2-5", "6-10", "11+"};
    String[] columns = {"under 40", "40-80", "80-150", "over 150"};
    int[][] counts = new int[rows.length][columns.length];
    for (ScoreCard card : cards) {
      if (!card.tier().equals(Tier.NONE)) {
        continue;
      }
      int users =
          card.handoff().orElseThrow().context().stream()
              .filter(v -> v.name().equals("active_users"))
              .findFirst()
              .orElseThrow()
              .value()
              .map(v -> ((Value.Num) v).value().intValueExact())
              .orElseThrow();
      double score = card.score().toBigDecimal().doubleValue();
      int row = users <= 5 ? 0 : users <= 10 ? 1 : 2;
      int column = score < 40 ? 0 : score <= 80 ? 1 : score <= 150 ? 2 : 3;
      assertTrue(users >= 2, card.entity() + " has " + users + " active users and no tier");
      counts[row][column]++;
    }
    StringBuilder table = new StringBuilder("| active users | ");
    table.append(String.join(" | ", columns)).append(" |\n|---|---|---|---|---|\n");
    for (int r = 0; r < rows.length; r++) {
      table.append("| ").append(rows[r]);
      for (int n : counts[r]) {
        table.append(" | ").append(n);
      }
      table.append(" |\n");
    }
    String readme = Files.readString(DIR.resolve("README.md"), StandardCharsets.UTF_8);
    int start = readme.indexOf("<!-- no-tier -->\n") + "<!-- no-tier -->\n".length();
    assertTrue(start > "<!-- no-tier -->\n".length(), "README.md has no <!-- no-tier --> table");
    assertEquals(table.toString(), readme.substring(start, readme.indexOf("\n\n", start) + 1));
  }

  /** The replay's counts, by status, queue, reason, tier and suppression. */
  private static String summary(List<RouterStep> steps) {
    List<Alert> alerts = alerts(steps);
    StringBuilder sb = new StringBuilder();
    sb.append("seat_pqa replayed daily from ").append(FROM).append(" to ").append(TO);
    sb.append(": ").append(steps.size()).append(" steps\n");
    Map<String, Integer> byStatus = new TreeMap<>();
    Map<String, Map<String, Integer>> byQueue = new TreeMap<>();
    Map<String, Integer> byReason = new TreeMap<>();
    Map<String, Integer> byTier = new TreeMap<>();
    Set<String> accounts = new TreeSet<>();
    for (Alert a : alerts) {
      String status = a.status().name().toLowerCase(java.util.Locale.ROOT);
      byStatus.merge(status, 1, Integer::sum);
      byQueue.computeIfAbsent(a.queue(), q -> new TreeMap<>()).merge(status, 1, Integer::sum);
      a.reasons().forEach(r -> byReason.merge(r, 1, Integer::sum));
      byTier.merge(a.tier(), 1, Integer::sum);
      accounts.add(a.entity());
    }
    sb.append("alerts: ").append(alerts.size()).append(' ').append(byStatus);
    sb.append(", to ").append(accounts.size()).append(" accounts\n");
    byQueue.forEach((q, n) -> sb.append("queue ").append(q).append(": ").append(n).append('\n'));
    byReason.forEach((r, n) -> sb.append("reason ").append(r).append(": ").append(n).append('\n'));
    byTier.forEach((t, n) -> sb.append("tier ").append(t).append(": ").append(n).append('\n'));
    Map<String, Integer> suppressed = new TreeMap<>();
    steps.forEach(s -> s.suppressed().forEach((k, n) -> suppressed.merge(k, n, Integer::sum)));
    sb.append("suppressed: ").append(suppressed).append('\n');
    sb.append("cooled down: ").append(steps.stream().mapToInt(RouterStep::cooledDown).sum());
    return sb.append('\n').toString();
  }
}
