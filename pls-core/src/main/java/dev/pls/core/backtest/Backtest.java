package dev.pls.core.backtest;

import static java.util.Objects.requireNonNull;

import dev.pls.core.card.BatchScores;
import dev.pls.core.input.AccountRule;
import dev.pls.core.model.Model;
import java.time.Instant;
import java.util.Optional;

/**
 * A point-in-time backtest of one model: events replayed in time order through the model's state,
 * every entity scored as of each step of a {@link Schedule} (events after a step never count for
 * it), and the cards summarised against {@link Outcomes}. {@code docs/evaluation.md} defines every
 * figure.
 *
 * <p>Immutable and thread-safe; each {@link #start()} is a new, independent {@link Replay}.
 */
public final class Backtest {

  /** Told about each step as it is scored. */
  @FunctionalInterface
  public interface StepListener {
    /**
     * The cards of the entities scored as of {@code at}: for a grid, every entity that had entered;
     * for a cohort, the entities whose own instant {@code at} is.
     *
     * @param done steps scored so far, this one included (for a cohort, entities scored)
     * @param total steps of the grid, or -1 for a cohort
     */
    void step(Instant at, BatchScores cards, int done, int total);
  }

  private final Model model;
  private final Schedule schedule;
  private final Optional<Outcomes> outcomes;
  private final AccountRule accounts;
  private final Optional<StepListener> listener;

  private final int maxAnonymousIds;
  private final int maxKnownIds;

  private Backtest(Builder b) {
    this.model = b.model;
    this.schedule = b.schedule;
    this.outcomes = Optional.ofNullable(b.outcomes);
    this.accounts = b.accounts;
    this.listener = Optional.ofNullable(b.listener);
    this.maxAnonymousIds = b.maxAnonymousIds;
    this.maxKnownIds = b.maxKnownIds;
  }

  /** The most anonymous ids a person of the replay's identity graph may have. */
  public int maxAnonymousIds() {
    return maxAnonymousIds;
  }

  /** The most known ids a person of the replay's identity graph may have. */
  public int maxKnownIds() {
    return maxKnownIds;
  }

  /**
   * A builder of a backtest of {@code model}.
   *
   * @throws NullPointerException if {@code model} is null
   */
  public static Builder builder(Model model) {
    return new Builder(requireNonNull(model, "model"));
  }

  /** The model backtested. */
  public Model model() {
    return model;
  }

  /** When entities are scored. */
  public Schedule schedule() {
    return schedule;
  }

  /** The outcomes the cards are summarised against, if any. */
  public Optional<Outcomes> outcomes() {
    return outcomes;
  }

  /** The account rule that keys an account model's events. */
  public AccountRule accountRule() {
    return accounts;
  }

  /** The listener told about each step, if any. */
  public Optional<StepListener> listener() {
    return listener;
  }

  /** A new replay of this backtest, to be fed traits and events in time order. */
  public Replay start() {
    return new Replay(this);
  }

  /** Configures a {@link Backtest}. Not thread-safe. */
  public static final class Builder {
    private final Model model;
    private Schedule schedule;
    private Outcomes outcomes;
    private AccountRule accounts = AccountRule.standard();
    private StepListener listener;
    private int maxAnonymousIds = dev.pls.core.input.IdentityGraph.DEFAULT_MAX_ANONYMOUS_IDS;
    private int maxKnownIds = dev.pls.core.input.IdentityGraph.DEFAULT_MAX_KNOWN_IDS;

    private Builder(Model model) {
      this.model = model;
    }

    /** Scores on {@code schedule} (required). */
    public Builder schedule(Schedule schedule) {
      this.schedule = requireNonNull(schedule, "schedule");
      return this;
    }

    /** Summarises against {@code outcomes} (optional). */
    public Builder outcomes(Outcomes outcomes) {
      this.outcomes = requireNonNull(outcomes, "outcomes");
      return this;
    }

    /**
     * Keys an account model's events by {@code accounts} (default {@link AccountRule#standard()}).
     */
    public Builder accountRule(AccountRule accounts) {
      this.accounts = requireNonNull(accounts, "accounts");
      return this;
    }

    /** Tells {@code listener} about each step as it is scored (optional). */
    /**
     * The limits per person of the identity graph that {@link Replay#link} links feed (see {@link
     * dev.pls.core.input.IdentityGraph}); the defaults are the graph's.
     *
     * @throws IllegalArgumentException if {@code maxAnonymousIds} is negative or {@code
     *     maxKnownIds} is less than 1
     */
    public Builder identityLimits(int maxAnonymousIds, int maxKnownIds) {
      dev.pls.core.input.IdentityGraph.withLimits(maxAnonymousIds, maxKnownIds);
      this.maxAnonymousIds = maxAnonymousIds;
      this.maxKnownIds = maxKnownIds;
      return this;
    }

    public Builder listener(StepListener listener) {
      this.listener = requireNonNull(listener, "listener");
      return this;
    }

    /**
     * The backtest.
     *
     * @throws IllegalStateException if no schedule was given
     */
    public Backtest build() {
      if (schedule == null) {
        throw new IllegalStateException("schedule: required, none was given");
      }
      return new Backtest(this);
    }
  }
}
