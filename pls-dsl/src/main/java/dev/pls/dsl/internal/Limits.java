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
}
