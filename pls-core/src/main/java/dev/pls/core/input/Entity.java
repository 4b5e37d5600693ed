package dev.pls.core.input;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import dev.pls.core.internal.base.Names;
import dev.pls.core.model.NumberRange;
import dev.pls.core.model.Value;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entity to score: its id, its traits, its events and, for an account, its members.
 *
 * <p>An account scored by an account model that rolls up members carries its members as user
 * entities, each with its own traits and events; the account's own {@code events} are events
 * recorded against the account itself (they are often empty): events that name it, and events of
 * the account alone ({@link Event#ofAccount}), which only an account's own events may hold. Member
 * ids are unique and members have no members of their own.
 *
 * @param id the user id (for a user model) or account id (for an account model)
 * @param traits trait values by name; traits the model does not declare are ignored
 * @param events the entity's events, in any order
 * @param members the account's members (users), in any order; empty for a user
 */
public record Entity(
    String id, Map<String, Value> traits, List<Event> events, List<Entity> members) {
  /**
   * Checks and copies the arguments.
   *
   * @throws IllegalArgumentException naming the argument: a bad id or trait name, a numeric trait
   *     outside {@link NumberRange}, or a member that is listed twice or has members
   */
  public Entity {
    Names.check(id, "id");
    requireNonNull(traits, "traits");
    traits.forEach(
        (k, v) -> {
          Names.check(k, "traits key");
          requireNonNull(v, "traits['" + k + "']");
          if (v instanceof Value.Num n) {
            NumberRange.check(n.value(), "traits['" + k + "']");
          }
        });
    traits = ImmutableMap.copyOf(traits);
    requireNonNull(events, "events");
    for (int i = 0; i < events.size(); i++) {
      requireNonNull(events.get(i), "events[" + i + "]");
    }
    events = List.copyOf(events);
    requireNonNull(members, "members");
    java.util.Set<String> ids = new java.util.HashSet<>();
    for (int i = 0; i < members.size(); i++) {
      Entity m = requireNonNull(members.get(i), "members[" + i + "]");
      if (!m.members().isEmpty()) {
        throw new IllegalArgumentException(
            "members[" + i + "]: member '" + m.id() + "' has members of its own");
      }
      if (!ids.add(m.id())) {
        throw new IllegalArgumentException(
            "members[" + i + "]: member '" + m.id() + "' is listed twice");
      }
    }
    members = List.copyOf(members);
  }

  /** An entity without members: a user, or an account scored on its own events. */
  public Entity(String id, Map<String, Value> traits, List<Event> events) {
    this(id, traits, events, List.of());
  }

  /** A builder for the entity {@code id}. */
  public static Builder builder(String id) {
    return new Builder(Names.check(id, "id"));
  }

  /** Builds an {@link Entity}. Not thread-safe. */
  public static final class Builder {
    private final String id;
    private final Map<String, Value> traits = new LinkedHashMap<>();
    private final List<Event> events = new ArrayList<>();
    private final List<Entity> members = new ArrayList<>();

    private Builder(String id) {
      this.id = id;
    }

    /**
     * Sets a trait ({@link Value#of} converts plain Java values).
     *
     * @throws IllegalArgumentException if the trait was already set, or the value cannot be a trait
     *     (another type, a number outside {@link NumberRange}); the message names the trait
     */
    public Builder trait(String name, Object value) {
      Names.check(name, "name");
      requireNonNull(value, "value");
      if (traits.containsKey(name)) {
        throw new IllegalArgumentException("name: trait '" + name + "' is already set");
      }
      try {
        traits.put(name, Value.of(value));
      } catch (IllegalArgumentException e) {
        // Value.of names its own parameter, "object"; the caller knows the trait.
        throw new IllegalArgumentException(
            "traits['" + name + "']" + e.getMessage().substring(e.getMessage().indexOf(':')), e);
      }
      return this;
    }

    /** Adds an event. */
    public Builder event(Event event) {
      events.add(requireNonNull(event, "event"));
      return this;
    }

    /** Adds events. */
    public Builder events(Collection<Event> events) {
      requireNonNull(events, "events").forEach(this::event);
      return this;
    }

    /** Adds a member (a user) to this account. */
    public Builder member(Entity member) {
      members.add(requireNonNull(member, "member"));
      return this;
    }

    /** Adds members (users) to this account. */
    public Builder members(Collection<Entity> members) {
      requireNonNull(members, "members").forEach(this::member);
      return this;
    }

    /** The entity. */
    public Entity build() {
      return new Entity(id, traits, events, members);
    }
  }
}
