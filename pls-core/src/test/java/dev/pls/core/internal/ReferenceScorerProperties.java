package dev.pls.core.internal;

import dev.pls.core.Model;
import dev.pls.core.Scorer;
import dev.pls.core.testing.ScorerContract;

/** The {@link ScorerContract} for the reference evaluator. */
class ReferenceScorerProperties extends ScorerContract {
  @Override
  protected Scorer scorer(Model model) {
    return Scorer.reference(model);
  }
}
