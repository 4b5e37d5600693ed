/**
 * Test fixtures shared through pls-core's test jar.
 *
 * <ul>
 *   <li>{@link dev.pls.core.testing.SeedTemplate}: the seed document's PQL template as a model.
 *   <li>{@link dev.pls.core.testing.Models}, {@link dev.pls.core.testing.Events}: jqwik generators
 *       of models, as-of instants, event streams, entities and {@link dev.pls.core.testing.Scenario
 *       scenarios}.
 *   <li>{@link dev.pls.core.testing.Probe}: reads one aggregate's value off a card; {@link
 *       dev.pls.core.testing.Cards}: renders a card as reviewable lines; {@link
 *       dev.pls.core.testing.Fixtures}: short forms for hand-written events.
 * </ul>
 *
 * <p>The suites that use them to hold every engine to the semantics are in {@code
 * dev.pls.core.contract}.
 */
package dev.pls.core.testing;
