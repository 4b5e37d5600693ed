package dev.pls.cli;

import dev.pls.core.Model;
import dev.pls.core.Scorer;

/** The one place the command chooses how models are evaluated. */
final class Scorers {
  private Scorers() {}

  /** The scorer every subcommand uses for {@code model}. */
  static Scorer forModel(Model model) {
    // The reference evaluator until the fast one lands; swapping it here changes every subcommand.
    return Scorer.reference(model);
  }
}
