/**
 * What the {@code pls} command reads and writes: event and trait files in, score cards out.
 *
 * <p>Reading: an {@link dev.pls.cli.io.InputReader} streams event files (JSON Lines in the flat or
 * the Segment form, or CSV through a {@link dev.pls.cli.io.CsvMapping}, plain or gzip) and trait
 * files into an {@link dev.pls.cli.io.InputSink}, usually an {@link
 * dev.pls.cli.io.EntityAssembler}, which groups them into users and accounts. Timestamps follow
 * {@link dev.pls.cli.io.Timestamps}. Records that cannot be used go to {@link
 * dev.pls.cli.io.Rejects}; each file's outcome is a {@link dev.pls.cli.io.FileSummary}, the run's a
 * {@link dev.pls.cli.io.ReadSummary}, and {@link dev.pls.cli.io.Progress} shows both on stderr.
 *
 * <p>Writing: a {@link dev.pls.cli.io.CardWriter} writes score cards as JSON Lines or CSV.
 *
 * <p>Resuming: {@code pls route --state} appends alerts to an {@link dev.pls.cli.io.AlertLog} and
 * keeps the router's snapshot and the alerts' length and checksum in a {@link
 * dev.pls.cli.io.StateFile}, replaced atomically after every step.
 *
 * <p>{@code docs/cli.md} describes every format; its examples are checked by this package's tests.
 */
package dev.pls.cli.io;
