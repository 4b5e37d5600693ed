package dev.pls.dsl;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of rule files: well-typed models built from every construct of the language, and the
 * same files laid out carelessly (extra spaces, line breaks and comments), for the formatter's and
 * the parser's properties.
 */
final class RuleFileArbitraries {
  private RuleFileArbitraries() {}

  private static final String HEADER =
      "model generated version 1\n"
          + "trait employees: int\ntrait industry: string\n"
          + "set targets = {\"software\", \"fintech\"}\n"
          + "signal invites = count(invite_sent)\n"
          + "signal premium = distinct(feature_used.feature where tier == \"premium\")\n";

  /** A number-valued term, and whether it reads an aggregate. */
  record Term(String text, boolean aggregate) {}

  static Arbitrary<Term> number(int depth) {
    Arbitrary<Term> leaf =
        Arbitraries.oneOf(
            Arbitraries.of(
                new Term("invites", true),
                new Term("premium", true),
                new Term("employees", false),
                new Term("count(any)", true),
                new Term("sum(purchase.amount where amount > 0)", true),
                new Term("days_since(signed_up)", true)),
            Arbitraries.integers().between(-3, 600).map(i -> new Term(Integer.toString(i), false)),
            Arbitraries.of("0.5", "2.25", "10.0").map(s -> new Term(s, false)));
    if (depth <= 0) {
      return leaf;
    }
    Arbitrary<Term> arith =
        Combinators.combine(
                number(depth - 1), Arbitraries.of("+", "-", "*", "/"), number(depth - 1))
            .as(
                (a, op, b) ->
                    new Term(
                        "(" + a.text() + " " + op + " " + b.text() + ")",
                        a.aggregate() || b.aggregate()));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, leaf), net.jqwik.api.Tuple.of(1, arith));
  }

  static Arbitrary<Term> condition(int depth) {
    Arbitrary<Term> compare =
        Combinators.combine(number(1), Arbitraries.of("==", "!=", "<", "<=", ">", ">="), number(1))
            .as(
                (a, op, b) ->
                    new Term(a.text() + " " + op + " " + b.text(), a.aggregate() || b.aggregate()));
    Arbitrary<Term> between =
        Combinators.combine(
                number(0),
                Arbitraries.integers().between(0, 50),
                Arbitraries.integers().between(0, 50))
            .as(
                (a, lo, extra) ->
                    new Term(a.text() + " between " + lo + " and " + (lo + extra), a.aggregate()));
    Arbitrary<Term> traits =
        Arbitraries.of(
            new Term("industry in targets", false),
            new Term("industry not in {\"retail\", \"games\"}", false),
            new Term("employees is missing", false),
            new Term("industry is present", false),
            new Term("lower(industry) == \"software\"", false),
            new Term("usage_limit_hit", true),
            new Term("\"Invite Sent\" == industry", false));
    Arbitrary<Term> leaf = Arbitraries.oneOf(compare, between, traits);
    if (depth <= 0) {
      return leaf;
    }
    Arbitrary<Term> sub = condition(depth - 1);
    Arbitrary<Term> and =
        Combinators.combine(sub, Arbitraries.of("and", "or"), sub)
            .as(
                (a, op, b) ->
                    new Term(
                        "(" + a.text() + ") " + op + " (" + b.text() + ")",
                        a.aggregate() || b.aggregate()));
    Arbitrary<Term> not = sub.map(a -> new Term("not (" + a.text() + ")", a.aggregate()));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, leaf),
        net.jqwik.api.Tuple.of(2, and),
        net.jqwik.api.Tuple.of(1, not));
  }

  static Arbitrary<String> rule() {
    return Combinators.combine(
            condition(2),
            Arbitraries.of("", " within 7d", " within 30d"),
            Arbitraries.integers().between(-30, 30),
            Arbitraries.of("", " \"Label\""),
            // decay only on a condition that reads events, as it must
            Arbitraries.of(
                "", "", " decay linear 60d", " decay half_life 14d", " decay  half_life 2w"))
        .as(
            (c, w, points, label, decay) ->
                c.text()
                    + (c.aggregate() ? w : "")
                    + " : "
                    + (points < 0 ? "" : "+")
                    + points
                    + (c.aggregate() ? decay : ""));
  }

  /** A well-formed rule file in a tidy layout; rules get explicit ids so labels never clash. */
  static Arbitrary<String> files() {
    return rule()
        .list()
        .ofMinSize(1)
        .ofMaxSize(6)
        .list()
        .ofMinSize(1)
        .ofMaxSize(3)
        .map(
            categories -> {
              StringBuilder sb = new StringBuilder(HEADER);
              int id = 0;
              for (int c = 0; c < categories.size(); c++) {
                sb.append("category c").append(c).append(c == 0 ? " cap 40" : "").append(" {\n");
                for (String r : categories.get(c)) {
                  sb.append("  ")
                      .append(r)
                      .append(" \"Rule ")
                      .append(id)
                      .append("\" [r")
                      .append(id)
                      .append("]\n");
                  id++;
                }
                sb.append("}\n");
              }
              sb.append("exclude industry == \"internal\" : \"internal\"\n");
              sb.append("tier hot when score >= 30\ntier warm when score >= 10\n");
              // A category's total, as a grid cell reads it (the first and the last category).
              sb.append("tier fitting when c0 >= 20 and c")
                  .append(categories.size() - 1)
                  .append(" < 100\n");
              // A grid on the same totals, and routes on its cells.
              sb.append("grid fe rows c0 {A >= 20, B >= 0, C} columns c")
                  .append(categories.size() - 1)
                  .append(" {1 >= 10, 2}\n");
              sb.append("queue ae \"Named AE\" sla 4h\nqueue nurture \"Nurture\" sla 72h\n");
              sb.append("route hot cell A1, B1 to ae level high\nroute hot to nurture\n");
              sb.append("route warm cell A2 to nurture level low\n");
              // What activation is: a rule, or an event the model reads (its events are open).
              sb.append(
                  categories.size() % 2 == 0 ? "activation invite_sent\n" : "activation r0\n");
              return sb.toString();
            });
  }

  /** A condition of an account model over member functions, signals and its own trait. */
  static Arbitrary<Term> memberCondition(int depth) {
    Arbitrary<Term> leaf =
        Arbitraries.of(
            new Term("members >= 2", false),
            new Term("active_users >= 3", true),
            new Term("active_members(page_viewed where path == \"/pricing\") >= 1", true),
            new Term("new_members(any) within 7d >= 1", false),
            new Term("members_at_tier(hot) >= 1", false),
            new Term("member_values(industry) >= 2", false),
            new Term("member_values(industry, any) >= 2", true),
            new Term("active_growth(any) > 10", false),
            new Term("members(where employees > 100 and industry in {\"software\"}) >= 1", false),
            new Term("count(invite_sent) >= 5", true),
            new Term("seats between 10 and 100", false));
    if (depth <= 0) {
      return leaf;
    }
    Arbitrary<Term> sub = memberCondition(depth - 1);
    Arbitrary<Term> and =
        Combinators.combine(sub, Arbitraries.of("and", "or"), sub)
            .as(
                (a, op, b) ->
                    new Term(
                        "(" + a.text() + ") " + op + " (" + b.text() + ")",
                        a.aggregate() || b.aggregate()));
    Arbitrary<Term> not = sub.map(a -> new Term("not (" + a.text() + ")", a.aggregate()));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, leaf),
        net.jqwik.api.Tuple.of(2, and),
        net.jqwik.api.Tuple.of(1, not));
  }

  /**
   * A generated user model followed by an account model that rolls it up, with generated rules over
   * member functions, a rollup and a hand-off.
   */
  static Arbitrary<String> accountFiles() {
    Arbitrary<String> rule =
        Combinators.combine(
                memberCondition(1),
                Arbitraries.of("", " within 7d", " within 30d"),
                Arbitraries.integers().between(-30, 30),
                Arbitraries.of("", " share \"a phrase\""))
            .as(
                (c, w, points, share) ->
                    c.text()
                        + (c.aggregate() ? w : "")
                        + " : "
                        + (points < 0 ? "" : "+")
                        + points
                        + " \"Account rule\""
                        + share);
    Arbitrary<String> rollup =
        Arbitraries.of(
            "",
            "rollup sum\n",
            "rollup max member_cap 40\n",
            "rollup avg as member_scores\n",
            "rollup top 3 member_cap 12.5\n",
            "rollup sum member_floor 0 member_cap 60 as team\n",
            "rollup avg member_floor -5\n");
    return Combinators.combine(files(), rule.list().ofMinSize(1).ofMaxSize(5), rollup)
        .as(
            (users, rules, r) -> {
              StringBuilder sb = new StringBuilder(users);
              sb.append("\nmodel generated_pqa version 1\n  entity account\n  members generated\n")
                  .append("trait seats: int\n")
                  .append(r)
                  .append("signal active_users = active_members(any)\n")
                  .append("category adoption {\n");
              for (int i = 0; i < rules.size(); i++) {
                sb.append("  ")
                    .append(rules.get(i).replace("\"Account rule\"", "\"Account rule " + i + "\""))
                    .append(" [a")
                    .append(i)
                    .append("]\n");
              }
              sb.append("}\n")
                  .append("tier big when score >= 30 and members >= 2\n")
                  .append("queue named_ae \"Named AE\" sla 4h capacity 10\n")
                  .append("segment large when seats >= 100\n")
                  .append("route big in large to named_ae level high\n")
                  .append("trigger sso \"Asked about SSO\" high when sso_requested within 1d")
                  .append(" to named_ae\n")
                  .append("hold big while score >= 20\n")
                  .append("holdout 12.5% salt \"q4\"\n")
                  .append("disposition booked positive\ndisposition not_now\n")
                  .append("activation a0\n")
                  .append("context users = active_users within 7d\n")
                  .append("template t \"Hello {a0}, {users} of you\"\n");
              return sb.toString();
            });
  }

  /**
   * {@code file} with careless spacing, line breaks and comments that do not change its meaning.
   */
  static Arbitrary<String> messy(String file) {
    return Arbitraries.randoms()
        .map(
            random -> {
              StringBuilder sb = new StringBuilder();
              boolean inString = false;
              for (int i = 0; i < file.length(); i++) {
                char ch = file.charAt(i);
                if (ch == '"') {
                  inString = !inString;
                }
                if (!inString && ch == ' ') {
                  int r = random.nextInt(12);
                  sb.append(r == 0 ? "   " : r == 1 ? "\n    " : r == 2 ? "  # inner\n " : " ");
                } else if (!inString && ch == '\n' && random.nextInt(4) == 0) {
                  sb.append("  # note ").append(i).append('\n');
                } else {
                  sb.append(ch);
                }
              }
              return sb.toString();
            });
  }

  /** Valid files to mutate: the sketch and the examples. */
  static List<String> seeds() {
    try {
      return List.of(
          DesignSketchTest.resource("design-sketch.pls"),
          DesignSketchTest.resource("format/messy.pls"),
          java.nio.file.Files.readString(java.nio.file.Path.of("../examples/b2b-trial/model.pls")),
          java.nio.file.Files.readString(
              java.nio.file.Path.of("../examples/seed-template/model.pls")),
          DesignSketchTest.resource("tests/accounts.pls"),
          DesignSketchTest.resource("format/accounts-messy.pls"));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
