package dev.pls.core.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pls.core.card.BatchScores;
import dev.pls.core.card.ScoreCard;
import dev.pls.core.input.Entity;
import dev.pls.core.input.Event;
import dev.pls.core.model.Model;
import dev.pls.core.model.Rule;
import dev.pls.core.model.Tier;
import dev.pls.core.scoring.Scorer;
import dev.pls.core.testing.Events;
import dev.pls.core.testing.Models;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/*
 * The replay against the reference evaluator: for generated models (every aggregate kind, both
 * resolutions, DST zones, exclusions, tiers; Models) and three generated entities (Events), replayed
 * on a grid of 12 days before the scenario's instant, the cards the listener receives at each step
 * equal Scorer.reference over each entered entity with all its events (the reference ignores those
 * after the step), and the summary equals a naive recomputation from those reference cards.
 *
 * Entities: u0..u2, each with a generated entity's events and traits; traits are given only when
 * there are some, so an entity may enter late (its first event after T1) or never. Events of an
 * account alone are fed among theirs; a user model ignores them.
 */
class ReplayProperties {

  /** One generated backtest: model, entities, grid and outcome times. */
  record Case(
      Model model, List<Entity> entities, Schedule.Grid grid, Map<String, Instant> outcomes) {
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder(model + " " + model.zone() + " " + grid + "\n");
      model.rules().forEach(r -> sb.append("  ").append(r).append('\n'));
      model.tiers().forEach(t -> sb.append("  tier ").append(t).append('\n'));
      for (Entity e : entities) {
        sb.append("  ").append(e.id()).append(' ').append(e.traits()).append('\n');
        e.events().forEach(x -> sb.append("    ").append(x).append('\n'));
      }
      return sb.append("  outcomes ").append(outcomes).toString();
    }
  }

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<Duration> steps =
        Arbitraries.of(
            Duration.ofHours(6), Duration.ofDays(1), Duration.ofDays(3), Duration.ofHours(13));
    Arbitrary<List<Optional<Long>>> outcomeOffsets =
        Arbitraries.longs().between(-2 * 86_400L, 14 * 86_400L).optional(0.5).list().ofSize(4);
    return Combinators.combine(
            Models.models(),
            Events.asOfs(),
            Events.entities().list().ofSize(3),
            steps,
            outcomeOffsets)
        .as(
            (model, asOf, es, step, offsets) -> {
              Instant from = asOf.minus(Duration.ofDays(12));
              List<Entity> entities = new ArrayList<>();
              for (int i = 0; i < es.size(); i++) {
                Entity e = es.get(i).at(model.zone(), asOf);
                String id = "u" + i;
                List<Event> events = new ArrayList<>();
                for (Event x : e.events()) {
                  events.add(new Event(id, x.account(), x.name(), x.time(), x.properties()));
                }
                entities.add(new Entity(id, e.traits(), events));
              }
              Map<String, Instant> outcomes = new TreeMap<>();
              for (int i = 0; i < offsets.size(); i++) {
                int k = i;
                // u3 is never scored: an unmatched outcome.
                offsets.get(i).ifPresent(s -> outcomes.put("u" + k, from.plusSeconds(s)));
              }
              return new Case(model, entities, new Schedule.Grid(from, asOf, step), outcomes);
            });
  }

  @Property(tries = 150)
  void replay_matchesTheReferenceAtEveryStep_andTheSummaryItsNaiveRecomputation(
      @ForAll("cases") Case c) {
    check(c, false);
  }

  // The path for models the store does not hold, on the same cases: whole entities kept.
  @Property(tries = 50)
  void wholeEntityReplay_matchesTheReferenceAtEveryStep(@ForAll("cases") Case c) {
    check(c, true);
  }

  private static void check(Case c, boolean wholeEntities) {
    Model model = c.model();
    Scorer reference = Scorer.reference(model);
    Map<Instant, List<ScoreCard>> seen = new LinkedHashMap<>();
    Backtest backtest =
        Backtest.builder(model)
            .schedule(c.grid())
            .outcomes(Outcomes.of("won", c.outcomes()))
            .listener(
                (at, cards, done, total) -> {
                  List<ScoreCard> list = new ArrayList<>();
                  for (int i = 0; i < cards.size(); i++) {
                    list.add(cards.card(i));
                  }
                  list.sort(Comparator.comparing(ScoreCard::entity));
                  seen.put(at, list);
                  checkRows(cards);
                })
            .build();
    Replay r =
        wholeEntities
            ? new Replay(backtest, new EntityEngine(model, backtest.accountRule()))
            : backtest.start();
    for (Entity e : c.entities()) {
      if (!e.traits().isEmpty()) {
        r.traits(e.id(), e.traits());
      }
    }
    List<Event> all = new ArrayList<>();
    c.entities().forEach(e -> all.addAll(e.events()));
    // Events of an account alone beside the users' (a copy of every third): a user model leaves
    // every one of them out, counted as ignored, and its cards are the users' alone.
    long expectedIgnored = 0;
    for (Event e : List.copyOf(all)) {
      expectedIgnored += e.time().isAfter(c.grid().to()) ? 1 : 0;
    }
    for (int i = 0; i < c.entities().stream().mapToInt(e -> e.events().size()).sum(); i += 3) {
      Event x = all.get(i);
      all.add(Event.ofAccount("acme", x.name(), x.time(), x.properties()));
      expectedIgnored++;
    }
    all.sort(Comparator.comparing(Event::time));
    for (Event e : all) {
      r.event(e);
    }
    BacktestResult result = r.finish();
    assertEquals(expectedIgnored, r.ignored(), "events ignored");

    // The reference: each entity from the first step at or after its first event (or T1 with
    // traits), scored with all its events as of each step.
    Map<String, List<Instant>> stepsOf = new TreeMap<>();
    Map<String, List<ScoreCard>> cardsOf = new TreeMap<>();
    Schedule.Grid g = c.grid();
    for (int i = 0; i < g.count(); i++) {
      Instant at = g.at(i);
      List<ScoreCard> expected = new ArrayList<>();
      for (Entity e : c.entities()) {
        boolean entered =
            !e.traits().isEmpty() || e.events().stream().anyMatch(x -> !x.time().isAfter(at));
        if (entered) {
          ScoreCard card = reference.score(e, at);
          expected.add(card);
          stepsOf.computeIfAbsent(e.id(), k -> new ArrayList<>()).add(at);
          cardsOf.computeIfAbsent(e.id(), k -> new ArrayList<>()).add(card);
        }
      }
      assertEquals(expected, seen.get(at), "cards at step " + at);
    }
    assertEquals(g.count(), seen.size());
    assertEquals(naive(model, c.outcomes(), stepsOf, cardsOf, g), result.summary());
    assertEquals(
        Optional.of(naiveCapacity(model, c.outcomes(), stepsOf, cardsOf, g)), result.capacity());
  }

  /**
   * The capacity curve recomputed plainly from the reference cards: for each positive value of an
   * entity's highest score so far (cards not excluded), each entity's first step at or above it
   * while not excluded, by ISO week.
   */
  private static CapacityCurve naiveCapacity(
      Model model,
      Map<String, Instant> outcomes,
      Map<String, List<Instant>> stepsOf,
      Map<String, List<ScoreCard>> cardsOf,
      Schedule.Grid grid) {
    java.time.ZoneId zone = model.zone();
    java.util.function.Function<Instant, java.time.LocalDate> monday =
        t ->
            t.atZone(zone)
                .toLocalDate()
                .with(
                    java.time.temporal.TemporalAdjusters.previousOrSame(
                        java.time.DayOfWeek.MONDAY));
    java.time.LocalDate first = monday.apply(grid.at(0));
    int weeks =
        (int)
                java.time.temporal.ChronoUnit.WEEKS.between(
                    first, monday.apply(grid.at(grid.count() - 1)))
            + 1;
    java.util.TreeSet<Long> candidates = new java.util.TreeSet<>();
    for (List<ScoreCard> cards : cardsOf.values()) {
      long high = 0;
      for (ScoreCard card : cards) {
        if (!card.isExcluded()) {
          high = Math.max(high, card.score().hundredths());
        }
        if (high > 0) {
          candidates.add(high);
        }
      }
    }
    long converted =
        stepsOf.keySet().stream()
            .filter(
                id -> outcomes.containsKey(id) && outcomes.get(id).isAfter(stepsOf.get(id).get(0)))
            .count();
    List<CapacityCurve.Point> points = new ArrayList<>();
    for (long t : candidates) {
      long[] weekly = new long[weeks];
      long backlog = 0;
      long before = 0;
      long beforeConverted = 0;
      for (String id : stepsOf.keySet()) {
        List<Instant> steps = stepsOf.get(id);
        for (int i = 0; i < steps.size(); i++) {
          ScoreCard card = cardsOf.get(id).get(i);
          if (card.isExcluded() || card.score().hundredths() < t) {
            continue;
          }
          Instant at = steps.get(i);
          if (at.equals(grid.at(0))) {
            backlog++;
          } else {
            weekly[(int) java.time.temporal.ChronoUnit.WEEKS.between(first, monday.apply(at))]++;
          }
          Instant out = outcomes.get(id);
          boolean prior = out != null && !out.isAfter(steps.get(0));
          if (!prior && (out == null || at.isBefore(out))) {
            before++;
            beforeConverted += out == null ? 0 : 1;
          }
          break;
        }
      }
      long qualified = java.util.Arrays.stream(weekly).sum();
      int busiest = 0;
      for (int w = 0; w < weeks; w++) {
        busiest = weekly[w] > weekly[busiest] ? w : busiest;
      }
      points.add(
          new CapacityCurve.Point(
              new dev.pls.core.model.Points(t),
              backlog,
              qualified,
              weekly[busiest],
              qualified == 0 ? Optional.empty() : Optional.of(first.plusWeeks(busiest)),
              (double) qualified / weeks,
              before == 0 ? Optional.empty() : Optional.of(Rate.of(beforeConverted, before)),
              converted == 0
                  ? Optional.empty()
                  : Optional.of(Rate.of(beforeConverted, converted))));
    }
    return new CapacityCurve(zone, first, weeks, points);
  }

  /** The listener's rows agree with their own cards. */
  private static void checkRows(BatchScores cards) {
    for (int i = 0; i < cards.size(); i++) {
      ScoreCard card = cards.card(i);
      assertEquals(card.score().hundredths(), cards.scoreHundredths(i));
      assertEquals(card.tier(), cards.tier(i));
    }
  }

  /** The summary recomputed plainly from the reference cards, by the definitions. */
  private static Summary naive(
      Model model,
      Map<String, Instant> outcomes,
      Map<String, List<Instant>> stepsOf,
      Map<String, List<ScoreCard>> cardsOf,
      Schedule.Grid grid) {
    List<String> tiers = new ArrayList<>();
    model.tiers().forEach(t -> tiers.add(t.name()));
    tiers.add(Tier.NONE);
    Map<String, String> peak = new HashMap<>();
    Map<String, Long> highest = new HashMap<>();
    Map<String, Boolean> prior = new HashMap<>();
    Map<String, Map<String, Boolean>> firedBefore = new HashMap<>();
    Map<String, long[]> ever = new HashMap<>();
    tiers.forEach(t -> ever.put(t, new long[1]));
    for (String id : stepsOf.keySet()) {
      Instant out = outcomes.get(id);
      List<Instant> steps = stepsOf.get(id);
      prior.put(id, out != null && !out.isAfter(steps.get(0)));
      String best = Tier.NONE;
      Long high = null;
      Map<String, Boolean> fired = new HashMap<>();
      java.util.Set<String> held = new java.util.HashSet<>();
      for (int i = 0; i < steps.size(); i++) {
        ScoreCard card = cardsOf.get(id).get(i);
        held.add(card.tier());
        if (out == null || steps.get(i).isBefore(out)) {
          if (tiers.indexOf(card.tier()) < tiers.indexOf(best)) {
            best = card.tier();
          }
          high =
              high == null ? card.score().hundredths() : Math.max(high, card.score().hundredths());
          for (Rule rule : model.rules()) {
            if (card.fired(rule.id())) {
              fired.put(rule.id(), true);
            }
          }
        }
      }
      held.forEach(t -> ever.get(t)[0]++);
      peak.put(id, best);
      if (high != null) {
        highest.put(id, high);
      }
      firedBefore.put(id, fired);
    }
    Map<String, Summary.TierCounts> tierCounts = new LinkedHashMap<>();
    for (String t : tiers) {
      long p = peak.values().stream().filter(t::equals).count();
      tierCounts.put(t, new Summary.TierCounts(ever.get(t)[0], p));
    }

    List<String> counted = stepsOf.keySet().stream().filter(id -> !prior.get(id)).toList();
    long n = counted.size();
    long converted = counted.stream().filter(outcomes::containsKey).count();
    Optional<Rate> base = n == 0 ? Optional.empty() : Optional.of(Rate.of(converted, n));
    Map<String, Summary.TierOutcome> tierOutcomes = new LinkedHashMap<>();
    for (String t : tiers) {
      long e = counted.stream().filter(id -> peak.get(id).equals(t)).count();
      long cv =
          counted.stream().filter(id -> peak.get(id).equals(t) && outcomes.containsKey(id)).count();
      Optional<Rate> rate = e == 0 ? Optional.empty() : Optional.of(Rate.of(cv, e));
      tierOutcomes.put(t, new Summary.TierOutcome(e, cv, rate, Tally.tierLift(rate, base)));
    }
    Map<String, Summary.RuleOutcome> rules = new LinkedHashMap<>();
    for (Rule rule : model.rules()) {
      long f = counted.stream().filter(id -> firedBefore.get(id).containsKey(rule.id())).count();
      long cf =
          counted.stream()
              .filter(id -> firedBefore.get(id).containsKey(rule.id()) && outcomes.containsKey(id))
              .count();
      Optional<Rate> rf = f == 0 ? Optional.empty() : Optional.of(Rate.of(cf, f));
      Optional<Rate> rn =
          n - f == 0 ? Optional.empty() : Optional.of(Rate.of(converted - cf, n - f));
      rules.put(rule.id(), new Summary.RuleOutcome(f, cf, rf, rn, Tally.ruleLift(rf, rn)));
    }
    // AUC by counting pairs, ties half.
    double pairs = 0;
    double wins = 0;
    for (String p : counted) {
      for (String q : counted) {
        if (outcomes.containsKey(p) && !outcomes.containsKey(q)) {
          pairs++;
          long a = highest.get(p);
          long b = highest.get(q);
          wins += a > b ? 1 : a == b ? 0.5 : 0;
        }
      }
    }
    java.util.OptionalDouble auc =
        pairs == 0 ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(wins / pairs);
    long unmatched = outcomes.keySet().stream().filter(id -> !stepsOf.containsKey(id)).count();
    long priors = prior.values().stream().filter(b -> b).count();
    Summary.OutcomeFigures figures =
        new Summary.OutcomeFigures(
            "won", n, priors, unmatched, converted, base, tierOutcomes, rules, auc);
    return new Summary(
        model.id(),
        model.version(),
        grid,
        grid.count(),
        stepsOf.size(),
        0,
        tierCounts,
        Optional.of(figures));
  }
}
