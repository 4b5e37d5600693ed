package dev.pls.core.internal.fast;

import dev.pls.core.input.Event;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/*
 * Matches an event against a plan's filters by name first: one hash lookup of the event's name
 * gives the filters that can match it (those naming it, then those on any event), so an event is
 * tested only against those, and only their where-conditions run. The result is a bit mask of
 * the matched filters, for plans of at most 64 filters.
 */
/** Which of a plan's filters an event matches, as a bit mask. Immutable and thread-safe. */
final class Matcher {
  private final Map<String, int[]> byName;
  private final int[] anyName;
  private final Node[] where;

  Matcher(Plan plan) {
    int n = plan.filters.size();
    if (n > 64) {
      throw new AssertionError("a mask holds 64 filters, the plan has " + n);
    }
    where = new Node[n];
    List<Integer> any = new ArrayList<>();
    Map<String, List<Integer>> named = new HashMap<>();
    for (int i = 0; i < n; i++) {
      Plan.Filter f = plan.filters.get(i);
      where[i] = f.where();
      if (f.event().isEmpty()) {
        any.add(i);
      } else {
        named.computeIfAbsent(f.event().get(), k -> new ArrayList<>()).add(i);
      }
    }
    anyName = any.stream().mapToInt(Integer::intValue).toArray();
    byName = new HashMap<>();
    named.forEach(
        (name, ids) -> {
          List<Integer> all = new ArrayList<>(ids);
          all.addAll(any);
          byName.put(name, all.stream().mapToInt(Integer::intValue).toArray());
        });
  }

  /** The filters {@code e} matches; {@code f} is scratch for where-conditions. */
  long mask(Event e, SlotValues f) {
    int[] candidates = byName.getOrDefault(e.name(), anyName);
    long mask = 0;
    f.event = e;
    for (int i : candidates) {
      Node w = where[i];
      if (w == null || w.test(f)) {
        mask |= 1L << i;
      }
    }
    f.event = null;
    return mask;
  }
}
