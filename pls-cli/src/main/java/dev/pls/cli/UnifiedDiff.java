package dev.pls.cli;

import java.util.ArrayList;
import java.util.List;

/*
 * A unified diff (as `diff -u` writes it) of two small texts, for `pls fmt --diff`. Rule files are
 * small, so the longest common subsequence is found with the plain quadratic table; hunks carry
 * three lines of context and are merged when their context would overlap.
 */
/** Unified diffs of two texts, line by line. */
final class UnifiedDiff {
  private static final int CONTEXT = 3;

  private UnifiedDiff() {}

  private record Op(char kind, String line, int oldLine, int newLine) {}

  /** The diff from {@code before} to {@code after}, empty when they are equal. */
  static String of(String name, String before, String after) {
    if (before.equals(after)) {
      return "";
    }
    List<String> a = lines(before);
    List<String> b = lines(after);
    List<Op> ops = script(a, b);
    StringBuilder sb = new StringBuilder();
    sb.append("--- ").append(name).append('\n');
    sb.append("+++ ").append(name).append(" (formatted)\n");
    int i = 0;
    while (i < ops.size()) {
      if (ops.get(i).kind == ' ') {
        i++;
        continue;
      }
      int start = Math.max(0, i - CONTEXT);
      int end = i;
      // Extend the hunk while the next change is within twice the context of the last one.
      while (true) {
        int next = end;
        while (next < ops.size() && ops.get(next).kind != ' ') {
          next++;
        }
        int gap = next;
        while (gap < ops.size() && ops.get(gap).kind == ' ') {
          gap++;
        }
        if (gap < ops.size() && gap - next <= 2 * CONTEXT) {
          end = gap;
        } else {
          end = Math.min(ops.size(), next + CONTEXT);
          break;
        }
      }
      hunk(sb, ops.subList(start, end));
      i = end;
    }
    return sb.toString();
  }

  private static void hunk(StringBuilder sb, List<Op> ops) {
    int oldStart = 0;
    int newStart = 0;
    int oldCount = 0;
    int newCount = 0;
    for (Op op : ops) {
      if (op.kind != '+') {
        oldStart = oldCount == 0 ? op.oldLine : oldStart;
        oldCount++;
      }
      if (op.kind != '-') {
        newStart = newCount == 0 ? op.newLine : newStart;
        newCount++;
      }
    }
    if (oldCount == 0) {
      oldStart = ops.get(0).oldLine - 1;
    }
    if (newCount == 0) {
      newStart = ops.get(0).newLine - 1;
    }
    sb.append("@@ -").append(range(oldStart, oldCount)).append(" +");
    sb.append(range(newStart, newCount)).append(" @@\n");
    for (Op op : ops) {
      sb.append(op.kind).append(op.line).append('\n');
    }
  }

  private static String range(int start, int count) {
    return count == 1 ? String.valueOf(start) : start + "," + count;
  }

  private static List<Op> script(List<String> a, List<String> b) {
    int[][] lcs = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        lcs[i][j] =
            a.get(i).equals(b.get(j))
                ? lcs[i + 1][j + 1] + 1
                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<Op> ops = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
        ops.add(new Op(' ', a.get(i), i + 1, j + 1));
        i++;
        j++;
      } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
        // Deletions first, as diff -u writes a changed block.
        ops.add(new Op('-', a.get(i), i + 1, j + 1));
        i++;
      } else {
        ops.add(new Op('+', b.get(j), i + 1, j + 1));
        j++;
      }
    }
    return ops;
  }

  private static List<String> lines(String text) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
      lines.remove(lines.size() - 1);
    }
    return lines;
  }
}
