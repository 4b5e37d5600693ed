/**
 * pls on Apache Flink: events keyed by user, each user's events and traits in Flink keyed state,
 * cards as of event-time steps, equal to {@code pls score}'s. {@link dev.pls.flink.PlsStream} wires
 * the operators into a job; {@link dev.pls.flink.PlsFlinkJob} is the runnable job of the shaded
 * jar. See {@code docs/scale-out.md}.
 */
package dev.pls.flink;
