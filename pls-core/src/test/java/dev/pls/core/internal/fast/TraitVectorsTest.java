package dev.pls.core.internal.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.pls.core.model.Value;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraitVectorsTest {
  @Test
  void equalVectorsShareTheFirstArray_differentOnesDoNot_acrossGrowth() {
    TraitVectors vectors = new TraitVectors();
    List<Value[]> first = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      Value[] v = {Value.num(i), i % 2 == 0 ? null : Value.str("retail")};
      assertSame(v, vectors.intern(v));
      first.add(v);
    }
    for (int i = 0; i < 1_000; i++) {
      Value[] again = {Value.num(i), i % 2 == 0 ? null : Value.str("retail")};
      Value[] shared = vectors.intern(again);
      assertSame(first.get(i), shared);
      assertArrayEquals(again, shared);
    }
    Value[] other = {Value.num(0), Value.str("retail")};
    assertNotSame(first.get(0), vectors.intern(other));
    assertSame(other, vectors.intern(new Value[] {Value.num(0), Value.str("retail")}));
  }
}
