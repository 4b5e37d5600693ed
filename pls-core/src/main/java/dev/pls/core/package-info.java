/**
 * The pls scoring model and its evaluators.
 *
 * <p>Start with {@link dev.pls.core.Model#builder(String)} to build a model in Java (or compile one
 * from the rules language with {@code pls-dsl}), then {@link dev.pls.core.Scorer} to score {@link
 * dev.pls.core.Entity entities} into {@link dev.pls.core.ScoreCard score cards}.
 *
 * <p>Every type here is immutable and thread-safe unless it is a builder, or the {@link
 * dev.pls.core.Router}, which keeps the hand-off's state over time.
 */
package dev.pls.core;
