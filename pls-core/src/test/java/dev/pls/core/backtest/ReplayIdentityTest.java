package dev.pls.core.backtest;

import static dev.pls.core.testing.Fixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pls.core.input.AccountRule;
import dev.pls.core.input.IdentityGraph;
import dev.pls.core.model.Model;
import dev.pls.core.model.Signal;
import dev.pls.core.model.Window;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/*
 * Links replayed point in time, on both replay engines (the store, and whole entities, which
 * member models use): anon-1 invites on Nov 16, identify joins it to ann on Nov 17 09:00, ann
 * invites on Nov 19. Daily steps at noon, Nov 16 to 20.
 *
 * Nov 16: anon-1 has 1 invite (scored apart); ann does not exist yet.
 * Nov 17-18: ann has anon-1's invite (1); anon-1 is scored no more.
 * Nov 19-20: ann has 2 invites within 7d: hot from Nov 19.
 */
class ReplayIdentityTest {
  private static final Signal INVITES = Signal.count("invites", "invite_sent");
  private static final Model MODEL =
      Model.builder("trial")
          .signal(INVITES)
          .category("c", c -> c.rule("inv", INVITES.within(Window.days(7)).ge(2), 20, "inv"))
          .tier("hot", dev.pls.core.model.Expr.score().ge(20))
          .build();

  private static Replay replay(boolean wholeEntities) {
    return replay(MODEL, wholeEntities);
  }

  private static Replay replay(Model model, boolean wholeEntities) {
    Backtest backtest =
        Backtest.builder(model)
            .schedule(
                new Schedule.Grid(
                    Instant.parse("2026-11-16T12:00:00Z"),
                    Instant.parse("2026-11-20T12:00:00Z"),
                    Duration.ofDays(1)))
            .build();
    Function<Backtest, Engine> engine =
        b ->
            wholeEntities
                ? new EntityEngine(model, AccountRule.standard())
                : new StoreEngine(model, AccountRule.standard());
    return new Replay(backtest, engine.apply(backtest));
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void link_stepsBeforeScoreTheIdsApart_stepsFromItOnOnePerson(boolean wholeEntities) {
    Replay r = replay(wholeEntities);
    r.event(event("anon-1", "invite_sent", "2026-11-16T09:00:00Z"));
    assertEquals(
        IdentityGraph.Outcome.JOINED,
        r.link("anon-1", "ann", Instant.parse("2026-11-17T09:00:00Z")));
    r.event(event("ann", "invite_sent", "2026-11-19T10:00:00Z"));
    assertThrows(
        IllegalArgumentException.class,
        () -> r.link("anon-2", "ann", Instant.parse("2026-11-18T12:00:00Z")));
    BacktestResult result = r.finish();
    List<String> entities =
        result.entities().stream()
            .map(
                e ->
                    e.entity()
                        + " entered "
                        + e.entered()
                        + " steps "
                        + e.steps()
                        + " hot "
                        + e.firstInTier().get("hot"))
            .toList();
    assertEquals(
        List.of(
            "ann entered 2026-11-17T12:00:00Z steps 4 hot 2026-11-19T12:00:00Z",
            "anon-1 entered 2026-11-16T12:00:00Z steps 1 hot null"),
        entities);
    assertEquals(new IdentityGraph.Stats(1, 0, 0, 1, 2), r.identityStats());
  }

  /**
   * The known id's traits were given first, the anonymous id's later: from the link on, the person
   * has the later ones (pro, hot), as had both calls named ann.
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void link_personTakesTheTraitsOfTheLaterCall(boolean wholeEntities) {
    Model plans =
        Model.builder("plans")
            .trait("plan", dev.pls.core.model.TraitType.STRING)
            .category(
                "c", c -> c.rule("pro", dev.pls.core.model.Expr.trait("plan").eq("pro"), 20, "pro"))
            .tier("hot", dev.pls.core.model.Expr.score().ge(20))
            .build();
    Replay r = replay(plans, wholeEntities);
    r.traits("ann", java.util.Map.of("plan", dev.pls.core.model.Value.str("trial")));
    r.traits("anon-1", java.util.Map.of("plan", dev.pls.core.model.Value.str("pro")));
    r.event(event("ann", "signed_in", "2026-11-16T09:00:00Z"));
    r.link("anon-1", "ann", Instant.parse("2026-11-17T09:00:00Z"));
    r.event(event("ann", "signed_in", "2026-11-18T09:00:00Z"));
    List<String> entities =
        r.finish().entities().stream()
            .map(e -> e.entity() + " hot " + e.firstInTier().get("hot"))
            .toList();
    assertEquals(
        List.of("ann hot 2026-11-17T12:00:00Z", "anon-1 hot 2026-11-16T12:00:00Z"), entities);
  }

  /**
   * A cohort of one day after each id's first visit: anon-1 visits Nov 16 09:00 and invites at
   * 10:00, ann visits at 15:00 and invites at 16:00, so anon-1's instant is Nov 17 09:00 and ann's
   * Nov 17 15:00. Linked on Nov 16 20:00, before both, the person waits for the earlier (09:00) and
   * is scored once, as ann, with both invites (hot). Linked on Nov 17 12:00, after anon-1 was
   * scored apart (one invite), the person is not scored again. Linked on Nov 18, after both were
   * scored apart, both scores stay.
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void cohort_personsInstantIsTheEarliestAmongItsIds_asOfTheLink(boolean wholeEntities) {
    assertEquals(
        List.of("ann at 2026-11-17T09:00:00Z hot true"),
        cohortWithLinkAt("2026-11-16T20:00:00Z", wholeEntities));
    assertEquals(
        List.of("anon-1 at 2026-11-17T09:00:00Z hot false"),
        cohortWithLinkAt("2026-11-17T12:00:00Z", wholeEntities));
    assertEquals(
        List.of(
            "ann at 2026-11-17T15:00:00Z hot false", "anon-1 at 2026-11-17T09:00:00Z hot false"),
        cohortWithLinkAt("2026-11-18T12:00:00Z", wholeEntities));
  }

  /**
   * The cohort of the case above with the link at {@code link}: entity, instant, hot; skipped 0.
   */
  private static List<String> cohortWithLinkAt(String link, boolean wholeEntities) {
    Backtest backtest =
        Backtest.builder(MODEL).schedule(new Schedule.Cohort("visit", Duration.ofDays(1))).build();
    Replay r =
        new Replay(
            backtest,
            wholeEntities
                ? new EntityEngine(MODEL, AccountRule.standard())
                : new StoreEngine(MODEL, AccountRule.standard()));
    List<Object> feed =
        new java.util.ArrayList<>(
            List.of(
                event("anon-1", "visit", "2026-11-16T09:00:00Z"),
                event("anon-1", "invite_sent", "2026-11-16T10:00:00Z"),
                event("ann", "visit", "2026-11-16T15:00:00Z"),
                event("ann", "invite_sent", "2026-11-16T16:00:00Z")));
    feed.add(Instant.parse(link));
    feed.add(event("ann", "visit", "2026-11-19T09:00:00Z"));
    feed.sort(
        java.util.Comparator.comparing(
            o -> o instanceof Instant i ? i : ((dev.pls.core.input.Event) o).time()));
    for (Object o : feed) {
      if (o instanceof Instant i) {
        assertEquals(IdentityGraph.Outcome.JOINED, r.link("anon-1", "ann", i));
      } else {
        r.event((dev.pls.core.input.Event) o);
      }
    }
    BacktestResult result = r.finish();
    assertEquals(0, result.summary().skipped(), link);
    return result.entities().stream()
        .map(
            e -> e.entity() + " at " + e.entered() + " hot " + (e.firstInTier().get("hot") != null))
        .toList();
  }
}
