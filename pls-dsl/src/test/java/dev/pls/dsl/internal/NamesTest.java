package dev.pls.dsl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NamesTest {
  @Test
  void
      didYouMean_searchesOnlyAsManyTimesAsDiagnosticsAreShown_soUnknownNamesTimesDeclaredOnesStaysBounded() {
    // 1,000 unknown names among 16,000 declared ones of the same length took 21 s to check: each
    // search compared the name with every declared one. Only the first searches are made now.
    List<String> declared = new ArrayList<>();
    for (int i = 0; i < 16_000; i++) {
      declared.add(String.format("event_%08d", i));
    }
    Reporter reporter = new Reporter("t.pls");
    int found = 0;
    for (int i = 0; i < 1_000; i++) {
      if (Names.closest(reporter, String.format("event_%08dz", i), declared).isPresent()) {
        found++;
      }
    }
    assertEquals(Limits.MAX_DIAGNOSTICS, found);
    assertEquals(
        Optional.of("event_00000001"), Names.closest("event_00000001z", declared), "unbudgeted");
  }
}
