/**
 * Test fixtures shared through pls-core's test jar.
 *
 * <ul>
 *   <li>{@link dev.pls.core.testing.SeedTemplate}: the seed document's PQL template as a model.
 *   <li>{@link dev.pls.core.testing.Models}, {@link dev.pls.core.testing.Events}: jqwik generators
 *       of models, as-of instants, event streams, entities and {@link dev.pls.core.testing.Scenario
 *       scenarios}.
 *   <li>{@link dev.pls.core.testing.ScorerContract}: the properties every {@code Scorer} keeps;
 *       extend it with your scorer.
 *   <li>{@link dev.pls.core.testing.Probe}: reads one aggregate's value off a card; {@link
 *       dev.pls.core.testing.Cards}: renders a card as reviewable lines; {@link
 *       dev.pls.core.testing.Fixtures}: short forms for hand-written events.
 * </ul>
 *
 * <p>The hand-computed suites ({@code SeedTemplateTest}, {@code WindowEdgeTest}, {@code
 * AggregateSemanticsTest}, {@code ConditionSemanticsTest}, {@code ScoringSemanticsTest}) run on any
 * evaluator by overriding their {@code scorer(Model)} method.
 */
package dev.pls.core.testing;
