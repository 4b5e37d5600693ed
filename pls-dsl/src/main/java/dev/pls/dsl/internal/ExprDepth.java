package dev.pls.dsl.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/*
 * The depth of an expression tree, measured without recursion: the measure exists to protect the
 * recursive passes from deep trees, so it must not itself be one of them. A left-associative chain
 * such as a + b + c builds a left-deep tree, so 30 levels of parentheses each holding a chain of
 * 200 operands make a tree 6,000 deep although each documented limit (nesting 32, chain 256) is
 * respected; this is what Limits.MAX_EXPR_DEPTH bounds.
 */
/** The depth of an {@link Ast.Expr} tree. */
final class ExprDepth {
  private ExprDepth() {}

  private record Entry(Ast.Expr expr, int depth) {}

  /**
   * The first node (in a depth-first walk) that lies deeper than {@code limit} levels below and
   * including {@code root}, or empty when the whole tree is within the limit. Linear in the tree.
   */
  static Optional<Ast.Expr> tooDeep(Ast.Expr root, int limit) {
    Deque<Entry> stack = new ArrayDeque<>();
    stack.push(new Entry(root, 1));
    while (!stack.isEmpty()) {
      Entry e = stack.pop();
      if (e.depth() > limit) {
        return Optional.of(e.expr());
      }
      int d = e.depth() + 1;
      Ast.Expr x = e.expr();
      if (x instanceof Ast.Call c) {
        for (Ast.Arg a : c.args()) {
          if (a instanceof Ast.FilterArg f && f.where().isPresent()) {
            stack.push(new Entry(f.where().get(), d));
          } else if (a instanceof Ast.WhereArg w) {
            stack.push(new Entry(w.condition(), d));
          }
        }
      } else if (x instanceof Ast.Neg n) {
        stack.push(new Entry(n.operand(), d));
      } else if (x instanceof Ast.Arith a) {
        stack.push(new Entry(a.right(), d));
        stack.push(new Entry(a.left(), d));
      } else if (x instanceof Ast.Compare c) {
        stack.push(new Entry(c.right(), d));
        stack.push(new Entry(c.left(), d));
      } else if (x instanceof Ast.Between b) {
        stack.push(new Entry(b.high(), d));
        stack.push(new Entry(b.low(), d));
        stack.push(new Entry(b.operand(), d));
      } else if (x instanceof Ast.In i) {
        stack.push(new Entry(i.operand(), d));
      } else if (x instanceof Ast.Missing m) {
        stack.push(new Entry(m.operand(), d));
      } else if (x instanceof Ast.And a) {
        a.operands().forEach(o -> stack.push(new Entry(o, d)));
      } else if (x instanceof Ast.Or o) {
        o.operands().forEach(y -> stack.push(new Entry(y, d)));
      } else if (x instanceof Ast.Not n) {
        stack.push(new Entry(n.operand(), d));
      } else if (x instanceof Ast.Within w) {
        stack.push(new Entry(w.operand(), d));
      }
    }
    return Optional.empty();
  }
}
