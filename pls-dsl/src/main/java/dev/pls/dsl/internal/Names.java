package dev.pls.dsl.internal;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * Name helpers: "did you mean" suggestions, the slugs of derived rule ids, and which quoted texts
 * can name things.
 */
final class Names {
  private Names() {}

  /** {@link #closest(String, Collection)}, if the reporter allows one more search. */
  static Optional<String> closest(Reporter reporter, String name, Collection<String> candidates) {
    if (!reporter.maySuggest()) {
      return Optional.empty();
    }
    return closest(name, candidates);
  }

  /** {@code "; did you mean 'x'?"} or nothing, within the reporter's budget of searches. */
  static String didYouMean(Reporter reporter, String name, Collection<String> candidates) {
    return closest(reporter, name, candidates).map(c -> "; did you mean '" + c + "'?").orElse("");
  }

  /**
   * The closest candidate within an edit distance that scales with the name, if any. Each candidate
   * costs a length comparison, and only those of a near length a distance computed in a band of
   * that width, so a search over many long names stays cheap.
   */
  static Optional<String> closest(String name, Collection<String> candidates) {
    String best = null;
    int allowed = name.length() <= 3 ? 1 : name.length() <= 8 ? 2 : 3;
    int bestDistance = allowed + 1;
    String lower = name.toLowerCase(Locale.ROOT);
    for (String c : candidates) {
      if (Math.abs(c.length() - name.length()) > allowed) {
        continue;
      }
      int d = distanceAtMost(lower, c.toLowerCase(Locale.ROOT), allowed);
      if (d <= allowed && (d < bestDistance || (d == bestDistance && c.compareTo(best) < 0))) {
        best = c;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /**
   * Whether a quoted text can name something in the core model: not blank, no leading or trailing
   * space, no control characters (escapes such as \n can put them in a string).
   */
  static boolean isUsable(String text) {
    return !text.isBlank()
        && text.strip().equals(text)
        && text.chars().noneMatch(Character::isISOControl);
  }

  /** Whether {@code text} {@linkplain #isUsable is usable}; reports {@code what} if not. */
  static boolean usableText(Reporter reporter, String text, Ast.Span span, String what) {
    if (!isUsable(text)) {
      reporter.error(
          Code.PLS0102,
          span,
          what
              + " "
              + Printer.quote(text)
              + " must not be blank, start or end with spaces, or contain control characters");
      return false;
    }
    return true;
  }

  /** Levenshtein distance, bounded in cost by the (short) names compared. */
  static int distance(String a, String b) {
    if (a.length() > 64 || b.length() > 64) {
      return a.equals(b) ? 0 : Integer.MAX_VALUE;
    }
    return distanceAtMost(a, b, Math.max(a.length(), b.length()));
  }

  /**
   * The Levenshtein distance of {@code a} and {@code b} when it is at most {@code k}, else {@code k
   * + 1}. Only the diagonal band of width {@code 2k + 1} is computed, and the computation stops as
   * soon as a whole row exceeds {@code k}: the cost is {@code O(k * length)}, not the product of
   * the lengths.
   */
  static int distanceAtMost(String a, String b, int k) {
    int n = a.length();
    int m = b.length();
    if (Math.abs(n - m) > k) {
      return k + 1;
    }
    int over = k + 1;
    int[] prev = new int[m + 1];
    int[] cur = new int[m + 1];
    for (int j = 0; j <= m; j++) {
      prev[j] = j <= k ? j : over;
    }
    for (int i = 1; i <= n; i++) {
      int from = Math.max(1, i - k);
      int to = Math.min(m, i + k);
      cur[0] = i <= k ? i : over;
      if (from > 1) {
        cur[from - 1] = over;
      }
      int rowMin = cur[0];
      for (int j = from; j <= to; j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
        cur[j] = Math.min(v, over);
        rowMin = Math.min(rowMin, cur[j]);
      }
      if (to < m) {
        cur[to + 1] = over;
      }
      if (rowMin > k) {
        return over;
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return Math.min(prev[m], over);
  }

  /**
   * Lower-case ASCII letters and digits, other runs become one underscore: "Hit a limit!" ->
   * hit_a_limit.
   */
  static String slug(String label) {
    StringBuilder sb = new StringBuilder();
    boolean gap = false;
    for (int i = 0; i < label.length(); i++) {
      char c = label.charAt(i);
      boolean keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
      if (keep) {
        if (gap && sb.length() > 0) {
          sb.append('_');
        }
        sb.append(Character.toLowerCase(c));
        gap = false;
      } else {
        gap = true;
      }
    }
    return sb.toString();
  }
}
