package dev.pls.cli.io;

import static java.util.Objects.requireNonNull;

import dev.pls.core.card.Contribution;
import dev.pls.core.card.ScoreCard;
import dev.pls.core.model.EntityKind;
import dev.pls.core.model.Value;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/*
 * One row per card, for a CRM import. Quoting follows RFC 4180: a field is quoted when it holds a
 * comma, a double quote, a line break, or leading or trailing white space, and its quotes are
 * doubled; rows end with LF. top_contributions lists the fired rules that moved the score most
 * (largest |applied| first, ties in model order; rules a cap left at 0 are left out) as
 * "label (+20); label (-15)", so a sales rep sees the why next to the score. A model with a
 * hand-off adds its context values after as_of, one column each, as the seller sees them on an
 * alert: numbers exact, booleans true/false, strings as they are, times ISO-8601, missing empty.
 * A model with a grid adds a cell column after tier (empty for an excluded entity); other models'
 * rows are unchanged.
 */
final class CsvCardWriter implements CardWriter {
  static final String HEADER =
      "entity,account,score,tier,excluded,top_contributions,model,version,as_of";

  private final Writer out;
  private final Function<String, Optional<String>> accountOf;
  private final int top;
  private final List<String> context;
  private final boolean cell;

  CsvCardWriter(
      Writer out, Function<String, Optional<String>> accountOf, int top, List<String> context)
      throws IOException {
    this(out, accountOf, top, context, false);
  }

  CsvCardWriter(
      Writer out,
      Function<String, Optional<String>> accountOf,
      int top,
      List<String> context,
      boolean cell)
      throws IOException {
    this.out = requireNonNull(out, "out");
    this.accountOf = requireNonNull(accountOf, "accountOf");
    if (top < 0) {
      throw new IllegalArgumentException("top: must not be negative, was " + top);
    }
    this.top = top;
    this.context = List.copyOf(requireNonNull(context, "context"));
    this.cell = cell;
    String fixedHeader = cell ? HEADER.replace(",tier,", ",tier,cell,") : HEADER;
    List<String> fixed = List.of(fixedHeader.split(","));
    StringBuilder header = new StringBuilder(fixedHeader);
    for (String name : this.context) {
      header.append(',');
      field(header, fixed.contains(name) ? "context_" + name : name);
    }
    out.write(header.toString());
    out.write('\n');
  }

  @Override
  public void write(ScoreCard card) throws IOException {
    requireNonNull(card, "card");
    Optional<String> account =
        card.kind() == EntityKind.ACCOUNT
            ? Optional.of(card.entity())
            : accountOf.apply(card.entity());
    StringBuilder row = new StringBuilder();
    field(row, card.entity()).append(',');
    field(row, account.orElse("")).append(',');
    field(row, card.score().toString()).append(',');
    field(row, card.tier()).append(',');
    if (cell) {
      field(row, card.cell().orElse("")).append(',');
    }
    field(row, card.excluded().orElse("")).append(',');
    field(row, topContributions(card)).append(',');
    field(row, card.model()).append(',');
    field(row, Integer.toString(card.version())).append(',');
    field(row, card.asOf().toString());
    if (!context.isEmpty()) {
      Map<String, Optional<Value>> values = new HashMap<>();
      card.handoff().ifPresent(h -> h.context().forEach(v -> values.put(v.name(), v.value())));
      for (String name : context) {
        row.append(',');
        field(row, values.getOrDefault(name, Optional.empty()).map(CsvCardWriter::text).orElse(""));
      }
    }
    row.append('\n');
    out.write(row.toString());
  }

  private String topContributions(ScoreCard card) {
    List<Contribution> fired = new ArrayList<>();
    for (Contribution c : card.contributions()) {
      if (c.applied().signum() != 0) {
        fired.add(c);
      }
    }
    // List.sort is stable, so equal magnitudes keep model order.
    fired.sort(
        Comparator.comparingLong((Contribution c) -> Math.abs(c.applied().hundredths()))
            .reversed());
    StringBuilder sb = new StringBuilder();
    for (Contribution c : fired.subList(0, Math.min(top, fired.size()))) {
      if (sb.length() > 0) {
        sb.append("; ");
      }
      sb.append(c.label()).append(" (").append(c.applied().toSignedString()).append(')');
    }
    return sb.toString();
  }

  /** A context value as a CSV cell. */
  private static String text(Value v) {
    if (v instanceof Value.Str s) {
      return s.value();
    }
    if (v instanceof Value.Num n) {
      return n.value().toPlainString();
    }
    if (v instanceof Value.Time t) {
      return t.value().toString();
    }
    return v.toString();
  }

  /** Appends {@code value} as one CSV field, quoted when it needs to be. */
  static StringBuilder field(StringBuilder row, String value) {
    boolean quote =
        !value.isEmpty()
            && (value.indexOf(',') >= 0
                || value.indexOf('"') >= 0
                || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0
                || !value.strip().equals(value));
    if (!quote) {
      return row.append(value);
    }
    return row.append('"').append(value.replace("\"", "\"\"")).append('"');
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }
}
