package dev.pls.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.pls.dsl.Diagnostic;
import java.io.IOException;
import java.io.Writer;
import java.util.Locale;

/*
 * The JSON form of diagnostics has been read by editors and CI since pls check had --format json,
 * so its bytes stay as they were when it was built by hand: fields in this order, and control
 * characters other than tab, LF and CR written as a six-character escape in lower-case hex. Jackson
 * on its own would write backspace and form feed as \b and \f and other escapes in upper case;
 * CharacterEscapes keeps the old form. Everything else, non-ASCII included, is written as it is.
 */
/** Diagnostics as JSON objects, for editors and CI. */
final class DiagnosticJson {
  private static final JsonFactory FACTORY =
      new JsonFactoryBuilder()
          .characterEscapes(new ControlEscapes())
          .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
          .build();

  private DiagnosticJson() {}

  /** A generator writing to {@code out}, which closing the generator leaves open. */
  static JsonGenerator generator(Writer out) throws IOException {
    return FACTORY.createGenerator(requireNonNull(out, "out"));
  }

  /**
   * Writes one diagnostic as an object with {@code file}, {@code line}, {@code column}, {@code
   * length}, {@code severity}, {@code code} and {@code message}.
   */
  static void write(JsonGenerator json, Diagnostic d) throws IOException {
    json.writeStartObject();
    json.writeStringField("file", d.file());
    json.writeNumberField("line", d.line());
    json.writeNumberField("column", d.column());
    json.writeNumberField("length", d.length());
    json.writeStringField("severity", d.severity().displayName());
    json.writeStringField("code", d.code());
    json.writeStringField("message", d.message());
    json.writeEndObject();
  }

  private static final class ControlEscapes extends CharacterEscapes {
    private final int[] codes = standardAsciiEscapesForJSON();
    private final SerializableString[] sequences = new SerializableString[0x20];

    ControlEscapes() {
      for (int c = 0; c < 0x20; c++) {
        if (c != '\t' && c != '\n' && c != '\r') {
          codes[c] = ESCAPE_CUSTOM;
          sequences[c] = new SerializedString(String.format(Locale.ROOT, "\\u%04x", c));
        }
      }
    }

    @Override
    public int[] getEscapeCodesForAscii() {
      return codes;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
      return ch < sequences.length ? sequences[ch] : null;
    }
  }
}
