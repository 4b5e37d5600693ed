package dev.pls.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pls.dsl.Diagnostic;
import dev.pls.dsl.RulesLanguage;
import dev.pls.dsl.Severity;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class DiagnosticJsonTest {

  private static String json(Diagnostic d) throws IOException {
    StringWriter out = new StringWriter();
    try (JsonGenerator json = DiagnosticJson.generator(out)) {
      DiagnosticJson.write(json, d);
    }
    return out.toString();
  }

  /** The string quoting pls-dsl did by hand before Jackson wrote diagnostics: the oracle. */
  private static String quotedAsBefore(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  @Test
  void write_quoteInMessage_oneObjectInFieldOrder() throws IOException {
    Diagnostic d =
        RulesLanguage.compile("j.pls", "model m\ncategory c {\n  x\"y >= 1 : +1\n}\n")
            .diagnostics()
            .get(0);
    assertEquals(
        "{\"file\":\"j.pls\",\"line\":3,\"column\":4,\"length\":1,\"severity\":\"error\","
            + "\"code\":\"PLS0101\",\"message\":\"unexpected character '\\\"'; expected ':'\"}",
        json(d));
  }

  @Property(tries = 500)
  void write_anyFileAndMessage_sameBytesAsTheHandWrittenQuoting(
      @ForAll String file, @ForAll String message) throws IOException {
    Diagnostic d = new Diagnostic(Severity.WARNING, "PLS0501", message, file, 2, 7, 0);
    assertEquals(
        "{\"file\":"
            + quotedAsBefore(file)
            + ",\"line\":2,\"column\":7,\"length\":0,\"severity\":\"warning\",\"code\":\"PLS0501\","
            + "\"message\":"
            + quotedAsBefore(message)
            + "}",
        json(d));
  }

  @Property(tries = 200)
  void write_anyMessage_readsBackAsTheSameText(@ForAll String message) throws IOException {
    Diagnostic d = new Diagnostic(Severity.ERROR, "PLS0101", message, "f.pls", 1, 1, 1);
    assertEquals(message, new ObjectMapper().readTree(json(d)).get("message").asText());
  }
}
