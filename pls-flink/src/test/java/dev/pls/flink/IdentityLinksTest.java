package dev.pls.flink;

import static dev.pls.flink.TestData.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.flink.TestData.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Identity links on the job's MiniCluster against {@code pls score}, which joins linked ids into
 * one person: links that change no card are counted and the cards are {@code pls score}'s; links
 * that could change one (an anonymous id with records of its own, an alias of a known id, a device
 * signed in as two users) are refused by name, with no card written.
 */
class IdentityLinksTest {
  private static final Path MODEL =
      TestData.ROOT.resolve("pls-cli/src/test/resources/dev/pls/cli/identity/model.pls");
  private static final List<Instant> STEPS =
      List.of(Instant.parse("2026-11-18T12:00:00Z"), Instant.parse("2026-11-20T12:00:00Z"));

  @TempDir Path tmp;

  private static String track(String user, String anonymous, String event, String time) {
    return "{\"type\":\"track\","
        + (user == null ? "" : "\"userId\":\"" + user + "\",")
        + (anonymous == null ? "" : "\"anonymousId\":\"" + anonymous + "\",")
        + "\"event\":\""
        + event
        + "\",\"timestamp\":\""
        + time
        + "\"}";
  }

  private static String page(String user, String anonymous, String time) {
    return "{\"type\":\"page\","
        + (user == null ? "" : "\"userId\":\"" + user + "\",")
        + (anonymous == null ? "" : "\"anonymousId\":\"" + anonymous + "\",")
        + "\"name\":\"Pricing\",\"timestamp\":\""
        + time
        + "\"}";
  }

  private static String alias(String previous, String user, String time) {
    return "{\"type\":\"alias\",\"previousId\":\""
        + previous
        + "\",\"userId\":\""
        + user
        + "\",\"timestamp\":\""
        + time
        + "\"}";
  }

  private Path events(String name, List<String> lines) throws IOException {
    return events(tmp, name, lines);
  }

  private static Path events(Path dir, String name, List<String> lines) throws IOException {
    Path events = dir.resolve(name);
    Files.writeString(events, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    return events;
  }

  private static Run run(Path events, Path out, int parallelism) {
    return job(
        "--local",
        "--model",
        MODEL.toString(),
        "--events",
        events.toString(),
        "--from",
        STEPS.get(0).toString(),
        "--to",
        STEPS.get(1).toString(),
        "--step",
        "2d",
        "--parallelism",
        Integer.toString(parallelism),
        "--out",
        out.toString());
  }

  private String plsScore(Path events) throws IOException {
    return plsScore(tmp, events);
  }

  private static String plsScore(Path dir, Path events) throws IOException {
    return TestData.plsScore(MODEL, events, null, STEPS, dir.resolve("pls-rejects.jsonl"));
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void segmentCallsCarryingBothIds_withNoAnonymousOnlyRecords_givePlsScoresCards_countedAsLinks()
      throws Exception {
    Path events =
        events(
            "segment.jsonl",
            List.of(
                page("ann", "anon-1", "2026-11-14T09:00:00Z"),
                page("ann", "anon-1", "2026-11-15T09:00:00Z"),
                track("ann", "anon-1", "invite_sent", "2026-11-16T09:00:00Z"),
                page("ann", "anon-2", "2026-11-18T08:00:00Z"),
                track("ann", "anon-2", "invite_sent", "2026-11-19T10:00:00Z"),
                track("bob", "anon-9", "invite_sent", "2026-11-19T12:00:00Z"),
                "{\"type\":\"identify\",\"userId\":\"bob\",\"anonymousId\":\"anon-9\","
                    + "\"traits\":{\"plan\":\"pro\"},\"timestamp\":\"2026-11-18T12:00:00Z\"}",
                page("cid", null, "2026-11-19T13:00:00Z")));
    String expected = plsScore(events);
    assertTrue(expected.contains("\"entity\":\"ann\""), expected);
    assertFalse(expected.contains("anon-"), "no anonymous id has a card of its own: " + expected);
    for (int p : List.of(1, 2)) {
      Path out = tmp.resolve("out-" + p);
      Run r = run(events, out, p);
      assertEquals(0, r.status(), r.err());
      assertEquals(
          expected,
          Files.readString(out.resolve(PlsFlinkJob.CARDS), StandardCharsets.UTF_8),
          "parallelism " + p);
      assertTrue(r.err().contains(" 7 identity links (none changes a card);"), r.err());
    }
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void anAnonymousPageViewBeforeSignIn_isRefusedByName_noCardsWritten() throws Exception {
    Path events =
        events(
            "signin.jsonl",
            List.of(
                page(null, "anon-1", "2026-11-14T09:00:00Z"),
                page("ann", "anon-1", "2026-11-15T09:00:00Z"),
                page("ann", null, "2026-11-16T09:00:00Z")));
    assertRefused(
        events,
        "1 id is linked to a user id so that pls score",
        "The first: 'anon-1' linked to 'ann' at " + events + ":2, and it has events");
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void anAnonymousRecordAfterSignIn_isRefusedByName_noCardsWritten() throws Exception {
    // The id's own record comes after its link: the stream refuses it all the same.
    Path events =
        events(
            "after.jsonl",
            List.of(
                track("ann", "anon-1", "invite_sent", "2026-11-14T09:00:00Z"),
                track("ann", null, "invite_sent", "2026-11-15T09:00:00Z"),
                track(null, "anon-1", "invite_sent", "2026-11-16T09:00:00Z")));
    assertRefused(
        events,
        "1 id is linked",
        "The first: 'anon-1' linked to 'ann' at " + events + ":1, and it has events");
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void anAliasOfAKnownId_isRefusedByName_noCardsWritten() throws Exception {
    // pls score joins u-old and u-new into one person whose card is u-old's, with u-new's events.
    Path events =
        events(
            "alias.jsonl",
            List.of(
                alias("device-1", "u-old", "2026-11-14T09:00:00Z"),
                alias("u-old", "u-new", "2026-11-15T09:00:00Z"),
                track("u-new", null, "invite_sent", "2026-11-16T09:00:00Z"),
                track("u-new", null, "invite_sent", "2026-11-17T09:00:00Z")));
    assertRefused(
        events,
        "1 id is linked",
        "The first: 'u-old' linked to 'u-new' at "
            + events
            + ":2, and it is itself the user id of a link from 'device-1'");
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void aDeviceSignedInAsTwoUsers_isRefusedByName_noCardsWritten() throws Exception {
    Path events =
        events(
            "kiosk.jsonl",
            List.of(
                track("ann", "kiosk", "invite_sent", "2026-11-14T09:00:00Z"),
                track("bob", "kiosk", "invite_sent", "2026-11-15T09:00:00Z"),
                track("bob", null, "invite_sent", "2026-11-16T09:00:00Z")));
    assertRefused(
        events,
        "1 id is linked",
        "The first: 'kiosk' linked to 'ann' at " + events + ":1, and also to 'bob'");
  }

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void theCliIdentityExample_isRefused_forItsAnonymousPricingViews() throws Exception {
    Path events =
        TestData.ROOT.resolve("pls-cli/src/test/resources/dev/pls/cli/identity/segment.jsonl");
    assertRefused(events, "3 ids are linked", "'anon-1' linked to 'ann' at " + events + ":4");
  }

  private void assertRefused(Path events, String... said) throws IOException {
    // The refusal is needed: pls score's cards are not those of the ids scored apart.
    assertNotEquals(plsScore(events), apart(events));
    for (int p : List.of(1, 2)) {
      Path out = tmp.resolve("refused-" + p);
      Run r = run(events, out, p);
      assertEquals(1, r.status(), r.err());
      for (String s : said) {
        assertTrue(r.err().contains(s), "'" + s + "' in: " + r.err());
      }
      assertTrue(r.err().contains("docs/scale-out.md"), r.err());
      assertFalse(Files.exists(out.resolve(PlsFlinkJob.CARDS)), "no cards written");
    }
  }

  /** pls score's cards with every link taken out of the input: each id scored on its own. */
  private String apart(Path events) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String line : Files.readAllLines(events, StandardCharsets.UTF_8)) {
      if (line.contains("\"alias\"")) {
        continue;
      }
      if (line.contains("\"userId\"")) {
        line = line.replaceAll("\"anonymousId\":\"[^\"]*\",?", "");
      }
      lines.add(line);
    }
    return plsScore(events("apart-" + events.getFileName(), lines));
  }

  /*
   * Generated Segment-ish streams over a few ids, each call keyed by a user, an anonymous id or
   * both, with aliases between any two ids: the job either refuses, or gives pls score's cards.
   * Few tries: each is a run of a MiniCluster. The calls come in time order, as the lateness
   * allows none out of order.
   */
  @Property(tries = 6)
  void generatedStreamsWithLinks_areRefusedOrScoredAsPlsScoresCards(
      @ForAll("streams") List<String> lines) throws Exception {
    Path dir = Files.createTempDirectory("pls-links");
    try {
      Path events = events(dir, "generated.jsonl", lines);
      String expected = plsScore(dir, events);
      Path out = dir.resolve("out");
      Run r = run(events, out, 2);
      Statistics.collect(r.status() == 0 ? "scored" : "refused");
      if (r.status() == 1) {
        assertTrue(r.err().contains("linked to a user id so that pls score"), r.err());
        assertFalse(Files.exists(out.resolve(PlsFlinkJob.CARDS)));
      } else {
        assertEquals(0, r.status(), r.err());
        assertEquals(
            expected, Files.readString(out.resolve(PlsFlinkJob.CARDS), StandardCharsets.UTF_8));
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  @Provide
  Arbitrary<List<String>> streams() {
    Arbitrary<String> users = Arbitraries.of("u1", "u2", "u3");
    Arbitrary<String> anonymous = Arbitraries.of("a1", "a2", "a3");
    Arbitrary<Integer> hours = Arbitraries.integers().between(0, 6 * 24);
    Arbitrary<Call> call =
        Combinators.combine(
                Arbitraries.integers().between(0, 9),
                users,
                anonymous,
                hours,
                Arbitraries.of("invite_sent", "page"))
            .as(Call::new);
    return call.list()
        .ofMinSize(1)
        .ofMaxSize(8)
        .map(
            cs -> cs.stream().sorted(Comparator.comparingInt(Call::hour)).map(Call::line).toList());
  }

  /** A generated call: its kind, its user and anonymous ids, its hour in the period and event. */
  private record Call(int kind, String u, String a, int hour, String e) {
    String line() {
      String t = Instant.parse("2026-11-14T00:00:00Z").plusSeconds(3600L * hour).toString();
      return switch (kind) {
        case 0, 1, 2, 3 -> e.equals("page") ? page(u, null, t) : track(u, null, e, t);
        case 4, 5, 6 -> e.equals("page") ? page(u, a, t) : track(u, a, e, t);
        case 7 -> track(null, a, e, t);
        case 8 -> alias(a, u, t);
        default -> alias(u, u.equals("u1") ? "u2" : "u1", t);
      };
    }
  }
}
