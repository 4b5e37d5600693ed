package dev.pls.cli.io;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.pls.core.handoff.SlaReport;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/*
 * The SLA report as JSON: each breach a line of its own (a record a queue tool can consume, marked
 * "record": "sla_breached"), and the whole report as one object for summary.json. Times are
 * ISO-8601 in UTC, durations whole seconds, missing values null, as everywhere else.
 */
/** Writes an {@link SlaReport} as JSON. */
public final class SlaJson {
  private SlaJson() {}

  /**
   * Writes one {@code sla_breached} record a line: {@code record}, {@code alert} (its id), {@code
   * entity}, {@code queue}, {@code at}, {@code due} and {@code first_touch} (null when untouched).
   *
   * @throws IOException if {@code out} cannot be written
   */
  public static void breaches(SlaReport report, Writer out) throws IOException {
    requireNonNull(report, "report");
    JsonGenerator json = JsonCardWriter.lines(requireNonNull(out, "out"));
    for (SlaReport.Breach b : report.breaches()) {
      json.writeStartObject();
      json.writeStringField("record", "sla_breached");
      json.writeStringField("alert", b.alert().id());
      json.writeStringField("entity", b.alert().entity());
      json.writeStringField("queue", b.alert().queue());
      json.writeStringField("at", b.alert().at().toString());
      json.writeStringField("due", b.alert().due().toString());
      time(json, "first_touch", b.firstTouch());
      json.writeEndObject();
      json.writeRaw('\n');
    }
    json.flush();
  }

  /**
   * Writes the report as one object: {@code observed_until}, {@code breached}, {@code queues} (per
   * queue its figures, times in seconds) and {@code rules} (per rule the alerts, disposed, negative
   * and the negative share, a ratio written as summary.json writes ratios).
   *
   * @throws IOException if {@code json} cannot be written
   */
  public static void report(JsonGenerator json, SlaReport report) throws IOException {
    json.writeStartObject();
    json.writeStringField("observed_until", report.observedUntil().toString());
    json.writeNumberField("breached", report.breaches().size());
    json.writeArrayFieldStart("queues");
    for (SlaReport.QueueFigures q : report.queues()) {
      json.writeStartObject();
      json.writeStringField("queue", q.queue());
      json.writeNumberField("routed", q.routed());
      json.writeNumberField("touched", q.touched());
      seconds(json, "median_first_touch_seconds", q.medianFirstTouch());
      seconds(json, "p90_first_touch_seconds", q.p90FirstTouch());
      json.writeNumberField("on_time", q.onTime());
      json.writeNumberField("breached", q.breached());
      json.writeNumberField("open", q.open());
      json.writeObjectFieldStart("mix");
      for (Map.Entry<String, Integer> e : q.mix().entrySet()) {
        json.writeNumberField(e.getKey(), e.getValue());
      }
      json.writeEndObject();
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeArrayFieldStart("rules");
    for (SlaReport.RuleNoise r : report.rules()) {
      json.writeStartObject();
      json.writeStringField("rule", r.rule());
      json.writeNumberField("alerted", r.alerted());
      json.writeNumberField("disposed", r.disposed());
      json.writeNumberField("negative", r.negative());
      json.writeFieldName("negative_share");
      Optional<String> share = BacktestJson.ratio(r.negativeShare());
      if (share.isPresent()) {
        json.writeNumber(share.get());
      } else {
        json.writeNull();
      }
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  /** A duration as people read it: {@code 1d 2h}, {@code 4h 0m 1s} is {@code 4h 1s}, or 0s. */
  public static String duration(Duration d) {
    long s = d.getSeconds();
    List<String> parts = new ArrayList<>();
    long[] units = {86_400, 3_600, 60, 1};
    String[] names = {"d", "h", "m", "s"};
    for (int i = 0; i < units.length; i++) {
      if (s >= units[i]) {
        parts.add(s / units[i] + names[i]);
        s %= units[i];
      }
    }
    return parts.isEmpty() ? "0s" : String.join(" ", parts);
  }

  private static void seconds(JsonGenerator json, String field, Optional<Duration> d)
      throws IOException {
    json.writeFieldName(field);
    if (d.isPresent()) {
      json.writeNumber(d.get().getSeconds());
    } else {
      json.writeNull();
    }
  }

  private static void time(JsonGenerator json, String field, Optional<Instant> t)
      throws IOException {
    json.writeFieldName(field);
    if (t.isPresent()) {
      json.writeString(t.get().toString());
    } else {
      json.writeNull();
    }
  }
}
