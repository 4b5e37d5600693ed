package dev.pls.core.internal;

import dev.pls.core.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Walks expression trees. */
public final class Exprs {
  private Exprs() {}

  /** Visits {@code e} and its descendants in pre-order. */
  public static void walk(Expr e, Consumer<Expr> visitor) {
    visitor.accept(e);
    for (Expr c : e.children()) {
      walk(c, visitor);
    }
  }

  /** {@code e} and its descendants in pre-order. */
  public static List<Expr> flatten(Expr e) {
    List<Expr> all = new ArrayList<>();
    walk(e, all::add);
    return all;
  }
}
