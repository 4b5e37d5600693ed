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
 *
 * A row of EventColumns names its event by a code instead (see code()): the names filters name are
 * codes 0 to k-1 in the order of the plan's filters, fixed; when some filter matches any name, every
 * other name asked gets the next code, in a dictionary that grows with the distinct names asked
 * and is never emptied (event names are few), so that a row held apart can be made back into an
 * Event with its name. Without such a filter another name has no code: -1, which matches nothing.
 */
/**
 * Which of a plan's filters an event matches, as a bit mask. Thread-safe; immutable but for its
 * dictionary of event codes.
 */
final class Matcher {
  private final Map<String, int[]> byName;
  private final int[] anyName;
  private final Node[] where;
  // Per code below named, the filters that can match it; codes from named on match anyName.
  private final int[][] byCode;
  private final int named;
  private final java.util.concurrent.ConcurrentHashMap<String, Integer> codes =
      new java.util.concurrent.ConcurrentHashMap<>();
  // Written before the code is published in codes, so a reader of a code finds its name.
  private volatile String[] names;

  Matcher(Plan plan) {
    int n = plan.filters.size();
    if (n > 64) {
      throw new AssertionError("a mask holds 64 filters, the plan has " + n);
    }
    where = new Node[n];
    List<Integer> any = new ArrayList<>();
    Map<String, List<Integer>> naming = new HashMap<>();
    for (int i = 0; i < n; i++) {
      Plan.Filter f = plan.filters.get(i);
      where[i] = f.where();
      if (f.event().isEmpty()) {
        any.add(i);
      } else {
        naming.computeIfAbsent(f.event().get(), k -> new ArrayList<>()).add(i);
      }
    }
    anyName = any.stream().mapToInt(Integer::intValue).toArray();
    byName = new HashMap<>();
    naming.forEach(
        (name, ids) -> {
          List<Integer> all = new ArrayList<>(ids);
          all.addAll(any);
          byName.put(name, all.stream().mapToInt(Integer::intValue).toArray());
        });
    List<String> order = new ArrayList<>();
    for (Plan.Filter f : plan.filters) {
      f.event().filter(e -> !order.contains(e)).ifPresent(order::add);
    }
    named = order.size();
    names = order.toArray(new String[0]);
    byCode = new int[named][];
    for (int c = 0; c < named; c++) {
      byCode[c] = byName.get(names[c]);
      codes.put(names[c], c);
    }
  }

  /**
   * The code of event name {@code name}, or -1 when no filter can match an event of that name.
   * Equal names, equal codes, for the life of the matcher.
   */
  int code(String name) {
    Integer c = codes.get(name);
    if (c != null) {
      return c;
    }
    if (anyName.length == 0) {
      return -1;
    }
    synchronized (this) {
      c = codes.get(name);
      if (c == null) {
        String[] n = java.util.Arrays.copyOf(names, names.length + 1);
        c = names.length;
        n[c] = name;
        names = n;
        codes.put(name, c);
      }
      return c;
    }
  }

  /** How many codes {@link #code} has given: every code is below it. */
  int codes() {
    return names.length;
  }

  /** The event name of code {@code code}, which {@link #code} gave. */
  String name(int code) {
    return names[code];
  }

  /**
   * The filters row {@code row} of {@code c} matches, its event named by code {@code code} (-1 for
   * none); {@code f} is scratch for where-conditions, which read the row's property columns.
   */
  long mask(dev.pls.core.input.EventColumns c, int row, int code, SlotValues f) {
    if (code < 0) {
      return 0;
    }
    int[] candidates = code < named ? byCode[code] : anyName;
    long mask = 0;
    f.columns = c;
    f.row = row;
    for (int i : candidates) {
      Node w = where[i];
      if (w == null || w.test(f)) {
        mask |= 1L << i;
      }
    }
    f.columns = null;
    return mask;
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
