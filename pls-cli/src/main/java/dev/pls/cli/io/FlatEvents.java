package dev.pls.cli.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.pls.core.input.Event;
import dev.pls.core.model.NumberRange;
import dev.pls.core.model.Value;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/*
 * The fast path of JSON Lines events: a flat-form line read with Jackson's streaming parser
 * (JsonParser tokens, no JsonNode tree) straight into an Event.
 *
 * It only ever accepts: a line it takes is one the tree reader (JsonLines + JsonEvents) accepts
 * with the very same event and link, and any line it is not sure of (a Segment call, an unknown,
 * missing or repeated member, a value of another type than the common one, a number with a
 * fraction or beyond a long, an id or name the checks refuse, a time that does not read, trailing
 * text, a property of a type the model reads otherwise, malformed JSON) it declines, untouched, to
 * the tree reader, which accepts or rejects it with its own reason and message. So reject reasons
 * and texts have one source, and the fast path is free to be narrow. Numbers with a fraction are
 * declined because the tree reader's decimals follow Jackson's node normalisation; ids given as
 * integers, because the tree reader spells them from the node.
 *
 * The parser comes from JsonLines.MAPPER's factory, whose strict duplicate detection makes a
 * repeated member a parse error (so declined) without a check here, and is made per line over the line's text; field names come from the factory's symbol table, so only
 * values are new strings.
 */
/** Reads a flat-form JSON Lines event with the streaming parser, or declines the line. */
final class FlatEvents {
  private static final JsonFactory FACTORY = JsonLines.MAPPER.getFactory();

  private final Timestamps timestamps;
  private final PropertyTypes types;

  FlatEvents(Timestamps timestamps, PropertyTypes types) {
    this.timestamps = timestamps;
    this.types = types;
  }

  /**
   * Reads {@code text} into {@code sink} and returns true, or returns false having given the sink
   * nothing, when the tree reader must decide.
   */
  boolean read(String text, InputSink sink) {
    Event event;
    String known = null;
    String anonymous = null;
    try (JsonParser p = FACTORY.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      String account = null;
      String name = null;
      String time = null;
      Map<String, Value> props = null;
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken v = p.nextToken();
        switch (field) {
          case "user" -> known = text(v, p);
          case "anonymous_id" -> anonymous = text(v, p);
          case "account" -> account = text(v, p);
          case "event" -> name = text(v, p);
          case "time" -> time = text(v, p);
          case "props" -> {
            if (v != JsonToken.START_OBJECT) {
              return false;
            }
            props = props(p);
            if (props == null) {
              return false;
            }
          }
          default -> {
            return false;
          }
        }
      }
      if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
        return false;
      }
      String user = known != null ? known : anonymous;
      if (user == null || name == null || time == null) {
        return false;
      }
      if (!sound(user) || !sound(name) || (account != null && !sound(account))) {
        return false;
      }
      if (known != null && anonymous != null && !sound(anonymous)) {
        return false;
      }
      Instant at;
      try {
        at = timestamps.read(time);
      } catch (RuntimeException e) {
        return false;
      }
      event =
          types.event(
              new Event(
                  user,
                  Optional.ofNullable(account),
                  name,
                  at,
                  props == null ? new LinkedHashMap<>() : props));
    } catch (IOException | BadRecord | RuntimeException e) {
      // Malformed JSON, a duplicate key, a number Jackson refuses, a type the model reads
      // otherwise: the tree reader says which.
      return false;
    }
    sink.event(event);
    if (known != null && anonymous != null && !anonymous.equals(known)) {
      sink.link(anonymous, known, Optional.of(event.time()));
    }
    return true;
  }

  /** Thrown to decline a line: no stack trace, as it is control flow. */
  private static final class Decline extends RuntimeException {
    private static final Decline INSTANCE = new Decline();

    private Decline() {
      super("declined", null, false, false);
    }
  }

  /** A member's string; declines when it is empty or not a string. */
  private static String text(JsonToken v, JsonParser p) throws IOException {
    if (v != JsonToken.VALUE_STRING) {
      throw Decline.INSTANCE;
    }
    String s = p.getText();
    if (s.isEmpty()) {
      throw Decline.INSTANCE;
    }
    return s;
  }

  private static boolean sound(String id) {
    try {
      Fields.checkName(id, "id");
      return true;
    } catch (BadRecord e) {
      return false;
    }
  }

  /** The properties object the parser is at the start of, or null to decline. */
  private static Map<String, Value> props(JsonParser p) throws IOException {
    Map<String, Value> props = new LinkedHashMap<>();
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      if (!sound(key)) {
        return null;
      }
      switch (p.nextToken()) {
        case VALUE_STRING -> props.put(key, Value.str(p.getText()));
        case VALUE_TRUE -> props.put(key, Value.bool(true));
        case VALUE_FALSE -> props.put(key, Value.bool(false));
        case VALUE_NULL -> {}
        case VALUE_NUMBER_INT -> {
          if (p.getNumberType() != JsonParser.NumberType.INT
              && p.getNumberType() != JsonParser.NumberType.LONG) {
            return null;
          }
          BigDecimal d = BigDecimal.valueOf(p.getLongValue());
          if (!NumberRange.contains(d)) {
            return null;
          }
          props.put(key, Value.num(d));
        }
        default -> {
          return null;
        }
      }
    }
    return t == JsonToken.END_OBJECT ? props : null;
  }
}
