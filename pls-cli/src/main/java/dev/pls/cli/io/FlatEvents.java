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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 *
 * A sink that takes rows (Rows: a streaming score run's StoreIngest, which fills the store's
 * EventColumns) gets the line's fields and properties as read, with no Event made: each property
 * typed and checked alone by PropertyTypes.property, as PropertyTypes.event does for a whole
 * event, so the two sinks accept, respell and decline the same lines alike.
 */
/** Reads a flat-form JSON Lines event with the streaming parser, or declines the line. */
final class FlatEvents {
  private static final JsonFactory FACTORY = JsonLines.MAPPER.getFactory();

  /** A sink that takes a flat line's event as its fields, without an {@link Event}. */
  interface Rows {
    /**
     * An event of {@code user} (its known id, else its anonymous id) naming {@code account} (null
     * for none), typed as the model reads it: property {@code keys.get(i)} is {@code
     * values.get(i)}, or missing when that is null. The lists are the reader's scratch, valid
     * during the call.
     */
    void row(
        String user,
        String account,
        String name,
        Instant time,
        List<String> keys,
        List<Value> values);

    /**
     * Whether the sink keeps property {@code key} of the events it takes: when not (and no type is
     * expected of it), the reader checks its value as it would but hands it on as nothing.
     */
    boolean reads(String key);
  }

  private final Timestamps timestamps;
  private final PropertyTypes types;
  // The properties of the line being read, in order: scratch reused from line to line.
  private final List<String> keys = new ArrayList<>();
  private final List<Value> values = new ArrayList<>();

  FlatEvents(Timestamps timestamps, PropertyTypes types) {
    this.timestamps = timestamps;
    this.types = types;
  }

  /**
   * Reads {@code text} into {@code sink} and returns true, or returns false having given the sink
   * nothing, when the tree reader must decide.
   */
  boolean read(String text, InputSink sink) {
    Event event = null;
    String known = null;
    String anonymous = null;
    String user;
    String account = null;
    String name = null;
    Instant at;
    Rows rows = sink instanceof Rows r ? r : null;
    keys.clear();
    values.clear();
    try (JsonParser p = FACTORY.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      String time = null;
      boolean props = false;
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
            if (props || !props(p, rows)) {
              return false;
            }
            props = true;
          }
          default -> {
            return false;
          }
        }
      }
      if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
        return false;
      }
      user = known != null ? known : anonymous;
      if (user == null || name == null || time == null) {
        return false;
      }
      if (!sound(user) || !sound(name) || (account != null && !sound(account))) {
        return false;
      }
      if (known != null && anonymous != null && !sound(anonymous)) {
        return false;
      }
      try {
        at = timestamps.read(time);
      } catch (RuntimeException e) {
        return false;
      }
      if (rows != null) {
        for (int i = 0; i < keys.size(); i++) {
          values.set(i, types.property(name, keys.get(i), values.get(i)));
        }
      } else {
        Map<String, Value> map = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
          map.put(keys.get(i), values.get(i));
        }
        event = types.event(new Event(user, Optional.ofNullable(account), name, at, map));
      }
    } catch (IOException | BadRecord | RuntimeException e) {
      // Malformed JSON, a duplicate key, a number Jackson refuses, a type the model reads
      // otherwise: the tree reader says which.
      return false;
    }
    if (rows != null) {
      rows.row(user, account, name, at, keys, values);
    } else {
      sink.event(event);
    }
    if (known != null && anonymous != null && !anonymous.equals(known)) {
      sink.link(anonymous, known, Optional.of(at));
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

  /**
   * Reads the properties object the parser is at the start of into {@link #keys} and {@link
   * #values}; false to decline. For a row-taking sink, a property it does not read and whose type
   * no rule expects is checked (so the same lines are declined) but not kept: its string is never
   * made, and no Value is.
   */
  private boolean props(JsonParser p, Rows rows) throws IOException {
    JsonToken t;
    while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      if (!sound(key)) {
        return false;
      }
      boolean keep = rows == null || rows.reads(key) || types.expects(key);
      Value v;
      switch (p.nextToken()) {
        case VALUE_STRING -> v = keep ? Value.str(p.getText()) : null;
        case VALUE_TRUE -> v = TRUE;
        case VALUE_FALSE -> v = FALSE;
        case VALUE_NULL -> v = null;
        case VALUE_NUMBER_INT -> {
          if (p.getNumberType() != JsonParser.NumberType.INT
              && p.getNumberType() != JsonParser.NumberType.LONG) {
            return false;
          }
          BigDecimal d = BigDecimal.valueOf(p.getLongValue());
          if (!NumberRange.contains(d)) {
            return false;
          }
          v = keep ? Value.num(d) : null;
        }
        default -> {
          return false;
        }
      }
      if (v != null) {
        keys.add(key);
        values.add(v);
      }
    }
    return t == JsonToken.END_OBJECT;
  }

  private static final Value TRUE = Value.bool(true);
  private static final Value FALSE = Value.bool(false);
}
