package dev.pls.cli.io;

import dev.pls.core.input.Event;
import dev.pls.core.model.EntityKind;
import dev.pls.core.model.Value;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Receives what readers accept, record by record, in file order. */
public interface InputSink {

  /**
   * A sink that keeps nothing: for readers of files that are not events, traits or group calls
   * (outcomes, dispositions), which read through the same machinery for its rejects and counts.
   */
  InputSink NONE =
      new InputSink() {
        @Override
        public void event(Event event) {}

        @Override
        public void traits(EntityKind kind, String id, Map<String, Value> traits) {}

        @Override
        public void member(String user, String account, Instant time) {}
      };

  /** An accepted event. */
  void event(Event event);

  /**
   * Traits of a user or an account; a later record's value for the same trait replaces an earlier
   * one.
   */
  void traits(EntityKind kind, String id, Map<String, Value> traits);

  /** A statement that {@code user} belongs to {@code account} as of {@code time} (a group call). */
  void member(String user, String account, Instant time);

  /**
   * A statement that {@code id} (an anonymous id, or an alias's previous id) and the known {@code
   * userId} are one person, made at {@code time} when the source says (a Segment identify, track,
   * page or screen call carrying both ids, an alias call, a links file). A sink that scores no
   * people ignores it.
   */
  default void link(String id, String userId, Optional<Instant> time) {}

  /**
   * Traits of a user from a record made at {@code time} (a Segment identify call): as {@link
   * #traits(EntityKind, String, Map)}, with the time that decides, when ids found to be one person
   * have values for the same trait, which one the person gets (the latest).
   */
  default void traits(EntityKind kind, String id, Map<String, Value> traits, Instant time) {
    traits(kind, id, traits);
  }
}
