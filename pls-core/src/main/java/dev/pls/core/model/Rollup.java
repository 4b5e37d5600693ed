package dev.pls.core.model;

import static java.util.Objects.requireNonNull;

import dev.pls.core.internal.base.Names;
import java.util.Optional;

/**
 * How an account model rolls its members' scores up into the account score: the sum (the default),
 * the highest, the average or the sum of the top {@code k}, each member's score first capped at
 * {@code memberCap} when one is given.
 *
 * <p>On the account's card the rollup is a category of its own, listed first, with one contribution
 * whose {@code points} are the rollup without the member cap and whose {@code applied} points are
 * the rollup with it. Only included members count (see {@link MemberAggregate}); with none, the
 * rollup is 0 and contributes nothing. The average is rounded to the hundredth, half to even.
 *
 * @param category the name of the rollup's category on the card, unique among the model's
 *     categories
 * @param kind how member scores combine
 * @param k how many of the highest member scores {@link Kind#TOP} adds up; 0 for the other kinds
 * @param memberCap the most one member's score can add, if bounded; must be positive
 */
public record Rollup(String category, Kind kind, int k, Optional<Points> memberCap) {

  /** The category name of the default rollup. */
  public static final String DEFAULT_CATEGORY = "members";

  /** How member scores combine. */
  public enum Kind {
    /** The sum of the member scores. */
    SUM,
    /** The highest member score. */
    MAX,
    /** The mean of the member scores, to the hundredth, half to even. */
    AVERAGE,
    /** The sum of the {@code k} highest member scores. */
    TOP;

    /** The name used in the rules language. */
    public String displayName() {
      return this == AVERAGE ? "avg" : name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public Rollup {
    Names.check(category, "category");
    requireNonNull(kind, "kind");
    requireNonNull(memberCap, "memberCap");
    if (kind == Kind.TOP ? k < 1 : k != 0) {
      throw new IllegalArgumentException(
          "k: "
              + (kind == Kind.TOP
                  ? "top needs k of at least 1"
                  : kind.displayName() + " takes no k")
              + ", was "
              + k);
    }
    memberCap.ifPresent(
        c -> {
          if (c.signum() <= 0) {
            throw new IllegalArgumentException("memberCap: must be positive, was " + c);
          }
        });
  }

  /** The sum of member scores, the default. */
  public static Rollup sum() {
    return new Rollup(DEFAULT_CATEGORY, Kind.SUM, 0, Optional.empty());
  }

  /** The highest member score. */
  public static Rollup max() {
    return new Rollup(DEFAULT_CATEGORY, Kind.MAX, 0, Optional.empty());
  }

  /** The average member score. */
  public static Rollup average() {
    return new Rollup(DEFAULT_CATEGORY, Kind.AVERAGE, 0, Optional.empty());
  }

  /** The sum of the {@code k} highest member scores. */
  public static Rollup top(int k) {
    return new Rollup(DEFAULT_CATEGORY, Kind.TOP, k, Optional.empty());
  }

  /** This rollup with each member's score capped at {@code cap} first. */
  public Rollup memberCap(long cap) {
    return memberCap(Points.of(cap));
  }

  /** This rollup with each member's score capped at {@code cap} first. */
  public Rollup memberCap(Points cap) {
    return new Rollup(category, kind, k, Optional.of(requireNonNull(cap, "cap")));
  }

  /** This rollup under another category name. */
  public Rollup category(String name) {
    return new Rollup(name, kind, k, memberCap);
  }

  /** What the card's contribution is labelled, e.g. "Sum of member scores (each at most 50)". */
  public String label() {
    String base;
    switch (kind) {
      case SUM:
        base = "Sum of member scores";
        break;
      case MAX:
        base = "Highest member score";
        break;
      case AVERAGE:
        base = "Average member score";
        break;
      default:
        base = "Sum of the top " + k + " member scores";
        break;
    }
    return memberCap.map(c -> base + " (each at most " + c + ")").orElse(base);
  }

  /** The rollup as written in the rules language, e.g. {@code rollup top 3 member_cap 50}. */
  @Override
  public String toString() {
    return "rollup "
        + kind.displayName()
        + (kind == Kind.TOP ? " " + k : "")
        + memberCap.map(c -> " member_cap " + c).orElse("")
        + (category.equals(DEFAULT_CATEGORY) ? "" : " as " + Syntax.name(category));
  }
}
