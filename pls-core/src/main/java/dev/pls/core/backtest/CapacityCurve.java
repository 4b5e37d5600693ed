package dev.pls.core.backtest;

import static java.util.Objects.requireNonNull;

import dev.pls.core.model.Points;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/*
 * Why the largest week and not the mean: a sales team's capacity is a limit each week, not on
 * average. A threshold whose mean fits overflows in its busy weeks, and what overflows waits (the
 * seed's "time-to-first-contact increasing: sales team overwhelmed"). So a threshold fits when its
 * busiest week of the backtest fits; the mean is given beside it to show the slack.
 *
 * Why the backlog is apart: at a grid's first step every entity already at or above the threshold
 * "qualifies" at once, though it qualified before the backtest began; counting it in the first
 * week would make every low threshold look unaffordable. It is reported apart, as the queue a team
 * would inherit on the day it switches the threshold on, and it must fit too: it is taken as one
 * week's work of its own, before the first week (else a backtest whose entities all enter at the
 * first step, as those known only by their traits do, would fit any threshold).
 *
 * Every point is computed in one sweep from the highest threshold down: an entity's qualifying step
 * only moves earlier as the threshold falls, so each rise of an entity's running highest score is
 * one move of one entity from one week to another (Tally keeps those rises).
 */
/**
 * Weekly qualified volume across score thresholds: for each threshold, how many entities newly
 * reach it each week of the backtest, and, with outcomes, the precision and recall of routing at
 * it. {@link #fit(long)} finds the threshold that fits a weekly capacity. {@code
 * docs/evaluation.md} defines each figure.
 *
 * <p>An entity <em>qualifies</em> at a threshold at the first step at which its card is not
 * excluded and its score is at or above the threshold. The candidate thresholds are the positive
 * values each entity's highest score so far took (on steps where it was not excluded): a threshold
 * between two of them qualifies the same entities at the same steps as the higher one.
 *
 * @param zone the time zone of the weeks (the model's): ISO weeks, Monday to Sunday
 * @param firstWeek the Monday of the backtest's first week: the week of its first step (for a
 *     cohort, of its earliest instant)
 * @param weeks the weeks from the first to the week of the last step (or latest instant), both
 *     included; 0 when nothing was scored
 * @param points one per candidate threshold, lowest threshold first
 */
public record CapacityCurve(ZoneId zone, LocalDate firstWeek, int weeks, List<Point> points) {

  public CapacityCurve {
    requireNonNull(zone, "zone");
    requireNonNull(firstWeek, "firstWeek");
    if (weeks < 0) {
      throw new IllegalArgumentException("weeks: must not be negative, was " + weeks);
    }
    points = List.copyOf(points);
  }

  /**
   * The figures at one threshold.
   *
   * @param threshold the score an entity must reach
   * @param backlog entities that qualified at a grid's first step (already there when the backtest
   *     began; never counted in a week); 0 for a cohort
   * @param qualified entities that newly qualified in some week: every qualified entity but the
   *     backlog
   * @param maxWeekly the largest count of one week
   * @param busiestWeek the Monday of the first week with that count; absent when no entity newly
   *     qualified
   * @param meanWeekly qualified ÷ weeks (0 when there are no weeks)
   * @param precision of the entities (not prior) that qualified strictly before their outcome time
   *     (or that have none), those that converted; absent without outcomes or without such entities
   * @param recall of the converted entities (not prior), those that qualified strictly before their
   *     outcome time; absent without outcomes or without converted entities
   */
  public record Point(
      Points threshold,
      long backlog,
      long qualified,
      long maxWeekly,
      Optional<LocalDate> busiestWeek,
      double meanWeekly,
      Optional<Rate> precision,
      Optional<Rate> recall) {
    public Point {
      requireNonNull(threshold, "threshold");
      requireNonNull(busiestWeek, "busiestWeek");
      requireNonNull(precision, "precision");
      requireNonNull(recall, "recall");
    }

    /**
     * Whether its busiest week newly qualifies at most {@code perWeek} entities, and its backlog
     * (one week's work of its own) is at most {@code perWeek} too.
     */
    public boolean fits(long perWeek) {
      return maxWeekly <= perWeek && backlog <= perWeek;
    }
  }

  /**
   * The threshold that fits a weekly capacity: the lowest threshold whose busiest week newly
   * qualifies at most {@code perWeek} entities. Of the thresholds that fit it qualifies the most
   * entities (fewer entities reach a higher threshold). Absent when none fits: even the highest
   * score reached is reached by more than {@code perWeek} entities in some week (the capacity could
   * then only be kept with no routing at all).
   *
   * @throws IllegalArgumentException if {@code perWeek} is negative
   */
  public Optional<Point> fit(long perWeek) {
    if (perWeek < 0) {
      throw new IllegalArgumentException("perWeek: must not be negative, was " + perWeek);
    }
    return points.stream().filter(p -> p.fits(perWeek)).findFirst();
  }
}
