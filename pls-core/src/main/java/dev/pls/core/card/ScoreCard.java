package dev.pls.core.card;

import static java.util.Objects.requireNonNull;

import dev.pls.core.model.EntityKind;
import dev.pls.core.model.Points;
import dev.pls.core.model.Tier;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The result of scoring one entity as of an instant: its score, tier, exclusion, per-category
 * totals and every rule that fired with the values behind it.
 *
 * <p>Invariant, checked on construction: the contributions' {@code applied} points add up to {@code
 * score}, and so do the categories' totals.
 *
 * @param entity the entity's id
 * @param kind user or account
 * @param model the model's id
 * @param version the model's version
 * @param asOf the instant scored as of
 * @param score the score after caps and floors
 * @param tier the tier, or {@value Tier#NONE}
 * @param excluded the reason of the first exclusion that held, if any
 * @param categories every category of the model, in model order
 * @param contributions every fired rule, in model order; for an account model that rolls up
 *     members, the rollup's contribution comes first
 * @param members for an account model that rolls up members, every member's card (excluded ones
 *     too), ordered by member id; empty otherwise
 * @param handoff the hand-off facts, when the model has a {@linkplain Model#handoff() hand-off}
 * @param cell the grid cell ({@code A1}), when the model has a {@linkplain Model#grid() grid} and
 *     the entity is not excluded
 */
public record ScoreCard(
    String entity,
    EntityKind kind,
    String model,
    int version,
    Instant asOf,
    Points score,
    String tier,
    Optional<String> excluded,
    List<CategoryScore> categories,
    List<Contribution> contributions,
    List<ScoreCard> members,
    Optional<HandoffFacts> handoff,
    Optional<String> cell) {

  public ScoreCard {
    requireNonNull(entity, "entity");
    requireNonNull(kind, "kind");
    requireNonNull(model, "model");
    requireNonNull(asOf, "asOf");
    requireNonNull(score, "score");
    requireNonNull(tier, "tier");
    requireNonNull(excluded, "excluded");
    categories = List.copyOf(requireNonNull(categories, "categories"));
    contributions = List.copyOf(requireNonNull(contributions, "contributions"));
    members = List.copyOf(requireNonNull(members, "members"));
    requireNonNull(handoff, "handoff");
    requireNonNull(cell, "cell");
    if (excluded.isPresent() && cell.isPresent()) {
      throw new IllegalArgumentException(
          "cell: an excluded entity has no grid cell, not " + cell.get());
    }
    Points sum = Points.ZERO;
    for (Contribution c : contributions) {
      sum = sum.plus(c.applied());
    }
    if (!sum.equals(score)) {
      throw new IllegalArgumentException(
          "contributions: applied points add up to " + sum + ", not to the score " + score);
    }
    Points totals = Points.ZERO;
    for (CategoryScore c : categories) {
      totals = totals.plus(c.total());
    }
    if (!totals.equals(score)) {
      throw new IllegalArgumentException(
          "categories: totals add up to " + totals + ", not to the score " + score);
    }
    if (excluded.isPresent() && !tier.equals(Tier.NONE)) {
      throw new IllegalArgumentException(
          "tier: an excluded entity has tier " + Tier.NONE + ", not " + tier);
    }
  }

  /** A card without a grid cell. */
  public ScoreCard(
      String entity,
      EntityKind kind,
      String model,
      int version,
      Instant asOf,
      Points score,
      String tier,
      Optional<String> excluded,
      List<CategoryScore> categories,
      List<Contribution> contributions,
      List<ScoreCard> members,
      Optional<HandoffFacts> handoff) {
    this(
        entity,
        kind,
        model,
        version,
        asOf,
        score,
        tier,
        excluded,
        categories,
        contributions,
        members,
        handoff,
        Optional.empty());
  }

  /** A card without members, hand-off facts or grid cell. */
  public ScoreCard(
      String entity,
      EntityKind kind,
      String model,
      int version,
      Instant asOf,
      Points score,
      String tier,
      Optional<String> excluded,
      List<CategoryScore> categories,
      List<Contribution> contributions) {
    this(
        entity,
        kind,
        model,
        version,
        asOf,
        score,
        tier,
        excluded,
        categories,
        contributions,
        List.of(),
        Optional.empty());
  }

  /** The card of the member with this id, if this is an account's card and it has that member. */
  public Optional<ScoreCard> member(String id) {
    requireNonNull(id, "id");
    return members.stream().filter(m -> m.entity().equals(id)).findFirst();
  }

  /** Whether an exclusion held. */
  public boolean isExcluded() {
    return excluded.isPresent();
  }

  /** Whether the rule with this id or label fired. */
  public boolean fired(String ruleIdOrLabel) {
    return contribution(ruleIdOrLabel).isPresent();
  }

  /** The contribution of the rule with this id (or, failing that, this label), if it fired. */
  public Optional<Contribution> contribution(String ruleIdOrLabel) {
    requireNonNull(ruleIdOrLabel, "ruleIdOrLabel");
    Optional<Contribution> byId =
        contributions.stream().filter(c -> c.ruleId().equals(ruleIdOrLabel)).findFirst();
    return byId.isPresent()
        ? byId
        : contributions.stream().filter(c -> c.label().equals(ruleIdOrLabel)).findFirst();
  }

  /** The total of the category with this name, if the model has it. */
  public Optional<CategoryScore> category(String name) {
    requireNonNull(name, "name");
    return categories.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /** A multi-line, human-readable rendering: what a sales rep would read. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append(kind.displayName())
        .append(' ')
        .append(entity)
        .append(": score ")
        .append(score)
        .append(", tier ")
        .append(tier);
    cell.ifPresent(c -> sb.append(", cell ").append(c));
    excluded.ifPresent(r -> sb.append(" (excluded: ").append(r).append(')'));
    sb.append("\n  model ")
        .append(model)
        .append(" v")
        .append(version)
        .append(" as of ")
        .append(asOf)
        .append('\n');
    if (!members.isEmpty()) {
      long excludedMembers = members.stream().filter(ScoreCard::isExcluded).count();
      sb.append("  members ").append(members.size() - excludedMembers);
      if (excludedMembers > 0) {
        sb.append(" (and ").append(excludedMembers).append(" excluded)");
      }
      sb.append('\n');
    }
    handoff.ifPresent(
        h -> {
          sb.append("  segment ").append(h.segment());
          if (!h.triggers().isEmpty()) {
            sb.append(", triggers ").append(String.join(", ", h.triggers()));
          }
          h.suppressed().ifPresent(r -> sb.append(", suppressed: ").append(r));
          sb.append('\n');
        });
    for (Contribution c : contributions) {
      sb.append("  ").append(c.applied().toSignedString());
      if (c.limited()) {
        sb.append(" (of ").append(c.points().toSignedString()).append(")");
      }
      c.decayed().ifPresent(d -> sb.append(" (decayed ").append(d).append(")"));
      sb.append("  ")
          .append(c.label())
          .append("  [")
          .append(c.category())
          .append('/')
          .append(c.ruleId())
          .append("]");
      if (!c.values().isEmpty()) {
        sb.append("  ")
            .append(
                c.values().stream()
                    .map(SignalValue::toString)
                    .collect(java.util.stream.Collectors.joining(", ")));
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
