package dev.pls.core.backtest;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/*
 * The hold-out is an experiment the hand-off runs: a stable share of the entities it would route
 * is routed to no seller. Comparing the two groups is an intention-to-treat estimate of what
 * outreach adds, free of the selection that comparing "contacted" with "not contacted" would
 * bring, because the hold-out is drawn by a hash of the id, not by anything a seller or the score
 * chose. So:
 *
 * - the unit is the entity, at its first exposure: the first alert made for it, routed (sent or
 *   triaged: assigned to outreach, whether or not a seller got to it) or held out. The hold-out is
 *   a property of the id, so an entity's alerts are all held out or none is;
 * - its group's tier is the tier of that first alert (the effective tier; a trigger's alert to an
 *   entity in no tier is in none), so routed and held-out entities are compared within a tier;
 * - an entity whose outcome came at or before its first exposure is prior: outreach cannot have
 *   caused it, and it is left out of both groups (counted);
 * - converted: an outcome after the first exposure, whenever the outcome data saw it.
 *
 * The difference of the two rates (routed minus held out) gets Newcombe's hybrid score interval
 * (Newcombe 1998, method 10), built from the two Wilson intervals the report already shows:
 * low = d - sqrt((p1 - l1)^2 + (u2 - p2)^2), high = d + sqrt((u1 - p1)^2 + (p2 - l2)^2). It keeps
 * its coverage with small groups and rates near 0 or 1, where the Wald interval does not.
 */
/**
 * What outreach adds: conversion among the entities a hand-off routed against those it held out,
 * per tier and overall, with the difference and its 95% interval. {@code docs/evaluation.md}
 * defines every figure.
 *
 * @param outcome the outcome's name
 * @param tiers per tier, in the order given, only tiers with an exposure
 * @param overall every exposed entity
 */
public record OutreachLift(String outcome, List<Group> tiers, Group overall) {

  public OutreachLift {
    requireNonNull(outcome, "outcome");
    tiers = List.copyOf(requireNonNull(tiers, "tiers"));
    requireNonNull(overall, "overall");
  }

  /**
   * An entity's exposure to the hand-off: an alert made for it.
   *
   * @param entity the entity's id
   * @param tier the alert's tier
   * @param at when the alert was made
   * @param heldOut whether the entity is in the hold-out (routed otherwise)
   */
  public record Exposure(String entity, String tier, Instant at, boolean heldOut) {
    public Exposure {
      requireNonNull(entity, "entity");
      requireNonNull(tier, "tier");
      requireNonNull(at, "at");
    }
  }

  /**
   * One group of entities, a tier or all of them.
   *
   * @param tier the tier, or {@code "all"} for the overall group
   * @param routed entities routed (not prior)
   * @param routedConverted of them, converted after their first alert
   * @param heldOut entities held out (not prior)
   * @param heldOutConverted of them, converted after their first alert
   * @param prior entities left out because their outcome came first
   * @param routedRate {@code routedConverted / routed}, if any was routed
   * @param heldOutRate {@code heldOutConverted / heldOut}, if any was held out
   * @param difference the routed rate minus the held-out rate, if both exist
   */
  public record Group(
      String tier,
      long routed,
      long routedConverted,
      long heldOut,
      long heldOutConverted,
      long prior,
      Optional<Rate> routedRate,
      Optional<Rate> heldOutRate,
      Optional<Difference> difference) {
    public Group {
      requireNonNull(tier, "tier");
      requireNonNull(routedRate, "routedRate");
      requireNonNull(heldOutRate, "heldOutRate");
      requireNonNull(difference, "difference");
    }
  }

  /**
   * A difference of two rates with its 95% interval (Newcombe's hybrid score interval).
   *
   * @param value the first rate minus the second, between -1 and 1
   * @param low the interval's lower end
   * @param high the interval's upper end
   */
  public record Difference(double value, double low, double high) {
    /** {@code a - b} with Newcombe's hybrid score interval from their Wilson intervals. */
    public static Difference of(Rate a, Rate b) {
      requireNonNull(a, "a");
      requireNonNull(b, "b");
      double d = a.value() - b.value();
      double low = d - Math.sqrt(square(a.value() - a.low()) + square(b.high() - b.value()));
      double high = d + Math.sqrt(square(a.high() - a.value()) + square(b.value() - b.low()));
      return new Difference(d, Math.max(-1, low), Math.min(1, high));
    }

    private static double square(double x) {
      return x * x;
    }
  }

  /** The name of the overall group. */
  public static final String ALL = "all";

  /**
   * The lift of {@code exposures} against {@code outcomes}.
   *
   * @param exposures alerts made, in the order made; an entity's first is its exposure (at equal
   *     instants, the first given)
   * @param outcomes the outcome each entity reached, if any
   * @param tierOrder the order of the per-tier groups (the model's tiers, then none); a tier not in
   *     it comes after, in order of first exposure
   * @throws NullPointerException if an argument or element is null
   */
  public static OutreachLift of(
      List<Exposure> exposures, Outcomes outcomes, List<String> tierOrder) {
    requireNonNull(exposures, "exposures");
    requireNonNull(outcomes, "outcomes");
    requireNonNull(tierOrder, "tierOrder");
    Map<String, Exposure> first = new LinkedHashMap<>();
    for (Exposure e : exposures) {
      requireNonNull(e, "exposures: an element");
      first.merge(e.entity(), e, (had, next) -> next.at().isBefore(had.at()) ? next : had);
    }
    Map<String, long[]> byTier = new LinkedHashMap<>();
    for (String t : tierOrder) {
      byTier.put(t, null);
    }
    long[] all = new long[5];
    for (Exposure e : first.values()) {
      long[] c = byTier.get(e.tier());
      if (c == null) {
        c = new long[5];
        byTier.put(e.tier(), c);
      }
      Optional<Instant> outcome = outcomes.time(e.entity());
      int slot;
      if (outcome.isPresent() && !outcome.get().isAfter(e.at())) {
        slot = 4;
      } else {
        boolean converted = outcome.isPresent();
        slot = (e.heldOut() ? 2 : 0) + (converted ? 1 : 0);
      }
      c[slot]++;
      all[slot]++;
    }
    List<Group> tiers = new ArrayList<>();
    byTier.forEach(
        (t, c) -> {
          if (c != null) {
            tiers.add(group(t, c));
          }
        });
    return new OutreachLift(outcomes.name(), tiers, group(ALL, all));
  }

  // c: routed not converted, routed converted, held out not converted, held out converted, prior
  private static Group group(String tier, long[] c) {
    long routed = c[0] + c[1];
    long heldOut = c[2] + c[3];
    Optional<Rate> r = routed == 0 ? Optional.empty() : Optional.of(Rate.of(c[1], routed));
    Optional<Rate> h = heldOut == 0 ? Optional.empty() : Optional.of(Rate.of(c[3], heldOut));
    Optional<Difference> d =
        r.isPresent() && h.isPresent()
            ? Optional.of(Difference.of(r.get(), h.get()))
            : Optional.empty();
    return new Group(tier, routed, c[1], heldOut, c[3], c[4], r, h, d);
  }
}
