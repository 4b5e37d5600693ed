package dev.pls.core.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.card.CategoryScore;
import dev.pls.core.card.Contribution;
import dev.pls.core.card.ScoreCard;
import dev.pls.core.input.Event;
import dev.pls.core.model.Category;
import dev.pls.core.model.Points;
import dev.pls.core.model.Tier;
import dev.pls.core.scoring.Scorer;
import dev.pls.core.testing.Events;
import dev.pls.core.testing.Models;
import dev.pls.core.testing.Scenario;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/*
 * The properties every engine keeps, as a jqwik contract: each property draws the engine it
 * checks (@ForAll("engines")) along with its scenario, so a new Engine constant is checked by all
 * of them, and a failure's sample names the engine. A try on a scenario the engine cannot take
 * (see Engine) is discarded: the store those whose model rolls up members, the feature table
 * the three in four whose model reads events. The generated scenarios come from
 * Events.scenarios(), which covers every aggregate kind, both resolutions, DST zones, caps,
 * floors, exclusions and tiers.
 *
 * Tries are about 200 per engine drawn (50 for the concurrent property), kept modest so that each
 * property runs in a few seconds on a small machine; the generators aim at edges (window
 * starts, T, DST) rather than relying on volume.
 */
/** Properties every {@link Engine} must have, checked on generated models and events. */
class ScorerContractProperties {

  // Every engine is an edge case, so that each meets every edge case of the scenarios (by
  // default an enum's only edge case is its first constant, which would give them all to the
  // reference).
  @Provide
  Arbitrary<Engine> engines() {
    return Arbitraries.of(Engine.class).edgeCases(c -> c.add(Engine.values()));
  }

  // One scenario in four has a model that reads only traits and the score: the feature table
  // takes no other, and the generated models almost never are such.
  @Provide
  Arbitrary<Scenario> scenarios() {
    return Events.scenarios(
        Arbitraries.frequencyOf(Tuple.of(3, Models.models()), Tuple.of(1, Models.traitModels())));
  }

  @Provide
  Arbitrary<Scenario> boundedScenarios() {
    return Events.scenarios(
        Arbitraries.frequencyOf(
            Tuple.of(3, Models.boundedModels()), Tuple.of(1, Models.traitModels())));
  }

  private static ScoreCard score(Engine engine, Scenario s) {
    return engine.scorer(s.model()).score(s.entity(), s.asOf());
  }

  /**
   * Every engine gives the reference's card, decayed rules included: the generators decay about two
   * rules in five that read events, so ages, roundings, caps over decayed points and rules decayed
   * to zero are all drawn.
   */
  @Property(tries = 600)
  void card_everyEngine_equalsTheReference(
      @ForAll("scenarios") Scenario s, @ForAll("engines") Engine engine) {
    ScoreCard card = score(engine, s);
    assertEquals(Scorer.reference(s.model()).score(s.entity(), s.asOf()), card);
  }

  @Property(tries = 800)
  void card_doesNotDependOnEventOrder(
      @ForAll("scenarios") Scenario s, @ForAll Random random, @ForAll("engines") Engine engine) {
    ScoreCard card = score(engine, s);
    List<Event> shuffled = new ArrayList<>(s.entity().events());
    Collections.shuffle(shuffled, random);
    assertEquals(card, score(engine, s.withEvents(shuffled)));
    Collections.reverse(shuffled);
    assertEquals(card, score(engine, s.withEvents(shuffled)));
  }

  @Property(tries = 800)
  void card_contributionsAndCategoryTotals_addUpToTheScore(
      @ForAll("scenarios") Scenario s, @ForAll("engines") Engine engine) {
    ScoreCard card = score(engine, s);
    Points contributions = Points.ZERO;
    for (Contribution c : card.contributions()) {
      contributions = contributions.plus(c.applied());
    }
    assertEquals(card.score(), contributions);
    Points totals = Points.ZERO;
    for (CategoryScore c : card.categories()) {
      totals = totals.plus(c.total());
      Points applied = Points.ZERO;
      for (Contribution x : card.contributions()) {
        applied = x.category().equals(c.name()) ? applied.plus(x.applied()) : applied;
      }
      assertEquals(c.total(), applied, c.name());
    }
    assertEquals(card.score(), totals);
  }

  @Property(tries = 800)
  void card_capsAndFloors_holdAndFillInRuleOrder(
      @ForAll("scenarios") Scenario s, @ForAll("engines") Engine engine) {
    ScoreCard card = score(engine, s);
    for (Category category : s.model().categories()) {
      Points positive = Points.ZERO;
      Points negative = Points.ZERO;
      boolean capReached = false;
      boolean floorReached = false;
      for (Contribution c : card.contributions()) {
        if (!c.category().equals(category.name())) {
          continue;
        }
        // applied has the sign of the points and is no larger in magnitude
        assertTrue(c.points().signum() * c.applied().signum() >= 0, c.toString());
        assertTrue(
            Math.abs(c.applied().hundredths()) <= Math.abs(c.points().hundredths()), c.toString());
        if (c.points().signum() >= 0) {
          // once a rule was cut by the cap, every later positive rule gets nothing
          assertTrue(!capReached || c.applied().signum() == 0, c.toString());
          capReached |= c.limited();
          positive = positive.plus(c.applied());
        } else {
          assertTrue(!floorReached || c.applied().signum() == 0, c.toString());
          floorReached |= c.limited();
          negative = negative.plus(c.applied());
        }
      }
      if (category.cap().isPresent()) {
        assertTrue(positive.compareTo(category.cap().get()) <= 0, category.name());
      }
      if (category.floor().isPresent()) {
        assertTrue(negative.compareTo(category.floor().get()) >= 0, category.name());
      }
      CategoryScore total = card.category(category.name()).orElseThrow();
      assertEquals(positive.plus(negative), total.total());
    }
  }

  @Property(tries = 800)
  void card_eventsAfterAsOf_neverCount(
      @ForAll("scenarios") Scenario s, @ForAll("engines") Engine engine) {
    List<Event> upToT =
        s.entity().events().stream().filter(e -> !e.time().isAfter(s.asOf())).toList();
    assertEquals(score(engine, s), score(engine, s.withEvents(upToT)));
  }

  @Property(tries = 800)
  void card_eventsBeforeTheModelsHistory_neverCount(
      @ForAll("boundedScenarios") Scenario s, @ForAll("engines") Engine engine) {
    // A host may drop events older than ModelInputs.historyDays local dates before T's date.
    java.util.OptionalInt days = s.model().inputs().historyDays();
    java.time.ZoneId zone = s.model().zone();
    java.time.LocalDate oldest =
        s.asOf().atZone(zone).toLocalDate().minusDays(days.getAsInt() - 1L);
    List<Event> recent =
        s.entity().events().stream()
            .filter(e -> !e.time().atZone(zone).toLocalDate().isBefore(oldest))
            .toList();
    assertEquals(score(engine, s), score(engine, s.withEvents(recent)));
  }

  @Property(tries = 800)
  void card_namesItsInputsAndKeepsModelOrder(
      @ForAll("scenarios") Scenario s, @ForAll("engines") Engine engine) {
    ScoreCard card = score(engine, s);
    assertEquals(s.entity().id(), card.entity());
    assertEquals(s.model().id(), card.model());
    assertEquals(s.model().version(), card.version());
    assertEquals(s.asOf(), card.asOf());
    assertEquals(
        s.model().categories().stream().map(Category::name).toList(),
        card.categories().stream().map(CategoryScore::name).toList());
    List<String> ruleOrder = s.model().rules().stream().map(r -> r.id()).toList();
    List<String> fired = card.contributions().stream().map(Contribution::ruleId).toList();
    assertEquals(ruleOrder.stream().filter(fired::contains).toList(), fired);
    if (card.isExcluded()) {
      assertEquals(Tier.NONE, card.tier());
    }
    assertTrue(
        card.tier().equals(Tier.NONE)
            || s.model().tiers().stream().anyMatch(t -> t.name().equals(card.tier())));
  }

  /**
   * A generated model has a grid about half the time (Models): the cell of a card not excluded is
   * the grid's cell of the card's own category totals, and there is none without a grid or when
   * excluded.
   */
  @Property(tries = 600)
  void cell_isTheGridsCellOfTheCardsTotals(
      @ForAll("scenarios") Scenario s, @ForAll("engines") Engine engine) {
    ScoreCard card = score(engine, s);
    if (s.model().grid().isEmpty() || card.isExcluded()) {
      assertEquals(Optional.empty(), card.cell());
      return;
    }
    java.util.Map<String, dev.pls.core.model.Points> totals = new java.util.HashMap<>();
    card.categories().forEach(c -> totals.put(c.name(), c.total()));
    assertEquals(Optional.of(s.model().grid().get().cell(totals::get)), card.cell());
  }

  @Property(tries = 200)
  void card_repeatedAndConcurrentEvaluation_giveEqualCards(
      @ForAll("scenarios") Scenario s, @ForAll("engines") Engine engine)
      throws InterruptedException, ExecutionException {
    Scorer scorer = engine.scorer(s.model());
    ScoreCard first = scorer.score(s.entity(), s.asOf());
    assertEquals(first, scorer.score(s.entity(), s.asOf()));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<ScoreCard>> cards = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        cards.add(pool.submit(() -> scorer.score(s.entity(), s.asOf())));
      }
      for (Future<ScoreCard> c : cards) {
        assertEquals(first, c.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Guards the generators and the engines: a contract that never fires a rule, or that an engine
   * discards every try of, would check nothing.
   */
  @Property(tries = 1200)
  @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
  void generators_coverFiredCappedExcludedAndTieredCards(
      @ForAll("scenarios") Scenario s, @ForAll("engines") Engine engine) {
    ScoreCard card = score(engine, s);
    Statistics.label("fired").collect(!card.contributions().isEmpty());
    Statistics.label("limited").collect(card.contributions().stream().anyMatch(c -> c.limited()));
    Statistics.label("excluded").collect(card.isExcluded());
    Statistics.label("tiered").collect(!card.tier().equals(Tier.NONE));
    Statistics.label("decayed")
        .collect(
            card.contributions().stream()
                .anyMatch(c -> c.decayed().isPresent() && c.decayed().get().age() > 0));
    Statistics.label("fired").coverage(c -> c.check(true).percentage(p -> p >= 60));
    Statistics.label("limited").coverage(c -> c.check(true).percentage(p -> p >= 10));
    Statistics.label("excluded").coverage(c -> c.check(true).percentage(p -> p >= 5));
    Statistics.label("tiered").coverage(c -> c.check(true).percentage(p -> p >= 5));
    Statistics.label("decayed").coverage(c -> c.check(true).percentage(p -> p >= 1));
    // and every engine checks some tries, the feature table too
    Statistics.label("engine").collect(engine);
    Statistics.label("engine")
        .coverage(
            c -> {
              for (Engine e : Engine.values()) {
                c.check(e).count(n -> n >= 20);
              }
            });
  }
}
