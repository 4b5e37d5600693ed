package dev.pls.core.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pls.core.model.Value;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventTest {
  private static final Instant T = Instant.parse("2026-11-20T00:00:00Z");
  private static final BigDecimal NINE_HUNDRED_NINETY_NINE_DIGITS = new BigDecimal("9".repeat(999));

  @Test
  void aNineHundredNinetyNineDigitProperty_isRefusedNamingIt_notScoredSlowly() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Event.of("u", "paid", T).withProperty("amount", NINE_HUNDRED_NINETY_NINE_DIGITS));
    assertEquals(
        "properties['amount']: 999-digit number is out of range (at most 34 significant digits, at"
            + " most 34 digits after the point, and below 10^34 in absolute value)",
        e.getMessage());
    // The same through the constructor, with a Value.Num made directly.
    IllegalArgumentException direct =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new Event(
                    "u",
                    Optional.empty(),
                    "paid",
                    T,
                    Map.of("amount", new Value.Num(NINE_HUNDRED_NINETY_NINE_DIGITS))));
    assertEquals(e.getMessage(), direct.getMessage());
  }

  @Test
  void propertiesAtTheEdgesOfTheRange_areAccepted_pastThemRefused() {
    Event e = Event.of("u", "paid", T);
    e.withProperty("amount", new BigDecimal("9".repeat(34)));
    e.withProperty("amount", new BigDecimal("1E-34"));
    e.withProperty("amount", 1e33);
    assertEquals(
        "properties['amount']: 1E+34 is out of range (at most 34 significant digits, at most 34"
            + " digits after the point, and below 10^34 in absolute value)",
        assertThrows(IllegalArgumentException.class, () -> e.withProperty("amount", 1e34))
            .getMessage());
    assertThrows(IllegalArgumentException.class, () -> e.withProperty("amount", 1e-35));
  }

  @Test
  void ofAccount_hasItsAccountAndNoUser_andUserSaysSo() {
    Event e = Event.ofAccount("acme", "contract_signed", T).withProperty("seats", 12);
    assertEquals(false, e.hasUser());
    assertEquals(Optional.of("acme"), e.account());
    assertEquals(Optional.of(Value.num(12)), e.property("seats"));
    assertEquals(
        "event 'contract_signed' of account 'acme' alone has no user",
        assertThrows(IllegalStateException.class, e::user).getMessage());
    assertEquals(e, Event.ofAccount("acme", "contract_signed", T, Map.of("seats", Value.num(12))));
    assertEquals(true, Event.of("u", "login", T).hasUser());
  }

  @Test
  void anEventOfNoUserAndNoAccount_isRefused() {
    assertThrows(
        NullPointerException.class, () -> new Event(null, Optional.empty(), "x", T, Map.of()));
    assertEquals(
        "account: must not be blank",
        assertThrows(IllegalArgumentException.class, () -> Event.ofAccount(" ", "x", T))
            .getMessage());
  }
}
