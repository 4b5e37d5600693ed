package dev.pls.bench;

import dev.pls.core.model.Aggregate;
import dev.pls.core.model.Category;
import dev.pls.core.model.EventFilter;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Model;
import dev.pls.core.model.TraitType;
import dev.pls.core.model.Window;
import java.util.Random;

/**
 * A generated model of 1,000 rules in 20 categories over 50 event names and 5 traits: counts,
 * distinct counts, active days and days-since over windows of 1 to 90 days, with ranges,
 * conjunctions and trait tests, some categories capped. Fixed seed: the same model every run.
 */
final class GeneratedModel {
  private GeneratedModel() {}

  static Model of(int rules) {
    Random r = new Random(1000);
    Model.Builder b =
        Model.builder("generated")
            .trait("employees", TraitType.INT)
            .trait("industry", TraitType.STRING)
            .trait("icp", TraitType.BOOL)
            .trait("seats", TraitType.INT)
            .trait("region", TraitType.STRING);
    int perCategory = rules / 20;
    int id = 0;
    for (int c = 0; c < 20; c++) {
      Category.Builder cb = Category.builder("c" + c);
      if (c % 3 == 0) {
        cb.cap(100);
      }
      for (int i = 0; i < perCategory; i++) {
        cb.rule("r" + id, condition(r), r.nextInt(50) - 10, "Rule " + id);
        id++;
      }
      b.category(cb.build());
    }
    return b.tier("hot", Expr.score().ge(200)).tier("warm", Expr.score().ge(100)).build();
  }

  private static Expr condition(Random r) {
    Expr first = atom(r);
    return r.nextInt(3) == 0 ? first.and(atom(r)) : first;
  }

  private static Expr atom(Random r) {
    String event = "e" + r.nextInt(50);
    Window w = Window.days(1 + r.nextInt(90));
    switch (r.nextInt(6)) {
      case 0:
        return Expr.agg(Aggregate.count(event), w).ge(1 + r.nextInt(10));
      case 1:
        return Expr.agg(Aggregate.distinct(EventFilter.of(event), "p"), w).between(1, 5);
      case 2:
        return Expr.agg(Aggregate.activeDays(EventFilter.of(event)), w).ge(1 + r.nextInt(7));
      case 3:
        return Expr.agg(Aggregate.daysSince(EventFilter.of(event))).lt(1 + r.nextInt(30));
      case 4:
        return Expr.trait("employees").between(r.nextInt(100), 100 + r.nextInt(5000));
      default:
        return Expr.trait("industry").in("software", "fintech", "s" + r.nextInt(10));
    }
  }
}
