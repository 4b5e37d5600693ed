package dev.pls.dsl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.model.Aggregate;
import dev.pls.core.model.EntityKind;
import dev.pls.core.model.EventFilter;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Handoff;
import dev.pls.core.model.Handoff.Level;
import dev.pls.core.model.MemberAggregate;
import dev.pls.core.model.Model;
import dev.pls.core.model.Points;
import dev.pls.core.model.Rollup;
import dev.pls.core.model.Rule;
import dev.pls.core.model.TraitType;
import dev.pls.core.model.Window;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Account models, shareable rules and the hand-off compile to what the Java builder makes. */
class AccountCompilerTest {
  private static final String USERS =
      "model team_pql\n  entity user\ntrait department: string\ntrait title: string\n"
          + "category collaboration {\n"
          + "  count(invite_sent) >= 3 within 7d : +20 \"Invited 3+ teammates\""
          + " share \"inviting your team\" [invites_3]\n}\n"
          + "tier hot when score >= 40\ntier warm when score >= 20\n";

  private static final String ACCOUNT_HEADER =
      "\nmodel team_pqa\n  entity account\n  members team_pql\ntrait employees: int\n";

  private static final Model USER_MODEL =
      Model.builder("team_pql")
          .trait("department", TraitType.STRING)
          .trait("title", TraitType.STRING)
          .category(
              "collaboration",
              c ->
                  c.rule(
                      new Rule(
                              "invites_3",
                              "Invited 3+ teammates",
                              Expr.agg(Aggregate.count("invite_sent"), Window.days(7)).ge(3),
                              Points.of(20))
                          .shareable("inviting your team")))
          .tier("hot", Expr.score().ge(40))
          .tier("warm", Expr.score().ge(20))
          .build();

  private static final EventFilter ANY = EventFilter.any();

  private static Compilation compile(String text) {
    Compilation c = RulesLanguage.compile("t.pls", text);
    assertEquals("", c.render());
    return c;
  }

  /** The models of a file that must compile without diagnostics. */
  private static List<Model> models(String text) {
    return compile(text).models();
  }

  /** The account model of the users model plus {@code items}. */
  private static Model account(String items) {
    return compile(USERS + ACCOUNT_HEADER + items).model().orElseThrow();
  }

  /** The condition of the only rule of {@code category c { <rule> }} in the account model. */
  private static Expr condition(String rule) {
    return account("category c {\n  " + rule + " : +1 [r]\n}\n")
        .rule("r")
        .orElseThrow()
        .condition();
  }

  /** The headlines of the diagnostics of {@code text}. */
  private static List<String> diagnostics(String text) {
    return RulesLanguage.compile("t.pls", text).diagnostics().stream()
        .map(Diagnostic::headline)
        .toList();
  }

  @Test
  void accountModelWithHandoff_compilesToWhatTheBuilderMakes() {
    String file =
        USERS
            + ACCOUNT_HEADER
            + "trait is_customer: bool\n"
            + "rollup top 3 member_cap 50 as team\n"
            + "signal active_users = active_members(any)\n"
            + "category adoption {\n"
            + "  active_users >= 5 within 30d : +30 \"5+ active users\" [active_5]\n"
            + "  members(where title in {\"CEO\", \"CTO\"}) >= 1 : +15 \"Executive user\""
            + " share \"an executive on the team\" [exec]\n"
            + "}\n"
            + "tier tier1 when score > 150 and members_at_tier(hot) >= 2\n"
            + "queue named_ae \"Named AE\" sla 4h capacity 10\n"
            + "queue nurture \"Automated nurture\" sla 72h\n"
            + "segment smb when employees < 50\n"
            + "segment enterprise when employees >= 500\n"
            + "route tier1 in enterprise, smb to named_ae level high\n"
            + "route tier1 to nurture\n"
            + "trigger sso \"Asked about SSO/SAML\" high"
            + " when enterprise_feature_requested within 1d to named_ae\n"
            + "hold tier1 while score >= 120\n"
            + "suppress when is_customer : \"existing customer\"\n"
            + "holdout 12.5% salt \"2026-q4\"\n"
            + "cooldown 3d\n"
            + "context active_users = active_users within 7d\n"
            + "template exec \"Hi, with {exec} you could...\"\n"
            + "disposition meeting_booked positive\n"
            + "disposition not_now\n"
            + "disposition bad_fit negative\n";
    Model accounts =
        Model.builder("team_pqa")
            .memberModel(USER_MODEL)
            .rollup(Rollup.top(3).memberCap(50).category("team"))
            .trait("employees", TraitType.INT)
            .trait("is_customer", TraitType.BOOL)
            .category(
                "adoption",
                c ->
                    c.rule(
                            "active_5",
                            MemberAggregate.active(ANY).within(Window.days(30)).ge(5),
                            30,
                            "5+ active users")
                        .rule(
                            new Rule(
                                    "exec",
                                    "Executive user",
                                    MemberAggregate.where(Expr.trait("title").in("CEO", "CTO"))
                                        .allTime()
                                        .ge(1),
                                    Points.of(15))
                                .shareable("an executive on the team")))
            .tier("tier1", Expr.score().gt(150).and(MemberAggregate.atTier("hot").allTime().ge(2)))
            .handoff(
                Handoff.builder()
                    .queue("named_ae", "Named AE", Duration.ofHours(4), 10)
                    .queue("nurture", "Automated nurture", Duration.ofDays(3))
                    .segment("smb", Expr.trait("employees").lt(50))
                    .segment("enterprise", Expr.trait("employees").ge(500))
                    .route("tier1", List.of("enterprise", "smb"), "named_ae", Level.HIGH)
                    .route("tier1", List.of(), "nurture", Level.MEDIUM)
                    .trigger(
                        "sso",
                        "Asked about SSO/SAML",
                        Level.HIGH,
                        Expr.occurred("enterprise_feature_requested", Window.days(1)),
                        "named_ae")
                    .hold("tier1", Expr.score().ge(120))
                    .suppress(Expr.trait("is_customer"), "existing customer")
                    .holdout(new BigDecimal("12.5"), "2026-q4")
                    .cooldown(Duration.ofDays(3))
                    .context("active_users", MemberAggregate.active(ANY).within(Window.days(7)))
                    .template("exec", "Hi, with {exec} you could...")
                    .disposition("meeting_booked", Handoff.Polarity.POSITIVE)
                    .disposition("not_now", Handoff.Polarity.NEUTRAL)
                    .disposition("bad_fit", Handoff.Polarity.NEGATIVE)
                    .build())
            .build();
    assertEquals(List.of(USER_MODEL, accounts), models(file));
  }

  @Test
  void memberFunctions_compileToTheirMemberAggregates() {
    assertEquals(MemberAggregate.count().allTime().ge(3), condition("members >= 3"));
    assertEquals(
        MemberAggregate.where(Expr.trait("title").in("CEO").or(Expr.trait("department").eq("exec")))
            .allTime()
            .ge(1),
        condition("members(where title in {\"CEO\"} or department == \"exec\") >= 1"));
    assertEquals(
        MemberAggregate.active(ANY).within(Window.days(7)).ge(2),
        condition("active_members(any) >= 2 within 7d"));
    assertEquals(
        MemberAggregate.active(EventFilter.of("page_viewed").where(Expr.prop("path").eq("/p")))
            .allTime()
            .ge(2),
        condition("active_members(page_viewed where path == \"/p\") >= 2"));
    assertEquals(
        MemberAggregate.newMembers(EventFilter.of("signed_up")).within(Window.days(7)).ge(1),
        condition("new_members(signed_up) within 7d >= 1"));
    assertEquals(
        MemberAggregate.atTier("hot").allTime().ge(1), condition("members_at_tier(hot) >= 1"));
    assertEquals(
        MemberAggregate.distinct("department").allTime().ge(2),
        condition("member_values(department) >= 2"));
    assertEquals(
        MemberAggregate.distinctAmongActive("department", ANY).within(Window.days(30)).ge(2),
        condition("member_values(department, any) within 30d >= 2"));
    assertEquals(
        MemberAggregate.activeGrowth(ANY).allTime().gt(20), condition("active_growth(any) > 20"));
  }

  @Test
  void withinAfterACondition_reachesWindowedMemberFunctionsOnly() {
    assertEquals(
        Expr.all(
            MemberAggregate.count().allTime().ge(2),
            MemberAggregate.active(ANY).within(Window.days(7)).ge(2),
            Expr.agg(Aggregate.count("invite_sent"), Window.days(7)).ge(10)),
        condition(
            "members >= 2 and active_members(any) >= 2 and count(invite_sent) >= 10 within 7d"));
  }

  @Test
  void namedMemberSignal_isInlinedAtEachUse() {
    Model m =
        account(
            "signal active_users = active_members(any)\n"
                + "category c {\n  active_users >= 5 within 30d : +1 [a]\n"
                + "  active_users >= 1 within 1d : +1 [b]\n}\n");
    assertEquals(
        MemberAggregate.active(ANY).within(Window.days(30)).ge(5),
        m.rule("a").orElseThrow().condition());
    assertEquals(
        MemberAggregate.active(ANY).within(Window.days(1)).ge(1),
        m.rule("b").orElseThrow().condition());
    assertTrue(m.signals().stream().noneMatch(s -> s.name().equals("active_users")));
  }

  @Test
  void rollups_compileToTheirCoreRollup() {
    assertEquals(Optional.of(Rollup.sum()), account("").rollup());
    assertEquals(Optional.of(Rollup.sum()), account("rollup sum\n").rollup());
    assertEquals(Optional.of(Rollup.max()), account("rollup max\n").rollup());
    assertEquals(Optional.of(Rollup.average()), account("rollup avg\n").rollup());
    assertEquals(
        Optional.of(Rollup.top(5).memberCap(Points.parse("12.5")).category("top_users")),
        account("rollup top 5 member_cap 12.5 as top_users\n").rollup());
    assertEquals(
        Optional.of(Rollup.sum().memberFloor(0).memberCap(50)),
        account("rollup sum member_floor 0 member_cap 50\n").rollup());
    assertEquals(
        Optional.of(Rollup.max().memberFloor(Points.parse("-12.5"))),
        account("rollup max member_floor -12.5\n").rollup());
  }

  /** A user model whose dormant members score -30, and an account model summing them up. */
  private static final String DORMANT =
      "model team_pql\n  entity user\n"
          + "category activity {\n"
          + "  count(login) == 0 within 14d : -30 \"No login in 14 days\" [dormant]\n"
          + "}\n"
          + "\nmodel team_pqa\n  members team_pql\n";

  @Test
  void sumRollup_membersCanScoreBelowZeroWithoutAFloor_warnsPls0507() {
    String warning =
        "t.pls:9:8: warning PLS0507: 'rollup sum' can go below zero: a member can score below"
            + " zero in 'team_pql' (rule 'dormant', -30), so each idle member lowers the account;"
            + " add 'member_floor 0' (or a negative floor that bounds each member's penalty)";
    assertEquals(List.of(warning), diagnostics(DORMANT + "rollup sum\n"));
    assertEquals(List.of(warning), diagnostics(DORMANT + "rollup sum member_cap 50\n"));
    assertEquals(List.of(), diagnostics(DORMANT + "rollup sum member_floor 0\n"));
    // A floor written out, even below zero, is a decision: each member takes at most 10 off.
    assertEquals(List.of(), diagnostics(DORMANT + "rollup sum member_floor -10\n"));
    assertEquals(List.of(), diagnostics(DORMANT + "rollup max\n"));
    assertEquals(List.of(), diagnostics(DORMANT + "rollup top 3\n"));
    // A category floor of 0 cancels the penalty: members never score below zero.
    assertEquals(
        List.of(),
        diagnostics(
            DORMANT.replace("category activity {", "category activity floor 0 {")
                + "rollup sum\n"));
    assertTrue(RulesLanguage.compile("t.pls", DORMANT + "rollup sum\n").succeeded());
  }

  @Test
  void membersSetting_withoutEntity_makesAnAccountModel() {
    Model m = compile(USERS + "\nmodel team_pqa\n  members team_pql\n").model().orElseThrow();
    assertEquals(EntityKind.ACCOUNT, m.entity());
    assertEquals(Optional.of(USER_MODEL), m.memberModel());
  }

  @Test
  void shareableRule_keepsItsPhraseAndPrintsItInOrder() {
    Rule r = USER_MODEL.rule("invites_3").orElseThrow();
    assertEquals(models(USERS).get(0).rule("invites_3"), Optional.of(r));
    assertEquals(
        "count(invite_sent) within 7d >= 3 : +20 \"Invited 3+ teammates\""
            + " share \"inviting your team\" [invites_3]",
        r.toString());
  }

  @Test
  void severalModels_modelIsTheLastAndModelsAreInFileOrder() {
    Compilation c = compile(USERS + ACCOUNT_HEADER);
    assertEquals(List.of("team_pql", "team_pqa"), c.models().stream().map(Model::id).toList());
    assertEquals("team_pqa", c.model().orElseThrow().id());
  }

  @Test
  void handoffInAUserModel_takesDefaultLevelAndCooldown() {
    Model m =
        models(
                "model m\ntier hot when score >= 10\nqueue q \"Queue\" sla 30m\n"
                    + "route hot to q\n")
            .get(0);
    Handoff h = m.handoff().orElseThrow();
    assertEquals(List.of(new Handoff.Route("hot", List.of(), "q", Level.MEDIUM)), h.routes());
    assertEquals(Handoff.DEFAULT_COOLDOWN, h.cooldown());
    assertEquals(Duration.ofMinutes(30), h.queues().get(0).sla());
    assertEquals(Optional.empty(), h.holdout());
  }

  @Test
  void templates_onShareableRulesAndContext_areNotWarned() {
    String file =
        "model m\ntrait plan: string\n"
            + "category c {\n"
            + "  count(invite_sent) >= 3 within 7d : +20 \"Invites\" share \"inviting your team\""
            + " [invites_3]\n"
            + "  plan == \"team\" : +5 \"Team plan\" [team]\n}\n"
            + "context invites = count(invite_sent) within 30d\n"
            + "context plan = plan\n"
            + "template ok \"Since you are {invites_3} ({invites} so far)...\"\n"
            + "template internal \"On the {plan} plan, {team}...\"\n";
    assertEquals(
        List.of(
            "t.pls:10:27: warning PLS0506: template 'internal' refers to 'plan', which is not"
                + " shareable: add share \"...\" to a rule that reads what the context value shows"
                + " or leave it out of outreach",
            "t.pls:10:40: warning PLS0506: template 'internal' refers to 'team', which is not"
                + " shareable: add share \"...\" to the rule or leave it out of outreach"),
        diagnostics(file));
    assertTrue(RulesLanguage.compile("t.pls", file).succeeded());
  }

  @Test
  void membersModelProblems_areLocatedDiagnostics() {
    assertEquals(
        List.of(
            "t.pls:13:11: error PLS0305: 'members' makes 'team_pqa' an account model, but its header"
                + " says 'entity user'; write 'entity account'"),
        diagnostics(USERS + "\nmodel team_pqa\n  entity user\n  members team_pql\n"));
    assertEquals(
        List.of(
            "t.pls:2:11: error PLS0207: model 'm' cannot roll up itself; name the user model its"
                + " members are scored by"),
        diagnostics("model m\n  members m\n"));
    assertEquals(
        List.of(
            "t.pls:5:11: error PLS0207: members are scored by a user model, but 'a' scores"
                + " accounts; name a model with 'entity user'"),
        diagnostics("model a\n  entity account\n\nmodel b\n  members a\n"));
    assertEquals(
        List.of(
            "t.pls:3:7: error PLS0205: model 'm' is already defined on line 1; models of a file"
                + " have different ids"),
        diagnostics("model m\n\nmodel m\n"));
    assertEquals(
        List.of(
            "t.pls:1:1: error PLS0103: a rule file starts with its model header, e.g. 'model"
                + " my_pql version 1'"),
        diagnostics("trait x: int\nmodel m\n"));
  }

  @Test
  void unresolvedMembersModel_isReportedOnceNotAtEveryMemberFunction() {
    assertEquals(
        List.of(
            "t.pls:2:11: error PLS0206: unknown model 'nope'; 'members' names a user model defined"
                + " earlier in this file"),
        diagnostics(
            "model a\n  members nope\nrollup top 3\ncategory c {\n"
                + "  members >= 2 and active_members(any) >= 1 within 7d : +1\n}\n"
                + "tier t when members_at_tier(hot) >= 1\n"));
  }

  @Test
  void memberFunctionMisuse_isPls0306WithSuggestions() {
    String a = USERS + ACCOUNT_HEADER;
    int line = a.split("\n", -1).length; // the first line after the header
    assertEquals(
        List.of(
            "t.pls:"
                + (line + 1)
                + ":17: error PLS0306: the member model 'team_pql' has no trait 'titel'; a member"
                + " condition reads member traits; did you mean 'title'?",
            "t.pls:"
                + (line + 2)
                + ":17: error PLS0306: the member model 'team_pql' has no trait 'departement';"
                + " did you mean 'department'?",
            "t.pls:"
                + (line + 3)
                + ":29: error PLS0306: 'active_growth(any)' takes no window: it compares the last two"
                + " weeks; remove 'within 7d'",
            "t.pls:"
                + (line + 4)
                + ":40: error PLS0306: 'members(where title == \"CEO\")' takes no window: it reads"
                + " no events; remove 'within 7d'",
            "t.pls:"
                + (line + 5)
                + ":17: error PLS0306: a member condition reads member traits only, e.g."
                + " members(where title in {\"CEO\"}), not 'count(any)'"),
        diagnostics(
            a
                + "category c {\n"
                + "  members(where titel == \"CEO\") >= 1 : +1 [a]\n"
                + "  member_values(departement) >= 2 : +1 [b]\n"
                + "  active_growth(any) within 7d > 1 : +1 [c]\n"
                + "  members(where title == \"CEO\") within 7d >= 1 : +1 [d]\n"
                + "  members(where count(any) > 1) >= 1 : +1 [e]\n"
                + "}\n"));
  }

  @Test
  void memberFunctionsInAUserModel_arePls0305() {
    assertEquals(
        List.of(
            "t.pls:2:13: error PLS0305: 'members' reads an account's members: only an account model"
                + " with 'members <user model>' in its header has them",
            "t.pls:3:1: error PLS0305: 'rollup' reads an account's members: only an account model"
                + " with 'members <user model>' in its header has them"),
        diagnostics("model m\ntier t when members >= 2\nrollup sum\n"));
  }

  @Test
  void rollupProblems_areLocatedDiagnostics() {
    String a = USERS + ACCOUNT_HEADER;
    int line = a.split("\n", -1).length;
    assertEquals(
        List.of(
            "t.pls:"
                + line
                + ":8: error PLS0203: top needs how many members count, e.g."
                + " 'rollup top 3'"),
        diagnostics(a + "rollup top\n"));
    assertEquals(
        List.of(
            "t.pls:"
                + line
                + ":12: error PLS0203: 'rollup sum' takes no number; only 'top N'"
                + " does"),
        diagnostics(a + "rollup sum 3\n"));
    assertEquals(
        List.of(
            "t.pls:"
                + line
                + ":8: error PLS0204: unknown rollup 'mx'; use sum, max, avg or"
                + " top N; did you mean 'max'?"),
        diagnostics(a + "rollup mx\n"));
    assertEquals(
        List.of("t.pls:" + line + ":23: error PLS0405: member_cap must be positive, was 0"),
        diagnostics(a + "rollup sum member_cap 0\n"));
    assertEquals(
        List.of(
            "t.pls:"
                + line
                + ":25: error PLS0405: member_floor 60 is above member_cap 50; a member's part"
                + " of the rollup lies between them"),
        diagnostics(a + "rollup sum member_floor 60 member_cap 50\n"));
    assertEquals(
        List.of(
            "t.pls:"
                + line
                + ":25: error PLS0405: member_floor 0.001 is not allowed: points have at most 2"
                + " decimal places and a magnitude of at most 1000000000"),
        diagnostics(a + "rollup sum member_floor 0.001\n"));
    assertEquals(
        List.of(
            "t.pls:"
                + (line + 1)
                + ":1: error PLS0205: the rollup is already declared on"
                + " line "
                + line
                + "; a model has one"),
        diagnostics(a + "rollup sum\nrollup max\n"));
    assertEquals(
        List.of(
            "t.pls:"
                + line
                + ":10: error PLS0205: 'members' is the rollup's category on the"
                + " card (line "
                + (line + 2)
                + "); rename this category or name the rollup with"
                + " 'as'"),
        diagnostics(a + "category members {\n}\nrollup sum\n"));
  }

  @Test
  void handoffProblems_areLocatedDiagnostics() {
    String m =
        "model m\ntrait employees: int\ntier hot when score >= 10\n"
            + "queue q \"Queue\" sla 4h\nsegment big when employees >= 500\n";
    assertEquals(
        List.of(
            "t.pls:6:14: error PLS0208: unknown segment 'bigg'; did you mean 'big'?",
            "t.pls:6:22: error PLS0208: unknown queue 'qq'; did you mean 'q'?"),
        diagnostics(m + "route hot in bigg to qq\n"));
    assertEquals(
        List.of("t.pls:6:6: error PLS0208: unknown tier 'cold'; the model's tiers are [hot]"),
        diagnostics(m + "hold cold while score >= 1\n"));
    assertEquals(
        List.of(
            "t.pls:6:9: error PLS0406: segment 'big' is already defined on line 5",
            "t.pls:7:9: error PLS0406: 'none' is the segment of entities no segment holds for;"
                + " choose another name"),
        diagnostics(m + "segment big when employees >= 5\nsegment none when employees < 5\n"));
    assertEquals(
        List.of(
            "t.pls:7:6: error PLS0406: tier 'hot' already has a hold on line 6; a tier has"
                + " one"),
        diagnostics(m + "hold hot while score >= 5\nhold hot while score >= 1\n"));
    assertEquals(
        List.of(
            "t.pls:6:9: error PLS0407: a holdout is more than 0% and less than 100%, with at most"
                + " two decimals, was 0%",
            "t.pls:7:1: error PLS0205: the holdout is already declared on line 6; a model has one"),
        diagnostics(m + "holdout 0% salt \"a\"\nholdout 12.345% salt \"b\"\n"));
    assertEquals(
        List.of(
            "t.pls:6:22: error PLS0204: unknown level 'urgent'; use high, medium or low",
            "t.pls:7:33: error PLS0102: a capacity is a whole number of alerts a day, was 2.5"),
        diagnostics(m + "route hot to q level urgent\nqueue r \"Other\" sla 1d capacity 2.5\n"));
    assertEquals(
        List.of("t.pls:7:9: error PLS0406: context value 'x' is already defined on line 6"),
        diagnostics(m + "context x = employees\ncontext x = score\n"));
  }

  @Test
  void scoreInHandoffConditions_isAllowed() {
    Compilation c =
        compile("model m\ntier hot when score >= 10\nsegment strong when score >= 50\n");
    assertFalse(c.model().orElseThrow().handoff().isEmpty());
  }
}
