package dev.pls.cli.io;

import dev.pls.core.card.ScoreCard;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Writes score cards, one per entity, to a text output.
 *
 * <p>Implementations are not thread-safe. Numbers are written exactly as {@link
 * dev.pls.core.model.Points#toString()} and {@link dev.pls.core.model.Value.Num} print them; times
 * as ISO-8601 in UTC.
 */
public interface CardWriter {

  /**
   * Writes one card.
   *
   * @throws IOException if the output cannot be written
   */
  void write(ScoreCard card) throws IOException;

  /**
   * Flushes what was written to the underlying writer, which stays open.
   *
   * @throws IOException if the output cannot be written
   */
  void flush() throws IOException;

  /**
   * JSON Lines: one object per card with {@code entity}, {@code kind}, {@code model}, {@code
   * version}, {@code as_of}, {@code score}, {@code tier}, {@code excluded} and {@code categories},
   * plus {@code contributions} when {@code explain} is set.
   */
  static CardWriter jsonLines(Writer out, boolean explain) {
    return new JsonCardWriter(out, explain, false);
  }

  /**
   * As {@link #jsonLines(Writer, boolean)}; with {@code members}, an account's card also carries
   * {@code members}: its members' cards, written the same way. Cards of models with a hand-off
   * carry {@code handoff}: segment, triggers, suppressed and context.
   */
  static CardWriter jsonLines(Writer out, boolean explain, boolean members) {
    return new JsonCardWriter(out, explain, members);
  }

  /**
   * CSV for a CRM sync: a header, then one row per card with {@code entity}, {@code account},
   * {@code score}, {@code tier}, {@code excluded}, {@code top_contributions}, {@code model}, {@code
   * version}, {@code as_of}.
   *
   * @param accountOf the account of a user, for user cards; account cards use their own id
   * @param top how many contributions to list in {@code top_contributions}, at least 0
   * @throws IOException if the header cannot be written
   */
  static CardWriter csv(Writer out, Function<String, Optional<String>> accountOf, int top)
      throws IOException {
    return new CsvCardWriter(out, accountOf, top, List.of());
  }

  /**
   * As {@link #csv(Writer, Function, int)}, with one more column per context value of the model's
   * hand-off, in hand-off order, after {@code as_of}: named as the context value, or {@code
   * context_NAME} when the name is one of the fixed columns'; empty when the value is missing.
   *
   * @param context the context values' names, in hand-off order
   * @throws IOException if the header cannot be written
   */
  static CardWriter csv(
      Writer out, Function<String, Optional<String>> accountOf, int top, List<String> context)
      throws IOException {
    return new CsvCardWriter(out, accountOf, top, context);
  }

  /**
   * As {@link #csv(Writer, Function, int, List)}; with {@code cell} (the model has a grid), a
   * {@code cell} column after {@code tier}, empty for an excluded entity.
   *
   * @throws IOException if the header cannot be written
   */
  static CardWriter csv(
      Writer out,
      Function<String, Optional<String>> accountOf,
      int top,
      List<String> context,
      boolean cell)
      throws IOException {
    return new CsvCardWriter(out, accountOf, top, context, cell);
  }
}
