package dev.pls.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

/*
 * Event and trait files for the DESIGN.md sketch model (b2b_trial_pql), as a product's analytics
 * export would give them, for the end-to-end comparison of pls score with the same model in
 * DuckDB SQL (scripts/end-to-end.sh, DuckDbCardsTest).
 *
 * Users: about one per 80 events (62,500 for 5M events), ids u0000001... Each has a latent
 * engagement (0 for 40% of users: they sign up and leave; else u^2, so a few are very engaged), a
 * signup day in the 60 days before the as-of instant, and a drift that makes its activity rise or
 * fall over the period (so trends and growth streaks go both ways). Day by day, a user is active
 * with a probability that rises with engagement; an active day holds a Poisson number of events:
 * feature_used (one of twelve features, a third of them premium), page_viewed (/pricing among
 * other paths), invite_sent, usage_limit_hit, enterprise_feature_requested and login. Signup is
 * one signed_up event, and three users in five have an activated event minutes to days later.
 * The last generated day is the one after the as-of instant, so some events are after it and
 * must not count. One bot user ("bot0000001") sends 5,001 events on the as-of day (the model's
 * automated-traffic exclusion). Traits: employees (log-uniform, missing for one user in ten),
 * industry (missing for one in ten) and email_domain (a free-mail domain for one in five).
 *
 * Lines are written in time order within each day, days in order; times are whole seconds in
 * UTC. Expected events per user are scaled so that the file holds about the asked number of
 * events (the exact count is printed). Deterministic: one SplittableRandom per user, split from
 * the seed in user order, and one for the bot and the shuffle of a day.
 */
/**
 * Writes generated events and traits of the DESIGN.md sketch model: {@code main(DIR [N [SEED]])}.
 */
public final class SketchEvents {
  /** The as-of instant the files are meant to be scored at. */
  public static final Instant AS_OF = Instant.parse("2026-11-20T12:00:00Z");

  static final int DAYS = 60;
  private static final long DAY = 86_400;
  private static final String[] FEATURES = {
    "dashboards",
    "reports",
    "alerts",
    "export",
    "sheets",
    "api",
    "sso",
    "audit_log",
    "scim",
    "workflows",
    "ai_assist",
    "sandbox"
  };
  private static final String[] PATHS = {"/pricing", "/docs", "/home", "/blog", "/settings"};
  private static final String[] INDUSTRIES = {
    "software", "fintech", "healthcare", "retail", "education", "media"
  };
  private static final String[] FREEMAIL = {"gmail.com", "yahoo.com", "outlook.com", "hotmail.com"};

  private SketchEvents() {}

  /** Writes {@code DIR/events.jsonl.gz} and {@code DIR/traits.jsonl}; see the class comment. */
  public static void main(String[] args) throws IOException {
    if (args.length < 1 || args.length > 3) {
      System.err.println("usage: SketchEvents DIR [EVENTS (default 5000000) [SEED (default 1)]]");
      System.exit(2);
    }
    Path dir = Path.of(args[0]);
    long events = args.length > 1 ? Long.parseLong(args[1]) : 5_000_000;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
    long written = write(dir, events, seed);
    System.out.println(
        "wrote " + written + " events to " + dir.resolve("events.jsonl.gz") + " and traits.jsonl");
  }

  /**
   * Writes about {@code events} events and their users' traits into {@code dir}, each file through
   * a temporary file renamed at the end.
   *
   * @return the number of event lines written
   * @throws IllegalArgumentException if {@code events} is below 6,000
   */
  public static long write(Path dir, long events, long seed) throws IOException {
    if (events < 6_000) {
      throw new IllegalArgumentException("events: must be at least 6000, was " + events);
    }
    Files.createDirectories(dir);
    int users = (int) Math.max(10, (events - 5_001) / 80);
    SplittableRandom root = new SplittableRandom(seed);
    double[] engagement = new double[users];
    double[] drift = new double[users];
    int[] signup = new int[users];
    SplittableRandom[] random = new SplittableRandom[users];
    double expected = 0;
    for (int u = 0; u < users; u++) {
      random[u] = root.split();
      SplittableRandom r = random[u];
      double x = r.nextDouble();
      engagement[u] = r.nextDouble() < 0.4 ? 0 : x * x;
      drift[u] = r.nextDouble() * 2 - 1;
      signup[u] = r.nextInt(DAYS);
      expected += 2 + expectedEvents(engagement[u], drift[u], signup[u]);
    }
    double scale = (events - 5_001 - 2.0 * users) / Math.max(1, expected - 2.0 * users);
    SplittableRandom bot = root.split();
    long written = 0;
    Path eventsFile = dir.resolve("events.jsonl.gz");
    Path eventsTmp = dir.resolve("events.jsonl.gz.tmp");
    try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(eventsTmp), 1 << 16);
        Writer w =
            new BufferedWriter(new OutputStreamWriter(gz, StandardCharsets.UTF_8), 1 << 16)) {
      long first = AS_OF.getEpochSecond() / DAY * DAY - (DAYS - 1) * DAY;
      List<long[]> day = new ArrayList<>(); // {second, user, kind, detail}
      for (int d = 0; d <= DAYS; d++) {
        day.clear();
        long start = first + d * DAY;
        for (int u = 0; u < users; u++) {
          if (d < signup[u]) {
            continue;
          }
          SplittableRandom r = random[u];
          if (d == signup[u]) {
            long at = start + r.nextInt((int) DAY);
            day.add(new long[] {at, u, 0, 0});
            if (r.nextDouble() < 0.6) {
              double minutes = -Math.log(1 - r.nextDouble()) * (90 - 80 * engagement[u]);
              day.add(new long[] {at + 1 + (long) (minutes * 60), u, 1, 0});
            }
          }
          double p = activeProbability(engagement[u], drift[u], d);
          if (p > 0 && r.nextDouble() < p) {
            int n = poisson(r, scale * eventsPerActiveDay(engagement[u]));
            for (int k = 0; k < n; k++) {
              day.add(event(r, start, u, engagement[u]));
            }
          }
        }
        if (d == DAYS - 1) {
          for (int k = 0; k < 5_001; k++) {
            day.add(new long[] {start + 3_600 + bot.nextInt(6 * 3_600), -1, 7, 0});
          }
        }
        day.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        for (long[] e : day) {
          w.write(line(e));
          written++;
        }
      }
    }
    Files.move(eventsTmp, eventsFile, StandardCopyOption.REPLACE_EXISTING);
    Path traitsTmp = dir.resolve("traits.jsonl.tmp");
    try (Writer w = Files.newBufferedWriter(traitsTmp, StandardCharsets.UTF_8)) {
      SplittableRandom r = root.split();
      for (int u = 0; u < users; u++) {
        StringBuilder b = new StringBuilder("{\"user\":\"").append(userId(u)).append('"');
        if (r.nextInt(10) != 0) {
          b.append(",\"employees\":").append((int) Math.exp(r.nextDouble() * Math.log(5_000)));
        }
        if (r.nextInt(10) != 0) {
          b.append(",\"industry\":\"").append(INDUSTRIES[r.nextInt(INDUSTRIES.length)]).append('"');
        }
        String domain =
            r.nextInt(5) == 0 ? FREEMAIL[r.nextInt(FREEMAIL.length)] : "c" + (u / 4) + ".example";
        b.append(",\"email_domain\":\"").append(domain).append("\"}\n");
        w.write(b.toString());
      }
    }
    Files.move(traitsTmp, dir.resolve("traits.jsonl"), StandardCopyOption.REPLACE_EXISTING);
    return written;
  }

  static String userId(int u) {
    return String.format("u%07d", u + 1);
  }

  private static double activeProbability(double engagement, double drift, int day) {
    if (engagement == 0) {
      return 0;
    }
    double p = (0.05 + 0.8 * engagement) * (1 + 0.7 * drift * (2.0 * day / DAYS - 1));
    return Math.max(0, Math.min(1, p));
  }

  private static double eventsPerActiveDay(double engagement) {
    return 2 + 20 * engagement;
  }

  private static double expectedEvents(double engagement, double drift, int signup) {
    double sum = 0;
    for (int d = signup; d <= DAYS; d++) {
      sum += activeProbability(engagement, drift, d) * eventsPerActiveDay(engagement);
    }
    return sum;
  }

  /** One event of an active day: {second, user, kind, detail}. */
  private static long[] event(SplittableRandom r, long start, int u, double engagement) {
    long at = start + r.nextInt((int) DAY);
    double x = r.nextDouble();
    int kind;
    int detail = 0;
    if (x < 0.40) {
      kind = 2; // feature_used
      detail = r.nextInt(FEATURES.length);
    } else if (x < 0.60) {
      kind = 3; // page_viewed
      detail = r.nextDouble() < 0.1 + 0.2 * engagement ? 0 : 1 + r.nextInt(PATHS.length - 1);
    } else if (x < 0.65) {
      kind = 4; // invite_sent
    } else if (x < 0.67) {
      kind = 5; // usage_limit_hit
    } else if (x < 0.68) {
      kind = 6; // enterprise_feature_requested
    } else {
      kind = 7; // login
    }
    return new long[] {at, u, kind, detail};
  }

  private static String line(long[] e) {
    String user = e[1] < 0 ? "bot0000001" : userId((int) e[1]);
    String time = Instant.ofEpochSecond(e[0]).toString();
    String head = "{\"user\":\"" + user + "\",\"event\":\"";
    String props =
        switch ((int) e[2]) {
          case 2 ->
              ",\"props\":{\"feature\":\""
                  + FEATURES[(int) e[3]]
                  + "\",\"tier\":\""
                  + (e[3] % 3 == 0 ? "premium" : "free")
                  + "\"}";
          case 3 -> ",\"props\":{\"path\":\"" + PATHS[(int) e[3]] + "\"}";
          default -> "";
        };
    return head + NAMES[(int) e[2]] + "\",\"time\":\"" + time + "\"" + props + "}\n";
  }

  private static final String[] NAMES = {
    "signed_up",
    "activated",
    "feature_used",
    "page_viewed",
    "invite_sent",
    "usage_limit_hit",
    "enterprise_feature_requested",
    "login"
  };

  private static int poisson(SplittableRandom r, double mean) {
    if (mean <= 0) {
      return 0;
    }
    if (mean > 30) {
      return (int) Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(r)));
    }
    double limit = Math.exp(-mean);
    double product = r.nextDouble();
    int k = 0;
    while (product > limit) {
      k++;
      product *= r.nextDouble();
    }
    return k;
  }

  private static double gaussian(SplittableRandom r) {
    double u = 1 - r.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
  }
}
