package dev.pls.flink;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pls.cli.io.RejectReason;
import dev.pls.cli.io.Timestamps;
import dev.pls.core.input.Entity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads a requests file: JSON Lines of {@code {"entity": "u1", "as_of": "2026-11-20T12:00:00Z"}},
 * each a request for the card of {@code entity} as of {@code as_of}, or {@code {"all": true,
 * "as_of": …}} for every entity's card; a bad line is a reject, as a bad line of an events file is.
 */
final class RequestLines {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private RequestLines() {}

  /**
   * The requests of {@code file} (gzipped when its name ends in {@code .gz}), and a reject for each
   * bad line, placed at file index {@code index}; blank lines are skipped.
   */
  static List<Input> read(Path file, int index) throws IOException {
    List<Input> out = new ArrayList<>();
    InputStream in = Files.newInputStream(file);
    if (file.toString().endsWith(".gz")) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      long line = 0;
      for (String text = r.readLine(); text != null; text = r.readLine()) {
        line++;
        if (!text.isBlank()) {
          out.add(parse(text, index, line));
        }
      }
    }
    return out;
  }

  /** The request on {@code text}, or a reject saying what is wrong with it. */
  static Input parse(String text, int file, long line) {
    JsonNode o;
    try {
      o = JSON.readTree(text);
    } catch (IOException e) {
      return reject(RejectReason.MALFORMED, "not valid JSON", text, file, line);
    }
    if (!o.isObject()) {
      return reject(RejectReason.NOT_AN_OBJECT, "a request is a JSON object", text, file, line);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
      String name = it.next().getKey();
      if (!name.equals("entity") && !name.equals("as_of") && !name.equals("all")) {
        return reject(
            RejectReason.BAD_VALUE,
            "unknown field '" + name + "'; a request has entity (or all) and as_of",
            text,
            file,
            line);
      }
    }
    JsonNode all = o.get("all");
    if (all != null && !(all.isBoolean() && all.booleanValue())) {
      return reject(RejectReason.BAD_VALUE, "all: expected true", text, file, line);
    }
    JsonNode entity = o.get("entity");
    if (all != null && entity != null) {
      return reject(RejectReason.BAD_VALUE, "give entity or all, not both", text, file, line);
    }
    if (all == null && (entity == null || entity.isNull())) {
      return reject(RejectReason.MISSING_ID, "no entity (or all)", text, file, line);
    }
    if (all == null && !entity.isTextual()) {
      return reject(RejectReason.BAD_VALUE, "entity: expected a string", text, file, line);
    }
    JsonNode asOf = o.get("as_of");
    if (asOf == null || asOf.isNull()) {
      return reject(RejectReason.MISSING_TIME, "no as_of", text, file, line);
    }
    if (!asOf.isTextual()) {
      return reject(RejectReason.BAD_TIME, "as_of: expected a string", text, file, line);
    }
    Instant t;
    try {
      t = Timestamps.parse(asOf.asText());
    } catch (IllegalArgumentException e) {
      return reject(RejectReason.BAD_TIME, "as_of: " + e.getMessage(), text, file, line);
    }
    if (t.getNano() % 1_000_000 != 0) {
      return reject(
          RejectReason.BAD_TIME,
          "as_of: " + t + " is not a whole millisecond (event time is kept in milliseconds)",
          text,
          file,
          line);
    }
    if (all != null) {
      Input request = PlsStream.requestAll(t, line);
      request.file = file;
      return request;
    }
    try {
      Input request = PlsStream.request(entity.asText(), t, line);
      request.file = file;
      return request;
    } catch (IllegalArgumentException e) {
      return reject(RejectReason.BAD_VALUE, e.getMessage(), text, file, line);
    }
  }

  /** Checks that {@code entity} can be an entity's id, as a record's id must be. */
  static void checkId(String entity) {
    new Entity(entity, Map.of(), List.of());
  }

  private static Input reject(
      RejectReason reason, String detail, String text, int file, long line) {
    Input in = new Input();
    in.kind = Input.REJECT;
    in.file = file;
    in.line = line;
    in.reason = reason.code();
    in.detail = detail;
    in.text = text;
    return in;
  }
}
