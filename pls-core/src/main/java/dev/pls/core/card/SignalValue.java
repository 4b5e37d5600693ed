package dev.pls.core.card;

import static java.util.Objects.requireNonNull;

import dev.pls.core.model.Value;
import dev.pls.core.model.Window;
import java.util.Optional;

/**
 * A value that a fired rule read: a signal over its window, or a trait.
 *
 * @param name the signal or trait name
 * @param window the window the signal was read over; empty for traits and all-history signals
 * @param value the value, or empty when it was missing
 */
public record SignalValue(String name, Optional<Window> window, Optional<Value> value) {
  public SignalValue {
    requireNonNull(name, "name");
    requireNonNull(window, "window");
    requireNonNull(value, "value");
  }

  /** {@code invites within 7d = 3}, {@code employees = missing}. */
  @Override
  public String toString() {
    String v = value.map(Value::toString).orElse("missing");
    return window.map(w -> name + " within " + w).orElse(name) + " = " + v;
  }
}
