package dev.pls.core.model;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/*
 * The values of an `in {...}` set, in the order written (duplicates kept, so a model's text and
 * equality are what its author wrote), answering `contains` from a hash set: a set of thousands of
 * literals costs one lookup per test, not a scan, in every engine that asks the list.
 */
/** An immutable list of a set literal's values with constant-time {@link #contains}. */
final class SetLiteral extends AbstractList<Value> implements RandomAccess {
  private final ImmutableList<Value> values;
  private final ImmutableSet<Value> lookup;

  private SetLiteral(ImmutableList<Value> values) {
    this.values = values;
    this.lookup = ImmutableSet.copyOf(values);
  }

  /** {@code values} as a set literal; null elements are rejected. */
  static List<Value> of(List<Value> values) {
    return values instanceof SetLiteral s ? s : new SetLiteral(ImmutableList.copyOf(values));
  }

  @Override
  public Value get(int index) {
    return values.get(index);
  }

  @Override
  public int size() {
    return values.size();
  }

  @Override
  public boolean contains(Object o) {
    return lookup.contains(o);
  }

  @Override
  public int indexOf(Object o) {
    return lookup.contains(o) ? values.indexOf(o) : -1;
  }
}
