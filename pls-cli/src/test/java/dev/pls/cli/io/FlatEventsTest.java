package dev.pls.cli.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.input.Event;
import dev.pls.core.model.EntityKind;
import dev.pls.core.model.Model;
import dev.pls.core.model.Value;
import dev.pls.dsl.RulesLanguage;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The streaming decoder of flat JSON Lines events and the tree decoder agree line by line: the same
 * lines accepted with the same events and links, the same rejected with the same reason and
 * message, on the fixture corpora and on generated good, bad and odd lines.
 */
class FlatEventsTest {
  private static final Model MODEL =
      RulesLanguage.compile(Path.of("..", "examples", "b2b-trial", "model.pls"))
          .model()
          .orElseThrow();

  /** Everything a sink is told, in order, as text. */
  static class Calls implements InputSink {
    final List<String> calls = new ArrayList<>();

    @Override
    public void event(Event event) {
      calls.add("event " + event);
    }

    @Override
    public void traits(EntityKind kind, String id, Map<String, Value> traits) {
      calls.add("traits " + kind + " " + id + " " + traits);
    }

    @Override
    public void traits(EntityKind kind, String id, Map<String, Value> traits, Instant time) {
      calls.add("traits " + kind + " " + id + " " + traits + " " + time);
    }

    @Override
    public void member(String user, String account, Instant time) {
      calls.add("member " + user + " " + account + " " + time);
    }

    @Override
    public void link(String id, String userId, Optional<Instant> time) {
      calls.add("link " + id + " " + userId + " " + time);
    }
  }

  /**
   * A sink that takes flat lines as rows (as a streaming score run's does), told each row as the
   * event it stands for, so that its calls read as {@link Calls}' do.
   */
  static class RowCalls extends Calls implements FlatEvents.Rows {
    @Override
    public void row(
        String user,
        String account,
        String name,
        Instant time,
        List<String> keys,
        List<Value> values) {
      Map<String, Value> props = new java.util.LinkedHashMap<>();
      for (int i = 0; i < keys.size(); i++) {
        if (values.get(i) != null && keeps(keys.get(i))) {
          props.put(keys.get(i), values.get(i));
        }
      }
      calls.add("event " + new Event(user, Optional.ofNullable(account), name, time, props));
    }

    @Override
    public boolean reads(String key) {
      return true;
    }

    /** Which properties the sink keeps of the rows it is given. */
    boolean keeps(String key) {
      return true;
    }
  }

  /**
   * A sink that keeps only the properties in {@code kept}, as a store's sink keeps those the model
   * reads; told so ({@code told}), the reader leaves the others out itself.
   */
  static final class SomeRowCalls extends RowCalls {
    private final java.util.Set<String> kept;
    private final boolean told;

    SomeRowCalls(java.util.Set<String> kept, boolean told) {
      this.kept = kept;
      this.told = told;
    }

    @Override
    public boolean reads(String key) {
      return !told || kept.contains(key);
    }

    @Override
    boolean keeps(String key) {
      return kept.contains(key);
    }
  }

  record Read(List<String> calls, String rejects, FileSummary summary) {}

  static Read read(String text, boolean tree) {
    return read(text, tree, new Calls());
  }

  static Read read(String text, boolean tree, Calls sink) {
    StringWriter rejects = new StringWriter();
    InputReader reader =
        InputReader.create(sink, Rejects.to(rejects), ReadProgress.NONE).checkingTypesOf(MODEL);
    if (tree) {
      reader = reader.treeOnly();
    }
    FileSummary summary =
        reader.readEvents(
            "events.jsonl",
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
            InputFormat.JSON_LINES,
            CsvMapping.defaults());
    return new Read(sink.calls, rejects.toString(), summary);
  }

  static void assertAgree(String text) {
    Read fast = read(text, false);
    Read tree = read(text, true);
    assertEquals(tree.calls(), fast.calls(), text);
    assertEquals(tree.rejects(), fast.rejects(), text);
    assertEquals(tree.summary(), fast.summary(), text);
    // A sink taking rows gets the same events, respelt and checked one property at a time.
    Read rows = read(text, false, new RowCalls());
    assertEquals(tree.calls(), rows.calls(), text);
    assertEquals(tree.rejects(), rows.rejects(), text);
    assertEquals(tree.summary(), rows.summary(), text);
    // A sink that reads some properties, told or not: the reader leaves out the others ("path" is
    // one whose type the model expects, so it is still checked) and declines and rejects alike.
    for (java.util.Set<String> kept :
        List.of(java.util.Set.<String>of(), java.util.Set.of("tier", "n"))) {
      Read all = read(text, false, new SomeRowCalls(kept, false));
      Read some = read(text, false, new SomeRowCalls(kept, true));
      assertEquals(all.calls(), some.calls(), text);
      assertEquals(tree.rejects(), some.rejects(), text);
      assertEquals(tree.summary(), some.summary(), text);
    }
  }

  @Test
  void fixtureCorpora_bothDecodersAgree() {
    for (String f : List.of("mixed.jsonl", "segment.jsonl", "cards-events.jsonl")) {
      String text = Golden.read("dev/pls/cli/io/" + f);
      assertAgree(text);
      for (String line : text.split("\n")) {
        assertAgree(line + "\n");
      }
    }
  }

  @Test
  void plainFlatLine_isTakenByTheStreamingDecoder() {
    Calls sink = new Calls();
    FlatEvents fast = new FlatEvents(Timestamps.strict(), PropertyTypes.of(MODEL));
    assertTrue(
        fast.read(
            "{\"user\":\"u1\",\"anonymous_id\":\"a1\",\"account\":\"acme\",\"event\":\"page_viewed\","
                + "\"time\":\"2026-11-20T10:00:00Z\",\"props\":{\"path\":\"/pricing\",\"n\":3,"
                + "\"ok\":true,\"gone\":null}}",
            sink));
    assertEquals(
        List.of(
            "event "
                + new Event(
                    "u1",
                    Optional.of("acme"),
                    "page_viewed",
                    Instant.parse("2026-11-20T10:00:00Z"),
                    props()),
            "link a1 u1 Optional[2026-11-20T10:00:00Z]"),
        sink.calls);
  }

  private static Map<String, Value> props() {
    Map<String, Value> props = new java.util.LinkedHashMap<>();
    props.put("path", Value.str("/pricing"));
    props.put("n", Value.num(java.math.BigDecimal.valueOf(3)));
    props.put("ok", Value.bool(true));
    return props;
  }

  @Test
  void propertyTheSinkDoesNotRead_isStillTypeChecked() {
    // The model compares page_viewed's path with a string: a sink that reads no property still
    // gets the line rejected, as the tree rejects it, and another event's path passes unread.
    String wrong =
        "{\"user\":\"u1\",\"event\":\"page_viewed\",\"time\":\"2026-11-20T10:00:00Z\","
            + "\"props\":{\"path\":3,\"tier\":\"x\",\"n\":2}}\n";
    String other = wrong.replace("page_viewed", "invite_sent");
    Read some = read(wrong + other, false, new SomeRowCalls(java.util.Set.of(), true));
    assertTrue(some.rejects().contains("wrong_type"), some.rejects());
    assertEquals(1, some.calls().size(), some.calls().toString());
    assertAgree(wrong + other);
  }

  @Test
  void segmentCallOrFraction_isLeftToTheTree() {
    FlatEvents fast = new FlatEvents(Timestamps.strict(), PropertyTypes.none());
    Calls sink = new Calls();
    assertFalse(
        fast.read(
            "{\"type\":\"track\",\"userId\":\"u\",\"event\":\"e\",\"timestamp\":\"2026-11-20T10:00:00Z\"}",
            sink));
    assertFalse(
        fast.read(
            "{\"user\":\"u\",\"event\":\"e\",\"time\":\"2026-11-20T10:00:00Z\",\"props\":{\"x\":1.50}}",
            sink));
    assertEquals(List.of(), sink.calls);
  }

  @Test
  void repeatedMember_isLeftToTheTree() {
    // The parser's strict duplicate detection declines these; FlatEvents has no check of its own.
    FlatEvents fast = new FlatEvents(Timestamps.strict(), PropertyTypes.none());
    Calls sink = new Calls();
    for (String line :
        List.of(
            "{\"user\":\"u\",\"user\":\"v\",\"event\":\"e\",\"time\":\"2026-11-20T10:00:00Z\"}",
            "{\"user\":\"u\",\"event\":\"e\",\"time\":\"2026-11-20T10:00:00Z\",\"props\":{},\"props\":{}}",
            "{\"user\":\"u\",\"event\":\"e\",\"time\":\"2026-11-20T10:00:00Z\",\"props\":{\"x\":1,\"x\":2}}")) {
      assertFalse(fast.read(line, sink), line);
      assertAgree(line + "\n");
    }
    assertEquals(List.of(), sink.calls);
  }

  @Property(tries = 400)
  void generatedLines_bothDecodersAgree(@ForAll("lines") List<String> lines) {
    assertAgree(String.join("\n", lines) + "\n");
  }

  @Provide
  Arbitrary<List<String>> lines() {
    return line().list().ofMinSize(1).ofMaxSize(6);
  }

  /** A flat line from odd and ordinary pieces, sometimes cut or with text after it. */
  private Arbitrary<String> line() {
    Arbitrary<String> id =
        Arbitraries.of(
            "\"u1\"",
            "\"u2\"",
            "\"\"",
            "\" u1\"",
            "\"\\u0001x\"",
            "null",
            "7",
            "1.5",
            "true",
            "{}",
            "[]",
            "\"anon-1\"");
    Arbitrary<String> name =
        Arbitraries.of(
            "\"page_viewed\"",
            "\"invite_sent\"",
            "\"feature_used\"",
            "\"\"",
            "3",
            "null",
            "\" x\"");
    Arbitrary<String> time =
        Arbitraries.of(
            "\"2026-11-20T10:00:00Z\"",
            "\"2026-11-20T10:00:00+02:00\"",
            "\"2026-11-20\"",
            "\"yesterday\"",
            "\"\"",
            "1763632800",
            "1.7e9",
            "null",
            "{}");
    Arbitrary<String> value =
        Arbitraries.of(
            "\"/pricing\"",
            "\"premium\"",
            "3",
            "-12",
            "1.50",
            "1e3",
            "99999999999999999999999",
            "1e99999999999",
            "true",
            "false",
            "null",
            "{\"a\":1}",
            "[1]",
            "\"yes\"");
    Arbitrary<String> key = Arbitraries.of("path", "tier", "feature", "n", " k", "", "path");
    Arbitrary<String> prop = Combinators.combine(key, value).as((k, v) -> "\"" + k + "\":" + v);
    Arbitrary<String> props =
        Arbitraries.oneOf(
            prop.list().ofMaxSize(4).map(ps -> "{" + String.join(",", ps) + "}"),
            Arbitraries.of("null", "[]", "\"x\"", "3"));
    Arbitrary<String> member =
        Arbitraries.oneOf(
            id.map(v -> "\"user\":" + v),
            id.map(v -> "\"anonymous_id\":" + v),
            id.map(v -> "\"account\":" + v),
            name.map(v -> "\"event\":" + v),
            time.map(v -> "\"time\":" + v),
            props.map(v -> "\"props\":" + v),
            Arbitraries.of("\"type\":\"track\"", "\"prop\":{}", "\"user\":\"u1\""));
    Arbitrary<String> common =
        Combinators.combine(id, name, time, props)
            .as(
                (u, n, t, p) ->
                    "\"user\":" + u + ",\"event\":" + n + ",\"time\":" + t + ",\"props\":" + p);
    return Combinators.combine(
            common, member.list().ofMaxSize(2), Arbitraries.integers().between(0, 9))
        .as(
            (c, more, odd) -> {
              List<String> parts = new ArrayList<>(List.of(c));
              parts.addAll(more);
              String line = "{" + String.join(",", parts) + "}";
              return switch (odd) {
                case 0 -> line + " {}";
                case 1 -> line.substring(0, line.length() / 2);
                case 2 -> "[" + line + "]";
                default -> line;
              };
            });
  }
}
