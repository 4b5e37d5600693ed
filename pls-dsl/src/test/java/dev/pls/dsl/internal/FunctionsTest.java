package dev.pls.dsl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.model.Aggregate;
import dev.pls.core.model.EventFilter;
import dev.pls.core.model.Expr;
import dev.pls.core.model.MemberAggregate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The function table agrees with the core model about every function it declares. */
class FunctionsTest {

  /** Arguments for the first {@code n} parameters of {@code fn}, as checking would give them. */
  private static Functions.Args args(Functions.Declaration<?> fn, int n) {
    List<EventFilter> events = new ArrayList<>();
    Optional<String> property = Optional.empty();
    Optional<String> name = Optional.empty();
    Optional<Expr> expr = Optional.empty();
    int weeks = 0;
    for (Functions.Param p : fn.params().subList(0, n)) {
      switch (p) {
        case EVENT -> events.add(EventFilter.of("e" + events.size()));
        case EVENT_PROPERTY -> {
          events.add(EventFilter.of("e"));
          property = Optional.of("p");
        }
        case WEEKS -> weeks = 4;
        case MEMBER_WHERE -> expr = Optional.of(Expr.lit(true));
        case MEMBER_TIER, MEMBER_TRAIT -> name = Optional.of("x");
        case STRING_NAME -> expr = Optional.of(new Expr.TraitRef("industry"));
      }
    }
    return new Functions.Args(events, property, weeks, name, expr);
  }

  @Test
  void aggregates_resultTypeAndWindow_matchTheCoreAggregate() {
    for (Functions.Declaration<?> d : Functions.all()) {
      Optional<Functions.Declaration<Aggregate>> fn = Functions.aggregate(d.name());
      if (fn.isEmpty()) {
        continue;
      }
      Aggregate a = fn.get().lower(args(fn.get(), fn.get().params().size()));
      assertEquals(a.type(), fn.get().result(), d.name());
      assertEquals(a.windowed(), fn.get().window().windowed(d.params().size()), d.name());
      assertEquals(Functions.Family.AGGREGATE, fn.get().family(), d.name());
    }
  }

  @Test
  void memberFunctions_windowAtEveryArity_matchesTheCoreMemberAggregate() {
    for (Functions.Declaration<?> d : Functions.all()) {
      Optional<Functions.Declaration<MemberAggregate>> fn = Functions.member(d.name());
      if (fn.isEmpty()) {
        continue;
      }
      for (int n = fn.get().required(); n <= fn.get().params().size(); n++) {
        MemberAggregate a = fn.get().lower(args(fn.get(), n));
        assertEquals(a.windowed(), fn.get().window().windowed(n), d.name() + "/" + n);
        assertEquals(
            a.needsWindow(), fn.get().window() == Functions.WindowUse.REQUIRED, d.name() + "/" + n);
      }
    }
  }

  @Test
  void table_coversEveryCoreAggregate() {
    Set<Class<?>> made = new HashSet<>();
    for (Functions.Declaration<?> d : Functions.all()) {
      if (d.family() != Functions.Family.SCALAR) {
        made.add(d.lower(args(d, d.params().size())).getClass());
        made.add(d.lower(args(d, d.required())).getClass());
      }
    }
    Set<Class<?>> core = new HashSet<>(List.of(Aggregate.class.getPermittedSubclasses()));
    core.addAll(List.of(MemberAggregate.class.getPermittedSubclasses()));
    // Counting all members is the bare name `members`, not a call.
    core.remove(MemberAggregate.Count.class);
    assertEquals(core, made);
  }

  @Test
  void names_listAggregatesThenMemberFunctionsThenScalars() {
    assertEquals(
        List.of(
            "count",
            "distinct",
            "sum",
            "min",
            "max",
            "active_days",
            "days_since",
            "first_seen",
            "last_seen",
            "minutes_between",
            "growth_weeks",
            "trend",
            "members",
            "active_members",
            "new_members",
            "members_at_tier",
            "member_values",
            "active_growth",
            "lower"),
        Functions.names());
  }

  @Test
  void accepts_optionalTrailingArgument_widensTheArity() {
    Functions.Declaration<MemberAggregate> values = Functions.member("member_values").orElseThrow();
    assertFalse(values.accepts(0));
    assertTrue(values.accepts(1));
    assertTrue(values.accepts(2));
    assertFalse(values.accepts(3));
    Functions.Declaration<Aggregate> between = Functions.aggregate("minutes_between").orElseThrow();
    assertFalse(between.accepts(1));
    assertTrue(between.accepts(2));
  }

  @Test
  void lookup_unknownOrOtherFamily_isEmpty() {
    assertTrue(Functions.aggregate("members").isEmpty());
    assertTrue(Functions.member("count").isEmpty());
    assertTrue(Functions.scalar("upper").isEmpty());
    assertEquals("lower", Functions.scalar("lower").orElseThrow().name());
  }
}
