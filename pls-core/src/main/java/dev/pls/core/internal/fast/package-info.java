/**
 * The fast evaluator and the columnar entity store: not API.
 *
 * <p>{@code Plan} compiles a model once into slots, numbered filters and node trees; {@code
 * FastScorer} evaluates it over an entity's events, {@code TableScorer} over a feature table a rule
 * column at a time, and {@code ColumnarStore} over state kept from ingested events. All three are
 * held to the reference evaluator by differential property tests.
 */
package dev.pls.core.internal.fast;
