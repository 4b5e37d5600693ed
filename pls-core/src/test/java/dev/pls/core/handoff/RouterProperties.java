package dev.pls.core.handoff;

import static dev.pls.core.handoff.HandoffCards.T0;
import static dev.pls.core.handoff.HandoffCards.card;
import static dev.pls.core.handoff.HandoffCards.model;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.card.ScoreCard;
import dev.pls.core.model.Handoff;
import dev.pls.core.model.Model;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/*
 * Properties of the router over generated timelines: up to sixteen steps half an hour to a day and a half
 * apart, each rescoring a few of five users with random scores, segments, triggers, suppressions and
 * exclusions. Two hand-offs route the same timelines: OPEN (no cooldown, capacity or hold-out) and
 * TIGHT (a 3-day cooldown, one or two slots a day, 30% held out). Cooldown, capacity and hold-out
 * change what becomes of a candidate but never the state that decides the next candidates (a
 * withheld, triaged or held-out alert advances an episode as a sent one does), so both see the
 * same candidates: that is how "nothing vanishes" is checked without a second implementation.
 */
class RouterProperties {
  private static final Handoff.Holdout HOLDOUT = new Handoff.Holdout(BigDecimal.valueOf(30), "p");
  private static final Model OPEN = model(h -> h.cooldown(Duration.ZERO));
  private static final Model TIGHT =
      model(
          HandoffCards.handoff(1, 2)
              .cooldown(Duration.ofDays(3))
              .holdout(HOLDOUT.percent(), HOLDOUT.salt())
              .build());

  record Spec(
      int entity,
      int score,
      String segment,
      Set<String> triggers,
      Optional<String> suppressed,
      boolean excluded) {
    ScoreCard at(Instant at) {
      HandoffCards.Card c =
          card("e" + entity, score)
              .segment(segment)
              .triggers(
                  List.of("sso", "pricing").stream()
                      .filter(triggers::contains)
                      .toArray(String[]::new));
      suppressed.ifPresent(c::suppressed);
      if (excluded) {
        c.excluded("automated traffic");
      }
      return c.at(at);
    }
  }

  record Step(Instant at, List<Spec> cards) {
    List<ScoreCard> scored(boolean reversed) {
      List<ScoreCard> out = new ArrayList<>();
      cards.forEach(s -> out.add(s.at(at)));
      if (reversed) {
        Collections.reverse(out);
      }
      return out;
    }
  }

  @Provide
  Arbitrary<List<Step>> timelines() {
    Arbitrary<Spec> spec =
        Combinators.combine(
                Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 100),
                Arbitraries.of(Handoff.NO_SEGMENT, "enterprise", "mid_market"),
                Arbitraries.of("sso", "pricing").set(),
                Arbitraries.frequency(
                    net.jqwik.api.Tuple.of(6, Optional.<String>empty()),
                    net.jqwik.api.Tuple.of(1, Optional.of("existing customer")),
                    net.jqwik.api.Tuple.of(1, Optional.of("competitor domain"))),
                Arbitraries.integers().between(0, 9).map(i -> i == 0))
            .as(Spec::new);
    Arbitrary<List<Spec>> cards = spec.list().ofMaxSize(4).uniqueElements(Spec::entity);
    Arbitrary<Long> gaps = Arbitraries.longs().between(30, 36 * 60);
    return Combinators.combine(gaps.list().ofMinSize(1).ofMaxSize(16), cards.list().ofSize(16))
        .as(
            (gapList, cardLists) -> {
              List<Step> steps = new ArrayList<>();
              Instant at = T0;
              for (int i = 0; i < gapList.size(); i++) {
                at = at.plus(Duration.ofMinutes(gapList.get(i)));
                steps.add(new Step(at, cardLists.get(i)));
              }
              return steps;
            });
  }

  private static List<RouterStep> route(Model model, List<Step> timeline, boolean reversed) {
    Router router = Router.create(model);
    List<RouterStep> out = new ArrayList<>();
    for (Step s : timeline) {
      RouterStep step = router.step(s.at(), s.scored(reversed));
      HandoffCards.checkCounts(step);
      out.add(step);
    }
    return out;
  }

  @Property(tries = 150)
  void sameTimeline_givesEqualSteps_whateverTheOrderOfCards(
      @ForAll("timelines") List<Step> timeline) {
    assertEquals(route(TIGHT, timeline, false), route(TIGHT, timeline, true));
  }

  @Property(tries = 150)
  void everyCandidate_isSentTriagedHeldOutSuppressedOrCooled_noneVanish(
      @ForAll("timelines") List<Step> timeline) {
    List<RouterStep> open = route(OPEN, timeline, false);
    List<RouterStep> tight = route(TIGHT, timeline, false);
    for (int i = 0; i < timeline.size(); i++) {
      RouterStep o = open.get(i);
      RouterStep t = tight.get(i);
      assertEquals(0, o.cooledDown());
      assertTrue(o.alerts().stream().allMatch(a -> a.status() == Alert.Status.SENT));
      assertEquals(o.suppressed(), t.suppressed(), "suppression does not depend on the rest");
      assertEquals(
          o.alerts().size(), t.alerts().size() + t.cooledDown(), "every candidate is accounted");
      List<Alert> remaining = new ArrayList<>(o.alerts());
      for (Alert a : t.alerts()) {
        // t's alerts are o's, in the same order, less the ones cooled down
        Alert sent = sent(a);
        while (!remaining.isEmpty() && !remaining.get(0).equals(sent)) {
          remaining.remove(0);
        }
        assertTrue(!remaining.isEmpty(), () -> a + " is not among " + o.alerts());
        remaining.remove(0);
        assertEquals(
            Router.heldOut(HOLDOUT, a.entity()),
            a.status() == Alert.Status.HELD_OUT,
            "held out exactly when the hash says so");
      }
    }
  }

  @Property(tries = 150)
  void capacity_isNeverExceeded_andTriageOnlyWhenTheDayIsFull(
      @ForAll("timelines") List<Step> timeline) {
    Map<String, Integer> sentThatDay = new HashMap<>();
    for (RouterStep step : route(TIGHT, timeline, false)) {
      LocalDate day = LocalDate.ofInstant(step.at(), TIGHT.zone());
      Map<String, Boolean> triagedInStep = new HashMap<>();
      for (Alert a : step.alerts()) {
        int capacity =
            TIGHT.handoff().orElseThrow().queue(a.queue()).orElseThrow().capacity().getAsInt();
        String key = a.queue() + "@" + day;
        if (a.status() == Alert.Status.SENT) {
          assertTrue(
              !triagedInStep.getOrDefault(a.queue(), false),
              "a sent alert never ranks below a triaged one of its queue");
          int n = sentThatDay.merge(key, 1, Integer::sum);
          assertTrue(n <= capacity, key + ": " + n + " sent, capacity " + capacity);
        } else if (a.status() == Alert.Status.TRIAGE) {
          triagedInStep.put(a.queue(), true);
          assertEquals(capacity, sentThatDay.getOrDefault(key, 0), key + " triaged before full");
        }
      }
    }
  }

  /*
   * A service killed between steps and restarted from its last snapshot: the router is snapshotted
   * after every step and the next step goes to a router restored from those bytes. The alert stream
   * must equal the uninterrupted one, and restoring must not change the state (the next snapshot of
   * the restored router is the same bytes), whichever step the kill falls after.
   */
  @Property(tries = 150)
  void replayRestoredFromASnapshotAfterEveryStep_givesTheSameStepsAsAnUninterruptedOne(
      @ForAll("timelines") List<Step> timeline) throws IOException {
    List<RouterStep> uninterrupted = route(TIGHT, timeline, false);
    List<RouterStep> resumed = new ArrayList<>();
    Router router = Router.create(TIGHT);
    for (Step s : timeline) {
      resumed.add(router.step(s.at(), s.scored(false)));
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      router.snapshot(bytes);
      router = Router.restore(TIGHT, new ByteArrayInputStream(bytes.toByteArray()));
      ByteArrayOutputStream again = new ByteArrayOutputStream();
      router.snapshot(again);
      assertArrayEquals(bytes.toByteArray(), again.toByteArray());
      assertEquals(Optional.of(s.at()), router.lastStep());
    }
    assertEquals(uninterrupted, resumed);
  }

  private static Alert sent(Alert a) {
    return new Alert(
        a.at(),
        a.entity(),
        a.kind(),
        a.account(),
        a.tier(),
        a.segment(),
        a.queue(),
        a.queueLabel(),
        a.level(),
        a.due(),
        a.reasons(),
        Alert.Status.SENT,
        a.score(),
        a.shareable(),
        a.internal(),
        a.breakdown(),
        a.context());
  }
}
