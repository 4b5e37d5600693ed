package dev.pls.core;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entity to score: its id, its traits and its events.
 *
 * @param id the user id (for a user model) or account id (for an account model)
 * @param traits trait values by name; traits the model does not declare are ignored
 * @param events the entity's events, in any order
 */
public record Entity(String id, Map<String, Value> traits, List<Event> events) {
  public Entity {
    Names.check(id, "id");
    requireNonNull(traits, "traits");
    traits.forEach(
        (k, v) -> {
          Names.check(k, "traits key");
          requireNonNull(v, "traits['" + k + "']");
        });
    traits = ImmutableMap.copyOf(traits);
    requireNonNull(events, "events");
    for (int i = 0; i < events.size(); i++) {
      requireNonNull(events.get(i), "events[" + i + "]");
    }
    events = List.copyOf(events);
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

    private Builder(String id) {
      this.id = id;
    }

    /**
     * Sets a trait ({@link Value#of} converts plain Java values).
     *
     * @throws IllegalArgumentException if the trait was already set
     */
    public Builder trait(String name, Object value) {
      Names.check(name, "name");
      requireNonNull(value, "value");
      if (traits.containsKey(name)) {
        throw new IllegalArgumentException("name: trait '" + name + "' is already set");
      }
      traits.put(name, Value.of(value));
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

    /** The entity. */
    public Entity build() {
      return new Entity(id, traits, events);
    }
  }
}
