package dev.pls.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
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

  @Test
  void in_setLiteral_keepsOrderAndDuplicates_equalsAPlainList_andLooksUp() {
    Expr.In in = EMPLOYEES.in("b", "a", "b");
    List<Value> plain = List.of(Value.str("b"), Value.str("a"), Value.str("b"));
    assertEquals(plain, in.values());
    assertEquals(plain.hashCode(), in.values().hashCode());
    assertEquals(new Expr.In(EMPLOYEES, plain), in);
    assertTrue(in.values().contains(Value.str("a")));
    assertFalse(in.values().contains(Value.str("c")));
    assertEquals(1, in.values().indexOf(Value.str("a")));
    assertEquals(-1, in.values().indexOf(Value.str("c")));
  }

  @Test
  void in_largeSetLiteral_answersEveryMemberAndNoOther() {
    List<Value> many = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      many.add(Value.str("d" + i));
    }
    Expr.In in = new Expr.In(EMPLOYEES, many);
    for (int i = 0; i < 100_000; i++) {
      assertTrue(in.values().contains(Value.str("d" + i)));
    }
    assertFalse(in.values().contains(Value.str("d100000")));
    assertFalse(in.values().contains(Value.num(1)));
  }
}
