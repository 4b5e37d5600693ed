package dev.pls.core.backtest;

import static java.util.Objects.requireNonNull;

import dev.pls.core.input.AccountRule;
import dev.pls.core.model.Model;

/**
 * A champion and a challenger model backtested side by side: both replay the same traits and events
 * on the same {@link Schedule}, and the result says which entities change tier and why ({@code
 * docs/evaluation.md}, "Champion and challenger", defines every figure).
 *
 * <p>Rules of the two models are matched by id: a rule renamed in the challenger shows as one
 * removed and one added. Tiers are matched by name.
 *
 * <p>Immutable and thread-safe; each {@link #start()} is a new, independent {@link PairedReplay}.
 */
public final class Comparison {
  private final Backtest champion;
  private final Backtest challenger;

  private Comparison(Builder b) {
    Backtest.Builder a =
        Backtest.builder(b.champion)
            .schedule(b.schedule)
            .accountRule(b.accounts)
            .identityLimits(b.maxAnonymousIds, b.maxKnownIds);
    Backtest.Builder c =
        Backtest.builder(b.challenger)
            .schedule(b.schedule)
            .accountRule(b.accounts)
            .identityLimits(b.maxAnonymousIds, b.maxKnownIds);
    if (b.outcomes != null) {
      a.outcomes(b.outcomes);
      c.outcomes(b.outcomes);
    }
    if (b.listener != null) {
      a.listener(b.listener);
    }
    this.champion = a.build();
    this.challenger = c.build();
  }

  /**
   * A builder of a comparison of {@code champion} (the model in use, A) with {@code challenger}
   * (the candidate, B).
   *
   * @throws NullPointerException if a model is null
   * @throws IllegalArgumentException if the two models score different kinds of entity
   */
  public static Builder builder(Model champion, Model challenger) {
    requireNonNull(champion, "champion");
    requireNonNull(challenger, "challenger");
    if (champion.entity() != challenger.entity()) {
      throw new IllegalArgumentException(
          "challenger: model '"
              + challenger.id()
              + "' scores "
              + challenger.entity().displayName()
              + "s, but the champion '"
              + champion.id()
              + "' scores "
              + champion.entity().displayName()
              + "s; both must score the same kind of entity");
    }
    return new Builder(champion, challenger);
  }

  /** The champion's backtest (model A). */
  public Backtest champion() {
    return champion;
  }

  /** The challenger's backtest (model B), on the same schedule and outcomes. */
  public Backtest challenger() {
    return challenger;
  }

  /** A new replay of both models, to be fed traits and events in time order. */
  public PairedReplay start() {
    return new PairedReplay(this);
  }

  /** Configures a {@link Comparison}. Not thread-safe. */
  public static final class Builder {
    private final Model champion;
    private final Model challenger;
    private Schedule schedule;
    private Outcomes outcomes;
    private AccountRule accounts = AccountRule.standard();
    private int maxAnonymousIds = dev.pls.core.input.IdentityGraph.DEFAULT_MAX_ANONYMOUS_IDS;
    private int maxKnownIds = dev.pls.core.input.IdentityGraph.DEFAULT_MAX_KNOWN_IDS;
    private Backtest.StepListener listener;

    private Builder(Model champion, Model challenger) {
      this.champion = champion;
      this.challenger = challenger;
    }

    /**
     * Scores both models on {@code schedule} (required); a one-step grid compares the two as of one
     * instant.
     */
    public Builder schedule(Schedule schedule) {
      this.schedule = requireNonNull(schedule, "schedule");
      return this;
    }

    /** Summarises both against {@code outcomes} and compares their AUCs and lifts (optional). */
    public Builder outcomes(Outcomes outcomes) {
      this.outcomes = requireNonNull(outcomes, "outcomes");
      return this;
    }

    /** Keys account models' events by {@code accounts} (default {@link AccountRule#standard()}). */
    public Builder accountRule(AccountRule accounts) {
      this.accounts = requireNonNull(accounts, "accounts");
      return this;
    }

    /**
     * The limits per person of both replays' identity graphs ({@link
     * Backtest.Builder#identityLimits}).
     *
     * @throws IllegalArgumentException if a limit is out of range
     */
    public Builder identityLimits(int maxAnonymousIds, int maxKnownIds) {
      dev.pls.core.input.IdentityGraph.withLimits(maxAnonymousIds, maxKnownIds);
      this.maxAnonymousIds = maxAnonymousIds;
      this.maxKnownIds = maxKnownIds;
      return this;
    }

    /** Tells {@code listener} about each of the champion's steps (optional), for progress. */
    public Builder listener(Backtest.StepListener listener) {
      this.listener = requireNonNull(listener, "listener");
      return this;
    }

    /**
     * The comparison.
     *
     * @throws IllegalStateException if no schedule was given
     */
    public Comparison build() {
      if (schedule == null) {
        throw new IllegalStateException("schedule: required, none was given");
      }
      return new Comparison(this);
    }
  }
}
