package dev.pls.cli.io;

import static java.util.Objects.requireNonNull;

import dev.pls.core.model.Value;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/*
 * How the columns of an event CSV become events: the --map option.
 *
 * A mapping is a comma-separated list of TARGET=SOURCE. TARGET is user, anonymous_id, account,
 * event, time or prop.NAME; SOURCE is a header column's name, or ':' followed by a constant
 * (event=:login gives every row the event name "login"). Each of user, event and time not mapped
 * is read from the column of that very name, which must then exist; account likewise when the
 * column exists, else events carry no account; anonymous_id likewise: a row's user is its user
 * cell, else its anonymous_id cell, and a row with both (different) links the two as one person.
 * The user column may be missing when the account or the anonymous_id column is there: a row with
 * an account and neither user nor anonymous id is an event of the account alone. Properties: with no prop.NAME entry, every column
 * not used for user, account, event or time becomes a property named after its header; with any
 * prop.NAME entry, exactly those. Cells become values by the typing rule of Fields; an empty cell
 * is an absent property (and an empty event or time, or an empty user with no account, makes the
 * row a reject).
 */
/**
 * The column mapping of an event CSV file: {@code user=user_id,time=time_stamp,event=:login}.
 *
 * <p>Immutable.
 */
public final class CsvMapping {
  private static final List<String> CORE =
      List.of("user", "anonymous_id", "account", "event", "time");
  private static final String PROP = "prop.";

  /** Where one field's value comes from: a column, or a constant. */
  private record Source(String column, String constant) {}

  private final Map<String, Source> targets;

  private CsvMapping(Map<String, Source> targets) {
    this.targets = targets;
  }

  /** The mapping of a file whose columns are named user, account, event and time. */
  public static CsvMapping defaults() {
    return new CsvMapping(Map.of());
  }

  /**
   * Parses a mapping.
   *
   * @throws IllegalArgumentException naming the entry that is wrong
   */
  public static CsvMapping parse(String spec) {
    requireNonNull(spec, "spec");
    Map<String, Source> targets = new LinkedHashMap<>();
    if (spec.isBlank()) {
      return new CsvMapping(targets);
    }
    for (String entry : spec.split(",", -1)) {
      int eq = entry.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException(
            "spec: entry '" + entry + "' is not TARGET=COLUMN or TARGET=:CONSTANT");
      }
      String target = entry.substring(0, eq).strip();
      String source = entry.substring(eq + 1).strip();
      if (!CORE.contains(target) && !(target.startsWith(PROP) && target.length() > PROP.length())) {
        throw new IllegalArgumentException(
            "spec: unknown target '"
                + target
                + "' in '"
                + entry
                + "' (expected user, anonymous_id, account, event, time or prop.NAME)");
      }
      if (source.isEmpty() || source.equals(":")) {
        throw new IllegalArgumentException("spec: '" + entry + "' has no column or constant");
      }
      Source s =
          source.startsWith(":") ? new Source(null, source.substring(1)) : new Source(source, null);
      if (targets.put(target, s) != null) {
        throw new IllegalArgumentException("spec: target '" + target + "' is mapped twice");
      }
    }
    return new CsvMapping(targets);
  }

  /** A mapping applied to one file's header. */
  static final class Bound {
    private final int columns;
    private final Field user;
    private final Field account;
    private final Field anonymous;
    private final Field event;
    private final Field time;
    private final List<Map.Entry<String, Field>> props;

    private Bound(
        int columns,
        Field user,
        Field account,
        Field anonymous,
        Field event,
        Field time,
        List<Map.Entry<String, Field>> props) {
      this.columns = columns;
      this.user = user;
      this.account = account;
      this.anonymous = anonymous;
      this.event = event;
      this.time = time;
      this.props = props;
    }

    int columns() {
      return columns;
    }

    /** The row's user: its user cell, else its anonymous_id cell. */
    Optional<String> user(List<String> row) throws BadRecord {
      Optional<String> known =
          user == null ? Optional.empty() : Fields.id(user.cell(row), user.name);
      return known.isPresent() ? known : anonymous(row);
    }

    /** The row's anonymous_id cell, when the mapping has one. */
    Optional<String> anonymous(List<String> row) throws BadRecord {
      return anonymous == null ? Optional.empty() : Fields.id(anonymous.cell(row), anonymous.name);
    }

    /** The anonymous id a row links to its (different) user, if it has both. */
    Optional<String> linked(List<String> row) throws BadRecord {
      Optional<String> known =
          user == null ? Optional.empty() : Fields.id(user.cell(row), user.name);
      Optional<String> anon = anonymous(row);
      return known.isPresent() && anon.isPresent() && !anon.equals(known) ? anon : Optional.empty();
    }

    Optional<String> account(List<String> row) throws BadRecord {
      return account == null ? Optional.empty() : Fields.id(account.cell(row), account.name);
    }

    Optional<String> event(List<String> row) throws BadRecord {
      return Fields.id(event.cell(row), event.name);
    }

    Optional<Instant> time(List<String> row, Timestamps timestamps) throws BadRecord {
      return Fields.time(time.cell(row), time.name, timestamps);
    }

    Map<String, Value> props(List<String> row, String event, PropertyTypes types) throws BadRecord {
      Map<String, Value> values = new LinkedHashMap<>();
      for (Map.Entry<String, Field> p : props) {
        types
            .propertyCell(event, p.getKey(), p.getValue().cell(row))
            .ifPresent(v -> values.put(p.getKey(), v));
      }
      return values;
    }
  }

  /** A column index or a constant, with the name to use in messages. */
  private record Field(String name, int index, String constant) {
    String cell(List<String> row) {
      return constant != null ? constant : row.get(index);
    }
  }

  /**
   * Applies this mapping to a header.
   *
   * @throws Reading.FileException saying which column is missing or duplicated
   */
  Bound bind(List<String> header, Timestamps timestamps) throws Reading.FileException {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i);
      if (index.put(name, i) != null) {
        throw new Reading.FileException("the header names column '" + name + "' twice");
      }
    }
    Set<Integer> used = new HashSet<>();
    Field anonymous = field("anonymous_id", index, used, false, header);
    Field account = field("account", index, used, false, header);
    // With an anonymous_id column, the user column may be absent (every row is then anonymous), and
    // a file of accounts' own events (account, event, time) needs no user column either.
    Field user = field("user", index, used, anonymous == null && account == null, header);
    Field event = field("event", index, used, true, header);
    Field time = field("time", index, used, true, header);
    if (time.constant != null) {
      try {
        timestamps.read(time.constant);
      } catch (IllegalArgumentException e) {
        throw new Reading.FileException("--map time=:…: " + e.getMessage());
      }
    }
    List<Map.Entry<String, Field>> props = new ArrayList<>();
    boolean explicit = targets.keySet().stream().anyMatch(t -> t.startsWith(PROP));
    if (explicit) {
      for (String target : targets.keySet()) {
        if (target.startsWith(PROP)) {
          String name = target.substring(PROP.length());
          props.add(Map.entry(name, field(target, index, used, true, header)));
        }
      }
    } else {
      for (int i = 0; i < header.size(); i++) {
        if (!used.contains(i)) {
          if (header.get(i).isEmpty()) {
            throw new Reading.FileException(
                "header column " + (i + 1) + " has no name; name it or map the properties");
          }
          props.add(Map.entry(header.get(i), new Field(header.get(i), i, null)));
        }
      }
    }
    for (Map.Entry<String, Field> p : props) {
      try {
        Fields.checkName(p.getKey(), "property name");
      } catch (BadRecord e) {
        throw new Reading.FileException(e.detail());
      }
    }
    return new Bound(header.size(), user, account, anonymous, event, time, props);
  }

  private Field field(
      String target,
      Map<String, Integer> index,
      Set<Integer> used,
      boolean required,
      List<String> header)
      throws Reading.FileException {
    Source s = targets.get(target);
    if (s == null) {
      Integer i = index.get(target);
      if (i == null) {
        if (required) {
          throw new Reading.FileException(
              "no column '"
                  + target
                  + "' in the header "
                  + header
                  + "; map one with --map "
                  + target
                  + "=COLUMN or "
                  + target
                  + "=:CONSTANT");
        }
        return null;
      }
      used.add(i);
      return new Field(target, i, null);
    }
    if (s.constant != null) {
      return new Field(target, -1, s.constant);
    }
    Integer i = index.get(s.column);
    if (i == null) {
      throw new Reading.FileException(
          "--map " + target + "=" + s.column + ": no column '" + s.column + "' in " + header);
    }
    used.add(i);
    return new Field(s.column, i, null);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    targets.forEach(
        (t, s) -> {
          if (sb.length() > 0) {
            sb.append(',');
          }
          sb.append(t).append('=').append(s.column != null ? s.column : ":" + s.constant);
        });
    return sb.toString();
  }
}
