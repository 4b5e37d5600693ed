package dev.pls.core.testing;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCases;
import net.jqwik.api.ExhaustiveGenerator;
import net.jqwik.api.RandomGenerator;

/*
 * jqwik memoizes generators in a map keyed by the arbitrary, whose hashCode walks the whole
 * arbitrary tree, and oneOf/frequencyOf look their chosen alternative's generator up for every
 * value. With trees as deep as a model's, that hashing cost ~25 ms per generated model. This
 * wrapper has identity equality and keeps its own generators, so a parent's hashCode stops here.
 */
/** An arbitrary with identity equality that caches its generators. */
final class Memo<T> implements Arbitrary<T> {
  private final Arbitrary<T> inner;
  private final Map<Integer, RandomGenerator<T>> generators = new ConcurrentHashMap<>();
  private final Map<Integer, RandomGenerator<T>> withEdgeCases = new ConcurrentHashMap<>();

  private Memo(Arbitrary<T> inner) {
    this.inner = inner;
  }

  /** {@code arbitrary}, with identity equality and cached generators. */
  static <T> Arbitrary<T> of(Arbitrary<T> arbitrary) {
    return arbitrary instanceof Memo ? arbitrary : new Memo<>(arbitrary);
  }

  @Override
  public RandomGenerator<T> generator(int genSize) {
    return generators.computeIfAbsent(genSize, inner::generator);
  }

  @Override
  public RandomGenerator<T> generatorWithEmbeddedEdgeCases(int genSize) {
    return withEdgeCases.computeIfAbsent(genSize, inner::generatorWithEmbeddedEdgeCases);
  }

  @Override
  public Optional<ExhaustiveGenerator<T>> exhaustive(long maxNumberOfSamples) {
    return inner.exhaustive(maxNumberOfSamples);
  }

  @Override
  public EdgeCases<T> edgeCases(int maxEdgeCases) {
    return inner.edgeCases(maxEdgeCases);
  }
}
