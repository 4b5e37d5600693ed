package dev.pls.cli;

import dev.pls.core.model.Model;
import dev.pls.core.scoring.Scorer;

/** The one place the command chooses how models are evaluated. */
final class Scorers {
  private Scorers() {}

  /**
   * The scorer every subcommand uses for {@code model}: the planned evaluator, whose cards equal
   * the reference evaluator's on every input (pls-core's differential properties check that).
   */
  static Scorer forModel(Model model) {
    return Scorer.fast(model);
  }
}
