package dev.pls.core.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.input.AccountRule.Membership;
import dev.pls.core.model.Value;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccountRuleTest {
  private static final Instant T = Instant.parse("2026-11-20T12:00:00Z");
  private final AccountRule rule = AccountRule.standard();

  @Test
  void freeMailDefaults_holdCommonAndRegionalPersonalDomains() {
    FreeMail f = FreeMail.defaults();
    for (String d :
        List.of(
            "gmail.com",
            "yahoo.com",
            "outlook.com",
            "hotmail.com",
            "icloud.com",
            "t-online.de",
            "orange.fr",
            "comcast.net",
            "hey.com",
            "tutanota.com")) {
      assertTrue(f.contains(d), d);
    }
    assertTrue(f.contains("GMAIL.COM"));
    assertFalse(f.contains("acme.io"));
    assertTrue(f.domains().size() > 10_000, "the published list, not a hand-typed one");
  }

  @Test
  void freeMailResource_namesItsOriginVersionAndDate() throws IOException {
    String text;
    try (InputStream in = FreeMail.class.getResourceAsStream("freemail.txt")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertTrue(text.contains("Origin: the npm package free-email-domains 1.12.6"), text);
    assertTrue(text.contains("taken on 2026-12-02"));
    assertTrue(text.contains("The MIT License"));
  }

  @Test
  void freeMail_parseOfAndPlus_normaliseAndExtend() throws IOException {
    FreeMail parsed = FreeMail.parse(new StringReader("# ours\n ACME.io  # a comment\n\n"));
    assertEquals(List.of("acme.io"), List.copyOf(parsed.domains()));
    assertEquals(parsed, FreeMail.of(List.of("Acme.IO")));
    FreeMail more = FreeMail.defaults().plus(List.of("Example.ORG"));
    assertTrue(more.contains("example.org"));
    assertTrue(more.contains("gmail.com"));
    assertFalse(FreeMail.defaults().contains("example.org"), "plus returns a new list");
    assertThrows(NullPointerException.class, () -> FreeMail.of(List.of("a.io", null)));
  }

  @Test
  void account_latestMembershipWins_thenSmallestIdOnATie() {
    Membership early = new Membership(T, "b");
    Membership late = new Membership(T.plusSeconds(1), "z");
    Membership tie = new Membership(T.plusSeconds(1), "a");
    assertEquals(late, Membership.latest(early, late));
    assertEquals(late, Membership.latest(late, early));
    assertEquals(tie, Membership.latest(late, tie));
    assertEquals(tie, Membership.latest(null, tie));
    Map<String, Value> corp = Map.of("email", Value.str("x@acme.io"));
    assertEquals(Optional.of("z"), rule.account(Optional.of(late), corp));
  }

  @Test
  void account_noMembership_emailDomainUnlessFreeMail() {
    assertEquals(
        Optional.of("sub.acme.io"),
        rule.account(Optional.empty(), Map.of("email", Value.str("A@x@Sub.ACME.io"))));
    assertEquals(
        Optional.of("globex.com"),
        rule.account(
            Optional.empty(),
            Map.of("email_domain", Value.str("Globex.com"), "email", Value.str("a@acme.io"))));
    assertEquals(
        Optional.empty(),
        rule.account(Optional.empty(), Map.of("email", Value.str("a@gmail.com"))));
    assertEquals(
        Optional.empty(),
        rule.account(Optional.empty(), Map.of("email", Value.str("t-online.de"))));
    assertEquals(Optional.empty(), rule.account(Optional.empty(), Map.of("email", Value.num(5))));
    assertEquals(
        Optional.of("acme.io"),
        rule.account(
            Optional.empty(),
            Map.of("email_domain", Value.str("  "), "email", Value.str("a@acme.io"))));
    assertEquals(Optional.empty(), rule.account(Optional.empty(), Map.of()));
  }

  @Test
  void account_ofAUserEntity_readsItsEventsAndTraits() {
    Entity user =
        Entity.builder("u1")
            .trait("email", "u1@acme.io")
            .event(Event.of("u1", "login", T))
            .event(Event.of("u1", "login", T.minusSeconds(60)).withAccount("acct-9"))
            .build();
    assertEquals(Optional.of("acct-9"), rule.account(user));
    Entity domainOnly = Entity.builder("u2").trait("email", "u2@acme.io").build();
    assertEquals(Optional.of("acme.io"), rule.account(domainOnly));
  }

  @Test
  void withFreeMail_replacesTheList_andNamesTheWrongArgument() {
    AccountRule ours = AccountRule.withFreeMail(FreeMail.of(List.of("acme.io")));
    assertEquals(
        Optional.of("gmail.com"),
        ours.account(Optional.empty(), Map.of("email", Value.str("g@gmail.com"))));
    assertEquals(
        Optional.empty(), ours.account(Optional.empty(), Map.of("email", Value.str("a@acme.io"))));
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> AccountRule.withFreeMail(null));
    assertEquals("freeMail", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Membership(T, " "));
  }

  @Test
  void accountTrait_givesTheAccountAfterStatementsAndBeforeTheEmailDomain() {
    AccountRule org = AccountRule.standard().withAccountTrait("org_id");
    Map<String, Value> traits = Map.of("org_id", Value.num(11), "email", Value.str("ana@acme.io"));
    assertEquals(Optional.of("11"), org.account(Optional.empty(), traits));
    assertEquals(
        Optional.of("globex.com"),
        org.account(Optional.of(new Membership(T, "globex.com")), traits),
        "a statement of membership still wins");
    assertEquals(
        Optional.of("acme.io"), rule.account(Optional.empty(), traits), "standard: domain");
    assertEquals(
        Optional.of("org 7"),
        org.account(Optional.empty(), Map.of("org_id", Value.str("  org 7 "))),
        "a string is trimmed");
    assertEquals(
        Optional.of("acme.io"),
        org.account(
            Optional.empty(), Map.of("org_id", Value.str(" "), "email", Value.str("a@acme.io"))),
        "a blank value falls through to the domain");
    assertEquals(
        Optional.empty(),
        org.account(Optional.empty(), Map.of("org_id", Value.bool(true))),
        "a boolean is no account");
    assertEquals(
        Optional.of("acme.io"),
        org.account(
            Optional.empty(),
            Map.of("org_id", Value.str("a\u0007b"), "email", Value.str("a@acme.io"))),
        "a value with control characters is no account");
    assertEquals(Optional.of("org_id"), org.accountTrait());
    assertEquals(Optional.empty(), rule.accountTrait());
    assertTrue(org.toString().contains("account trait org_id"), org.toString());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> rule.withAccountTrait(" "));
    assertEquals("trait: must not be blank", e.getMessage());
  }

  @Test
  void accountTrait_keepsTheFreeMailList() {
    FreeMail f = FreeMail.defaults().plus(List.of("corp-mail.example"));
    AccountRule org = AccountRule.withFreeMail(f).withAccountTrait("org_id");
    assertEquals(f, org.freeMail());
    assertEquals(
        Optional.empty(),
        org.account(Optional.empty(), Map.of("email", Value.str("a@corp-mail.example"))));
  }
}
