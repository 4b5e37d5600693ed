package dev.pls.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** One JSON object as a string, written with Jackson: a line of the demo data's files. */
final class JsonText {
  private static final JsonFactory FACTORY = new JsonFactory();

  private JsonText() {}

  /** Writes an object's fields. */
  interface Fields {
    void write(JsonGenerator json) throws IOException;
  }

  /** The object whose fields {@code fields} writes, on one line. */
  static String object(Fields fields) {
    StringWriter out = new StringWriter(128);
    try (JsonGenerator json = FACTORY.createGenerator(out)) {
      json.writeStartObject();
      fields.write(json);
      json.writeEndObject();
    } catch (IOException e) {
      // A StringWriter does not fail, and the fields are the generators' own.
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
