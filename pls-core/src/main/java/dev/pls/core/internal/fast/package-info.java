/**
 * The fast evaluator and the columnar entity store: not API.
 *
 * <p>{@code Plan} compiles a model once into slots, numbered filters and node trees; {@code
 * FastScorer} evaluates it over an entity's events, {@code TableScorer} over a feature table a rule
 * column at a time, and {@code ColumnarStore} over state kept from ingested events (day buckets or
 * rows, a {@code StoreLayout} each). What the three share they call in one place, not in each
 * other: {@code ChunkEvaluator} runs the rules over chunks or one row into {@code Outcomes}, {@code
 * Caps} applies caps and floors, {@code CardAssembler} builds cards from outcomes and slot values,
 * and {@code BatchResult} is the batch of the table scorer and the store alike. A {@code
 * TableBinding} is a plan bound once to a table's (typed) columns, scoring into the caller's arrays
 * through {@code RowLoopGenerator}'s loops. All three engines are held to the reference evaluator
 * by differential property tests.
 */
package dev.pls.core.internal.fast;
