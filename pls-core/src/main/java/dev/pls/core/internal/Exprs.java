package dev.pls.core.internal;

import dev.pls.core.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Walks expression trees. */
public final class Exprs {
  private Exprs() {}

  /** The direct children of {@code e}, left to right; filters of aggregates are not children. */
  public static List<Expr> children(Expr e) {
    if (e instanceof Expr.Arith a) {
      return List.of(a.left(), a.right());
    } else if (e instanceof Expr.Compare c) {
      return List.of(c.left(), c.right());
    } else if (e instanceof Expr.Between b) {
      return List.of(b.operand(), b.low(), b.high());
    } else if (e instanceof Expr.In in) {
      return List.of(in.operand());
    } else if (e instanceof Expr.And a) {
      return a.operands();
    } else if (e instanceof Expr.Or o) {
      return o.operands();
    } else if (e instanceof Expr.Not n) {
      return List.of(n.operand());
    } else if (e instanceof Expr.IsMissing m) {
      return List.of(m.operand());
    } else if (e instanceof Expr.Lower l) {
      return List.of(l.operand());
    }
    return List.of();
  }

  /** Visits {@code e} and its descendants in pre-order. */
  public static void walk(Expr e, Consumer<Expr> visitor) {
    visitor.accept(e);
    for (Expr c : children(e)) {
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
