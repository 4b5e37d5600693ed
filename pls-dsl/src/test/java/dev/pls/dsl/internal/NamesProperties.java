package dev.pls.dsl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/*
 * "Did you mean" and the near-miss warning used a full edit distance against every name, which made
 * checking a file of many names slow; they now use a banded distance that gives up past a bound.
 * It must agree with the full distance wherever the answer matters.
 */
class NamesProperties {

  @Property(tries = 2000)
  void banded_distanceAtMost_agreesWithTheFullDistanceUpToTheBound(
      @ForAll @StringLength(max = 20) @Chars({'a', 'b', 'c', '_'}) String a,
      @ForAll @StringLength(max = 20) @Chars({'a', 'b', 'c', '_'}) String b,
      @ForAll @IntRange(min = 0, max = 5) int k) {
    assertEquals(Math.min(Names.distance(a, b), k + 1), Names.distanceAtMost(a, b, k));
  }
}
