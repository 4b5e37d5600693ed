package dev.pls.dsl.internal;

import dev.pls.core.card.Contribution;
import dev.pls.core.card.HandoffFacts;
import dev.pls.core.card.ScoreCard;
import dev.pls.core.card.SignalValue;
import dev.pls.core.input.Entity;
import dev.pls.core.model.Category;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Model;
import dev.pls.core.model.Points;
import dev.pls.core.model.Rule;
import dev.pls.core.model.Trait;
import dev.pls.core.model.Value;
import dev.pls.core.scoring.Scorer;
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
 *
 * In an account model that rolls up members, each account is scored with its members, and a
 * member's card is the one on its account's card: what the account model saw. A user in no
 * account is scored by the member model alone. Coverage counts every card, members' too, against
 * the rules of the model that made it; in a file with several models a rule is named
 * model.rule_id.
 */
/** Runs a file's tests and measures rule coverage. */
public final class TestRunner {
  private TestRunner() {}

  /** Counts how often each rule fired, and how many cards each model made. */
  private static final class Coverage {
    private final boolean qualified;
    private final Map<String, Model> models = new LinkedHashMap<>();
    private final Map<String, int[]> fired = new LinkedHashMap<>();
    private final Map<String, int[]> cards = new LinkedHashMap<>();

    Coverage(List<Model> models) {
      this.qualified = models.size() > 1;
      for (Model m : models) {
        this.models.put(m.id(), m);
        cards.put(m.id(), new int[1]);
        m.rules().forEach(r -> fired.put(key(m.id(), r.id()), new int[1]));
      }
    }

    private String key(String model, String rule) {
      return qualified ? model + "." + rule : rule;
    }

    void count(ScoreCard card) {
      int[] n = cards.get(card.model());
      if (n == null) {
        return; // a model of another file (cannot happen: members models are in the file)
      }
      n[0]++;
      for (Contribution c : card.contributions()) {
        if (isRule(c, models.get(card.model()))) {
          fired.get(key(card.model(), c.ruleId()))[0]++;
        }
      }
      card.members().forEach(this::count);
    }

    RuleCoverage result(List<Model> models) {
      List<String> never = new ArrayList<>();
      List<String> always = new ArrayList<>();
      for (Model m : models) {
        int scored = cards.get(m.id())[0];
        for (Rule r : m.rules()) {
          String k = key(m.id(), r.id());
          int f = fired.get(k)[0];
          if (f == 0) {
            never.add(k);
          } else if (f == scored) {
            always.add(k);
          }
        }
      }
      return new RuleCoverage(never, always);
    }
  }

  /**
   * Runs each model's tests against it.
   *
   * @param models the file's models, in file order
   * @param tests for each model, its tests
   */
  public static TestReport run(List<Model> models, List<List<TestCases.TestCase>> tests) {
    Coverage coverage = new Coverage(models);
    List<TestResult> results = new ArrayList<>();
    for (int i = 0; i < models.size(); i++) {
      Model model = models.get(i);
      Scorer scorer = Scorer.reference(model);
      Optional<Scorer> memberScorer = model.memberModel().map(Scorer::reference);
      for (TestCases.TestCase t : tests.get(i)) {
        results.add(run(model, scorer, memberScorer, t, coverage));
      }
    }
    return new TestReport(results, coverage.result(models));
  }

  private static TestResult run(
      Model model,
      Scorer scorer,
      Optional<Scorer> memberScorer,
      TestCases.TestCase t,
      Coverage coverage) {
    long start = System.nanoTime();
    Map<String, Entity> entities = new LinkedHashMap<>();
    Map<String, String> accountOf = new LinkedHashMap<>();
    for (TestCases.TestEntity e : t.entities().values()) {
      if (e.members().isEmpty()) {
        entities.put(e.id(), new Entity(e.id(), e.traits(), e.events()));
      }
    }
    for (TestCases.TestEntity e : t.entities().values()) {
      if (!e.members().isEmpty()) {
        List<Entity> members = new ArrayList<>();
        for (String m : e.members()) {
          members.add(entities.get(m));
          accountOf.put(m, e.id());
        }
        entities.put(e.id(), new Entity(e.id(), e.traits(), e.events(), members));
      }
    }
    Map<String, ScoreCard> cards = new LinkedHashMap<>();
    for (TestCases.TestEntity e : t.entities().values()) {
      if (e.kind() == model.entity()) {
        ScoreCard card = scorer.score(entities.get(e.id()), t.asOf());
        cards.put(e.id(), card);
        coverage.count(card);
      }
    }
    Map<String, String> missing = new LinkedHashMap<>();
    for (TestCases.TestEntity e : t.entities().values()) {
      if (e.kind() == model.entity()) {
        continue;
      }
      String account = accountOf.get(e.id());
      if (account != null) {
        Optional<ScoreCard> card = cards.get(account).member(e.id());
        if (card.isPresent()) {
          cards.put(e.id(), card.get());
        } else {
          missing.put(e.id(), "the card of account '" + account + "' has no card of its member");
        }
      } else {
        ScoreCard card = memberScorer.orElseThrow().score(entities.get(e.id()), t.asOf());
        cards.put(e.id(), card);
        coverage.count(card);
      }
    }
    Map<String, List<String>> byEntity = new LinkedHashMap<>();
    for (TestCases.Check c : t.checks()) {
      String id = c.entity();
      Optional<String> problem;
      if (missing.containsKey(id)) {
        problem = Optional.of(c.text() + "\n  " + missing.get(id));
      } else {
        Model scoredBy =
            t.entities().get(id).kind() == model.entity()
                ? model
                : model.memberModel().orElseThrow();
        problem = verify(c, cards.get(id), scoredBy, entities.get(id), t);
      }
      problem.ifPresent(p -> byEntity.computeIfAbsent(id, k -> new ArrayList<>()).add(p));
    }
    List<String> failures = new ArrayList<>();
    byEntity.forEach(
        (entity, problems) -> {
          StringBuilder sb = new StringBuilder();
          for (String p : problems) {
            sb.append(p).append('\n');
          }
          ScoreCard card = cards.get(entity);
          if (card != null) {
            sb.append("actual card:\n");
            for (String line : card.describe().split("\n")) {
              sb.append("  ").append(line).append('\n');
            }
          }
          failures.add(sb.toString().stripTrailing());
        });
    return new TestResult(
        t.name(), t.line(), failures, Duration.ofNanos(System.nanoTime() - start));
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
    if (c instanceof TestCases.CellCheck s) {
      String actual = card.cell().orElse("no cell");
      return s.cell().equals(actual) ? Optional.empty() : mismatch(c, s.cell(), actual);
    }
    if (c instanceof TestCases.FiredCheck f) {
      boolean fired =
          card.contributions().stream()
              .anyMatch(x -> isRule(x, model) && x.ruleId().equals(f.ruleId()));
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
    if (c instanceof TestCases.SegmentCheck s) {
      String actual = card.handoff().map(HandoffFacts::segment).orElse("no hand-off facts");
      return s.segment().equals(actual) ? Optional.empty() : mismatch(c, s.segment(), actual);
    }
    if (c instanceof TestCases.TriggerCheck x) {
      Optional<List<String>> triggers = card.handoff().map(HandoffFacts::triggers);
      boolean holds = triggers.map(l -> l.contains(x.trigger())).orElse(false);
      if (holds != x.negated()) {
        return Optional.empty();
      }
      String expected = "trigger " + x.trigger() + (x.negated() ? " not holding" : " holding");
      String actual =
          triggers
              .map(l -> l.isEmpty() ? "no trigger holds" : "triggers holding: " + l)
              .orElse("no hand-off facts");
      return mismatch(c, expected, actual);
    }
    if (c instanceof TestCases.SuppressedCheck x) {
      Optional<Optional<String>> facts = card.handoff().map(HandoffFacts::suppressed);
      Optional<String> reason = facts.flatMap(s -> s);
      boolean ok =
          x.negated()
              ? facts.isPresent() && reason.isEmpty()
              : reason.isPresent() && x.reason().map(reason.get()::equals).orElse(true);
      String expected =
          x.negated() ? "not suppressed" : "suppressed" + x.reason().map(s -> ": " + s).orElse("");
      String actual =
          facts.isEmpty()
              ? "no hand-off facts"
              : reason.map(s -> "suppressed: " + s).orElse("not suppressed");
      return ok ? Optional.empty() : mismatch(c, expected, actual);
    }
    TestCases.ValueCheck v = (TestCases.ValueCheck) c;
    Optional<Value> actual = probe(model, v.operand(), entity, t);
    String expected = v.expected().map(Value::toString).orElse("missing");
    String got = actual.map(Value::toString).orElse("missing");
    return actual.equals(v.expected()) ? Optional.empty() : mismatch(c, expected, got);
  }

  /** Whether a contribution is a rule's, not the rollup's (which has a category of its own). */
  private static boolean isRule(Contribution c, Model model) {
    return model.rollup().map(r -> !r.category().equals(c.category())).orElse(true);
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
    model.memberModel().ifPresent(b::memberModel);
    for (Trait trait : model.traits()) {
      b.trait(trait);
    }
    Expr always = operand.isMissing().or(operand.isPresent());
    b.category(
        Category.builder("probe").rule(new Rule("probe", "probe", always, Points.ZERO)).build());
    ScoreCard card = Scorer.reference(b.build()).score(entity, t.asOf());
    Contribution c =
        card.contributions().stream()
            .filter(x -> x.ruleId().equals("probe"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the probe rule always fires"));
    SignalValue value = c.values().get(0);
    return value.value();
  }
}
