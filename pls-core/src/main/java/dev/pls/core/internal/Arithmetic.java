package dev.pls.core.internal;

import java.math.MathContext;

/** The arithmetic every engine shares, so that no engine reaches into another for it. */
public final class Arithmetic {
  private Arithmetic() {}

  /** How division rounds: 34 significant digits, half-even (IEEE 754 decimal128). */
  public static final MathContext DIVISION = MathContext.DECIMAL128;
}
