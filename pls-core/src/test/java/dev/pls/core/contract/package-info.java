/**
 * One contract, every engine: the hand-computed suites of docs/semantics.md and the jqwik
 * properties every scorer keeps, each run once per {@link dev.pls.core.contract.Engine}.
 *
 * <ul>
 *   <li>{@link dev.pls.core.contract.Engine}: the reference and fast evaluators, the entity store
 *       and the feature table, each behind {@code Scorer.score(entity, asOf)}; a case an engine
 *       cannot take is skipped on it by an assumption that says why.
 *   <li>{@link dev.pls.core.contract.EveryEngine}: runs a JUnit test once per engine.
 *   <li>{@code WindowEdgeTest}, {@code AggregateSemanticsTest}, {@code ConditionSemanticsTest},
 *       {@code ScoringSemanticsTest}, {@code SeedTemplateTest}, {@code AccountScoringTest}: cards
 *       and values computed by hand; {@code ScorerContractProperties}: properties on generated
 *       models and events, drawing the engine with {@code @ForAll Engine}.
 * </ul>
 *
 * <p>A new engine gets every case and property by adding one constant to {@code Engine}. The
 * differential properties in {@code dev.pls.core.internal.fast} check the faster engines against
 * the reference on generated inputs besides.
 */
package dev.pls.core.contract;
