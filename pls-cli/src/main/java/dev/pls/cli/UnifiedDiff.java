package dev.pls.cli;

import com.github.difflib.DiffUtils;
import com.github.difflib.algorithm.myers.MyersDiff;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Chunk;
import java.util.ArrayList;
import java.util.List;

/*
 * A unified diff (as `diff -u` writes it) of two texts, for `pls fmt --diff`. java-diff-utils
 * finds the changed blocks with Myers' algorithm, whose work grows with the length of the files
 * times the number of changed lines rather than with the product of the lengths: a 25,000-line file
 * with one line out of format diffs in milliseconds in a 256 MiB heap, where a full table of the
 * longest common subsequence needed gigabytes. Of the two Myers variants the library has, the
 * classic one is used: it picks the same lines as the table did far more often when several
 * alignments are equally short (which blank line of two was removed, say).
 *
 * The hunks are written here rather than by UnifiedDiffUtils, whose headers always carry a count
 * (`-5,1`) where diff -u, and pls until now, leave out a count of one, and which writes nothing for
 * texts that differ only in a missing final newline. Hunks carry three lines of context and are
 * merged when their context would overlap; within a changed block deletions come before insertions.
 * A text whose last line has no newline is compared as if it had one, but the header still says the
 * file is not formatted.
 */
/** Unified diffs of two texts, line by line. */
final class UnifiedDiff {
  private static final int CONTEXT = 3;

  private UnifiedDiff() {}

  /** The diff from {@code before} to {@code after}, empty when they are equal. */
  static String of(String name, String before, String after) {
    return of(name, before, after, name + " (formatted)");
  }

  /**
   * The diff from {@code before} (the file {@code name}) to {@code after} (headed {@code newName}),
   * empty when they are equal.
   */
  static String of(String name, String before, String after, String newName) {
    if (before.equals(after)) {
      return "";
    }
    List<String> a = lines(before);
    List<String> b = lines(after);
    List<AbstractDelta<String>> deltas = DiffUtils.diff(a, b, new MyersDiff<String>()).getDeltas();
    StringBuilder sb = new StringBuilder();
    sb.append("--- ").append(name).append('\n');
    sb.append("+++ ").append(newName).append('\n');
    int first = 0;
    while (first < deltas.size()) {
      int last = first;
      // Extend the hunk while the next change is within twice the context of the last one.
      while (last + 1 < deltas.size()
          && deltas.get(last + 1).getSource().getPosition() - end(deltas.get(last).getSource())
              <= 2 * CONTEXT) {
        last++;
      }
      hunk(sb, a, deltas.subList(first, last + 1));
      first = last + 1;
    }
    return sb.toString();
  }

  private static void hunk(StringBuilder sb, List<String> a, List<AbstractDelta<String>> deltas) {
    AbstractDelta<String> head = deltas.get(0);
    int start = Math.max(0, head.getSource().getPosition() - CONTEXT);
    int end = Math.min(a.size(), end(deltas.get(deltas.size() - 1).getSource()) + CONTEXT);
    int newStart = head.getTarget().getPosition() - (head.getSource().getPosition() - start);
    int oldCount = end - start;
    int newCount = oldCount;
    for (AbstractDelta<String> d : deltas) {
      newCount += d.getTarget().size() - d.getSource().size();
    }
    sb.append("@@ -").append(range(start, oldCount)).append(" +");
    sb.append(range(newStart, newCount)).append(" @@\n");
    int line = start;
    int i = 0;
    while (i < deltas.size()) {
      for (; line < deltas.get(i).getSource().getPosition(); line++) {
        sb.append(' ').append(a.get(line)).append('\n');
      }
      // Deltas that touch form one changed block: all of its deletions, then its insertions.
      int j = i;
      while (j + 1 < deltas.size()
          && deltas.get(j + 1).getSource().getPosition() == end(deltas.get(j).getSource())) {
        j++;
      }
      for (AbstractDelta<String> d : deltas.subList(i, j + 1)) {
        for (String s : d.getSource().getLines()) {
          sb.append('-').append(s).append('\n');
        }
      }
      for (AbstractDelta<String> d : deltas.subList(i, j + 1)) {
        for (String s : d.getTarget().getLines()) {
          sb.append('+').append(s).append('\n');
        }
      }
      line = end(deltas.get(j).getSource());
      i = j + 1;
    }
    for (; line < end; line++) {
      sb.append(' ').append(a.get(line)).append('\n');
    }
  }

  private static int end(Chunk<String> chunk) {
    return chunk.getPosition() + chunk.size();
  }

  /** A range as diff -u writes it: 1-based, the count left out when it is one. */
  private static String range(int start, int count) {
    // An empty range names the line before it, as diff -u does.
    int first = count == 0 ? start : start + 1;
    return count == 1 ? String.valueOf(first) : first + "," + count;
  }

  private static List<String> lines(String text) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }
}
