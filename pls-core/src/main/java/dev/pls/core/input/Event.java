package dev.pls.core.input;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import dev.pls.core.internal.base.Names;
import dev.pls.core.model.NumberRange;
import dev.pls.core.model.Value;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A product-usage event: who did what, when, with which properties.
 *
 * <p>Most events are done by a user ({@link #of}); an event recorded against an account alone (a
 * contract signed, a billing change: {@link #ofAccount}) has an account and no user. An account
 * model counts an account's own events next to its members' events; a user model and a member model
 * never see them ({@code docs/semantics.md}, "Accounts").
 *
 * <p>Immutable. Property values are strings, numbers in {@link NumberRange} or booleans.
 *
 * @param user the id of the user who did it; {@code null} only for an event of an account alone,
 *     which then must name its account; read it with {@link #user()} after {@link #hasUser()}
 * @param account the account the event was done in, if the source says so; always present for an
 *     event of an account alone
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

  /**
   * Checks and copies the arguments.
   *
   * @throws IllegalArgumentException naming the argument: a bad name, a property that is a time, or
   *     a number outside {@link NumberRange}
   * @throws NullPointerException if {@code user} is null and {@code account} empty (an event of no
   *     one), or another argument is null
   */
  public Event {
    requireNonNull(account, "account");
    if (user != null || account.isEmpty()) {
      Names.check(user, "user");
    }
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
          if (v instanceof Value.Num n) {
            NumberRange.check(n.value(), "properties['" + k + "']");
          }
        });
    properties = ImmutableMap.copyOf(properties);
  }

  /** An event without account or properties. */
  public static Event of(String user, String name, Instant time) {
    return new Event(user, Optional.empty(), name, time, Map.of());
  }

  /**
   * An event of the account {@code account} alone, done by no user, without properties.
   *
   * @throws IllegalArgumentException naming the argument that is not a valid name
   */
  public static Event ofAccount(String account, String name, Instant time) {
    return ofAccount(account, name, time, Map.of());
  }

  /**
   * An event of the account {@code account} alone, done by no user.
   *
   * @throws IllegalArgumentException naming the argument: a bad name, a property that is a time, or
   *     a number outside {@link NumberRange}
   */
  public static Event ofAccount(
      String account, String name, Instant time, Map<String, Value> properties) {
    return new Event(null, Optional.of(Names.check(account, "account")), name, time, properties);
  }

  /**
   * The id of the user who did it.
   *
   * @throws IllegalStateException if this is an event of an account alone ({@link #hasUser()} is
   *     false): it has no user, and no id stands in for one
   */
  @Override
  public String user() {
    if (user == null) {
      throw new IllegalStateException(
          "event '" + name + "' of account '" + account.get() + "' alone has no user");
    }
    return user;
  }

  /** Whether a user did it: false for an event of an account alone ({@link #ofAccount}). */
  public boolean hasUser() {
    return user != null;
  }

  /**
   * This event with its account set.
   *
   * @throws IllegalArgumentException if {@code account} is not a valid name
   */
  public Event withAccount(String account) {
    return new Event(user, Optional.of(Names.check(account, "account")), name, time, properties);
  }

  /**
   * This event with one more property ({@link Value#of} converts plain Java values).
   *
   * @throws IllegalArgumentException if the event already has that property, or the value cannot be
   *     a property (a time, another type, a number outside {@link NumberRange}); the message names
   *     the property
   */
  public Event withProperty(String key, Object value) {
    Names.check(key, "key");
    if (properties.containsKey(key)) {
      throw new IllegalArgumentException("key: event already has property '" + key + "'");
    }
    requireNonNull(value, "value");
    Map<String, Value> p = new LinkedHashMap<>(properties);
    String argument = "properties['" + key + "']";
    try {
      p.put(key, Value.of(value));
    } catch (IllegalArgumentException e) {
      // Value.of names its own parameter, "object"; the caller knows the property.
      throw new IllegalArgumentException(
          argument + e.getMessage().substring(e.getMessage().indexOf(':')), e);
    }
    return new Event(user, account, name, time, p);
  }

  /** The property's value, or empty when the event does not have it. */
  public Optional<Value> property(String key) {
    return Optional.ofNullable(properties.get(key));
  }
}
