package dev.pls.cli.io;

import dev.pls.core.input.Event;
import dev.pls.core.model.EntityKind;
import dev.pls.core.model.Value;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A sink that keeps everything it is given, in order, for assertions. */
final class CollectingSink implements InputSink {
  record Traits(EntityKind kind, String id, Map<String, Value> traits) {}

  record Member(String user, String account, Instant time) {}

  final List<Event> events = new ArrayList<>();
  final List<Traits> traits = new ArrayList<>();
  final List<Member> members = new ArrayList<>();

  @Override
  public void event(Event event) {
    events.add(event);
  }

  @Override
  public void traits(EntityKind kind, String id, Map<String, Value> t) {
    traits.add(new Traits(kind, id, Map.copyOf(t)));
  }

  @Override
  public void member(String user, String account, Instant time) {
    members.add(new Member(user, account, time));
  }
}
