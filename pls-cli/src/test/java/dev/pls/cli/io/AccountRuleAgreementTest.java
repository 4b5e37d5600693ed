package dev.pls.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pls.core.card.ScoreCard;
import dev.pls.core.input.AccountRule;
import dev.pls.core.input.Entity;
import dev.pls.core.input.Event;
import dev.pls.core.model.EntityKind;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Model;
import dev.pls.core.model.Signal;
import dev.pls.core.model.Value;
import dev.pls.core.model.Window;
import dev.pls.core.scoring.EntityStore;
import dev.pls.core.scoring.Scorer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The CLI's accounts and the entity store's are the core's one account rule: an account model
 * scored from what the CLI assembles equals the same model scored from a store fed the same events
 * and user traits.
 */
class AccountRuleAgreementTest {
  private static final Instant T = Instant.parse("2026-11-20T12:00:00Z");

  private static final Model MODEL =
      Model.builder("pqa")
          .entity(EntityKind.ACCOUNT)
          .category(
              "usage",
              c ->
                  c.rule(
                          "logins",
                          Signal.count("logins", "login").within(Window.days(7)).ge(2),
                          10,
                          "Two logins in a week")
                      .rule(
                          "invites",
                          Signal.count("invites", "invite_sent").within(Window.days(30)).ge(1),
                          5,
                          "Invited someone"))
          .tier("hot", Expr.score().ge(15))
          .build();

  @Test
  void accounts_cliAssemblyAndStore_giveEqualCards() {
    Map<String, Map<String, Value>> userTraits =
        Map.of(
            "corp1", Map.of("email", Value.str("a@Acme.io")),
            "corp2", Map.of("email_domain", Value.str("acme.io")),
            "free", Map.of("email", Value.str("f@t-online.de")),
            "named", Map.of("email", Value.str("n@globex.com")));
    List<Event> events = new ArrayList<>();
    // corp1 and corp2 never name an account: their domain is it.
    events.add(Event.of("corp1", "login", T.minusSeconds(86_400 * 3)));
    events.add(Event.of("corp2", "login", T.minusSeconds(86_400 * 2)));
    events.add(Event.of("corp2", "invite_sent", T.minusSeconds(86_400)));
    // A free-mail user's events count for no account.
    events.add(Event.of("free", "login", T.minusSeconds(3_600)));
    events.add(Event.of("free", "login", T.minusSeconds(1_800)));
    // named states its account first; its later events name none and count there, not at globex.
    events.add(Event.of("named", "login", T.minusSeconds(86_400 * 4)).withAccount("initech"));
    events.add(Event.of("named", "login", T.minusSeconds(86_400 * 2)));
    events.add(Event.of("named", "invite_sent", T.minusSeconds(600)));

    EntityAssembler cli = EntityAssembler.create(AccountRule.standard());
    userTraits.forEach((u, t) -> cli.traits(EntityKind.USER, u, t));
    events.forEach(cli::event);
    Scorer reference = Scorer.reference(MODEL);

    EntityStore store = EntityStore.create(MODEL);
    userTraits.forEach(store::userTraits);
    events.forEach(store::ingest);

    List<String> ids = new ArrayList<>();
    for (Entity account : cli.accounts()) {
      ids.add(account.id());
      ScoreCard expected = reference.score(account, T);
      assertEquals(expected, store.score(account.id(), T), account.id());
    }
    // named's e-mail is at globex.com, but its statement of membership wins: no globex account.
    assertEquals(List.of("acme.io", "initech"), ids);
    assertEquals(2, store.size());
    assertEquals(2, store.stats().rejected(), "the free-mail user's events have no account");
  }
}
