package dev.pls.cli.io;

import dev.pls.core.input.Event;
import dev.pls.core.model.EntityKind;
import dev.pls.core.model.Value;
import java.io.BufferedReader;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/*
 * The CSV readers. The first non-blank record is the header; every later record must have as many
 * fields as the header (wrong_column_count otherwise). Blank lines are skipped and not counted.
 * Traits CSV: the header has exactly one of the columns user and account, which keys each row;
 * every other column is a trait typed by the cell rule of Fields, an empty cell absent; a row with
 * a trait the model declares with another type is rejected (wrong_type, see PropertyTypes).
 */
final class CsvFiles {
  private CsvFiles() {}

  /** What to do with one well-formed row. */
  interface RowHandler {
    void handle(List<String> row, InputSink sink) throws BadRecord;
  }

  /** Builds a row handler from the header. */
  interface HeaderHandler {
    RowHandler bind(List<String> header) throws Reading.FileException;
  }

  /** Any CSV file: each well-formed row, of as many fields as the header, to a handler. */
  static Reading.Body rows(HeaderHandler header) {
    return (in, reading) -> read(in, reading, header);
  }

  static Reading.Body events(CsvMapping mapping, Timestamps timestamps, PropertyTypes types) {
    return (in, reading) ->
        read(
            in,
            reading,
            header -> {
              CsvMapping.Bound b = mapping.bind(header, timestamps);
              return (row, sink) -> {
                Optional<String> user = b.user(row);
                Optional<String> account = b.account(row);
                if (user.isEmpty() && account.isEmpty()) {
                  throw new BadRecord(RejectReason.MISSING_USER, "empty user and no account");
                }
                String event =
                    b.event(row)
                        .orElseThrow(
                            () -> new BadRecord(RejectReason.MISSING_EVENT, "empty event"));
                Instant time =
                    b.time(row, timestamps)
                        .orElseThrow(() -> new BadRecord(RejectReason.MISSING_TIME, "empty time"));
                Map<String, Value> props = b.props(row, event, types);
                // With no user, the row is the account's own event: no user stands in for one.
                Event e =
                    types.event(
                        user.isPresent()
                            ? new Event(user.get(), account, event, time, props)
                            : Event.ofAccount(account.get(), event, time, props));
                Optional<String> linked = b.linked(row);
                sink.event(e);
                linked.ifPresent(a -> sink.link(a, user.get(), Optional.of(time)));
              };
            });
  }

  static Reading.Body traits(TraitKey traitKey, PropertyTypes types) {
    return (in, reading) ->
        read(
            in,
            reading,
            header -> {
              int key;
              EntityKind kind;
              if (traitKey.field().isPresent()) {
                key = header.indexOf(traitKey.field().get());
                kind = traitKey.kind().orElseThrow();
                if (key < 0) {
                  throw new Reading.FileException(
                      "no column '" + traitKey.field().get() + "' in the header " + header);
                }
              } else {
                int user = header.indexOf("user");
                int account = header.indexOf("account");
                if ((user < 0) == (account < 0)) {
                  throw new Reading.FileException(
                      "a traits header needs exactly one of the columns 'user' and 'account'"
                          + " (or name the key column: user=COLUMN), was "
                          + header);
                }
                key = user >= 0 ? user : account;
                kind = user >= 0 ? EntityKind.USER : EntityKind.ACCOUNT;
              }
              for (int i = 0; i < header.size(); i++) {
                if (header.lastIndexOf(header.get(i)) != i) {
                  throw new Reading.FileException(
                      "the header names column '" + header.get(i) + "' twice");
                }
                if (i != key) {
                  try {
                    Fields.checkName(header.get(i), "trait name in header column " + (i + 1));
                  } catch (BadRecord e) {
                    throw new Reading.FileException(e.detail());
                  }
                }
              }
              return (row, sink) -> {
                String id =
                    Fields.id(row.get(key), header.get(key))
                        .orElseThrow(
                            () ->
                                new BadRecord(RejectReason.MISSING_ID, "empty " + header.get(key)));
                Map<String, Value> traits = new LinkedHashMap<>();
                for (int i = 0; i < row.size(); i++) {
                  if (i != key) {
                    String name = header.get(i);
                    types.traitCell(kind, name, row.get(i)).ifPresent(v -> traits.put(name, v));
                  }
                }
                sink.traits(kind, id, types.traits(kind, traits));
              };
            });
  }

  private static void read(BufferedReader in, Reading reading, HeaderHandler headerHandler)
      throws IOException {
    CsvParser parser = new CsvParser(in);
    CsvParser.Row header;
    do {
      header = parser.next();
      if (header == null) {
        return;
      }
      reading.consumed(header.line());
    } while (header.blank());
    if (header.cut()) {
      throw new Reading.FileException(
          "the header is longer than " + TextSource.MAX_RECORD + " characters");
    }
    if (header.reason() == RejectReason.UNCLOSED_QUOTE) {
      // The parser's detail says the line is rejected and reading resumes; for a header it is not.
      throw new Reading.FileException(
          "the header on line " + header.line() + " has a quoted field that is not closed");
    }
    if (header.error() != null) {
      throw new Reading.FileException(
          "the header on line " + header.line() + " is malformed: " + header.error());
    }
    // Exports often end every line with a comma: a trailing column without a name, whose cells
    // are empty, is no column at all.
    List<String> names = header.fields();
    int named = names.size();
    while (named > 1 && names.get(named - 1).isBlank()) {
      named--;
    }
    RowHandler handler = headerHandler.bind(names.subList(0, named));
    int columns = names.size();
    int unnamed = columns - named;
    parser.expectColumns(columns);
    CsvParser.Row row;
    while (!reading.stopped() && (row = parser.next()) != null) {
      if (row.blank()) {
        reading.consumed(row.line());
        continue;
      }
      reading.record(row.line());
      reading.consumed(parser.line() - 1);
      try {
        if (row.cut()) {
          throw BadRecord.tooLong();
        }
        InputText.checkText(row.text());
        if (row.reason() != null) {
          throw new BadRecord(row.reason(), row.error());
        }
        if (row.fields().size() != columns) {
          throw new BadRecord(
              RejectReason.WRONG_COLUMN_COUNT,
              row.fields().size() + " fields where the header has " + columns);
        }
        List<String> cells = row.fields();
        if (unnamed > 0) {
          for (int i = named; i < columns; i++) {
            if (!cells.get(i).isEmpty()) {
              throw new BadRecord(
                  RejectReason.WRONG_COLUMN_COUNT,
                  "a value in column " + (i + 1) + ", which the header does not name");
            }
          }
          cells = cells.subList(0, named);
        }
        handler.handle(cells, reading.sink());
        reading.accept();
      } catch (BadRecord e) {
        Optional<CsvParser.Row> first = parser.retract(e.reason(), e.detail());
        if (first.isPresent()) {
          reading.consumed(first.get().line());
          reading.reject(first.get().line(), e.reason(), first.get().error(), first.get().text());
        } else {
          reading.reject(row.line(), e.reason(), e.detail(), row.text());
        }
      }
    }
  }
}
