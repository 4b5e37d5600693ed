package dev.pls.flink;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pls.cli.io.CsvMapping;
import dev.pls.cli.io.InputFormat;
import dev.pls.cli.io.InputReader;
import dev.pls.cli.io.InputSink;
import dev.pls.cli.io.ReadProgress;
import dev.pls.cli.io.Rejects;
import dev.pls.cli.io.Timestamps;
import dev.pls.cli.io.TraitKey;
import dev.pls.cli.io.ValueSpellings;
import dev.pls.core.input.AccountRule;
import dev.pls.core.input.Event;
import dev.pls.core.model.EntityKind;
import dev.pls.core.model.Model;
import dev.pls.core.model.Value;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/*
 * Each line goes through pls-cli's own reader (InputReader, the code pls score reads with), one line
 * at a time, so what is accepted, how values are typed and why a record is rejected are the CLI's,
 * word for word. The reader numbers the lines of what it is given, which is one line; the reject
 * is read back from its JSON and given its real line. One parser reads one file start to end, so
 * Segment messageIds are deduplicated within the file; an accepted call's records carry its
 * messageId on to Dedupe, which rejects copies across files, as pls score does.
 */
/** Parses the lines of one event or trait file into {@link Input}s, as {@code pls score} reads. */
final class LineParser {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final int file;
  private final boolean traits;
  private final boolean accounts;
  private final InputReader reader;
  private final String name;
  private final StringWriter rejected = new StringWriter();
  private final Rejects rejects = Rejects.to(rejected);
  private final List<Input> out = new ArrayList<>();
  private long line;

  /**
   * @param model the model whose types the values are checked against
   * @param name the file's name as given, for rejects
   * @param file the file's index among the event files, then the trait files
   * @param traits whether it is a trait file
   */
  LineParser(Model model, String name, int file, boolean traits) {
    this.name = requireNonNull(name, "name");
    this.file = file;
    this.traits = traits;
    this.accounts = model.entity() == EntityKind.ACCOUNT;
    InputSink sink =
        new InputSink() {
          @Override
          public void event(Event event) {
            if (!event.hasUser()) {
              // An event of an account alone counts for an account model's account, for no user.
              if (accounts) {
                Input in = base(Input.ACCOUNT_EVENT);
                in.account = event.account().orElseThrow();
                in.time = millisUp(event.time());
                in.data = Codec.event(event);
                out.add(in);
              }
              return;
            }
            Input in = base(Input.EVENT);
            in.user = event.user();
            in.time = millisUp(event.time());
            in.data = Codec.event(event);
            out.add(in);
          }

          @Override
          public void traits(EntityKind kind, String id, Map<String, Value> values) {
            if (kind == EntityKind.USER) {
              Input in = base(Input.TRAITS);
              in.user = id;
              in.data = Codec.traits(values);
              out.add(in);
            } else if (accounts) {
              Input in = base(Input.ACCOUNT_TRAITS);
              in.account = id;
              in.data = Codec.traits(values);
              out.add(in);
            }
          }

          @Override
          public void member(String user, String account, Instant time) {
            // It names the account of the user's alerts, as pls route's accountOf.
            Input in = base(Input.MEMBER);
            in.user = user;
            in.data = Codec.membership(new AccountRule.Membership(time, account));
            out.add(in);
          }

          @Override
          public void link(String id, String userId, Optional<Instant> time) {
            // Not applied here: Links refuses the run where pls score's joining could change a
            // card.
            Input link = base(Input.LINK);
            link.user = id;
            link.detail = userId;
            out.add(link);
            Input known = base(Input.KNOWN);
            known.user = userId;
            known.detail = id;
            out.add(known);
          }
        };
    this.reader =
        InputReader.create(sink, rejects, ReadProgress.NONE)
            .withTimestamps(Timestamps.strict().datesIn(model.zone()))
            .withValues(ValueSpellings.defaults())
            .checkingTypesOf(model);
  }

  /** The records of the next line of the file (none for a blank line). */
  List<Input> next(String text) {
    line++;
    return parse(reader, text);
  }

  /**
   * The records of one line of a stream, placed at {@code line}, read by a reader that remembers
   * nothing of the lines before it: a stream's Segment messageIds are not deduplicated here (the
   * set of those read would grow without end, and would not survive a restore), but by Dedupe, in
   * keyed state with a bound.
   */
  List<Input> at(long line, String text) {
    this.line = line;
    return parse(reader.withValues(ValueSpellings.defaults()), text);
  }

  private List<Input> parse(InputReader by, String text) {
    out.clear();
    ByteArrayInputStream bytes = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    if (traits) {
      by.readTraits(name, bytes, InputFormat.JSON_LINES, TraitKey.defaults());
    } else {
      by.readEvents(name, bytes, InputFormat.JSON_LINES, CsvMapping.defaults());
    }
    rejects.flush();
    if (rejected.getBuffer().length() > 0) {
      out.add(reject(rejected.toString()));
      rejected.getBuffer().setLength(0);
    } else if (!out.isEmpty() && text.contains("messageId")) {
      markMessageId(text);
    }
    return List.copyOf(out);
  }

  /**
   * Gives the records of an accepted Segment call its messageId, as pls score's reader reads it,
   * for Dedupe to reject copies in other files; the first record also carries the line, for the
   * duplicate's reject.
   */
  private void markMessageId(String text) {
    try {
      JsonNode o = JSON.readTree(text);
      JsonNode id = o.get("messageId");
      if (o.has("type") && id != null && id.isTextual() && !id.textValue().isEmpty()) {
        for (int i = 0; i < out.size(); i++) {
          out.get(i).messageId = id.textValue();
          out.get(i).text = i == 0 ? text : null;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read back an accepted line: " + text, e);
    }
  }

  private Input reject(String json) {
    try {
      JsonNode o = JSON.readTree(json);
      Input in = base(Input.REJECT);
      in.reason = o.get("reason").asText();
      in.detail = o.get("detail").asText();
      in.text = o.get("text").asText();
      return in;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read back a reject: " + json, e);
    }
  }

  private Input base(byte kind) {
    Input in = new Input();
    in.kind = kind;
    in.file = file;
    in.line = line;
    return in;
  }

  /** The instant in epoch milliseconds, rounded up, so that a step at T sees every event at T. */
  static long millisUp(Instant t) {
    long ms = t.toEpochMilli();
    return t.getNano() % 1_000_000 == 0 ? ms : ms + 1;
  }
}
