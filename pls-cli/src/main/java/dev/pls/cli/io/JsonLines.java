package dev.pls.cli.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.pls.core.model.NumberRange;
import java.io.BufferedReader;
import java.io.IOException;

/*
 * The line loop shared by the JSON Lines readers. Each line is parsed on its own (a file of
 * millions of lines is never held whole): exact decimals for fractions (a float would turn 0.1
 * into 0.1000000000000000055), duplicate keys and trailing text after the object rejected rather
 * than resolved by a guess. Blank lines are skipped and not counted. A line longer than
 * TextSource.MAX_RECORD is rejected (too_long) without being held whole.
 */
final class JsonLines {
  private JsonLines() {}

  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .build();

  /** What to do with one parsed JSON object. */
  interface ObjectHandler {
    void handle(JsonNode object, InputSink sink) throws BadRecord;
  }

  static void read(BufferedReader in, Reading reading, ObjectHandler handler) throws IOException {
    read(in, reading, handler, null);
  }

  /**
   * As {@link #read(BufferedReader, Reading, ObjectHandler)}, offering each line first to {@code
   * fast} (when not null), which takes the lines it is sure of and leaves the rest to the tree.
   */
  static void read(BufferedReader in, Reading reading, ObjectHandler handler, FlatEvents fast)
      throws IOException {
    TextSource source = new TextSource(in);
    long line = 0;
    TextSource.Line next;
    while (!reading.stopped() && (next = source.readLine()) != null) {
      line++;
      String text = next.text();
      if (text.isBlank()) {
        reading.consumed(line);
        continue;
      }
      reading.record(line);
      try {
        if (next.cut()) {
          throw BadRecord.tooLong();
        }
        InputText.checkText(text);
        if (fast != null && fast.read(text, reading.sink())) {
          reading.accept();
          continue;
        }
        handler.handle(parse(text), reading.sink());
        reading.accept();
      } catch (BadRecord e) {
        reading.reject(line, e.reason(), e.detail(), text);
      }
    }
  }

  /*
   * Jackson refuses a number text longer than 1000 characters before parsing it (its
   * StreamReadConstraints), which keeps a line of a million digits from costing a quadratic parse.
   * Such a number is far out of the range of pls numbers, so it is rejected as number_range, named
   * by the member it was in; other limits (nesting depth) leave the line malformed.
   */
  private static BadRecord constraintBroken(StreamConstraintsException e, JsonParser parser) {
    String message = e.getOriginalMessage();
    if (!message.startsWith("Number value length")) {
      return new BadRecord(RejectReason.MALFORMED, "not JSON: " + withoutLocation(message));
    }
    return new BadRecord(
        RejectReason.NUMBER_RANGE,
        member(parser)
            + " is a number out of range: more than "
            + StreamReadConstraints.DEFAULT_MAX_NUM_LEN
            + " characters (pls numbers have "
            + NumberRange.describe()
            + ")");
  }

  /** The member the parser is in, for messages. */
  private static String member(JsonParser parser) {
    String member = parser.getParsingContext().getCurrentName();
    return member == null ? "a value" : "member '" + member + "'";
  }

  // The rejects file already says which line; Jackson's source location would only add noise.
  private static String withoutLocation(String message) {
    return message.replaceAll("\\s*\\(start marker at \\[Source:.*?]\\)", "");
  }

  private static JsonNode parse(String text) throws BadRecord {
    JsonNode node;
    try (JsonParser parser = MAPPER.createParser(text)) {
      try {
        node = MAPPER.readTree(parser);
      } catch (StreamConstraintsException e) {
        throw constraintBroken(e, parser);
      } catch (NumberFormatException e) {
        // Jackson throws this, unchecked, for an exponent beyond int (1e99999999999).
        throw new BadRecord(
            RejectReason.NUMBER_RANGE,
            member(parser)
                + " is a number out of range: its exponent is too large to represent (pls"
                + " numbers have "
                + NumberRange.describe()
                + ")");
      }
    } catch (JsonProcessingException e) {
      throw new BadRecord(
          RejectReason.MALFORMED, "not JSON: " + withoutLocation(e.getOriginalMessage()));
    } catch (IOException e) {
      throw new AssertionError("a parser over a String does no I/O", e);
    }
    if (node == null || !node.isObject()) {
      throw new BadRecord(
          RejectReason.NOT_AN_OBJECT,
          "a line must be one JSON object, was "
              + (node == null ? "empty" : Fields.describe(node)));
    }
    return node;
  }
}
