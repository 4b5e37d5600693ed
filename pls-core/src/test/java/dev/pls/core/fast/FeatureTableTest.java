package dev.pls.core.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pls.core.FeatureScorer;
import dev.pls.core.FeatureTable;
import dev.pls.core.Value;
import dev.pls.core.testing.SeedTemplate;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureTableTest {
  private static final Instant T = Instant.parse("2026-11-20T12:00:00Z");

  @Test
  void column_wrongLength_throwsNamingTheColumn() {
    FeatureTable.Builder b = FeatureTable.builder(List.of("a", "b"));
    var e =
        assertThrows(
            IllegalArgumentException.class, () -> b.column("invites within 7d", new long[3]));
    assertEquals("values: column 'invites within 7d' has 3 rows, the table 2", e.getMessage());
  }

  @Test
  void score_columnTheModelReadsIsAbsent_throwsNamingIt() {
    FeatureTable table = FeatureTable.builder(List.of("a")).build();
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FeatureScorer.of(SeedTemplate.model()).score(table, T));
    assertEquals(
        "table: no column 'premium_used within 30d', which the model reads", e.getMessage());
  }

  @Test
  void score_traitColumnOfWrongType_throwsNamingRow() {
    FeatureTable.Builder b = FeatureTable.builder(List.of("a"));
    b.column("employees", new Value[] {Value.str("many")});
    var e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FeatureScorer.of(SeedTemplate.model()).score(b.build(), T));
    assertEquals(
        "table: column 'employees' row 0: must be int, was string \"many\"", e.getMessage());
  }
}
