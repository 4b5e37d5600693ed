package dev.pls.core.internal.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdBytesTest {
  private static final List<String> IDS =
      List.of(
          "u1",
          "",
          "ü-latin1-\u00ff",
          "用户-42",
          "emoji-\uD83D\uDE00",
          "u1",
          "a-longer-id-that-makes-the-page-grow-past-its-first-sixty-four-bytes-0123456789",
          "\u0100");

  @Test
  void idsRoundTrip_andCompareWithoutFalseMatches_acrossGrowthAndTrim() {
    IdBytes page = new IdBytes(IDS.size());
    for (int i = 0; i < IDS.size(); i++) {
      page.add(i, IDS.get(i));
    }
    check(page);
    page.trim(IDS.size());
    check(page);
  }

  private static void check(IdBytes page) {
    for (int i = 0; i < IDS.size(); i++) {
      assertEquals(IDS.get(i), page.id(i));
      for (int j = 0; j < IDS.size(); j++) {
        assertEquals(IDS.get(i).equals(IDS.get(j)), page.is(i, IDS.get(j)), i + " is " + j);
      }
      assertFalse(page.is(i, IDS.get(i) + "x"));
    }
    // A UTF-16 id whose bytes read as Latin-1 would be another string of twice the length.
    assertFalse(page.is(3, "\u0075\u0028"));
    assertTrue(page.is(7, "\u0100"));
    assertFalse(page.is(7, "\u0001\u0000"));
  }
}
