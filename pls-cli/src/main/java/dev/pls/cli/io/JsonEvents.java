package dev.pls.cli.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pls.core.input.Event;
import dev.pls.core.model.EntityKind;
import dev.pls.core.model.Value;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/*
 * Events from JSON Lines, in two forms told apart line by line: a line with a "type" member is a
 * Segment-spec call (as Segment and RudderStack exports write them), any other line is the flat
 * form. Mixing them in one file is allowed.
 *
 * Flat form: {"user":…, "account":…, "event":…, "time":…, "props":{…}}. user, event and time are
 * required, account and props optional; anonymous_id is optional too, and a line without a user is
 * that anonymous id's, while one with both (different) links the two as one person; any other member is rejected (bad_value), because a typo
 * such as "prop" would otherwise drop data without a word.
 *
 * Segment form: the user is userId, else anonymousId; the time is timestamp, else
 * originalTimestamp. Other members (context, sentAt, …) are ignored, except messageId: Segment
 * delivers at least once, so a call whose messageId was already accepted in this run (in any
 * file) is rejected as a duplicate rather than counted twice.
 * - track: event and properties; the account is groupId, else context.groupId.
 * - page / screen: the event page_viewed / screen_viewed with the call's properties, plus its
 *   name as the property "name" when the properties lack one.
 * - identify: traits (else context.traits) become the user's traits; no event.
 * - alias: previousId and userId are one person (both required); no event.
 * - track, page, screen and identify calls carrying both a userId and an anonymousId also say that
 *   the two are one person (a link, at the call's time).
 * - group: groupId is required; traits become the account's traits, and a user on the call
 *   becomes a member of the account as of the call's timestamp (then required).
 * - anything else: rejected (unsupported_call).
 */
final class JsonEvents implements JsonLines.ObjectHandler {
  private final Timestamps timestamps;
  private final PropertyTypes types;
  private final Set<String> messageIds;

  /**
   * @param messageIds the messageIds of the Segment calls accepted so far, shared by every file of
   *     a run; this adds to it
   */
  JsonEvents(Timestamps timestamps, PropertyTypes types, Set<String> messageIds) {
    this.timestamps = timestamps;
    this.types = types;
    this.messageIds = messageIds;
  }

  private void accept(InputSink sink, Event event) throws BadRecord {
    sink.event(types.event(event));
  }

  private static final Set<String> FLAT_FIELDS =
      Set.of("user", "anonymous_id", "account", "event", "time", "props");

  @Override
  public void handle(JsonNode o, InputSink sink) throws BadRecord {
    if (o.has("type")) {
      segment(o, sink);
    } else {
      flat(o, sink);
    }
  }

  private void flat(JsonNode o, InputSink sink) throws BadRecord {
    Iterator<String> names = o.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!FLAT_FIELDS.contains(name)) {
        throw new BadRecord(
            RejectReason.BAD_VALUE,
            "unknown field '"
                + name
                + "' (expected user, anonymous_id, account, event, time, props)");
      }
    }
    Optional<String> known = Fields.id(o.get("user"), "user");
    Optional<String> anonymous = Fields.id(o.get("anonymous_id"), "anonymous_id");
    Optional<String> user = known.or(() -> anonymous);
    Optional<String> account = Fields.id(o.get("account"), "account");
    if (user.isEmpty() && account.isEmpty()) {
      throw new BadRecord(RejectReason.MISSING_USER, "neither 'user' nor 'account'");
    }
    String event =
        Fields.id(o.get("event"), "event")
            .orElseThrow(() -> new BadRecord(RejectReason.MISSING_EVENT, "no 'event'"));
    Instant time =
        Fields.time(o.get("time"), "time", timestamps)
            .orElseThrow(() -> new BadRecord(RejectReason.MISSING_TIME, "no 'time'"));
    Map<String, Value> props = Fields.values(o.get("props"), "props", "property");
    // With no user, the event is the account's own (a contract signed): no user stands in for one.
    accept(
        sink,
        user.isPresent()
            ? new Event(user.get(), account, event, time, props)
            : Event.ofAccount(account.get(), event, time, props));
    if (known.isPresent() && anonymous.isPresent() && !anonymous.equals(known)) {
      sink.link(anonymous.get(), user.get(), Optional.of(time));
    }
  }

  private void segment(JsonNode o, InputSink sink) throws BadRecord {
    JsonNode idNode = o.get("messageId");
    String messageId =
        idNode != null && idNode.isTextual() && !idNode.textValue().isEmpty()
            ? idNode.textValue()
            : null;
    if (messageId != null && messageIds.contains(messageId)) {
      throw new BadRecord(
          RejectReason.DUPLICATE,
          "messageId '"
              + (messageId.length() > 200 ? messageId.substring(0, 200) + "…" : messageId)
              + "' was already read; not counted twice");
    }
    segmentCall(o, sink);
    if (messageId != null) {
      messageIds.add(messageId);
    }
  }

  private void segmentCall(JsonNode o, InputSink sink) throws BadRecord {
    JsonNode typeNode = o.get("type");
    String type = typeNode.isTextual() ? typeNode.textValue() : "";
    switch (type) {
      case "track" -> track(o, sink, Fields.id(o.get("event"), "event"), false);
      case "page" -> track(o, sink, Optional.of("page_viewed"), true);
      case "screen" -> track(o, sink, Optional.of("screen_viewed"), true);
      case "identify" -> identify(o, sink);
      case "group" -> group(o, sink);
      case "alias" -> alias(o, sink);
      default ->
          throw new BadRecord(
              RejectReason.UNSUPPORTED_CALL,
              "Segment call type "
                  + typeNode
                  + " is not read (expected track, identify, group, alias, page or screen)");
    }
  }

  private void track(JsonNode o, InputSink sink, Optional<String> name, boolean view)
      throws BadRecord {
    String user = segmentUser(o);
    String event =
        name.orElseThrow(() -> new BadRecord(RejectReason.MISSING_EVENT, "track without 'event'"));
    Instant time = segmentTime(o).orElseThrow(() -> noTime(o));
    Optional<String> account = Fields.id(o.get("groupId"), "groupId");
    if (account.isEmpty() && o.path("context").isObject()) {
      account = Fields.id(o.get("context").get("groupId"), "context.groupId");
    }
    Map<String, Value> props = Fields.values(o.get("properties"), "properties", "property");
    JsonNode pageName = o.get("name");
    if (view && !props.containsKey("name") && pageName != null && pageName.isTextual()) {
      props.put("name", Value.str(pageName.textValue()));
    }
    Event accepted = new Event(user, account, event, time, props);
    Optional<String> anonymous = anonymousOfKnown(o);
    accept(sink, accepted);
    anonymous.ifPresent(a -> sink.link(a, user, Optional.of(time)));
  }

  /** The anonymousId of a call that also carries a different userId (a link), if any. */
  private static Optional<String> anonymousOfKnown(JsonNode o) {
    try {
      Optional<String> user = Fields.id(o.get("userId"), "userId");
      Optional<String> anonymous = Fields.id(o.get("anonymousId"), "anonymousId");
      return user.isPresent() && anonymous.isPresent() && !anonymous.equals(user)
          ? anonymous
          : Optional.empty();
    } catch (BadRecord e) {
      // A call keyed by its userId was read before links were; an unreadable anonymousId beside
      // it still does not reject it, it only links nothing.
      return Optional.empty();
    }
  }

  private void alias(JsonNode o, InputSink sink) throws BadRecord {
    String previous =
        Fields.id(o.get("previousId"), "previousId")
            .orElseThrow(
                () -> new BadRecord(RejectReason.MISSING_ID, "alias without 'previousId'"));
    String user =
        Fields.id(o.get("userId"), "userId")
            .orElseThrow(() -> new BadRecord(RejectReason.MISSING_USER, "alias without 'userId'"));
    sink.link(previous, user, segmentTime(o));
  }

  private void identify(JsonNode o, InputSink sink) throws BadRecord {
    String user = segmentUser(o);
    JsonNode traits = o.get("traits");
    if ((traits == null || traits.isNull()) && o.path("context").isObject()) {
      traits = o.get("context").get("traits");
    }
    Map<String, Value> values = Fields.values(traits, "traits", "trait");
    Optional<String> anonymous = anonymousOfKnown(o);
    Optional<Instant> time = segmentTime(o);
    Map<String, Value> typed = types.traits(EntityKind.USER, values);
    if (time.isPresent()) {
      sink.traits(EntityKind.USER, user, typed, time.get());
    } else {
      sink.traits(EntityKind.USER, user, typed);
    }
    anonymous.ifPresent(a -> sink.link(a, user, time));
  }

  private void group(JsonNode o, InputSink sink) throws BadRecord {
    String account =
        Fields.id(o.get("groupId"), "groupId")
            .orElseThrow(() -> new BadRecord(RejectReason.MISSING_ID, "group without 'groupId'"));
    Optional<String> user = Fields.id(o.get("userId"), "userId");
    if (user.isEmpty()) {
      user = Fields.id(o.get("anonymousId"), "anonymousId");
    }
    Map<String, Value> traits = Fields.values(o.get("traits"), "traits", "trait");
    Optional<Instant> time = segmentTime(o);
    if (user.isPresent() && time.isEmpty()) {
      throw noTime(o);
    }
    sink.traits(EntityKind.ACCOUNT, account, types.traits(EntityKind.ACCOUNT, traits));
    if (user.isPresent()) {
      sink.member(user.get(), account, time.get());
    }
  }

  private static String segmentUser(JsonNode o) throws BadRecord {
    Optional<String> user = Fields.id(o.get("userId"), "userId");
    if (user.isEmpty()) {
      user = Fields.id(o.get("anonymousId"), "anonymousId");
    }
    return user.orElseThrow(
        () -> new BadRecord(RejectReason.MISSING_USER, "neither 'userId' nor 'anonymousId'"));
  }

  private Optional<Instant> segmentTime(JsonNode o) throws BadRecord {
    Optional<Instant> time = Fields.time(o.get("timestamp"), "timestamp", timestamps);
    return time.isPresent()
        ? time
        : Fields.time(o.get("originalTimestamp"), "originalTimestamp", timestamps);
  }

  private static BadRecord noTime(JsonNode o) {
    return new BadRecord(RejectReason.MISSING_TIME, "neither 'timestamp' nor 'originalTimestamp'");
  }
}
