package dev.pls.dsl.internal;

import dev.pls.core.model.Expr.ArithOp;
import dev.pls.core.model.Value;
import java.util.List;

/**
 * Prints expressions in the one canonical layout: single spaces around operators, parentheses only
 * where precedence needs them. The formatter and default rule labels both use it, so a formatted
 * file derives the same labels as the original.
 */
public final class Printer {
  private Printer() {}

  /** The canonical text of an expression. */
  public static String expr(Ast.Expr e) {
    StringBuilder sb = new StringBuilder();
    print(e, 0, sb);
    return sb.toString();
  }

  /** A string literal with the escapes the lexer reads back. */
  public static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        default -> sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  /** A literal value as written. */
  public static String literal(Value v) {
    if (v instanceof Value.Str s) {
      return quote(s.value());
    }
    if (v instanceof Value.Num n) {
      return n.value().toPlainString();
    }
    return v.toString();
  }

  private static int level(Ast.Expr e) {
    if (e instanceof Ast.Within) {
      return 0;
    }
    if (e instanceof Ast.Or) {
      return 1;
    }
    if (e instanceof Ast.And) {
      return 2;
    }
    if (e instanceof Ast.Not) {
      return 3;
    }
    if (e instanceof Ast.Compare
        || e instanceof Ast.Between
        || e instanceof Ast.In
        || e instanceof Ast.Missing) {
      return 4;
    }
    if (e instanceof Ast.Arith a) {
      return a.op() == ArithOp.ADD || a.op() == ArithOp.SUB ? 5 : 6;
    }
    if (e instanceof Ast.Neg) {
      return 7;
    }
    return 8;
  }

  private static void print(Ast.Expr e, int min, StringBuilder sb) {
    boolean paren = level(e) < min;
    if (paren) {
      sb.append('(');
    }
    if (e instanceof Ast.Within w) {
      // "... count(x) within 7d" would give the window to the call alone; parentheses keep it
      // on the whole condition.
      print(w.operand(), endsWithBareCall(w.operand(), 1) ? 9 : 1, sb);
      sb.append(" within ").append(w.window());
    } else if (e instanceof Ast.Or o) {
      join(o.operands(), " or ", 2, sb);
    } else if (e instanceof Ast.And a) {
      join(a.operands(), " and ", 3, sb);
    } else if (e instanceof Ast.Not n) {
      sb.append("not ");
      print(n.operand(), 3, sb);
    } else if (e instanceof Ast.Compare c) {
      print(c.left(), 5, sb);
      sb.append(' ').append(c.op().symbol()).append(' ');
      print(c.right(), 5, sb);
    } else if (e instanceof Ast.Between b) {
      print(b.operand(), 5, sb);
      sb.append(" between ");
      print(b.low(), 5, sb);
      sb.append(" and ");
      print(b.high(), 5, sb);
    } else if (e instanceof Ast.In in) {
      print(in.operand(), 5, sb);
      sb.append(in.negated() ? " not in " : " in ");
      if (in.set().name().isPresent()) {
        sb.append(in.set().name().get().name());
      } else {
        set(in.set().values(), sb);
      }
    } else if (e instanceof Ast.Missing m) {
      print(m.operand(), 5, sb);
      sb.append(m.present() ? " is present" : " is missing");
    } else if (e instanceof Ast.Arith a) {
      int l = level(a);
      print(a.left(), l, sb);
      sb.append(' ').append(a.op().symbol()).append(' ');
      print(a.right(), l + 1, sb);
    } else if (e instanceof Ast.Neg n) {
      sb.append('-');
      print(n.operand(), 7, sb);
    } else if (e instanceof Ast.Lit l) {
      sb.append(literal(l.value()));
    } else if (e instanceof Ast.Name n) {
      sb.append(n.name());
    } else if (e instanceof Ast.Call c) {
      sb.append(c.function()).append('(');
      for (int i = 0; i < c.args().size(); i++) {
        sb.append(i == 0 ? "" : ", ");
        arg(c.args().get(i), sb);
      }
      sb.append(')');
      c.window().ifPresent(w -> sb.append(" within ").append(w));
    } else {
      throw new AssertionError("unknown expression " + e);
    }
    if (paren) {
      sb.append(')');
    }
  }

  /** Whether {@code e}, printed at precedence {@code min}, ends with a call that has no window. */
  private static boolean endsWithBareCall(Ast.Expr e, int min) {
    if (level(e) < min) {
      return false;
    }
    if (e instanceof Ast.Call c) {
      return c.window().isEmpty();
    }
    if (e instanceof Ast.Or o) {
      return endsWithBareCall(o.operands().get(o.operands().size() - 1), 2);
    }
    if (e instanceof Ast.And a) {
      return endsWithBareCall(a.operands().get(a.operands().size() - 1), 3);
    }
    if (e instanceof Ast.Not n) {
      return endsWithBareCall(n.operand(), 3);
    }
    if (e instanceof Ast.Compare c) {
      return endsWithBareCall(c.right(), 5);
    }
    if (e instanceof Ast.Between b) {
      return endsWithBareCall(b.high(), 5);
    }
    if (e instanceof Ast.Arith a) {
      return endsWithBareCall(a.right(), level(a) + 1);
    }
    if (e instanceof Ast.Neg n) {
      return endsWithBareCall(n.operand(), 7);
    }
    return false;
  }

  private static void arg(Ast.Arg a, StringBuilder sb) {
    if (a instanceof Ast.DurationArg d) {
      sb.append(d.window());
      return;
    }
    if (a instanceof Ast.WhereArg w) {
      sb.append("where ");
      print(w.condition(), 1, sb);
      return;
    }
    Ast.FilterArg f = (Ast.FilterArg) a;
    sb.append(eventName(f.event()));
    f.property().ifPresent(p -> sb.append('.').append(p.name()));
    f.where()
        .ifPresent(
            w -> {
              sb.append(" where ");
              print(w, 1, sb);
            });
  }

  /** An event name as written: bare, or quoted when it was quoted. */
  public static String eventName(Ast.EventName n) {
    return n.quoted() ? quote(n.name()) : n.name();
  }

  /** A set literal: {@code {"a", "b"}}. */
  public static void set(List<Ast.Lit> values, StringBuilder sb) {
    sb.append('{');
    for (int i = 0; i < values.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(literal(values.get(i).value()));
    }
    sb.append('}');
  }

  private static void join(List<Ast.Expr> operands, String op, int min, StringBuilder sb) {
    for (int i = 0; i < operands.size(); i++) {
      sb.append(i == 0 ? "" : op);
      print(operands.get(i), min, sb);
    }
  }
}
