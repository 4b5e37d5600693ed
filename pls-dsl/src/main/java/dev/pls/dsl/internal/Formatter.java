package dev.pls.dsl.internal;

import java.util.List;

/*
 * The canonical layout: the header's settings one per line under it; declarations of one kind
 * together, a blank line between kinds and around every category and test; one rule, event or
 * expectation per line, indented by two spaces per block; single spaces around operators and
 * parentheses only where precedence needs them (Printer). Comments are kept: a comment on its own
 * line stays before the item that follows it, a comment at the end of an item's last line stays at
 * the end of that line. A file with several models prints them in order, a blank line between
 * them. Formatting a formatted file changes nothing.
 */
/** Prints a syntax tree in the canonical layout, keeping comments. */
public final class Formatter {
  private final List<Parsing.Comment> comments;
  private int next;
  private final StringBuilder out = new StringBuilder();

  private Formatter(List<Parsing.Comment> comments) {
    this.comments = comments;
  }

  /** The canonical text of {@code file}, with {@code comments} placed back. */
  public static String format(Ast.File file, List<Parsing.Comment> comments) {
    Formatter f = new Formatter(comments);
    f.file(file);
    return f.out.toString();
  }

  private void file(Ast.File file) {
    String previousKind = null;
    for (Ast.Model model : file.models()) {
      for (Object item : model.order()) {
        String kind = item.getClass().getSimpleName();
        boolean block = item instanceof Ast.CategoryDecl || item instanceof Ast.TestDecl;
        if (previousKind != null && (block || !kind.equals(previousKind))) {
          out.append('\n');
        }
        previousKind = block ? "block" : kind;
        item(item);
      }
    }
    leading(Integer.MAX_VALUE, "");
  }

  private void item(Object item) {
    if (item instanceof Ast.Header h) {
      leading(h.span().line(), "");
      out.append("model ").append(h.name().name());
      h.version().ifPresent(v -> out.append(" version ").append(v));
      trailing(h.span().line());
      h.entity().ifPresent(e -> line("  entity " + e.name(), e.span().line()));
      h.members().ifPresent(m -> line("  members " + m.name(), m.span().line()));
      h.resolution().ifPresent(r -> line("  resolution " + r, r.span().line()));
      h.timezone().ifPresent(z -> line("  timezone " + Printer.quote(z.value()), z.span().line()));
    } else if (item instanceof Ast.Trait t) {
      item(
          t.span(),
          "",
          "trait "
              + t.name().name()
              + t.source().map(s -> " = " + Printer.quote(s.value())).orElse("")
              + ": "
              + t.type().name());
    } else if (item instanceof Ast.SetDecl s) {
      StringBuilder sb = new StringBuilder("set ").append(s.name().name()).append(" = ");
      Printer.set(s.values(), sb);
      item(s.span(), "", sb.toString());
    } else if (item instanceof Ast.SignalDecl s) {
      item(s.span(), "", "signal " + s.name().name() + " = " + Printer.expr(s.definition()));
    } else if (item instanceof Ast.EventDecl e) {
      item(
          e.span(),
          "",
          "event "
              + e.alias().name()
              + e.event().map(s -> " = " + Printer.quote(s.value())).orElse(""));
    } else if (item instanceof Ast.CategoryDecl c) {
      StringBuilder sb = new StringBuilder("category ").append(c.name().name());
      c.cap().ifPresent(n -> sb.append(" cap ").append(n.text()));
      c.floor().ifPresent(n -> sb.append(" floor ").append(n.text()));
      item(c.span().line(), c.span().line(), "", sb.append(" {").toString());
      for (Ast.RuleDecl r : c.rules()) {
        StringBuilder rule = new StringBuilder(Printer.expr(r.condition()));
        rule.append(" : ").append(signed(r.points().text()));
        r.decay()
            .ifPresent(
                d ->
                    rule.append(" decay ").append(d.shape().name()).append(' ').append(d.length()));
        r.label().ifPresent(l -> rule.append(' ').append(Printer.quote(l.value())));
        r.share().ifPresent(p -> rule.append(" share ").append(Printer.quote(p.value())));
        r.id().ifPresent(id -> rule.append(" [").append(id.name()).append(']'));
        item(r.span(), "  ", rule.toString());
      }
      close(c.closeLine(), "  ", "");
    } else if (item instanceof Ast.ExcludeDecl x) {
      item(
          x.span(),
          "",
          "exclude " + Printer.expr(x.condition()) + " : " + Printer.quote(x.reason().value()));
    } else if (item instanceof Ast.TierDecl t) {
      item(t.span(), "", "tier " + t.name().name() + " when " + Printer.expr(t.condition()));
    } else if (item instanceof Ast.GridDecl g) {
      item(
          g.span(),
          "",
          "grid "
              + g.name().name()
              + " rows "
              + gridAxis(g.rows())
              + " columns "
              + gridAxis(g.columns()));
    } else if (item instanceof Ast.ActivationDecl a) {
      item(a.span(), "", "activation " + a.name().name());
    } else if (item instanceof Ast.TestDecl t) {
      item(t.span().line(), t.span().line(), "", "test " + Printer.quote(t.name().value()) + " {");
      for (Ast.TestStmt s : t.statements()) {
        statement(s);
      }
      close(t.closeLine(), "  ", "");
    } else if (item instanceof Ast.RollupDecl r) {
      StringBuilder sb = new StringBuilder("rollup ").append(r.kind().name());
      r.k().ifPresent(k -> sb.append(' ').append(k.text()));
      r.memberFloor().ifPresent(f -> sb.append(" member_floor ").append(f.text()));
      r.memberCap().ifPresent(c -> sb.append(" member_cap ").append(c.text()));
      r.name().ifPresent(n -> sb.append(" as ").append(n.name()));
      item(r.span(), "", sb.toString());
    } else if (item instanceof Ast.HandoffDecl h) {
      item(h.span(), "", handoff(h));
    } else {
      throw new AssertionError("unknown item " + item);
    }
  }

  private static String gridAxis(Ast.GridAxis a) {
    StringBuilder sb = new StringBuilder(a.category().name()).append(" {");
    for (int i = 0; i < a.bands().size(); i++) {
      Ast.GridBand b = a.bands().get(i);
      sb.append(i == 0 ? "" : ", ").append(b.label());
      b.atLeast().ifPresent(n -> sb.append(" >= ").append(n.text()));
    }
    return sb.append('}').toString();
  }

  private static String handoff(Ast.HandoffDecl h) {
    if (h instanceof Ast.QueueDecl q) {
      return "queue "
          + q.name().name()
          + " "
          + Printer.quote(q.label().value())
          + " sla "
          + q.sla()
          + q.capacity().map(c -> " capacity " + c.text()).orElse("");
    }
    if (h instanceof Ast.SegmentDecl s) {
      return "segment " + s.name().name() + " when " + Printer.expr(s.condition());
    }
    if (h instanceof Ast.RouteDecl r) {
      StringBuilder sb = new StringBuilder("route ").append(r.tier().name());
      for (int i = 0; i < r.segments().size(); i++) {
        sb.append(i == 0 ? " in " : ", ").append(r.segments().get(i).name());
      }
      for (int i = 0; i < r.cells().size(); i++) {
        sb.append(i == 0 ? " cell " : ", ").append(r.cells().get(i).name());
      }
      sb.append(" to ").append(r.queue().name());
      r.level().ifPresent(l -> sb.append(" level ").append(l.name()));
      return sb.toString();
    }
    if (h instanceof Ast.TriggerDecl t) {
      return "trigger "
          + t.name().name()
          + " "
          + Printer.quote(t.label().value())
          + " "
          + t.level().name()
          + " when "
          + Printer.expr(t.condition())
          + " to "
          + t.queue().name();
    }
    if (h instanceof Ast.HoldDecl x) {
      return "hold " + x.tier().name() + " while " + Printer.expr(x.condition());
    }
    if (h instanceof Ast.SuppressDecl x) {
      return "suppress when "
          + Printer.expr(x.condition())
          + " : "
          + Printer.quote(x.reason().value());
    }
    if (h instanceof Ast.HoldoutDecl x) {
      return "holdout " + x.percent().text() + "% salt " + Printer.quote(x.salt().value());
    }
    if (h instanceof Ast.CooldownDecl x) {
      return "cooldown " + x.duration();
    }
    if (h instanceof Ast.ContextDecl x) {
      return "context " + x.name().name() + " = " + Printer.expr(x.value());
    }
    if (h instanceof Ast.DispositionDecl x) {
      return "disposition " + x.name().name() + x.polarity().map(p -> " " + p.name()).orElse("");
    }
    Ast.TemplateDecl t = (Ast.TemplateDecl) h;
    return "template " + t.name().name() + " " + Printer.quote(t.text().value());
  }

  private void statement(Ast.TestStmt s) {
    if (s instanceof Ast.AsOf a) {
      item(a.span(), "  ", "as_of " + a.timestamp());
    } else if (s instanceof Ast.EntityDef e) {
      item(e.span(), "  ", e.kind().name() + " " + e.id().name() + " " + props(e.traits(), true));
    } else if (s instanceof Ast.EventsDef e) {
      item(e.span().line(), e.span().line(), "  ", "events " + e.entity().name() + " {");
      for (Ast.EventLine l : e.events()) {
        StringBuilder sb = new StringBuilder(Printer.eventName(l.name())).append(" at ");
        if (l.time() instanceof Ast.Relative r) {
          sb.append(r.sign() < 0 ? "-" : "+").append(r.offset());
        } else {
          sb.append(((Ast.Absolute) l.time()).timestamp());
        }
        if (!l.properties().isEmpty()) {
          sb.append(' ').append(props(l.properties(), true));
        }
        item(l.span(), "    ", sb.toString());
      }
      close(e.closeLine(), "    ", "  ");
    } else if (s instanceof Ast.MembersDef m) {
      StringBuilder sb = new StringBuilder("members ").append(m.account().name()).append(" {");
      for (int i = 0; i < m.users().size(); i++) {
        sb.append(i == 0 ? " " : ", ").append(m.users().get(i).name());
      }
      item(m.span(), "  ", sb.append(m.users().isEmpty() ? "}" : " }").toString());
    } else if (s instanceof Ast.Expect x) {
      item(x.span(), "  ", "expect " + x.entity().name() + " " + expectation(x.expectation()));
    }
  }

  /** An expectation as written after {@code expect <entity>}. */
  static String expectation(Ast.Expectation e) {
    if (e instanceof Ast.ExpectScore s) {
      return "score " + s.score().text();
    }
    if (e instanceof Ast.ExpectTier t) {
      return "tier " + t.tier().name();
    }
    if (e instanceof Ast.ExpectCell c) {
      return "cell " + c.cell();
    }
    if (e instanceof Ast.ExpectFired f) {
      return (f.negated() ? "not " : "")
          + "fired "
          + (f.quoted() ? Printer.quote(f.rule()) : f.rule());
    }
    if (e instanceof Ast.ExpectExcluded x) {
      return (x.negated() ? "not " : "")
          + "excluded"
          + x.reason().map(r -> " " + Printer.quote(r.value())).orElse("");
    }
    if (e instanceof Ast.ExpectSegment s) {
      return "segment " + s.segment().name();
    }
    if (e instanceof Ast.ExpectTrigger t) {
      return (t.negated() ? "not " : "") + "trigger " + t.trigger().name();
    }
    if (e instanceof Ast.ExpectSuppressed x) {
      return (x.negated() ? "not " : "")
          + "suppressed"
          + x.reason().map(r -> " " + Printer.quote(r.value())).orElse("");
    }
    Ast.ExpectValue v = (Ast.ExpectValue) e;
    return "value "
        + Printer.expr(v.operand())
        + v.equals().map(l -> " == " + Printer.literal(l.value())).orElse(" is missing");
  }

  private static String props(List<Ast.Prop> props, boolean braces) {
    StringBuilder sb = new StringBuilder(braces ? "{" : "");
    for (int i = 0; i < props.size(); i++) {
      Ast.Prop p = props.get(i);
      sb.append(i == 0 ? " " : ", ")
          .append(p.name().name())
          .append(": ")
          .append(Printer.literal(p.value().value()));
    }
    return sb.append(props.isEmpty() ? "}" : " }").toString();
  }

  private static String signed(String points) {
    return points.startsWith("+") || points.startsWith("-") ? points : "+" + points;
  }

  private void item(Ast.Span span, String indent, String text) {
    item(span.line(), span.endLine(), indent, text);
  }

  private void item(int line, int endLine, String indent, String text) {
    leading(line, indent);
    out.append(indent).append(text);
    trailing(endLine);
  }

  private void line(String text, int line) {
    leading(line, "  ");
    out.append(text);
    trailing(line);
  }

  private void close(int line, String innerIndent, String indent) {
    leading(line, innerIndent);
    out.append(indent).append('}');
    trailing(line);
  }

  /** Comments on lines before {@code line}, each on its own line. */
  private void leading(int line, String indent) {
    while (next < comments.size() && comments.get(next).line() < line) {
      out.append(indent).append(comments.get(next).text()).append('\n');
      next++;
    }
  }

  /** Ends the current line, with the comment on {@code line} (or before it) at its end. */
  /**
   * Ends the current line with the first comment on or before {@code line}. Further comments (from
   * inside an item that spanned lines) are left for the next item's leading comments, which is
   * where formatting the result again would put them.
   */
  private void trailing(int line) {
    if (next < comments.size() && comments.get(next).line() <= line) {
      out.append("  ").append(comments.get(next).text());
      next++;
    }
    out.append('\n');
  }
}
