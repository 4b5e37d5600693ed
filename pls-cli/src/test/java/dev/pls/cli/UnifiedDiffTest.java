package dev.pls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The shapes of hunk that diff -u writes and that {@code pls fmt --diff} has always written. */
class UnifiedDiffTest {
  private static final String HEADER = "--- f\n+++ f (formatted)\n";

  private static String lines(int from, int to) {
    return IntStream.rangeClosed(from, to)
        .mapToObj(i -> "l" + i + "\n")
        .collect(Collectors.joining());
  }

  @Test
  void of_equalTexts_empty() {
    assertEquals("", UnifiedDiff.of("f", "a\nb\n", "a\nb\n"));
  }

  @Test
  void of_oneLineChanged_countsOfOneLeftOutOfNothing() {
    assertEquals(
        HEADER + "@@ -1,3 +1,3 @@\n x\n-y\n+Y\n z\n",
        UnifiedDiff.of("f", "x\ny\nz\n", "x\nY\nz\n"));
  }

  @Test
  void of_emptyBefore_emptyRangeNamesLineZero() {
    assertEquals(HEADER + "@@ -0,0 +1,2 @@\n+a\n+b\n", UnifiedDiff.of("f", "", "a\nb\n"));
  }

  @Test
  void of_emptyAfter_emptyRangeNamesLineZero() {
    assertEquals(HEADER + "@@ -1,2 +0,0 @@\n-a\n-b\n", UnifiedDiff.of("f", "a\nb\n", ""));
  }

  @Test
  void of_onlyFinalNewlineMissing_headerWithoutHunks() {
    assertEquals(HEADER, UnifiedDiff.of("f", "a\nb", "a\nb\n"));
  }

  @Test
  void of_firstLineDeletedAndLineAppended_contextClampedToTheFile() {
    assertEquals(
        HEADER + "@@ -1,3 +1,2 @@\n-a\n b\n c\n", UnifiedDiff.of("f", "a\nb\nc\n", "b\nc\n"));
    assertEquals(
        HEADER + "@@ -1,3 +1,4 @@\n a\n b\n c\n+d\n",
        UnifiedDiff.of("f", "a\nb\nc\n", "a\nb\nc\nd\n"));
  }

  @Test
  void of_changesSixLinesApart_oneHunk() {
    String before = lines(1, 20);
    String after = before.replace("l3\n", "L3\n").replace("l10\n", "L10\n");
    assertEquals(
        HEADER
            + "@@ -1,13 +1,13 @@\n l1\n l2\n-l3\n+L3\n l4\n l5\n l6\n l7\n l8\n l9\n-l10\n+L10\n"
            + " l11\n l12\n l13\n",
        UnifiedDiff.of("f", before, after));
  }

  @Test
  void of_changesSevenLinesApart_twoHunks() {
    String before = lines(1, 20);
    String after = before.replace("l3\n", "L3\n").replace("l11\n", "L11\n");
    assertEquals(
        HEADER
            + "@@ -1,6 +1,6 @@\n l1\n l2\n-l3\n+L3\n l4\n l5\n l6\n"
            + "@@ -8,7 +8,7 @@\n l8\n l9\n l10\n-l11\n+L11\n l12\n l13\n l14\n",
        UnifiedDiff.of("f", before, after));
  }

  @Test
  void of_changedBlock_deletionsBeforeInsertions() {
    assertEquals(
        HEADER + "@@ -1,3 +1,3 @@\n a\n-b\n-c\n+B\n+C\n",
        UnifiedDiff.of("f", "a\nb\nc\n", "a\nB\nC\n"));
  }
}
