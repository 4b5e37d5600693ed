package dev.pls.dsl.internal;

/**
 * The documented limits that keep a hostile or broken rule file from exhausting memory, the stack
 * or time: each one exceeded gives a diagnostic, never an exception.
 */
public final class Limits {
  private Limits() {}

  /** Largest file, in characters (1 MiB of text). */
  public static final int MAX_FILE_CHARS = 1 << 20;

  /** Deepest nesting of parentheses, braces or prefix operators ({@code not}, {@code -}). */
  public static final int MAX_NESTING = 32;

  /** Longest chain of binary operators in one expression. */
  public static final int MAX_CHAIN = 256;

  /** Syntax errors reported before the parser gives up on the rest of the file. */
  public static final int MAX_SYNTAX_ERRORS = 25;

  /** Most rules in one model. */
  public static final int MAX_RULES = 10_000;

  /** Deepest expression tree (operators inside operators), see {@link Code#PLS0005}. */
  public static final int MAX_EXPR_DEPTH = 320;

  /** Most diagnostics reported for one file; the rest are counted in one {@link Code#PLS0006}. */
  public static final int MAX_DIAGNOSTICS = 100;

  /** Errors after which checking stops; see {@link Reporter}. */
  public static final int MAX_ERRORS = 1_000;

  /** Distinct event names compared for near misses ({@link Code#PLS0505}); the rest are not. */
  public static final int MAX_NEAR_MISS_EVENTS = 2_000;

  /** Tiers analysed for reachability ({@link Code#PLS0502}); later tiers are not. */
  public static final int MAX_ANALYSED_TIERS = 1_000;

  /**
   * {@code text} when short, else its first characters and its length: a message quotes a literal
   * or name from the file without growing with it.
   */
  public static String abbreviate(String text) {
    if (text.length() <= 24) {
      return text;
    }
    return text.substring(0, 16) + "\u2026(" + text.length() + " characters)";
  }
}
