package dev.pls.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/*
 * The independent implementation of the end-to-end comparison: the DESIGN.md sketch model as one
 * DuckDB query (sketch.sql, a resource of this package) over the same gzip JSON Lines event file
 * and trait file that pls score reads, run through DuckDB's JDBC driver in an in-memory database
 * (DuckDB parallelises the query over every core by itself). It writes the cards in the format of
 * `pls score --format jsonl` without --explain (entity, kind, model, version, as_of, score, tier,
 * excluded, categories), one line per user in order of id, so that the two outputs can be
 * compared line for line; the fired rules are in Card for DuckDbCardsTest.
 */
/** Scores the DESIGN.md sketch model with DuckDB SQL: {@code main(EVENTS TRAITS AS_OF OUT)}. */
public final class DuckDbCards {
  private static final String MODEL = "b2b_trial_pql";
  private static final int VERSION = 3;

  private DuckDbCards() {}

  /**
   * One user's card: what {@code pls score} writes, and the ids of the rules that fired in model
   * order. Categories in model order: feature_usage (capped at 50), collaboration, velocity,
   * intent, fit, negative.
   */
  record Card(
      String entity,
      long score,
      String tier,
      String excluded,
      long featureUsagePositive,
      long featureUsageTotal,
      long collaboration,
      long velocity,
      long intent,
      long fit,
      long negative,
      List<String> fired) {}

  /** Writes DuckDB's cards as of {@code AS_OF} to {@code OUT} (replaced when done). */
  public static void main(String[] args) throws IOException, SQLException {
    if (args.length != 4) {
      System.err.println("usage: DuckDbCards EVENTS TRAITS AS_OF OUT");
      System.exit(2);
    }
    Path events = Path.of(args[0]);
    Path traits = Path.of(args[1]);
    Instant asOf = Instant.parse(args[2]);
    Path out = Path.of(args[3]);
    long start = System.nanoTime();
    long cards = write(events, traits, asOf, out);
    System.err.printf(
        "duckdb: %d cards written to %s, %.1f s%n", cards, out, (System.nanoTime() - start) / 1e9);
  }

  /**
   * Writes the cards to {@code out} through a temporary file beside it.
   *
   * @return the number of cards
   * @throws IllegalArgumentException if {@code out} is one of the inputs
   */
  static long write(Path events, Path traits, Instant asOf, Path out)
      throws IOException, SQLException {
    Path target = out.toAbsolutePath().normalize();
    if (target.equals(events.toAbsolutePath().normalize())
        || target.equals(traits.toAbsolutePath().normalize())) {
      throw new IllegalArgumentException("out: names an input, " + out);
    }
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    long[] count = {0};
    try (Writer w = new BufferedWriter(Files.newBufferedWriter(tmp, StandardCharsets.UTF_8))) {
      cards(
          events,
          traits,
          asOf,
          card -> {
            try {
              w.write(json(card, asOf));
              w.write('\n');
              count[0]++;
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException e) {
      Files.deleteIfExists(tmp);
      throw e.getCause();
    }
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return count[0];
  }

  /** Every card, in order of entity id. */
  static List<Card> cards(Path events, Path traits, Instant asOf) throws SQLException {
    List<Card> cards = new ArrayList<>();
    cards(events, traits, asOf, cards::add);
    return cards;
  }

  private static void cards(Path events, Path traits, Instant asOf, Consumer<Card> sink)
      throws SQLException {
    String sql =
        sql()
            .replace("${events}", literal(events.toString()))
            .replace("${traits}", literal(traits.toString()))
            .replace("${as_of}", literal(asOf.toString()));
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute("SET TimeZone = 'UTC'");
      try (ResultSet r = s.executeQuery(sql)) {
        while (r.next()) {
          String fired = r.getString("fired");
          sink.accept(
              new Card(
                  r.getString("entity"),
                  r.getLong("score"),
                  r.getString("tier"),
                  r.getString("excluded"),
                  r.getLong("feature_usage_positive"),
                  r.getLong("feature_usage_total"),
                  r.getLong("collaboration_positive"),
                  r.getLong("velocity_positive"),
                  r.getLong("intent_positive"),
                  r.getLong("fit_positive"),
                  r.getLong("negative_negative"),
                  fired == null || fired.isEmpty() ? List.of() : List.of(fired.split(","))));
        }
      }
    }
  }

  /** The query, from {@code sketch.sql} beside this class. */
  static String sql() {
    try (InputStream in = DuckDbCards.class.getResourceAsStream("sketch.sql")) {
      if (in == null) {
        throw new AssertionError("sketch.sql is not on the class path beside DuckDbCards");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  /** The card as {@code pls score --format jsonl} writes it (no contributions). */
  static String json(Card c, Instant asOf) {
    StringBuilder b = new StringBuilder(512);
    b.append("{\"entity\":").append(string(c.entity()));
    b.append(",\"kind\":\"user\",\"model\":\"").append(MODEL).append("\",\"version\":");
    b.append(VERSION).append(",\"as_of\":\"").append(asOf).append('"');
    b.append(",\"score\":").append(c.score());
    b.append(",\"tier\":").append(string(c.tier()));
    b.append(",\"excluded\":").append(c.excluded() == null ? "null" : string(c.excluded()));
    b.append(",\"categories\":[");
    category(b, "feature_usage", c.featureUsagePositive(), 0, c.featureUsageTotal()).append(',');
    category(b, "collaboration", c.collaboration(), 0, c.collaboration()).append(',');
    category(b, "velocity", c.velocity(), 0, c.velocity()).append(',');
    category(b, "intent", c.intent(), 0, c.intent()).append(',');
    category(b, "fit", c.fit(), 0, c.fit()).append(',');
    category(b, "negative", 0, c.negative(), c.negative());
    return b.append("]}").toString();
  }

  private static StringBuilder category(
      StringBuilder b, String name, long positive, long negative, long total) {
    return b.append("{\"name\":\"")
        .append(name)
        .append("\",\"positive\":")
        .append(positive)
        .append(",\"negative\":")
        .append(negative)
        .append(",\"total\":")
        .append(total)
        .append('}');
  }

  private static String string(String s) {
    StringBuilder b = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (ch < 0x20) {
            b.append(String.format("\\u%04x", (int) ch));
          } else {
            b.append(ch);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
