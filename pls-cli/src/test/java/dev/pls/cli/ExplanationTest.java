package dev.pls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pls.core.model.Value;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ExplanationTest {
  @Test
  void numbers_areShownToHundredthsAtMost_asASellerReadsThem() {
    // explain printed -23.0769230769230769230769230769 where a seller reads -23.08.
    assertEquals(
        "-23.08", Explanation.shown(Value.of(new BigDecimal("-23.0769230769230769230769230769"))));
    assertEquals("0.32", Explanation.shown(Value.of(new BigDecimal("0.325"))), "half-even");
    assertEquals("1.5", Explanation.shown(Value.of(new BigDecimal("1.5"))));
    assertEquals("1500", Explanation.shown(Value.of(new BigDecimal("1500"))));
    assertEquals("2", Explanation.shown(Value.of(new BigDecimal("2.001"))));
    assertEquals("\"acme.io\"", Explanation.shown(Value.of("acme.io")), "strings as before");
  }
}
