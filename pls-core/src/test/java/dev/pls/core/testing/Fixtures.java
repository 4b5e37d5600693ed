package dev.pls.core.testing;

import dev.pls.core.input.Event;
import java.time.Instant;

/** Short forms for hand-written events in tests. */
public final class Fixtures {
  private Fixtures() {}

  /** The as-of instant most hand-computed cards use: a Friday, noon UTC. */
  public static final Instant AS_OF = Instant.parse("2026-11-20T12:00:00Z");

  /** {@code Instant.parse(iso)}. */
  public static Instant at(String iso) {
    return Instant.parse(iso);
  }

  /**
   * An event of {@code user} named {@code name} at {@code iso}, with properties given as
   * alternating keys and values: {@code event("u1", "feature_used", "2026-11-20T10:00:00Z",
   * "feature", "sso", "tier", "premium")}.
   */
  public static Event event(String user, String name, String iso, Object... properties) {
    return event(user, name, Instant.parse(iso), properties);
  }

  /** Like {@link #event(String, String, String, Object...)} with an instant. */
  public static Event event(String user, String name, Instant time, Object... properties) {
    if (properties.length % 2 != 0) {
      throw new IllegalArgumentException("properties: keys and values must alternate");
    }
    Event e = Event.of(user, name, time);
    for (int i = 0; i < properties.length; i += 2) {
      e = e.withProperty((String) properties[i], properties[i + 1]);
    }
    return e;
  }
}
