package dev.pls.cli.io;

import dev.pls.core.input.Event;
import dev.pls.core.model.EntityKind;
import dev.pls.core.model.Value;
import java.time.Instant;
import java.util.Map;

/** Receives what readers accept, record by record, in file order. */
public interface InputSink {

  /** An accepted event. */
  void event(Event event);

  /**
   * Traits of a user or an account; a later record's value for the same trait replaces an earlier
   * one.
   */
  void traits(EntityKind kind, String id, Map<String, Value> traits);

  /** A statement that {@code user} belongs to {@code account} as of {@code time} (a group call). */
  void member(String user, String account, Instant time);
}
