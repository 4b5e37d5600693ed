package dev.pls.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExprTest {
  private static final Expr EMPLOYEES = Expr.trait("employees");

  @Test
  void children_operators_listOperandsLeftToRight() {
    Expr.Between between = EMPLOYEES.between(50, 500);
    assertEquals(List.of(EMPLOYEES, Expr.lit(50), Expr.lit(500)), between.children());
    Expr and = between.and(EMPLOYEES.isMissing());
    assertEquals(List.of(between, EMPLOYEES.isMissing()), and.children());
    assertEquals(List.of(EMPLOYEES), EMPLOYEES.in("a", "b").children());
    assertEquals(List.of(EMPLOYEES, Expr.lit(2)), EMPLOYEES.div(2).children());
  }

  @Test
  void children_leavesAndAggregateFilters_areEmpty() {
    assertEquals(List.of(), EMPLOYEES.children());
    assertEquals(List.of(), Expr.score().children());
    // an aggregate's filter condition belongs to its signal, not to the condition tree
    Expr.Agg filtered =
        Expr.agg(Aggregate.count(EventFilter.of("page_viewed").where(Expr.prop("path").eq("/p"))));
    assertEquals(List.of(), filtered.children());
  }
}
