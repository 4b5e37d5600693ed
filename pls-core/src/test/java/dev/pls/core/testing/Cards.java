package dev.pls.core.testing;

import dev.pls.core.card.CategoryScore;
import dev.pls.core.card.Contribution;
import dev.pls.core.card.ScoreCard;
import dev.pls.core.card.SignalValue;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders a {@link ScoreCard} as lines a reviewer can compare with hand-computed expectations: one
 * line for the score and tier, one per category, one per fired rule with the values it read.
 *
 * <pre>
 * score 55, tier warm
 * collaboration: total 35 (positive 35, negative 0)
 * collaboration/invites_3_5 +20 | invites within 7d = 3
 * </pre>
 */
public final class Cards {
  private Cards() {}

  /** The card as lines: score and tier, then every category, then every contribution. */
  public static List<String> lines(ScoreCard card) {
    List<String> out = new ArrayList<>();
    out.add(
        "score "
            + card.score()
            + ", tier "
            + card.tier()
            + card.excluded().map(r -> ", excluded: " + r).orElse(""));
    for (CategoryScore c : card.categories()) {
      out.add(category(c));
    }
    for (Contribution c : card.contributions()) {
      out.add(contribution(c));
    }
    return out;
  }

  /** {@code name: total T (positive P, negative N)}. */
  public static String category(CategoryScore c) {
    return c.name()
        + ": total "
        + c.total()
        + " (positive "
        + c.positive()
        + ", negative "
        + c.negative()
        + ")";
  }

  /**
   * {@code category/rule +applied (of +points) (decayed of +written, N days old) | value, value}.
   */
  public static String contribution(Contribution c) {
    String points =
        c.applied().toSignedString()
            + (c.limited() ? " (of " + c.points().toSignedString() + ")" : "")
            + c.decayed().map(d -> " (decayed " + d + ")").orElse("");
    String values =
        c.values().stream().map(SignalValue::toString).collect(Collectors.joining(", "));
    return c.category()
        + "/"
        + c.ruleId()
        + " "
        + points
        + (values.isEmpty() ? "" : " | " + values);
  }
}
