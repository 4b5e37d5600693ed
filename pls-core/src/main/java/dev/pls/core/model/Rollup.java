package dev.pls.core.model;

import static java.util.Objects.requireNonNull;

import dev.pls.core.internal.base.Names;
import java.util.Optional;

/**
 * How an account model rolls its members' scores up into the account score: the sum (the default),
 * the highest, the average or the sum of the top {@code k}, each member's score first held within
 * its bounds: raised to {@code memberFloor} and capped at {@code memberCap} when they are given.
 *
 * <p>A member's part is {@code max(memberFloor, min(memberCap, score))}; the floor is never above
 * the cap, so the order of the two does not matter. A floor of 0 keeps a dormant member (scoring
 * below zero) from pulling a summed account down: it counts as 0. Bounds apply to each member
 * before the scores combine, for every kind: the highest of bounded scores, their average, the top
 * {@code k} of them.
 *
 * <p>On the account's card the rollup is a category of its own, listed first, with one contribution
 * whose {@code points} are the rollup without the member bounds and whose {@code applied} points
 * are the rollup with them. Only included members count (see {@link MemberAggregate}); with none,
 * the rollup is 0 and contributes nothing. The average is rounded to the hundredth, half to even.
 *
 * @param category the name of the rollup's category on the card, unique among the model's
 *     categories
 * @param kind how member scores combine
 * @param k how many of the highest member scores {@link Kind#TOP} adds up; 0 for the other kinds
 * @param memberCap the most one member's score can add, if bounded; must be positive
 * @param memberFloor the least one member's score can add, if bounded; any sign, not above {@code
 *     memberCap}
 */
public record Rollup(
    String category, Kind kind, int k, Optional<Points> memberCap, Optional<Points> memberFloor) {

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
    requireNonNull(memberFloor, "memberFloor");
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
    if (memberFloor.isPresent()
        && memberCap.isPresent()
        && memberFloor.get().compareTo(memberCap.get()) > 0) {
      throw new IllegalArgumentException(
          "memberFloor: must not be above memberCap "
              + memberCap.get()
              + ", was "
              + memberFloor.get());
    }
  }

  /** A rollup without a member floor, as before floors existed. */
  public Rollup(String category, Kind kind, int k, Optional<Points> memberCap) {
    this(category, kind, k, memberCap, Optional.empty());
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
    requireNonNull(cap, "cap");
    if (cap.signum() > 0 && memberFloor.isPresent() && memberFloor.get().compareTo(cap) > 0) {
      throw new IllegalArgumentException(
          "cap: must not be below memberFloor " + memberFloor.get() + ", was " + cap);
    }
    return new Rollup(category, kind, k, Optional.of(cap), memberFloor);
  }

  /**
   * This rollup with each member's score raised to {@code floor} first: {@code memberFloor(0)}
   * keeps members scoring below zero from lowering the account.
   *
   * @throws IllegalArgumentException if {@code floor} is above the member cap
   */
  public Rollup memberFloor(long floor) {
    return memberFloor(Points.of(floor));
  }

  /**
   * This rollup with each member's score raised to {@code floor} first.
   *
   * @throws IllegalArgumentException if {@code floor} is above the member cap
   */
  public Rollup memberFloor(Points floor) {
    requireNonNull(floor, "floor");
    if (memberCap.isPresent() && floor.compareTo(memberCap.get()) > 0) {
      throw new IllegalArgumentException(
          "floor: must not be above memberCap " + memberCap.get() + ", was " + floor);
    }
    return new Rollup(category, kind, k, memberCap, Optional.of(floor));
  }

  /** This rollup under another category name. */
  public Rollup category(String name) {
    return new Rollup(name, kind, k, memberCap, memberFloor);
  }

  /**
   * One member's part of the rollup: its score held within the member floor and cap.
   *
   * @param score a member's score
   */
  public Points bounded(Points score) {
    requireNonNull(score, "score");
    Points s = memberCap.isPresent() ? Points.min(score, memberCap.get()) : score;
    return memberFloor.isPresent() ? Points.max(s, memberFloor.get()) : s;
  }

  /** The member bounds in words, e.g. "at least 0 and at most 50"; empty without bounds. */
  public Optional<String> bounds() {
    if (memberFloor.isPresent() && memberCap.isPresent()) {
      return Optional.of("at least " + memberFloor.get() + " and at most " + memberCap.get());
    }
    return memberFloor.map(f -> "at least " + f).or(() -> memberCap.map(c -> "at most " + c));
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
    return bounds().map(b -> base + " (each " + b + ")").orElse(base);
  }

  /**
   * The rollup as written in the rules language, e.g. {@code rollup top 3 member_floor 0 member_cap
   * 50}.
   */
  @Override
  public String toString() {
    return "rollup "
        + kind.displayName()
        + (kind == Kind.TOP ? " " + k : "")
        + memberFloor.map(f -> " member_floor " + f).orElse("")
        + memberCap.map(c -> " member_cap " + c).orElse("")
        + (category.equals(DEFAULT_CATEGORY) ? "" : " as " + Syntax.name(category));
  }
}
