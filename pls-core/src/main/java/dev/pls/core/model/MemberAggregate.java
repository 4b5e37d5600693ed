package dev.pls.core.model;

import static java.util.Objects.requireNonNull;

import dev.pls.core.internal.base.Names;
import java.util.Optional;

/**
 * What an account-level signal computes from the account's members: how many there are, how many
 * were active or new in a window, how many reached a tier, how many distinct departments they span,
 * how fast the active ones grow. Used in an account model's conditions through {@link
 * Expr.Members}.
 *
 * <p>Only <em>included</em> members count: a member whose own card is excluded by the member model
 * (a bot, an internal user) is not part of the account anywhere. Every value is a number and is
 * never missing, except {@link ActiveGrowth} when last week had no active member. Exact definitions
 * are in {@code docs/accounts.md}.
 */
public sealed interface MemberAggregate
    permits MemberAggregate.Count,
        MemberAggregate.Where,
        MemberAggregate.Active,
        MemberAggregate.New,
        MemberAggregate.AtTier,
        MemberAggregate.DistinctTrait,
        MemberAggregate.ActiveGrowth {

  /** Whether the aggregate reads a window of time. */
  default boolean windowed() {
    return this instanceof Active
        || this instanceof New
        || (this instanceof DistinctTrait d && d.active().isPresent());
  }

  /** Whether it requires a window ({@link New} does: "new" means new within a period). */
  default boolean needsWindow() {
    return this instanceof New;
  }

  /** The event filter it reads, if it reads events. */
  default Optional<EventFilter> events() {
    if (this instanceof Active a) {
      return Optional.of(a.filter());
    } else if (this instanceof New n) {
      return Optional.of(n.filter());
    } else if (this instanceof DistinctTrait d) {
      return d.active();
    } else if (this instanceof ActiveGrowth g) {
      return Optional.of(g.filter());
    }
    return Optional.empty();
  }

  /** {@code members}: the number of included members. */
  record Count() implements MemberAggregate {
    @Override
    public String toString() {
      return "members";
    }
  }

  /**
   * {@code members(where title in executives)}: the number of included members whose traits satisfy
   * a condition. The condition reads the member model's traits only.
   */
  record Where(Expr condition) implements MemberAggregate {
    public Where {
      requireNonNull(condition, "condition");
    }

    @Override
    public String toString() {
      return "members(where " + condition + ")";
    }
  }

  /**
   * {@code active_members(any)}: the number of included members with at least one matching event in
   * the window (all history without one).
   */
  record Active(EventFilter filter) implements MemberAggregate {
    public Active {
      requireNonNull(filter, "filter");
    }

    @Override
    public String toString() {
      return "active_members(" + filter + ")";
    }
  }

  /**
   * {@code new_members(any) within 7d}: the number of included members whose first matching event
   * ever falls in the window.
   */
  record New(EventFilter filter) implements MemberAggregate {
    public New {
      requireNonNull(filter, "filter");
    }

    @Override
    public String toString() {
      return "new_members(" + filter + ")";
    }
  }

  /**
   * {@code members_at_tier(warm)}: the number of included members whose tier is {@code tier} or a
   * tier listed before it in the member model (a higher one).
   */
  record AtTier(String tier) implements MemberAggregate {
    public AtTier {
      Names.check(tier, "tier");
    }

    @Override
    public String toString() {
      return "members_at_tier(" + Syntax.name(tier) + ")";
    }
  }

  /**
   * {@code member_values(department)}: the number of distinct values of a member trait among the
   * included members that have it; with an event filter ({@code member_values(department, any)
   * within 30d}), among those active in the window only.
   */
  record DistinctTrait(String trait, Optional<EventFilter> active) implements MemberAggregate {
    public DistinctTrait {
      Names.check(trait, "trait");
      requireNonNull(active, "active");
    }

    @Override
    public String toString() {
      return "member_values(" + Syntax.name(trait) + active.map(f -> ", " + f).orElse("") + ")";
    }
  }

  /**
   * {@code active_growth(any)}: week-over-week growth of active members in percent, {@code (a0 -
   * a1) * 100 / a1} where {@code a0} counts members active in week 0 (T's day and the six before
   * it) and {@code a1} in week 1; missing when {@code a1} is zero. Takes no window.
   */
  record ActiveGrowth(EventFilter filter) implements MemberAggregate {
    public ActiveGrowth {
      requireNonNull(filter, "filter");
    }

    @Override
    public String toString() {
      return "active_growth(" + filter + ")";
    }
  }

  // ---- factories ----

  /** {@code members}. */
  static Count count() {
    return new Count();
  }

  /** {@code members(where condition)}. */
  static Where where(Expr condition) {
    return new Where(condition);
  }

  /** {@code active_members(filter)}. */
  static Active active(EventFilter filter) {
    return new Active(filter);
  }

  /** {@code new_members(filter)}. */
  static New newMembers(EventFilter filter) {
    return new New(filter);
  }

  /** {@code members_at_tier(tier)}. */
  static AtTier atTier(String tier) {
    return new AtTier(tier);
  }

  /** {@code member_values(trait)}. */
  static DistinctTrait distinct(String trait) {
    return new DistinctTrait(trait, Optional.empty());
  }

  /** {@code member_values(trait, filter)}: among members active in the window. */
  static DistinctTrait distinctAmongActive(String trait, EventFilter filter) {
    return new DistinctTrait(trait, Optional.of(requireNonNull(filter, "filter")));
  }

  /** {@code active_growth(filter)}. */
  static ActiveGrowth activeGrowth(EventFilter filter) {
    return new ActiveGrowth(filter);
  }

  /** This aggregate as a value in a condition, over all history. */
  default Expr.Members allTime() {
    return new Expr.Members(this, Optional.empty());
  }

  /** This aggregate as a value in a condition, over a window. */
  default Expr.Members within(Window window) {
    return new Expr.Members(this, Optional.of(requireNonNull(window, "window")));
  }
}
