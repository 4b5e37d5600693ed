package dev.pls.core.input;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import dev.pls.core.internal.base.Names;
import dev.pls.core.model.Value;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A product-usage event: who did what, when, with which properties.
 *
 * <p>Immutable. Property values are strings, numbers or booleans.
 *
 * @param user the id of the user who did it
 * @param account the account the event was done in, if the source says so
 * @param name the event name, e.g. {@code invite_sent}; matched exactly
 * @param time when it happened
 * @param properties the event's properties, in their original order
 */
public record Event(
    String user,
    Optional<String> account,
    String name,
    Instant time,
    Map<String, Value> properties) {

  public Event {
    Names.check(user, "user");
    requireNonNull(account, "account");
    account.ifPresent(a -> Names.check(a, "account"));
    Names.check(name, "name");
    requireNonNull(time, "time");
    requireNonNull(properties, "properties");
    properties.forEach(
        (k, v) -> {
          Names.check(k, "properties key");
          requireNonNull(v, "properties['" + k + "']");
          if (v instanceof Value.Time) {
            throw new IllegalArgumentException(
                "properties['" + k + "']: must be a string, number or boolean, was a time");
          }
        });
    properties = ImmutableMap.copyOf(properties);
  }

  /** An event without account or properties. */
  public static Event of(String user, String name, Instant time) {
    return new Event(user, Optional.empty(), name, time, Map.of());
  }

  /** This event with its account set. */
  public Event withAccount(String account) {
    return new Event(user, Optional.of(Names.check(account, "account")), name, time, properties);
  }

  /**
   * This event with one more property ({@link Value#of} converts plain Java values).
   *
   * @throws IllegalArgumentException if the event already has that property
   */
  public Event withProperty(String key, Object value) {
    Names.check(key, "key");
    if (properties.containsKey(key)) {
      throw new IllegalArgumentException("key: event already has property '" + key + "'");
    }
    Map<String, Value> p = new LinkedHashMap<>(properties);
    p.put(key, Value.of(requireNonNull(value, "value")));
    return new Event(user, account, name, time, p);
  }

  /** The property's value, or empty when the event does not have it. */
  public Optional<Value> property(String key) {
    return Optional.ofNullable(properties.get(key));
  }
}
