package dev.pls.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pls.core.input.AccountRule;
import dev.pls.core.input.Entity;
import dev.pls.core.input.Event;
import dev.pls.core.input.FreeMail;
import dev.pls.core.model.EntityKind;
import dev.pls.core.model.Value;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EntityAssemblerTest {
  private static final Instant T = Instant.parse("2026-11-20T12:00:00Z");
  private final EntityAssembler assembler = EntityAssembler.create(AccountRule.standard());

  private static Event event(String user, String account, long minutes) {
    Event e = Event.of(user, "login", T.plusSeconds(60 * minutes));
    return account == null ? e : e.withAccount(account);
  }

  @Test
  void accountOf_eventAccountWins_latestByTimeThenSmallestId() {
    assembler.event(event("u1", "b", 0));
    assembler.event(event("u1", "a", 5));
    assembler.event(event("u1", null, 10));
    assembler.traits(EntityKind.USER, "u1", Map.of("email", Value.str("ann@acme.io")));
    assertEquals(Optional.of("a"), assembler.accountOf("u1"));

    assembler.event(event("u2", "z", 5));
    assembler.event(event("u2", "y", 5));
    assertEquals(Optional.of("y"), assembler.accountOf("u2"));
  }

  @Test
  void eventsOfAnAccountAlone_areTheAccountsOwn_neverAUsersOrAMembers() {
    Event contract = Event.ofAccount("acme", "contract_signed", T);
    assembler.event(event("u1", "acme", 0));
    assembler.event(contract);
    assembler.event(Event.ofAccount("globex", "contract_signed", T));
    assertEquals(3, assembler.eventCount());
    assertEquals(2, assembler.accountEventCount());
    // No user stands in for the account: u1 is the only user, with its one event.
    assertEquals(
        List.of(new Entity("u1", Map.of(), List.of(event("u1", "acme", 0)))), assembler.users());
    assertEquals(
        List.of(
            new Entity("acme", Map.of(), List.of(contract, event("u1", "acme", 0))),
            new Entity(
                "globex", Map.of(), List.of(Event.ofAccount("globex", "contract_signed", T)))),
        assembler.accounts());
    List<Entity> withMembers = assembler.accountsWithMembers();
    assertEquals(List.of(contract), withMembers.get(0).events());
    assertEquals(
        List.of(new Entity("u1", Map.of(), List.of(event("u1", "acme", 0)))),
        withMembers.get(0).members());
    assertEquals("globex", withMembers.get(1).id());
    assertEquals(List.of(), withMembers.get(1).members());
    // An account's own event says nothing of who belongs to it.
    assertEquals(Optional.empty(), assembler.accountOf("acme"));
  }

  @Test
  void accountOf_groupCallCountsAsAStatementOfAccount() {
    assembler.event(event("u1", "old", 0));
    assembler.member("u1", "new", T.plusSeconds(3600));
    assertEquals(Optional.of("new"), assembler.accountOf("u1"));
  }

  @Test
  void accountOf_noAccount_emailDomainUnlessFreeMail() {
    assembler.traits(EntityKind.USER, "corp", Map.of("email", Value.str("Ann@Sub.ACME.io")));
    assembler.traits(EntityKind.USER, "dom", Map.of("email_domain", Value.str("Globex.com")));
    assembler.traits(EntityKind.USER, "free", Map.of("email", Value.str("bob@GMail.com")));
    assembler.traits(EntityKind.USER, "none", Map.of("email", Value.str("not an address")));
    assembler.traits(EntityKind.USER, "num", Map.of("email_domain", Value.num(5)));
    assertEquals(Optional.of("sub.acme.io"), assembler.accountOf("corp"));
    assertEquals(Optional.of("globex.com"), assembler.accountOf("dom"));
    assertEquals(Optional.empty(), assembler.accountOf("free"));
    assertEquals(Optional.of("gmail.com"), assembler.emailDomain("free"));
    assertEquals(Optional.empty(), assembler.accountOf("none"));
    assertEquals(Optional.empty(), assembler.accountOf("num"));
    assertEquals(Optional.empty(), assembler.accountOf("unknown"));
  }

  @Test
  void accountOf_customFreeMailList_replacesTheDefaults(@TempDir Path dir) throws IOException {
    Path list = Files.writeString(dir.resolve("free.txt"), "# ours\nACME.io\n\n");
    FreeMail ours;
    try (var in = Files.newBufferedReader(list)) {
      ours = FreeMail.parse(in);
    }
    EntityAssembler custom = EntityAssembler.create(AccountRule.withFreeMail(ours));
    custom.traits(EntityKind.USER, "a", Map.of("email", Value.str("a@acme.io")));
    custom.traits(EntityKind.USER, "g", Map.of("email", Value.str("g@gmail.com")));
    assertEquals(Optional.empty(), custom.accountOf("a"));
    assertEquals(Optional.of("gmail.com"), custom.accountOf("g"));
    assertEquals(List.of("acme.io"), List.copyOf(ours.domains()));
  }

  @Test
  void users_sortedByIdWithMergedTraitsAndDerivedEmailDomain() {
    assembler.event(event("u2", null, 0));
    assembler.event(event("u10", null, 1));
    assembler.traits(EntityKind.USER, "u1", Map.of("email", Value.str("a@Acme.io")));
    assembler.traits(EntityKind.USER, "u1", Map.of("employees", Value.num(5)));
    assembler.traits(EntityKind.USER, "u1", Map.of("employees", Value.num(7)));
    List<Entity> users = assembler.users();
    assertEquals(List.of("u1", "u10", "u2"), users.stream().map(Entity::id).toList());
    assertEquals(
        Map.of(
            "email", Value.str("a@Acme.io"),
            "employees", Value.num(7),
            "email_domain", Value.str("acme.io")),
        users.get(0).traits());
    assertEquals(List.of(event("u2", null, 0)), users.get(2).events());
    assertEquals(2, assembler.eventCount());
  }

  @Test
  void accounts_eventsKeepTheirAccountAndOthersFollowTheirUser() {
    assembler.event(event("u1", "old", 0));
    assembler.event(event("u1", "new", 5));
    assembler.event(event("u1", null, 10));
    assembler.traits(EntityKind.USER, "u2", Map.of("email", Value.str("b@acme.io")));
    assembler.event(event("u2", null, 1));
    assembler.traits(EntityKind.USER, "u3", Map.of("email", Value.str("c@gmail.com")));
    assembler.event(event("u3", null, 2));
    assembler.traits(EntityKind.ACCOUNT, "lonely", Map.of("plan", Value.str("free")));

    List<Entity> accounts = assembler.accounts();
    assertEquals(
        List.of("acme.io", "lonely", "new", "old"), accounts.stream().map(Entity::id).toList());
    assertEquals(List.of(event("u2", "acme.io", 1)), accounts.get(0).events());
    assertEquals(Map.of("plan", Value.str("free")), accounts.get(1).traits());
    assertEquals(List.of(event("u1", "new", 5), event("u1", "new", 10)), accounts.get(2).events());
    assertEquals(List.of(event("u1", "old", 0)), accounts.get(3).events());
  }
}
