package dev.pls.dsl;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Which rules a file's tests exercise: a rule that never fired, or that fired for every entity the
 * tests scored, is not tested both ways.
 *
 * @param neverFired ids of rules that fired for no test entity, in model order
 * @param alwaysFired ids of rules that fired for every test entity (never failed to fire), in model
 *     order
 */
public record RuleCoverage(List<String> neverFired, List<String> alwaysFired) {
  public RuleCoverage {
    neverFired = List.copyOf(requireNonNull(neverFired, "neverFired"));
    alwaysFired = List.copyOf(requireNonNull(alwaysFired, "alwaysFired"));
  }
}
