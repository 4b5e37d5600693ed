package dev.pls.dsl.internal;

import dev.pls.core.model.Expr.CompareOp;
import dev.pls.core.model.Points;
import dev.pls.core.model.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/*
 * Whole-model analyses that find rules which cannot mean what their author meant. They reason
 * only about what is certain from the text: numeric comparisons of one operand against literals
 * (an interval per operand, intersected across an 'and'), and tiers whose conditions are such
 * intervals on the score. Anything else (or, not, arithmetic between aggregates) is left alone, so
 * the analyses never report a false alarm; they are not a solver.
 */
/** Unsatisfiable conditions, unreachable tiers, identical rules, caps below every rule. */
final class Analyses {
  private Analyses() {}

  /** A numeric interval; null bounds are infinite. */
  record Interval(BigDecimal lo, boolean loIn, BigDecimal hi, boolean hiIn) {
    static final Interval ALL = new Interval(null, false, null, false);

    Interval intersect(Interval o) {
      BigDecimal l = lo;
      boolean li = loIn;
      if (o.lo != null && (l == null || o.lo.compareTo(l) > 0)) {
        l = o.lo;
        li = o.loIn;
      } else if (o.lo != null && o.lo.compareTo(l) == 0) {
        li = li && o.loIn;
      }
      BigDecimal h = hi;
      boolean hin = hiIn;
      if (o.hi != null && (h == null || o.hi.compareTo(h) < 0)) {
        h = o.hi;
        hin = o.hiIn;
      } else if (o.hi != null && o.hi.compareTo(h) == 0) {
        hin = hin && o.hiIn;
      }
      return new Interval(l, li, h, hin);
    }

    boolean empty() {
      if (lo == null || hi == null) {
        return false;
      }
      int c = lo.compareTo(hi);
      return c > 0 || (c == 0 && !(loIn && hiIn));
    }

    /** Whether every point of this interval lies in {@code o}. */
    boolean within(Interval o) {
      return intersect(o).equals(this) || empty();
    }
  }

  static void run(Ast.Model file, Reporter reporter) {
    Map<String, Ast.RuleDecl> seen = new LinkedHashMap<>();
    for (Ast.CategoryDecl c : file.categories()) {
      Points smallest = null;
      for (Ast.RuleDecl r : c.rules()) {
        unsatisfiable(r.condition(), reporter);
        String key = Printer.expr(r.condition());
        Ast.RuleDecl previous = seen.putIfAbsent(key, r);
        if (previous != null) {
          reporter.warning(
              Code.PLS0503,
              r.condition().span(),
              "this rule has the same condition as the rule on line "
                  + previous.span().line()
                  + "; merge them or change one");
        }
        try {
          Points p = Points.parse(r.points().text());
          if (p.signum() > 0 && (smallest == null || p.compareTo(smallest) < 0)) {
            smallest = p;
          }
        } catch (IllegalArgumentException | ArithmeticException e) {
          // Reported by the checker as PLS0405.
        }
      }
      if (c.cap().isPresent() && smallest != null) {
        try {
          Points cap = Points.parse(c.cap().get().text());
          if (cap.signum() >= 0 && cap.compareTo(smallest) < 0) {
            reporter.warning(
                Code.PLS0504,
                c.cap().get().span(),
                "cap "
                    + cap
                    + " is smaller than the smallest rule of '"
                    + c.name().name()
                    + "' (+"
                    + smallest
                    + "); no rule can ever contribute its full points");
          }
        } catch (IllegalArgumentException | ArithmeticException e) {
          // Reported by the checker as PLS0405.
        }
      }
    }
    for (Ast.ExcludeDecl x : file.exclusions()) {
      unsatisfiable(x.condition(), reporter);
    }
    List<Interval> earlier = new ArrayList<>();
    List<Ast.TierDecl> earlierTiers = new ArrayList<>();
    for (Ast.TierDecl t : file.tiers()) {
      unsatisfiable(t.condition(), reporter);
      Optional<Interval> score = scoreInterval(t.condition());
      // Each tier is compared with every earlier one: quadratic, so bounded to the first tiers (a
      // real model has a handful; a file of thousands is generated).
      if (score.isPresent() && earlier.size() < Limits.MAX_ANALYSED_TIERS) {
        for (int i = 0; i < earlier.size(); i++) {
          if (score.get().within(earlier.get(i))) {
            reporter.error(
                Code.PLS0502,
                t.name().span(),
                "tier '"
                    + t.name().name()
                    + "' can never be reached: every score it accepts is taken first by tier '"
                    + earlierTiers.get(i).name().name()
                    + "' (line "
                    + earlierTiers.get(i).span().line()
                    + "); order tiers from the highest threshold down");
            break;
          }
        }
        earlier.add(score.get());
        earlierTiers.add(t);
      }
    }
  }

  /** Reports every 'and' and 'between' in {@code e} that can never hold. */
  private static void unsatisfiable(Ast.Expr e, Reporter reporter) {
    if (e instanceof Ast.Between b) {
      Optional<Interval> i = interval(b);
      if (i.isPresent() && i.get().empty()) {
        reporter.error(
            Code.PLS0501,
            b.span(),
            "'"
                + Printer.expr(b)
                + "' can never hold: the low bound is above the high bound; swap them");
      }
    } else if (e instanceof Ast.And a) {
      Map<String, Interval> bounds = new LinkedHashMap<>();
      for (Ast.Expr o : a.operands()) {
        Optional<String> key = operandKey(o);
        Optional<Interval> i = interval(o);
        if (key.isPresent() && i.isPresent()) {
          Interval merged = bounds.getOrDefault(key.get(), Interval.ALL).intersect(i.get());
          bounds.put(key.get(), merged);
          if (merged.empty()) {
            reporter.error(
                Code.PLS0501,
                a.span(),
                "'"
                    + Printer.expr(a)
                    + "' can never hold: no value of '"
                    + key.get()
                    + "' satisfies all of its bounds");
            break;
          }
        }
      }
    }
    for (Ast.Expr child : children(e)) {
      unsatisfiable(child, reporter);
    }
  }

  private static List<Ast.Expr> children(Ast.Expr e) {
    if (e instanceof Ast.And a) {
      return a.operands();
    }
    if (e instanceof Ast.Or o) {
      return o.operands();
    }
    if (e instanceof Ast.Not n) {
      return List.of(n.operand());
    }
    if (e instanceof Ast.Within w) {
      return List.of(w.operand());
    }
    return List.of();
  }

  private static Optional<String> operandKey(Ast.Expr e) {
    if (e instanceof Ast.Compare c) {
      if (number(c.right()).isPresent() && number(c.left()).isEmpty()) {
        return Optional.of(Printer.expr(c.left()));
      }
      if (number(c.left()).isPresent() && number(c.right()).isEmpty()) {
        return Optional.of(Printer.expr(c.right()));
      }
    }
    if (e instanceof Ast.Between b) {
      return Optional.of(Printer.expr(b.operand()));
    }
    return Optional.empty();
  }

  /** The values of the operand a comparison or between admits, when its bounds are literals. */
  private static Optional<Interval> interval(Ast.Expr e) {
    if (e instanceof Ast.Between b) {
      Optional<BigDecimal> lo = number(b.low());
      Optional<BigDecimal> hi = number(b.high());
      if (lo.isPresent() && hi.isPresent()) {
        return Optional.of(new Interval(lo.get(), true, hi.get(), true));
      }
      return Optional.empty();
    }
    if (!(e instanceof Ast.Compare c)) {
      return Optional.empty();
    }
    CompareOp op = c.op();
    Optional<BigDecimal> v = number(c.right());
    if (v.isEmpty()) {
      v = number(c.left());
      if (v.isEmpty() || number(c.right()).isPresent()) {
        return Optional.empty();
      }
      op = flip(op);
    }
    BigDecimal x = v.get();
    return switch (op) {
      case EQ -> Optional.of(new Interval(x, true, x, true));
      case GT -> Optional.of(new Interval(x, false, null, false));
      case GE -> Optional.of(new Interval(x, true, null, false));
      case LT -> Optional.of(new Interval(null, false, x, false));
      case LE -> Optional.of(new Interval(null, false, x, true));
      case NE -> Optional.empty();
    };
  }

  private static CompareOp flip(CompareOp op) {
    return switch (op) {
      case GT -> CompareOp.LT;
      case GE -> CompareOp.LE;
      case LT -> CompareOp.GT;
      case LE -> CompareOp.GE;
      default -> op;
    };
  }

  private static Optional<BigDecimal> number(Ast.Expr e) {
    if (e instanceof Ast.Lit l && l.value() instanceof Value.Num n) {
      return Optional.of(n.value());
    }
    return Optional.empty();
  }

  /** The scores a tier condition admits, when it is a conjunction of bounds on 'score' alone. */
  private static Optional<Interval> scoreInterval(Ast.Expr e) {
    List<Ast.Expr> parts = e instanceof Ast.And a ? a.operands() : List.of(e);
    Interval result = Interval.ALL;
    for (Ast.Expr p : parts) {
      Optional<String> key = operandKey(p);
      Optional<Interval> i = interval(p);
      if (key.isEmpty() || !key.get().equals("score") || i.isEmpty()) {
        return Optional.empty();
      }
      result = result.intersect(i.get());
    }
    return Optional.of(result);
  }
}
