package dev.pls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pls.core.model.Points;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where {@code pls suggest --patch} finds a rule's points, and when it gives up. */
class RulePatchTest {
  private static RulePatch.Change change(String id, String label, String from, String to) {
    return new RulePatch.Change(id, label, Points.parse(from), Points.parse(to));
  }

  @Test
  void byIdThenByLabelAfterThePoints() {
    String source =
        """
        category c {
          count(a) >= 2 : +10 decay linear 30d "Did a twice" [a_2]
          b : -2.5 "Did b"
        }
        test "t" {
          expect u fired "Did b"
        }
        """;
    RulePatch.Result r =
        RulePatch.apply(
            source,
            List.of(
                change("a_2", "Did a twice", "10", "12"), change("did_b", "Did b", "-2.5", "-4")));
    assertEquals(List.of(), r.missed());
    assertEquals(
        source.replace(": +10 decay", ": +12 decay").replace("b : -2.5", "b : -4"), r.text());
  }

  @Test
  void aNumberAfterAColonInAStringIsNotThePoints() {
    String source =
        """
        category c {
          path == "/a: 5" : +5 "Step: 5 of 5" [step_5]  # was: 5 [step_5]
          b : +1 "Did b"  # "Did b" : +1
        }
        """;
    RulePatch.Result r =
        RulePatch.apply(
            source,
            List.of(
                change("step_5", "Step: 5 of 5", "5", "8"), change("did_b", "Did b", "1", "2")));
    assertEquals(List.of(), r.missed());
    assertEquals(
        source.replace("\" : +5 \"", "\" : +8 \"").replace("b : +1 \"", "b : +2 \""), r.text());
  }

  @Test
  void aMarkerWrittenTwiceOrPointsThatDoNotMatchAreLeftOutAndNamed() {
    String source =
        """
        model u
        category c {
          a : +10 "Did a" [a]
        }
        model acc
        category c {
          a : +10 "Did a" [a]
          b : +5 "Did b" [b]
        }
        """;
    RulePatch.Result r =
        RulePatch.apply(
            source,
            List.of(
                change("a", "Did a", "10", "12"),
                change("b", "Did b", "6", "7"),
                change("c", "Did c", "1", "2")));
    assertEquals(List.of("a", "b", "c"), r.missed());
    assertEquals(source, r.text());
  }
}
