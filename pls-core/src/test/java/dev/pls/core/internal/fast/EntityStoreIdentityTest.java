package dev.pls.core.internal.fast;

import static dev.pls.core.testing.Fixtures.AS_OF;
import static dev.pls.core.testing.Fixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.card.BatchScores;
import dev.pls.core.input.Event;
import dev.pls.core.input.IdentityGraph;
import dev.pls.core.model.EntityKind;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Model;
import dev.pls.core.model.Resolution;
import dev.pls.core.model.Signal;
import dev.pls.core.model.TraitType;
import dev.pls.core.model.Value;
import dev.pls.core.model.Window;
import dev.pls.core.scoring.EntityStore;
import dev.pls.core.testing.Cards;
import dev.pls.core.testing.Stores;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/*
 * The store's own identity links, cards computed by hand (the model and events of the contract
 * suite's IdentitySemanticsTest): a trial user's pricing views and first invite under anon-1, the
 * rest under ann, identify joining them before, between or after the events. Day resolution keeps
 * day buckets, hour resolution rows: both layouts merge.
 *
 * invites >= 2 within 7d (+20): Nov 16 (anon-1) and Nov 19 (ann) -> 2 -> fires.
 * pricing >= 3 within 14d (+10): Nov 14, 15 (anon-1) and Nov 19 (ann) -> 3 -> fires.
 */
class EntityStoreIdentityTest {
  enum Layout {
    BUCKETS(Resolution.DAY),
    ROWS(Resolution.HOUR);

    final Resolution resolution;

    Layout(Resolution resolution) {
      this.resolution = resolution;
    }
  }

  private static final Signal INVITES = Signal.count("invites", "invite_sent");
  private static final Signal PRICING = Signal.count("pricing", "pricing_viewed");

  private static Model model(Layout layout) {
    Model m =
        Model.builder("trial")
            .resolution(layout.resolution)
            .trait("plan", TraitType.STRING)
            .signal(INVITES)
            .signal(PRICING)
            .category(
                "engagement",
                c ->
                    c.rule("invites", INVITES.within(Window.days(7)).ge(2), 20, "invited 2+")
                        .rule("pricing", PRICING.within(Window.days(14)).ge(3), 10, "pricing 3+"))
            .build();
    assertEquals(layout == Layout.BUCKETS, ColumnarStore.bucketed(m));
    return m;
  }

  private static final List<Event> ANONYMOUS =
      List.of(
          event("anon-1", "pricing_viewed", "2026-11-14T09:00:00Z"),
          event("anon-1", "pricing_viewed", "2026-11-15T09:00:00Z"),
          event("anon-1", "invite_sent", "2026-11-16T09:00:00Z"));
  private static final List<Event> KNOWN =
      List.of(
          event("ann", "pricing_viewed", "2026-11-19T09:00:00Z"),
          event("ann", "invite_sent", "2026-11-19T10:00:00Z"));

  private static final List<String> MERGED =
      List.of(
          "score 30, tier none",
          "engagement: total 30 (positive 30, negative 0)",
          "engagement/invites +20 | invites within 7d = 2",
          "engagement/pricing +10 | pricing within 14d = 3");
  private static final List<String> NOTHING =
      List.of("score 0, tier none", "engagement: total 0 (positive 0, negative 0)");

  private static void assertOnePerson(EntityStore store) {
    assertEquals(MERGED, Cards.lines(store.score("ann", AS_OF)));
    // Any id of the person gives the person's card, under its canonical id.
    assertEquals(store.score("ann", AS_OF), store.score("anon-1", AS_OF));
    assertEquals(1, store.size());
    BatchScores all = store.scoreAll(AS_OF);
    assertEquals(1, all.size());
    assertEquals("ann", all.entity(0));
    assertEquals(MERGED, Cards.lines(all.card(0)));
    assertEquals(List.of("ann", "anon-1"), store.ids("anon-1"));
    assertEquals(new IdentityGraph.Stats(1, 0, 0, 1, 2), store.identityStats());
  }

  @ParameterizedTest
  @EnumSource(Layout.class)
  void linkBeforeTheEvents(Layout layout) {
    EntityStore store = Stores.anyDate(model(layout));
    store.link("anon-1", "ann");
    store.ingest(ANONYMOUS);
    store.ingest(KNOWN);
    assertOnePerson(store);
  }

  @ParameterizedTest
  @EnumSource(Layout.class)
  void linkBetweenTheEvents(Layout layout) {
    EntityStore store = Stores.anyDate(model(layout));
    store.ingest(ANONYMOUS);
    store.link("anon-1", "ann");
    store.ingest(KNOWN);
    assertOnePerson(store);
  }

  @ParameterizedTest
  @EnumSource(Layout.class)
  void linkAfterTheEvents_mergesTwoEntitiesThatBothHoldEvents(Layout layout) {
    EntityStore store = Stores.anyDate(model(layout));
    store.ingest(ANONYMOUS);
    store.ingest(KNOWN);
    assertEquals(NOTHING, Cards.lines(store.score("ann", AS_OF)));
    assertEquals(2, store.size());
    store.link("anon-1", "ann");
    assertOnePerson(store);
  }

  @ParameterizedTest
  @EnumSource(Layout.class)
  void aliasChain_everyIdCountsForTheEarliestKnownId(Layout layout) {
    EntityStore store = Stores.anyDate(model(layout));
    store.ingest(ANONYMOUS.subList(0, 2));
    store.link("anon-1", "ann");
    store.ingest(List.of(ANONYMOUS.get(2), KNOWN.get(0)));
    store.ingest(event("ann@corp", "invite_sent", "2026-11-19T10:00:00Z"));
    store.link("ann", "ann@corp");
    assertEquals(MERGED, Cards.lines(store.score("ann@corp", AS_OF)));
    assertEquals("ann", store.score("ann@corp", AS_OF).entity());
    assertEquals(1, store.size());
    assertEquals(new IdentityGraph.Stats(2, 0, 1, 1, 3), store.identityStats());
  }

  @Test
  void overMergeGuard_refusedLinkChangesNothingAndIsCounted() {
    EntityStore store =
        EntityStore.builder(model(Layout.BUCKETS))
            .maxSkew(java.time.temporal.ChronoUnit.FOREVER.getDuration())
            .identityLimits(100, 1)
            .build();
    store.ingest(ANONYMOUS);
    store.ingest(KNOWN);
    store.ingest(event("bob", "invite_sent", "2026-11-19T11:00:00Z"));
    assertEquals(IdentityGraph.Outcome.JOINED, store.link("anon-1", "ann"));
    assertEquals(IdentityGraph.Outcome.REFUSED, store.link("anon-1", "bob"));
    assertEquals(MERGED, Cards.lines(store.score("ann", AS_OF)));
    assertEquals("bob", store.score("bob", AS_OF).entity());
    assertEquals(2, store.size());
    assertEquals(new IdentityGraph.Stats(2, 1, 0, 1, 2), store.identityStats());
  }

  @Test
  void traits_ofTheLatestCallAmongThePersonsIds_whenTwoEntitiesMerge() {
    // The plan trait read back as the score: trial 1, pro 2, team 3, free 4.
    Model m =
        Model.builder("plans")
            .trait("plan", TraitType.STRING)
            .category(
                "c",
                c ->
                    c.rule("trial", Expr.trait("plan").eq("trial"), 1, "trial")
                        .rule("pro", Expr.trait("plan").eq("pro"), 2, "pro")
                        .rule("team", Expr.trait("plan").eq("team"), 3, "team")
                        .rule("free", Expr.trait("plan").eq("free"), 4, "free"))
            .build();
    EntityStore store = Stores.anyDate(m);
    store.traits("anon-1", Map.of("plan", Value.str("trial")));
    store.link("anon-1", "ann");
    assertEquals("1", store.score("ann", AS_OF).score().toString());
    // The anonymous id's traits were set after the known id's: the person takes them.
    store.traits("bob", Map.of("plan", Value.str("pro")));
    store.traits("anon-2", Map.of("plan", Value.str("free")));
    store.link("anon-2", "bob");
    assertEquals("4", store.score("anon-2", AS_OF).score().toString());
    // The known id's were set last: the person keeps them.
    store.traits("anon-3", Map.of("plan", Value.str("trial")));
    store.traits("cy", Map.of("plan", Value.str("team")));
    store.link("anon-3", "cy");
    assertEquals("3", store.score("anon-3", AS_OF).score().toString());
    // A traits call for any id of a person sets the person's.
    store.traits("anon-1", Map.of("plan", Value.str("team")));
    assertEquals("3", store.score("ann", AS_OF).score().toString());
  }

  @Test
  void traits_ofTheLatestCall_surviveASnapshot_andOrderCallsAfterIt() throws IOException {
    Model m =
        Model.builder("plans")
            .trait("plan", TraitType.STRING)
            .category(
                "c",
                c ->
                    c.rule("trial", Expr.trait("plan").eq("trial"), 1, "trial")
                        .rule("pro", Expr.trait("plan").eq("pro"), 2, "pro"))
            .build();
    EntityStore store = Stores.anyDate(m);
    store.traits("bob", Map.of("plan", Value.str("trial")));
    store.traits("anon-1", Map.of("plan", Value.str("pro")));
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    store.snapshot(bytes);
    EntityStore restored =
        EntityStore.builder(m)
            .maxSkew(java.time.temporal.ChronoUnit.FOREVER.getDuration())
            .restore(new java.io.ByteArrayInputStream(bytes.toByteArray()));
    // Restored, the anonymous id's call is still the later one.
    restored.link("anon-1", "bob");
    assertEquals("2", restored.score("bob", AS_OF).score().toString());
    // A call after the restore is later than every call before it.
    restored.traits("anon-2", Map.of("plan", Value.str("trial")));
    restored.link("anon-2", "bob");
    assertEquals("1", restored.score("bob", AS_OF).score().toString());
  }

  @Test
  void accountModel_usersTraits_ofTheLatestCall_whenTwoUsersMerge() {
    Model m =
        Model.builder("acct")
            .entity(EntityKind.ACCOUNT)
            .signal(INVITES)
            .category("e", c -> c.rule("inv", INVITES.within(Window.days(7)).ge(1), 20, "inv"))
            .build();
    EntityStore store = Stores.anyDate(m);
    store.userTraits("ann", Map.of("email", Value.str("ann@acme.io")));
    store.userTraits("anon-1", Map.of("email", Value.str("ann@globex.com")));
    store.link("anon-1", "ann");
    // The anonymous id's e-mail was given last: the person's account is globex.
    store.ingest(Event.of("ann", "invite_sent", AS_OF.minusSeconds(60)));
    assertEquals("20", store.score("globex.com", AS_OF).score().toString());
    assertEquals("0", store.score("acme.io", AS_OF).score().toString());
  }

  @Test
  void accountModel_linkJoinsTheUsersStatementsForTheAccountRule() {
    Model m =
        Model.builder("acct")
            .entity(EntityKind.ACCOUNT)
            .signal(INVITES)
            .category("e", c -> c.rule("inv", INVITES.within(Window.days(7)).ge(2), 20, "inv"))
            .build();
    EntityStore store = Stores.anyDate(m);
    // ann names acme; anon-1's events name no account, and anon-1 has no e-mail: rejected before
    // the link, keyed to ann's account after it.
    store.ingest(event("ann", "invite_sent", "2026-11-19T10:00:00Z").withAccount("acme"));
    assertFalse(store.ingest(event("anon-1", "invite_sent", "2026-11-19T11:00:00Z")));
    store.link("anon-1", "ann");
    assertTrue(store.ingest(event("anon-1", "invite_sent", "2026-11-19T12:00:00Z")));
    assertEquals("20", store.score("acme", AS_OF).score().toString());
  }
}
