package dev.pls.core.backtest;

import static java.util.Objects.requireNonNull;

import dev.pls.core.internal.base.Names;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One named outcome (e.g. {@code converted}) and, per entity that had it, its outcome time: the
 * earliest of its records.
 *
 * <p>Immutable and thread-safe.
 */
public final class Outcomes {
  private final String name;
  private final Map<String, Instant> times;

  private Outcomes(String name, Map<String, Instant> times) {
    this.name = name;
    this.times = Collections.unmodifiableMap(new HashMap<>(times));
  }

  /**
   * The outcome {@code name} with these entities' outcome times.
   *
   * @throws NullPointerException if an argument, key or value is null
   * @throws IllegalArgumentException naming the argument, if {@code name} or an entity id is not a
   *     valid name
   */
  public static Outcomes of(String name, Map<String, Instant> times) {
    Builder b = builder(name);
    requireNonNull(times, "times").forEach(b::add);
    return b.build();
  }

  /**
   * A builder of the outcome {@code name}.
   *
   * @throws IllegalArgumentException if {@code name} is not a valid name
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The outcome's name. */
  public String name() {
    return name;
  }

  /** The outcome time of {@code entity}, if it had the outcome. */
  public Optional<Instant> time(String entity) {
    return Optional.ofNullable(times.get(requireNonNull(entity, "entity")));
  }

  /** The entities that had the outcome. */
  public Set<String> entities() {
    return times.keySet();
  }

  /** How many entities had the outcome. */
  public int size() {
    return times.size();
  }

  @Override
  public String toString() {
    return "Outcomes[" + name + ", " + times.size() + " entities]";
  }

  /**
   * Collects outcome records; an entity's outcome time is its earliest record's. Not thread-safe.
   */
  public static final class Builder {
    private final String name;
    private final Map<String, Instant> times = new HashMap<>();

    private Builder(String name) {
      Names.check(name, "name");
      this.name = name;
    }

    /**
     * Records that {@code entity} had the outcome at {@code time}; an earlier record of the same
     * entity wins.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code entity} is not a valid name
     */
    public Builder add(String entity, Instant time) {
      Names.check(entity, "entity");
      requireNonNull(time, "time");
      times.merge(entity, time, (a, b) -> a.isBefore(b) ? a : b);
      return this;
    }

    /** The outcomes recorded so far. */
    public Outcomes build() {
      return new Outcomes(name, times);
    }
  }
}
