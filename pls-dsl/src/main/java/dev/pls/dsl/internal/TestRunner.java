package dev.pls.dsl.internal;

import dev.pls.core.Category;
import dev.pls.core.Contribution;
import dev.pls.core.Entity;
import dev.pls.core.Expr;
import dev.pls.core.Model;
import dev.pls.core.Points;
import dev.pls.core.Rule;
import dev.pls.core.ScoreCard;
import dev.pls.core.Scorer;
import dev.pls.core.SignalValue;
import dev.pls.core.Trait;
import dev.pls.core.Value;
import dev.pls.dsl.RuleCoverage;
import dev.pls.dsl.TestReport;
import dev.pls.dsl.TestResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/*
 * Runs lowered test cases with the reference scorer: the semantics' oracle is what analysts'
 * expectations are held to. A signal's value is read by scoring a one-rule probe model whose rule
 * always fires and reads that signal, so the card reports the value exactly as the scorer computed
 * it; no second evaluator is involved.
 */
/** Runs a file's tests and measures rule coverage. */
public final class TestRunner {
  private TestRunner() {}

  /** Runs {@code tests} against {@code model}. */
  public static TestReport run(Model model, List<TestCases.TestCase> tests) {
    Scorer scorer = Scorer.reference(model);
    Map<String, int[]> fired = new LinkedHashMap<>();
    model.rules().forEach(r -> fired.put(r.id(), new int[1]));
    int scored = 0;
    List<TestResult> results = new ArrayList<>();
    for (TestCases.TestCase t : tests) {
      long start = System.nanoTime();
      List<String> failures = new ArrayList<>();
      Map<String, ScoreCard> cards = new LinkedHashMap<>();
      Map<String, Entity> entities = new LinkedHashMap<>();
      for (TestCases.TestEntity e : t.entities().values()) {
        Entity entity = new Entity(e.id(), e.traits(), e.events());
        entities.put(e.id(), entity);
        ScoreCard card = scorer.score(entity, t.asOf());
        cards.put(e.id(), card);
        scored++;
        card.contributions().forEach(c -> fired.get(c.ruleId())[0]++);
      }
      Map<String, List<String>> byEntity = new LinkedHashMap<>();
      for (TestCases.Check c : t.checks()) {
        ScoreCard card = cards.get(c.entity());
        Optional<String> problem = verify(c, card, model, entities.get(c.entity()), t);
        problem.ifPresent(p -> byEntity.computeIfAbsent(c.entity(), k -> new ArrayList<>()).add(p));
      }
      byEntity.forEach(
          (entity, problems) -> {
            StringBuilder sb = new StringBuilder();
            for (String p : problems) {
              sb.append(p).append('\n');
            }
            sb.append("actual card:\n");
            for (String line : cards.get(entity).describe().split("\n")) {
              sb.append("  ").append(line).append('\n');
            }
            failures.add(sb.toString().stripTrailing());
          });
      results.add(
          new TestResult(
              t.name(), t.line(), failures, Duration.ofNanos(System.nanoTime() - start)));
    }
    List<String> never = new ArrayList<>();
    List<String> always = new ArrayList<>();
    for (Map.Entry<String, int[]> e : fired.entrySet()) {
      if (e.getValue()[0] == 0) {
        never.add(e.getKey());
      } else if (e.getValue()[0] == scored) {
        always.add(e.getKey());
      }
    }
    return new TestReport(results, new RuleCoverage(never, always));
  }

  private static Optional<String> verify(
      TestCases.Check c, ScoreCard card, Model model, Entity entity, TestCases.TestCase t) {
    if (c instanceof TestCases.ScoreCheck s) {
      return s.score().equals(card.score())
          ? Optional.empty()
          : mismatch(c, s.score().toString(), card.score().toString());
    }
    if (c instanceof TestCases.TierCheck s) {
      return s.tier().equals(card.tier()) ? Optional.empty() : mismatch(c, s.tier(), card.tier());
    }
    if (c instanceof TestCases.FiredCheck f) {
      boolean fired = card.contributions().stream().anyMatch(x -> x.ruleId().equals(f.ruleId()));
      if (fired != f.negated()) {
        return Optional.empty();
      }
      return mismatch(
          c,
          f.negated() ? "rule " + f.ruleId() + " not fired" : "rule " + f.ruleId() + " fired",
          fired ? "it fired" : "it did not fire");
    }
    if (c instanceof TestCases.ExcludedCheck x) {
      String actual = card.excluded().map(r -> "excluded: " + r).orElse("not excluded");
      boolean ok =
          x.negated()
              ? card.excluded().isEmpty()
              : card.excluded().isPresent()
                  && x.reason().map(r -> r.equals(card.excluded().get())).orElse(true);
      String expected =
          x.negated() ? "not excluded" : "excluded" + x.reason().map(r -> ": " + r).orElse("");
      return ok ? Optional.empty() : mismatch(c, expected, actual);
    }
    TestCases.ValueCheck v = (TestCases.ValueCheck) c;
    Optional<Value> actual = probe(model, v.operand(), entity, t);
    String expected = v.expected().map(Value::toString).orElse("missing");
    String got = actual.map(Value::toString).orElse("missing");
    return actual.equals(v.expected()) ? Optional.empty() : mismatch(c, expected, got);
  }

  private static Optional<String> mismatch(TestCases.Check c, String expected, String actual) {
    return Optional.of(c.text() + "\n  expected: " + expected + "\n  actual:   " + actual);
  }

  /** The value of a signal or trait for {@code entity}, as the reference scorer computes it. */
  private static Optional<Value> probe(
      Model model, Expr operand, Entity entity, TestCases.TestCase t) {
    Model.Builder b =
        Model.builder(model.id())
            .entity(model.entity())
            .resolution(model.resolution())
            .zone(model.zone());
    for (Trait trait : model.traits()) {
      b.trait(trait);
    }
    Expr always = operand.isMissing().or(operand.isPresent());
    b.category(
        Category.builder("probe").rule(new Rule("probe", "probe", always, Points.ZERO)).build());
    ScoreCard card = Scorer.reference(b.build()).score(entity, t.asOf());
    Contribution c = card.contributions().get(0);
    SignalValue value = c.values().get(0);
    return value.value();
  }
}
