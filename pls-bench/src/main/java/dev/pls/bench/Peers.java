package dev.pls.bench;

import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlEngine;
import org.apache.commons.jexl3.JexlExpression;
import org.apache.commons.jexl3.ObjectContext;
import org.apache.commons.jexl3.introspection.JexlPermissions;
import org.mvel2.MVEL;
import org.springframework.expression.spel.SpelCompilerMode;
import org.springframework.expression.spel.SpelParserConfiguration;
import org.springframework.expression.spel.standard.SpelExpression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.StandardEvaluationContext;

/*
 * The seed template's 29 rule conditions for general-purpose expression engines, one expression
 * per rule in template order, in the syntax all four accept (&&, ||, ==, single-quoted strings).
 * Each engine evaluates the conditions; points, the fired-rule mask and the tier are summed in
 * Java exactly as the hand-written baseline does, so only condition evaluation differs.
 */
/** Peer engines scoring the seed template from the same features. */
final class Peers {
  private Peers() {}

  static final List<String> RULES =
      List.of(
          "p30 >= 1",
          "p30 >= 3",
          "lim30 >= 1",
          "api30 >= 1 || int30 >= 1",
          "f14 >= 5",
          "inv7 >= 1 && inv7 <= 2",
          "inv7 >= 3 && inv7 <= 5",
          "inv7 >= 6",
          "duP && du >= 3 && du <= 9",
          "duP && du >= 10",
          "sh30 >= 1",
          "minP && mins < 60",
          "a30 > 9 && a30 <= 15",
          "a30 > 15",
          "gw >= 3",
          "a7 >= 5",
          "pr30 >= 1 && pr30 <= 2",
          "pr30 >= 3",
          "us30 >= 1 && uc30 == 0",
          "ent30 >= 1",
          "bill30 >= 1",
          "empP && emp >= 50 && emp <= 500",
          "empP && emp > 500",
          "ind == 'software' || ind == 'fintech' || ind == 'healthcare'",
          "icp == 1",
          "dsP && ds >= 7",
          "tr < 0",
          "suP && su >= 30 && invAll == 0 && duP && du <= 1",
          "suP && su >= 30 && pAll == 0");

  static final long[] POINTS = {
    1000, 1500, 2000, 1500, 1000, 1000, 2000, 3000, 1500, 2500, 1000, 1000, 1000, 2000, 1500, 1500,
    1000, 2000, 2500, 3000, 2000, 1000, 2000, 1000, 1500, -2000, -1500, -1000, -1000
  };

  /** Evaluates one compiled condition against the current row. */
  interface Condition {
    boolean test(PeerRow row, Map<String, Object> map);
  }

  /**
   * One engine: compiled conditions, whether it reads the row as a map, and the row object its
   * conditions are bound to (reloaded for every account).
   */
  record Engine(Condition[] conditions, boolean needsMap, PeerRow row) {
    Results score(SeedFeatures f) {
      Results out = new Results(f.n);
      for (int i = 0; i < f.n; i++) {
        row.load(f, i);
        Map<String, Object> map = needsMap ? row.toMap() : null;
        long s = 0;
        long m = 0;
        for (int r = 0; r < conditions.length; r++) {
          if (conditions[r].test(row, map)) {
            s += POINTS[r];
            m |= 1L << r;
          }
        }
        out.score[i] = s;
        out.tier[i] = Results.tier(s);
        out.fired[i] = m;
      }
      return out;
    }
  }

  /**
   * SpEL in compiled mode. SpEL compiles an expression only once every node has been evaluated (to
   * learn its types), and gives up after 100 failed attempts, so on sparse data a rule whose
   * right-hand side is rarely reached would stay interpreted. Each expression is therefore primed
   * on the first rows and then compiled explicitly, and setup fails if one does not compile.
   * Integer literals get SpEL's long suffix: comparisons of a long field with an int literal do not
   * compile.
   */
  static Engine spel(SeedFeatures f) {
    SpelExpressionParser parser =
        new SpelExpressionParser(
            new SpelParserConfiguration(SpelCompilerMode.IMMEDIATE, Peers.class.getClassLoader()));
    Condition[] cs = new Condition[RULES.size()];
    PeerRow row = new PeerRow();
    for (int r = 0; r < cs.length; r++) {
      String text = RULES.get(r).replaceAll("\\b(\\d+)\\b", "$1L");
      SpelExpression e = (SpelExpression) parser.parseExpression(text);
      StandardEvaluationContext context = new StandardEvaluationContext();
      for (int i = 0; i < Math.min(f.n, 20_000); i++) {
        row.load(f, i);
        e.getValue(context, row, Boolean.class);
      }
      if (!e.compileExpression()) {
        throw new IllegalStateException("SpEL did not compile '" + text + "'");
      }
      cs[r] = (x, map) -> Boolean.TRUE.equals(e.getValue(context, x, Boolean.class));
    }
    return new Engine(cs, false, new PeerRow());
  }

  static Engine mvel() {
    Condition[] cs = new Condition[RULES.size()];
    for (int r = 0; r < cs.length; r++) {
      Serializable compiled = MVEL.compileExpression(RULES.get(r));
      cs[r] = (row, map) -> Boolean.TRUE.equals(MVEL.executeExpression(compiled, row));
    }
    return new Engine(cs, false, new PeerRow());
  }

  static Engine jexl() {
    JexlEngine jexl =
        new JexlBuilder().permissions(JexlPermissions.UNRESTRICTED).cache(64).strict(true).create();
    PeerRow shared = new PeerRow();
    // One context over the one row object, which is reloaded for each account.
    ObjectContext<PeerRow> context = new ObjectContext<>(jexl, shared);
    Condition[] cs = new Condition[RULES.size()];
    for (int r = 0; r < cs.length; r++) {
      JexlExpression e = jexl.createExpression(RULES.get(r));
      cs[r] = (row, map) -> Boolean.TRUE.equals(e.evaluate(context));
    }
    return new Engine(cs, false, shared);
  }

  static Engine cel() {
    try {
      var builder = CelCompilerFactory.standardCelCompilerBuilder();
      for (Map.Entry<String, Object> v : new PeerRow().withIndustry().toMap().entrySet()) {
        CelType type =
            v.getValue() instanceof Boolean
                ? SimpleType.BOOL
                : v.getValue() instanceof String ? SimpleType.STRING : SimpleType.INT;
        builder.addVar(v.getKey(), type);
      }
      CelCompiler compiler = builder.setResultType(SimpleType.BOOL).build();
      CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().build();
      Condition[] cs = new Condition[RULES.size()];
      for (int r = 0; r < cs.length; r++) {
        CelRuntime.Program program = runtime.createProgram(compiler.compile(RULES.get(r)).getAst());
        cs[r] =
            (row, map) -> {
              try {
                return Boolean.TRUE.equals(program.eval(map));
              } catch (dev.cel.runtime.CelEvaluationException e) {
                throw new IllegalStateException(e);
              }
            };
      }
      return new Engine(cs, true, new PeerRow());
    } catch (dev.cel.common.CelValidationException | dev.cel.runtime.CelEvaluationException e) {
      throw new IllegalStateException(e);
    }
  }
}
