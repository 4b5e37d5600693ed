package dev.pls.core.model;

import static dev.pls.core.model.Expr.trait;
import static dev.pls.core.testing.Fixtures.AS_OF;
import static dev.pls.core.testing.Fixtures.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.input.Entity;
import dev.pls.core.input.Event;
import dev.pls.core.scoring.Scorer;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/*
 * Misuse of the Java API fails at once with the exception type STYLE.md prescribes (null ->
 * NullPointerException, anything else -> IllegalArgumentException) and a message that names
 * the argument, or the rule, exclusion or tier at fault.
 */
class ModelBuilderTest {
  private static final Expr YES = trait("employees").ge(0);

  private static Model.Builder base() {
    return Model.builder("m").trait("employees", TraitType.INT).trait("industry", TraitType.STRING);
  }

  private static void rejects(
      Class<? extends RuntimeException> type, Executable call, String... fragments) {
    RuntimeException e = assertThrows(type, call);
    for (String f : fragments) {
      assertTrue(
          e.getMessage() != null && e.getMessage().contains(f),
          "message '" + e.getMessage() + "' should contain '" + f + "'");
    }
  }

  private static void ruleRejected(Expr condition, String... fragments) {
    String[] all = new String[fragments.length + 1];
    all[0] = "rule 'r' in category 'c'";
    System.arraycopy(fragments, 0, all, 1, fragments.length);
    rejects(
        IllegalArgumentException.class,
        () -> base().category("c", c -> c.rule("r", condition, 1, "r")).build(),
        all);
  }

  // ---- names ----

  @Test
  void names_null_areRejectedNamingTheArgument() {
    rejects(NullPointerException.class, () -> Model.builder(null), "id");
    rejects(NullPointerException.class, () -> Category.builder(null), "name");
    rejects(NullPointerException.class, () -> base().trait(null, TraitType.INT), "name");
    rejects(NullPointerException.class, () -> new Signal(null, Aggregate.count("a")), "name");
    rejects(NullPointerException.class, () -> Rule.of(null, YES, 1, "l"), "id");
    rejects(NullPointerException.class, () -> Rule.of("r", YES, 1, null), "label");
    rejects(NullPointerException.class, () -> base().tier(null, YES), "name");
    rejects(NullPointerException.class, () -> base().exclude(YES, null), "reason");
    rejects(NullPointerException.class, () -> EventFilter.of(null), "event");
    rejects(NullPointerException.class, () -> Entity.builder(null), "id");
    rejects(NullPointerException.class, () -> Event.of("u", null, AS_OF), "name");
  }

  @Test
  void names_blankOrPadded_areRejectedNamingTheArgument() {
    rejects(IllegalArgumentException.class, () -> Model.builder(" "), "id", "blank");
    rejects(IllegalArgumentException.class, () -> Category.builder(""), "name", "blank");
    rejects(IllegalArgumentException.class, () -> Rule.of("\t", YES, 1, "l"), "id", "blank");
    rejects(IllegalArgumentException.class, () -> base().tier("  ", YES), "name", "blank");
    rejects(
        IllegalArgumentException.class,
        () -> base().trait(" plan", TraitType.STRING),
        "name",
        "white space");
    rejects(IllegalArgumentException.class, () -> Rule.of("r", YES, 1, "a\nb"), "label", "control");
  }

  // ---- windows ----

  @Test
  void window_zeroOrNegative_isRejected() {
    rejects(IllegalArgumentException.class, () -> Window.days(0), "amount", "positive");
    rejects(IllegalArgumentException.class, () -> Window.hours(-1), "amount", "positive");
  }

  @Test
  void window_overTheMaximum_isRejected() {
    assertEquals(731, Window.days(731).amount());
    rejects(IllegalArgumentException.class, () -> Window.days(732), "amount", "731d");
    // 105 weeks = 735 days
    rejects(IllegalArgumentException.class, () -> Window.weeks(105), "amount", "731d");
    rejects(IllegalArgumentException.class, () -> Window.hours(731 * 24 + 1), "amount", "731d");
  }

  @Test
  void window_notWholeBuckets_isRejectedNamingTheRuleExclusionOrTier() {
    Expr in36h = Expr.agg(Aggregate.count("a"), Window.hours(36)).ge(1);
    ruleRejected(in36h, "36h", "1d");
    rejects(
        IllegalArgumentException.class,
        () -> base().exclude(in36h, "bots").build(),
        "exclusion 1 (\"bots\")",
        "36h");
    rejects(
        IllegalArgumentException.class,
        () -> base().tier("hot", in36h).build(),
        "tier 'hot'",
        "36h");
    // the same window fits an hourly model
    base().resolution(Resolution.HOUR).category("c", c -> c.rule("r", in36h, 1, "r")).build();
  }

  @Test
  void decay_onARuleThatReadsNoEvents_isRejectedNamingTheRule() {
    Expr big = Expr.trait("employees").ge(100);
    rejects(
        IllegalArgumentException.class,
        () ->
            base()
                .category(
                    "c",
                    c ->
                        c.rule(
                            new Rule("r", "r", big, Points.of(5))
                                .decay(Decay.linear(60, Window.Unit.DAYS))))
                .build(),
        "rule 'r' in category 'c'",
        "decay linear 60d needs a condition that reads events");
    // trend gives no age either
    Expr falling = Expr.agg(Aggregate.trend(EventFilter.any(), 4)).lt(0);
    rejects(
        IllegalArgumentException.class,
        () ->
            base()
                .category(
                    "c",
                    c ->
                        c.rule(
                            new Rule("r", "r", falling, Points.of(5))
                                .decay(Decay.halfLife(14, Window.Unit.DAYS))))
                .build(),
        "rule 'r' in category 'c'",
        "decay half_life 14d needs a condition that reads events");
  }

  @Test
  void decay_notWholeBuckets_isRejectedNamingTheRule() {
    Expr used = Expr.agg(Aggregate.count("a"), Window.days(7)).ge(1);
    Rule r = new Rule("r", "r", used, Points.of(5)).decay(Decay.linear(36, Window.Unit.HOURS));
    rejects(
        IllegalArgumentException.class,
        () -> base().category("c", c -> c.rule(r)).build(),
        "rule 'r' in category 'c'",
        "decay linear 36h is not a whole number of 1d buckets");
    base().resolution(Resolution.HOUR).category("c", c -> c.rule(r)).build();
  }

  @Test
  void decay_nonPositiveOrTooLong_isRejectedNamingTheArgument() {
    rejects(
        IllegalArgumentException.class,
        () -> Decay.linear(0, Window.Unit.DAYS),
        "lifespan: must be positive, was 0d");
    rejects(
        IllegalArgumentException.class,
        () -> Decay.halfLife(-3, Window.Unit.HOURS),
        "halfLife: must be positive, was -3h");
    rejects(
        IllegalArgumentException.class,
        () -> Decay.halfLife(800, Window.Unit.DAYS),
        "halfLife: 800d exceeds the maximum of 731d");
    rejects(NullPointerException.class, () -> Decay.linear(3, null), "unit");
  }

  @Test
  void window_onGrowthWeeksOrTrend_isRejected() {
    ruleRejected(
        Expr.agg(Aggregate.growthWeeks(EventFilter.any()), Window.days(28)).ge(3),
        "growth_weeks(any)",
        "takes no window");
    ruleRejected(
        Expr.agg(Aggregate.trend(EventFilter.any(), 4), Window.days(28)).lt(0),
        "trend(any, 4w)",
        "takes no window");
    rejects(
        IllegalArgumentException.class,
        () -> Aggregate.trend(EventFilter.any(), 1),
        "weeks",
        "2 to 104");
  }

  // ---- duplicates ----

  @Test
  void ruleIds_duplicateInOneCategory_areRejectedAtOnce() {
    rejects(
        IllegalArgumentException.class,
        () -> Category.builder("c").rule("r", YES, 1, "a").rule("r", YES, 2, "b"),
        "rule",
        "'r'",
        "category 'c'");
  }

  @Test
  void ruleIds_duplicateAcrossCategories_areRejectedNamingBoth() {
    rejects(
        IllegalArgumentException.class,
        () ->
            base()
                .category("a", c -> c.rule("r", YES, 1, "r"))
                .category("b", c -> c.rule("r", YES, 1, "r"))
                .build(),
        "rule 'r' in category 'b'",
        "already used in category 'a'");
  }

  @Test
  void categoriesTiersTraitsSignals_duplicate_areRejectedNamingTheName() {
    rejects(
        IllegalArgumentException.class,
        () -> base().category("c", c -> c.rule("r", YES, 1, "r")).category("c", c -> {}),
        "category",
        "'c'");
    rejects(
        IllegalArgumentException.class,
        () -> base().tier("hot", YES).tier("hot", YES),
        "tier 'hot'",
        "already defined");
    rejects(
        IllegalArgumentException.class,
        () -> base().trait("employees", TraitType.NUMBER),
        "trait",
        "'employees'");
    rejects(
        IllegalArgumentException.class,
        () -> base().signal(Signal.count("s", "a")).signal(Signal.count("s", "b")),
        "signal",
        "'s'");
    // a signal used in a rule under the name of a different declared one
    rejects(
        IllegalArgumentException.class,
        () ->
            base()
                .signal(Signal.count("s", "a"))
                .category("c", c -> c.rule("r", Signal.count("s", "b").allTime().ge(1), 1, "r"))
                .build(),
        "rule 'r'",
        "signal 's'",
        "count(a)",
        "count(b)");
  }

  @Test
  void trait_readFromAnotherName_keepsBothNamesAndRefusesASecondTraitOfThatSource() {
    Trait minutes = new Trait("minutes", TraitType.INT, "Total Time Spent on Website");
    Model m = base().trait(minutes).build();
    assertEquals(Optional.of(minutes), m.trait("minutes"));
    assertTrue(minutes.renamed());
    assertEquals("employees", m.trait("employees").orElseThrow().source());
    assertFalse(m.trait("employees").orElseThrow().renamed());
    rejects(
        IllegalArgumentException.class,
        () -> base().trait(minutes).trait(new Trait("m2", TraitType.INT, minutes.source())),
        "trait: 'm2' is read from 'Total Time Spent on Website', as 'minutes' already is");
    // a source may not be the name another trait is read by either
    rejects(
        IllegalArgumentException.class,
        () -> base().trait(new Trait("size", TraitType.INT, "employees")),
        "'size'",
        "'employees' already is");
    rejects(
        IllegalArgumentException.class,
        () -> new Trait("minutes", TraitType.INT, " padded"),
        "source",
        "white space");
  }

  @Test
  void tier_namedNone_isRejected() {
    rejects(IllegalArgumentException.class, () -> base().tier("none", YES), "name", "reserved");
  }

  @Test
  void conditions_null_areRejectedNamingTheCondition() {
    rejects(NullPointerException.class, () -> base().tier("hot", null), "condition");
    rejects(NullPointerException.class, () -> base().exclude(null, "bots"), "condition");
    rejects(NullPointerException.class, () -> Rule.of("r", null, 1, "r"), "condition");
  }

  // ---- types and scopes ----

  @Test
  void types_stringComparedWithNumber_isRejected() {
    ruleRejected(trait("industry").eq(5), "cannot compare a string with a number");
    ruleRejected(trait("industry").in("software", 5), "tests a string against the number 5");
    ruleRejected(trait("employees").between("a", "z"), "do not match");
  }

  @Test
  void types_orderingOnStrings_isRejected() {
    ruleRejected(trait("industry").gt("m"), "'>' needs numbers or times");
    ruleRejected(trait("industry").between("a", "m"), "'between' needs numbers or times");
  }

  @Test
  void types_arithmeticOnStrings_isRejected() {
    ruleRejected(trait("industry").plus(1).gt(2), "arithmetic needs a number", "industry");
  }

  @Test
  void types_nonBoolCondition_isRejected() {
    ruleRejected(trait("employees"), "condition must be a bool", "number");
    ruleRejected(YES.and(trait("industry")), "'and' needs a bool");
    ruleRejected(new Expr.Lower(trait("employees")).eq("a"), "lower() needs a string");
  }

  @Test
  void names_unknownTrait_isRejected() {
    ruleRejected(trait("plan").eq("pro"), "unknown trait 'plan'");
  }

  @Test
  void scopes_scoreOutsideATier_isRejected() {
    ruleRejected(Expr.score().ge(1), "'score' can only be used in a tier or hand-off condition");
    rejects(
        IllegalArgumentException.class,
        () -> base().exclude(Expr.score().ge(1), "low").build(),
        "exclusion 1 (\"low\")",
        "'score'");
  }

  @Test
  void scopes_categoryTotalInARule_isRejected() {
    // Even its own category's: rules make the totals.
    ruleRejected(
        Expr.total("c").ge(1),
        "the total of category 'c' can only be read in an exclusion, tier or hand-off condition");
  }

  @Test
  void scopes_totalOfAnUnknownCategory_isRejectedListingTheCategories() {
    rejects(
        IllegalArgumentException.class,
        () ->
            base()
                .category("fit", c -> c.rule("r", trait("employees").ge(1), 1, "r"))
                .tier("a", Expr.total("fti").ge(1))
                .build(),
        "tier 'a'",
        "unknown category 'fti': its categories are [fit]");
  }

  @Test
  void scopes_categoryTotalInExclusionTierAndHandoff_isAccepted() {
    Model m =
        base()
            .category("fit", c -> c.rule("r", trait("employees").ge(1), 1, "r"))
            .exclude(Expr.total("fit").lt(0), "no fit")
            .tier("a", Expr.total("fit").ge(1))
            .handoff(
                Handoff.builder()
                    .queue("q", "Queue", java.time.Duration.ofHours(4))
                    .segment("fits", Expr.total("fit").ge(1))
                    .build())
            .build();
    assertEquals(Expr.total("fit").ge(1), m.tiers().get(0).condition());
  }

  @Test
  void scopes_eventPropertyOutsideAFilter_isRejected() {
    ruleRejected(Expr.prop("path").eq("/pricing"), "event property 'path'", "event filter");
  }

  @Test
  void scopes_traitOrSignalInsideAFilter_isRejected() {
    ruleRejected(
        Expr.agg(Aggregate.count(EventFilter.of("a").where(trait("industry").eq("x")))).ge(1),
        "cannot use the trait 'industry'");
    Expr.Agg inner = Expr.agg(Aggregate.count("b"));
    ruleRejected(
        Expr.agg(Aggregate.count(EventFilter.of("a").where(inner.ge(1)))).ge(1),
        "cannot use the signal 'count(b)'");
  }

  // ---- numbers ----

  @Test
  void points_threeDecimals_areRejected() {
    rejects(
        IllegalArgumentException.class,
        () -> Points.of(new BigDecimal("1.005")),
        "points",
        "2 decimal");
    rejects(IllegalArgumentException.class, () -> Points.parse("-0.001"), "points", "2 decimal");
    rejects(IllegalArgumentException.class, () -> Points.parse("ten"), "text");
    // trailing zeros are not decimals
    assertEquals(Points.parse("1.5"), Points.of(new BigDecimal("1.5000")));
  }

  @Test
  void capAndFloor_wrongSign_areRejected() {
    rejects(IllegalArgumentException.class, () -> Category.builder("c").cap(-1), "cap", "negative");
    rejects(
        IllegalArgumentException.class, () -> Category.builder("c").floor(1), "floor", "positive");
  }

  @Test
  void version_zero_isRejected() {
    rejects(IllegalArgumentException.class, () -> base().version(0), "version", "at least 1");
  }

  @Test
  void in_emptySet_isRejected() {
    rejects(IllegalArgumentException.class, () -> trait("industry").in(), "values", "empty");
  }

  // ---- scoring arguments ----

  private static final Model MODEL = base().category("c", c -> c.rule("r", YES, 1, "r")).build();

  @Test
  void score_eventOfAnotherUser_isRejectedNamingTheEvent() {
    Entity u =
        new Entity(
            "u",
            Map.of(),
            List.of(
                event("u", "a", "2026-11-20T10:00:00Z"), event("v", "a", "2026-11-20T10:00:00Z")));
    rejects(
        IllegalArgumentException.class,
        () -> Scorer.reference(MODEL).score(u, AS_OF),
        "entity.events[1]",
        "'v'",
        "'u'");
  }

  @Test
  void score_accountModelEventOfAnotherAccount_isRejected() {
    Model accounts =
        Model.builder("pqa")
            .entity(EntityKind.ACCOUNT)
            .category("c", c -> c.rule("r", Expr.occurred("a"), 1, "r"))
            .build();
    Entity acme =
        new Entity(
            "acme",
            Map.of(),
            List.of(
                event("u1", "a", "2026-11-20T10:00:00Z").withAccount("acme"),
                event("u2", "a", "2026-11-20T10:00:00Z")));
    rejects(
        IllegalArgumentException.class,
        () -> Scorer.reference(accounts).score(acme, AS_OF),
        "entity.events[1]",
        "(none)",
        "'acme'");
  }

  @Test
  void score_traitOfTheWrongType_isRejectedNamingTheTrait() {
    Entity text = Entity.builder("u").trait("employees", "many").build();
    rejects(
        IllegalArgumentException.class,
        () -> Scorer.reference(MODEL).score(text, AS_OF),
        "entity.traits['employees']",
        "must be int",
        "string");
    Entity fraction = Entity.builder("u").trait("employees", new BigDecimal("1.5")).build();
    rejects(
        IllegalArgumentException.class,
        () -> Scorer.reference(MODEL).score(fraction, AS_OF),
        "entity.traits['employees']",
        "1.5");
  }

  @Test
  void score_nullArguments_areRejectedNamingThem() {
    Scorer s = Scorer.reference(MODEL);
    rejects(NullPointerException.class, () -> s.score(null, AS_OF), "entity");
    rejects(NullPointerException.class, () -> s.score(Entity.builder("u").build(), null), "asOf");
    rejects(NullPointerException.class, () -> Scorer.reference(null), "model");
  }

  @Test
  void score_undeclaredTrait_isIgnored() {
    Entity u = Entity.builder("u").trait("employees", 3).trait("shoe_size", "large").build();
    assertEquals(Optional.empty(), Scorer.reference(MODEL).score(u, AS_OF).excluded());
  }

  @Test
  void zone_fixedOffsetRegion_isNormalisedSoModelsCompareEqual() {
    Model utcRegion = Model.builder("m").zone(java.time.ZoneId.of("UTC")).build();
    Model utcOffset = Model.builder("m").zone(java.time.ZoneOffset.UTC).build();
    assertEquals(utcOffset, utcRegion);
    assertEquals(java.time.ZoneOffset.UTC, utcRegion.zone());
  }

  private static Grid.Axis axis(String category) {
    return new Grid.Axis(
        category, List.of(Grid.Band.atLeast("A", Points.of(10)), Grid.Band.rest("B")));
  }

  @Test
  void grid_ofAnUnknownCategory_isRejectedListingTheCategories() {
    rejects(
        IllegalArgumentException.class,
        () ->
            base()
                .category("fit", c -> c.rule("r", trait("employees").ge(1), 1, "r"))
                .grid(new Grid("g", axis("fti"), axis("fit")))
                .build(),
        "grid 'g'",
        "unknown category 'fti'; the model's categories are [fit]");
  }

  @Test
  void activation_ofARuleOrEvent_isKeptAndCountsInEquality() {
    Model byRule =
        base()
            .category("c", c -> c.rule("r", YES, 1, "r"))
            .activation(Activation.rule("r"))
            .build();
    assertEquals(Optional.of(Activation.rule("r")), byRule.activation());
    assertEquals("rule r", byRule.activation().get().toString());
    Model byEvent =
        base()
            .category("c", c -> c.rule("r", YES, 1, "r"))
            .activation(Activation.event("Signed Up"))
            .build();
    assertEquals(Activation.Kind.EVENT, byEvent.activation().get().kind());
    assertFalse(byRule.equals(byEvent));
    assertEquals(Optional.empty(), MODEL.activation());
  }

  @Test
  void activation_ofAnUnknownRule_isRejectedListingTheRules() {
    rejects(
        IllegalArgumentException.class,
        () ->
            base()
                .category("c", c -> c.rule("r", YES, 1, "r"))
                .activation(Activation.rule("q"))
                .build(),
        "activation: unknown rule 'q'; the model's rules are [r]");
  }

  @Test
  void activation_eventNamedLikeARule_isRejectedAsAmbiguous() {
    rejects(
        IllegalArgumentException.class,
        () ->
            base()
                .category("c", c -> c.rule("r", YES, 1, "r"))
                .activation(Activation.event("r"))
                .build(),
        "activation: event 'r' is also a rule id");
  }

  @Test
  void activation_argumentsAreChecked() {
    rejects(NullPointerException.class, () -> base().activation(null), "activation");
    rejects(NullPointerException.class, () -> new Activation(null, "x"), "kind");
    rejects(IllegalArgumentException.class, () -> Activation.event(" x"), "name");
  }

  @Test
  void grid_secondOne_isRejected() {
    Grid g = new Grid("g", axis("fit"), axis("fit"));
    rejects(
        IllegalArgumentException.class,
        () -> base().grid(g).grid(g),
        "grid: the model already has grid 'g'");
  }

  @Test
  void grid_bandsNotStrictlyDecreasingOrDuplicateOrWithoutRest_areRejectedNamingTheBand() {
    rejects(
        IllegalArgumentException.class,
        () ->
            new Grid.Axis(
                "fit",
                List.of(
                    Grid.Band.atLeast("A", Points.of(20)),
                    Grid.Band.atLeast("B", Points.of(20)),
                    Grid.Band.rest("C"))),
        "band 'B' (>= 20) is not below the band before it (>= 20)");
    rejects(
        IllegalArgumentException.class,
        () ->
            new Grid.Axis(
                "fit", List.of(Grid.Band.atLeast("A", Points.of(20)), Grid.Band.rest("A"))),
        "label 'A' is used twice");
    rejects(
        IllegalArgumentException.class,
        () ->
            new Grid.Axis(
                "fit",
                List.of(
                    Grid.Band.atLeast("A", Points.of(20)), Grid.Band.atLeast("B", Points.of(10)))),
        "the last band 'B' takes the rest");
  }
}
