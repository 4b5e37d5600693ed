package dev.pls.cli.io;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.pls.core.card.Contribution;
import dev.pls.core.card.SignalValue;
import dev.pls.core.handoff.Alert;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/*
 * One JSON object per alert, written the way cards are (exact numbers, ISO-8601 times in UTC,
 * null for what is missing). Field names are snake_case like the cards'.
 */
/** Writes hand-off alerts as JSON Lines. Not thread-safe. */
public final class AlertWriter {
  private final JsonGenerator json;

  private AlertWriter(Writer out) {
    this.json = JsonCardWriter.lines(out);
  }

  /**
   * A writer of one object a line with {@code id} ({@link Alert#id()}), {@code at}, {@code entity},
   * {@code kind}, {@code account}, {@code tier}, {@code segment}, {@code queue}, {@code
   * queue_label}, {@code level}, {@code due}, {@code status}, {@code reasons}, {@code score},
   * {@code shareable}, {@code internal}, {@code context} and {@code breakdown} (the card's
   * contributions).
   */
  public static AlertWriter jsonLines(Writer out) {
    return new AlertWriter(out);
  }

  /**
   * Writes one alert.
   *
   * @throws IOException if the output cannot be written
   */
  public void write(Alert a) throws IOException {
    requireNonNull(a, "a");
    json.writeStartObject();
    json.writeStringField("id", a.id());
    json.writeStringField("at", a.at().toString());
    json.writeStringField("entity", a.entity());
    json.writeStringField("kind", a.kind().displayName());
    json.writeFieldName("account");
    if (a.account().isPresent()) {
      json.writeString(a.account().get());
    } else {
      json.writeNull();
    }
    json.writeStringField("tier", a.tier());
    json.writeStringField("segment", a.segment());
    json.writeStringField("queue", a.queue());
    json.writeStringField("queue_label", a.queueLabel());
    json.writeStringField("level", a.level().displayName());
    json.writeStringField("due", a.due().toString());
    json.writeStringField("status", a.status().name().toLowerCase(java.util.Locale.ROOT));
    strings("reasons", a.reasons());
    JsonCardWriter.points(json, "score", a.score());
    strings("shareable", a.shareable());
    strings("internal", a.internal());
    json.writeObjectFieldStart("context");
    for (SignalValue v : a.context()) {
      json.writeFieldName(v.name());
      if (v.value().isPresent()) {
        JsonCardWriter.value(json, v.value().get());
      } else {
        json.writeNull();
      }
    }
    json.writeEndObject();
    json.writeArrayFieldStart("breakdown");
    for (Contribution c : a.breakdown()) {
      JsonCardWriter.contribution(json, c);
    }
    json.writeEndArray();
    json.writeEndObject();
    json.writeRaw('\n');
  }

  private void strings(String field, List<String> values) throws IOException {
    json.writeArrayFieldStart(field);
    for (String v : values) {
      json.writeString(v);
    }
    json.writeEndArray();
  }

  /**
   * Flushes what was written to the underlying writer, which stays open.
   *
   * @throws IOException if the output cannot be written
   */
  public void flush() throws IOException {
    json.flush();
  }
}
