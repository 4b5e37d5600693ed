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

  /** The closest candidate within an edit distance that scales with the name, if any. */
  static Optional<String> closest(String name, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    int allowed = name.length() <= 3 ? 1 : name.length() <= 8 ? 2 : 3;
    for (String c : candidates) {
      int d = distance(name.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
      if (d <= allowed && (d < bestDistance || (d == bestDistance && c.compareTo(best) < 0))) {
        best = c;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /** {@code "; did you mean 'x'?"} or nothing. */
  static String didYouMean(String name, Collection<String> candidates) {
    return closest(name, candidates).map(c -> "; did you mean '" + c + "'?").orElse("");
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
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
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
