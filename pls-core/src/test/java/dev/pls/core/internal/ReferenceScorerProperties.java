package dev.pls.core.internal;

import dev.pls.core.model.Model;
import dev.pls.core.scoring.Scorer;
import dev.pls.core.testing.ScorerContract;

/** The {@link ScorerContract} for the reference evaluator. */
class ReferenceScorerProperties extends ScorerContract {
  @Override
  protected Scorer scorer(Model model) {
    return Scorer.reference(model);
  }
}
