package dev.pls.core.internal.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pls.core.card.ScoreCard;
import dev.pls.core.scoring.Scorer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The fast evaluator's cards equal the reference evaluator's, on generated scenarios. */
class FastScorerDifferentialProperties {

  @Provide
  Arbitrary<DifferentialArbitraries.Scenario> scenarios() {
    return DifferentialArbitraries.scenarios();
  }

  @Property(tries = 400)
  void score_generatedScenario_equalsReference(
      @ForAll("scenarios") DifferentialArbitraries.Scenario s) {
    ScoreCard expected = Scorer.reference(s.model()).score(s.entity(), s.asOf());
    ScoreCard actual = Scorer.fast(s.model()).score(s.entity(), s.asOf());
    assertEquals(expected, actual, s::toString);
  }

  @Provide
  Arbitrary<DifferentialArbitraries.Scenario> seedScenarios() {
    return DifferentialArbitraries.seedScenarios();
  }

  @Property(tries = 200)
  void score_seedTemplate_equalsReference(
      @ForAll("seedScenarios") DifferentialArbitraries.Scenario s) {
    ScoreCard expected = Scorer.reference(s.model()).score(s.entity(), s.asOf());
    ScoreCard actual = Scorer.fast(s.model()).score(s.entity(), s.asOf());
    assertEquals(expected, actual, s::toString);
  }

  @Property(tries = 100)
  void score_eventsReversed_sameCard(@ForAll("scenarios") DifferentialArbitraries.Scenario s) {
    Scorer fast = Scorer.fast(s.model());
    List<dev.pls.core.input.Event> reversed = new ArrayList<>(s.entity().events());
    Collections.reverse(reversed);
    dev.pls.core.input.Entity other =
        new dev.pls.core.input.Entity(s.entity().id(), s.entity().traits(), reversed);
    assertEquals(fast.score(s.entity(), s.asOf()), fast.score(other, s.asOf()), s::toString);
  }

  @Provide
  Arbitrary<DifferentialArbitraries.Scenario> accountScenarios() {
    return DifferentialArbitraries.accountScenarios();
  }

  @Property(tries = 300)
  void score_generatedAccount_equalsReference(
      @ForAll("accountScenarios") DifferentialArbitraries.Scenario s) {
    ScoreCard expected = Scorer.reference(s.model()).score(s.entity(), s.asOf());
    ScoreCard actual = Scorer.fast(s.model()).score(s.entity(), s.asOf());
    assertEquals(expected, actual, s::toString);
  }
}
