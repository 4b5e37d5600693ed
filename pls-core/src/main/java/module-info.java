/**
 * The pls core: the scoring model, its builder API and the engines that score with it.
 *
 * <p>Six exported packages, each one concern, with no cycle between them: {@code
 * dev.pls.core.model} (what a model declares), {@code dev.pls.core.input} (events, entities,
 * feature tables and the account rule), {@code dev.pls.core.card} (what scoring returns), {@code
 * dev.pls.core.scoring} (the scorers and the entity store) and {@code dev.pls.core.handoff} (the
 * router that turns cards over time into alerts) and {@code dev.pls.core.backtest} (point-in-time
 * backtests of a model against outcomes). Everything under {@code dev.pls.core.internal} may change
 * in any release; {@code docs/architecture.md} says what may import what.
 */
module dev.pls.core {
  requires com.google.common;
  requires org.objectweb.asm;

  exports dev.pls.core.model;
  exports dev.pls.core.input;
  exports dev.pls.core.card;
  exports dev.pls.core.scoring;
  exports dev.pls.core.handoff;
  exports dev.pls.core.backtest;
}
