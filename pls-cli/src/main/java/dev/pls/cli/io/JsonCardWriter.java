package dev.pls.cli.io;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.pls.core.card.CategoryScore;
import dev.pls.core.card.Contribution;
import dev.pls.core.card.HandoffFacts;
import dev.pls.core.card.ScoreCard;
import dev.pls.core.card.SignalValue;
import dev.pls.core.model.Points;
import dev.pls.core.model.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/*
 * One JSON object per line. Points and numbers are written as JSON numbers from their exact
 * decimal text (never through a double), so 2.5 stays 2.5 and 0.1 stays 0.1. Missing signal
 * values and a card without exclusion are null; a window is its text ("7d"), null for traits and
 * all-history signals.
 */
final class JsonCardWriter implements CardWriter {
  private final JsonGenerator json;
  private final boolean explain;
  private final boolean members;

  JsonCardWriter(Writer out, boolean explain, boolean members) {
    this.json = JsonCardWriter.lines(out);
    this.explain = explain;
    this.members = members;
  }

  /**
   * A generator of one JSON value a line on {@code out}, which it does not close: what cards,
   * alerts and rejects are written with.
   */
  static JsonGenerator lines(Writer out) {
    try {
      JsonGenerator json =
          new JsonFactory()
              .createGenerator(requireNonNull(out, "out"))
              .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      json.setRootValueSeparator(null);
      return json;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void write(ScoreCard card) throws IOException {
    requireNonNull(card, "card");
    object(card);
    json.writeRaw('\n');
  }

  private void object(ScoreCard card) throws IOException {
    json.writeStartObject();
    json.writeStringField("entity", card.entity());
    json.writeStringField("kind", card.kind().displayName());
    json.writeStringField("model", card.model());
    json.writeNumberField("version", card.version());
    json.writeStringField("as_of", card.asOf().toString());
    points("score", card.score());
    json.writeStringField("tier", card.tier());
    // Only models with a grid have cells, so other cards are written as before.
    if (card.cell().isPresent()) {
      json.writeStringField("cell", card.cell().get());
    }
    json.writeFieldName("excluded");
    if (card.excluded().isPresent()) {
      json.writeString(card.excluded().get());
    } else {
      json.writeNull();
    }
    json.writeArrayFieldStart("categories");
    for (CategoryScore c : card.categories()) {
      json.writeStartObject();
      json.writeStringField("name", c.name());
      points("positive", c.positive());
      points("negative", c.negative());
      points("total", c.total());
      json.writeEndObject();
    }
    json.writeEndArray();
    if (explain) {
      json.writeArrayFieldStart("contributions");
      for (Contribution c : card.contributions()) {
        contribution(json, c);
      }
      json.writeEndArray();
    }
    if (card.handoff().isPresent()) {
      HandoffFacts h = card.handoff().get();
      json.writeObjectFieldStart("handoff");
      json.writeStringField("segment", h.segment());
      json.writeArrayFieldStart("triggers");
      for (String t : h.triggers()) {
        json.writeString(t);
      }
      json.writeEndArray();
      json.writeFieldName("suppressed");
      if (h.suppressed().isPresent()) {
        json.writeString(h.suppressed().get());
      } else {
        json.writeNull();
      }
      json.writeObjectFieldStart("context");
      for (SignalValue v : h.context()) {
        json.writeFieldName(v.name());
        if (v.value().isPresent()) {
          value(v.value().get());
        } else {
          json.writeNull();
        }
      }
      json.writeEndObject();
      json.writeEndObject();
    }
    if (members && !card.members().isEmpty()) {
      json.writeArrayFieldStart("members");
      for (ScoreCard m : card.members()) {
        object(m);
      }
      json.writeEndArray();
    }
    json.writeEndObject();
  }

  /** Writes a contribution as cards and alerts show it. */
  static void contribution(JsonGenerator json, Contribution c) throws IOException {
    json.writeStartObject();
    json.writeStringField("rule", c.ruleId());
    json.writeStringField("label", c.label());
    json.writeStringField("category", c.category());
    points(json, "points", c.points());
    points(json, "applied", c.applied());
    if (c.decayed().isPresent()) {
      // Only on decayed rules, so cards of models without decay are written as before.
      json.writeObjectFieldStart("decayed");
      points(json, "points", c.decayed().get().written());
      json.writeNumberField("age", c.decayed().get().age());
      json.writeStringField("unit", c.decayed().get().resolution().toString());
      json.writeEndObject();
    }
    json.writeArrayFieldStart("values");
    for (SignalValue v : c.values()) {
      json.writeStartObject();
      json.writeStringField("name", v.name());
      json.writeFieldName("window");
      if (v.window().isPresent()) {
        json.writeString(v.window().get().toString());
      } else {
        json.writeNull();
      }
      json.writeFieldName("value");
      if (v.value().isPresent()) {
        value(json, v.value().get());
      } else {
        json.writeNull();
      }
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private void points(String field, Points p) throws IOException {
    points(json, field, p);
  }

  /** Writes points as an exact JSON number. */
  static void points(JsonGenerator json, String field, Points p) throws IOException {
    json.writeFieldName(field);
    json.writeNumber(p.toString());
  }

  private void value(Value v) throws IOException {
    value(json, v);
  }

  /** Writes a value: numbers exactly, times as ISO-8601. */
  static void value(JsonGenerator json, Value v) throws IOException {
    if (v instanceof Value.Num n) {
      json.writeNumber(n.value().toPlainString());
    } else if (v instanceof Value.Bool b) {
      json.writeBoolean(b.value());
    } else if (v instanceof Value.Str s) {
      json.writeString(s.value());
    } else if (v instanceof Value.Time t) {
      json.writeString(t.value().toString());
    } else {
      throw new AssertionError("unknown value kind: " + v.getClass().getName());
    }
  }

  @Override
  public void flush() throws IOException {
    json.flush();
  }
}
