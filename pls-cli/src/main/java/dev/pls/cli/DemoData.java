package dev.pls.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/*
 * The demo data of examples/b2b-trial: a 14-day trial of a B2B analytics tool, as its product
 * analytics would export it, shaped to exercise every rule of the example model.
 *
 * Companies get a domain, a head count (log-uniform, 5 to 20,000) and one to a dozen trial users;
 * a quarter of the users sign up with a free-mail address instead (so the model's exclusion
 * bites, and they map to no company). Each user has a latent engagement in [0, 1) (skewed low, as
 * in real trials: most sign up and leave) and a trial start in the 40 days before the as-of time.
 * On each trial day a user is active with a probability that rises with engagement and fades over
 * the trial; active days hold home page views, queries, dashboards, a first data source, shares,
 * invites, pricing page views (likelier late in the trial), and — at large companies — views of
 * enterprise pages (SSO, audit log) and requests for enterprise features, which the b2b-trial
 * model does not read (the seed template does), as a real export has events a model ignores. One
 * scripted bot sends thousands of queries in a day (the model's automated-traffic exclusion), and
 * three lines are broken the ways exports break (a missing time, a local time, a cut-off line),
 * so the demo shows the rejects summary.
 *
 * Outcomes (outcomes.jsonl, for `pls backtest`): whether a trial converted to paid depends on what
 * the user did in the trial, by a logistic model with an intercept of -3.2 (base odds about 1 in
 * 25): +1.8 for connecting a data source, +1.4 for sending two or more invites, +1.0 for sharing a
 * dashboard, +0.6 for building three or more dashboards, +0.8 at a company of 50 to 1,000 people.
 * Pricing page views, queries and the role do not move it: the model's pricing and persona rules
 * are meant to show up in the backtest as rules that do not earn their points. Free-mail users
 * convert too (self-serve), at the same odds. A user converts with that probability (the noise),
 * at a day drawn uniformly from 12 to 20 days after the trial start, at a uniform time of day;
 * conversions after the as-of instant have not happened yet and are not written (a trial still
 * running when the data was exported has no outcome yet). The outcome draws come from a second
 * random stream, so adding them left the events and traits as they were.
 *
 * Everything is drawn from SplittableRandoms with a fixed seed, in a fixed order, so the files
 * are the same on every machine; DemoDataTest regenerates them and compares with the checked-in
 * copy.
 */
/** Generates the b2b-trial demo's event and trait files. */
final class DemoData {
  /** The instant the demo is meant to be scored as of. */
  static final Instant AS_OF = Instant.parse("2026-11-20T12:00:00Z");

  /** The default seed; any fixed value would do, this one gives a varied tier mix. */
  static final long SEED = 4L;

  /** The default number of companies: about 4,000 users. */
  static final int COMPANIES = 700;

  private static final String[] SYLLABLES = {
    "ac", "me", "ly", "tra", "no", "va", "zen", "qu", "ix", "sol", "ar", "io", "pex", "lum", "dat",
    "ora", "fin", "gro", "hub", "nex", "ter", "ra", "vio", "kor"
  };
  private static final String[] TLDS = {".com", ".io", ".co", ".de", ".ai", ".net"};
  private static final String[] FREEMAIL = {
    "gmail.com",
    "gmail.com",
    "gmail.com",
    "yahoo.com",
    "outlook.com",
    "hotmail.com",
    "icloud.com",
    "proton.me"
  };
  private static final String[] FIRST = {
    "ana", "ben", "chen", "dana", "eli", "fatima", "gus", "hana", "ivan", "jo", "kai", "lea",
    "maya", "nils", "omar", "pia", "raj", "sara", "tom", "uma", "vic", "wen", "yusuf", "zoe"
  };
  private static final String[] LAST = {
    "smith", "muller", "garcia", "kim", "rossi", "nowak", "silva", "okafor", "tanaka", "berg",
    "dubois", "khan", "olsen", "reyes", "weber", "zhang"
  };
  private static final String[] ROLES = {
    "Data Analyst",
    "data analyst",
    "Head of Data",
    "CTO",
    "Engineer",
    "Marketing Manager",
    "Founder",
    "Product Manager",
    "Student",
    "Sales Ops"
  };
  private static final String[] PAGES = {"/home", "/dashboards", "/docs", "/settings"};
  private static final String[] ENTERPRISE = {"/enterprise/sso", "/enterprise/audit-log"};
  private static final String[] FEATURES = {"sso", "audit_log", "scim"};

  private record Company(String domain, int employees, int users) {}

  private record Line(Instant time, String text) {}

  /** Mixed into the seed of the outcomes' random stream, so that it differs from the events'. */
  private static final long OUTCOME_STREAM = 0x6f7574636f6d65L;

  private final SplittableRandom random;
  private final SplittableRandom outcomeRandom;
  private final int companies;
  private final List<Line> events = new ArrayList<>();
  private final Map<String, Map<String, Object>> traits = new LinkedHashMap<>();
  private final List<Line> outcomes = new ArrayList<>();

  private DemoData(long seed, int companies) {
    this.random = new SplittableRandom(seed);
    this.outcomeRandom = new SplittableRandom(seed ^ OUTCOME_STREAM);
    this.companies = companies;
  }

  /** What a user did in the trial, as far as the outcome model reads it. */
  private static final class Trial {
    boolean connected;
    int invites;
    boolean shared;
    int dashboards;
  }

  /**
   * Writes the event log (JSON Lines, sorted by time, bad lines included) and the trait file.
   *
   * @param companies how many companies; users are about four times as many
   */
  static void write(long seed, int companies, OutputStream events, OutputStream traits)
      throws IOException {
    write(seed, companies, events, traits, OutputStream.nullOutputStream());
  }

  /**
   * Writes the event log, the trait file and the outcomes (JSON Lines, one conversion per line,
   * sorted by time).
   *
   * @param companies how many companies; users are about four times as many
   */
  static void write(
      long seed, int companies, OutputStream events, OutputStream traits, OutputStream outcomes)
      throws IOException {
    DemoData d = new DemoData(seed, companies);
    d.generate();
    try (Writer w = new OutputStreamWriter(outcomes, StandardCharsets.UTF_8)) {
      for (Line l : d.outcomes) {
        w.write(l.text);
        w.write('\n');
      }
    }
    try (Writer w = new OutputStreamWriter(events, StandardCharsets.UTF_8)) {
      for (Line l : d.events) {
        w.write(l.text);
        w.write('\n');
      }
    }
    try (Writer w = new OutputStreamWriter(traits, StandardCharsets.UTF_8)) {
      for (Map.Entry<String, Map<String, Object>> t : d.traits.entrySet()) {
        w.write(
            JsonText.object(
                json -> {
                  json.writeStringField("user", t.getKey());
                  for (Map.Entry<String, Object> f : t.getValue().entrySet()) {
                    if (f.getValue() instanceof Integer n) {
                      json.writeNumberField(f.getKey(), n);
                    } else {
                      json.writeStringField(f.getKey(), (String) f.getValue());
                    }
                  }
                }));
        w.write('\n');
      }
    }
  }

  private void generate() {
    List<Company> list = new ArrayList<>();
    Map<String, Integer> seen = new LinkedHashMap<>();
    for (int c = 0; c < companies; c++) {
      String name =
          SYLLABLES[random.nextInt(SYLLABLES.length)]
              + SYLLABLES[random.nextInt(SYLLABLES.length)]
              + (random.nextInt(3) == 0 ? SYLLABLES[random.nextInt(SYLLABLES.length)] : "");
      String domain = name + TLDS[random.nextInt(TLDS.length)];
      int n = seen.merge(domain, 1, Integer::sum);
      domain = n == 1 ? domain : name + n + ".com";
      int employees = (int) Math.round(5 * Math.pow(4000, random.nextDouble()));
      // Bigger companies send more people to try the product.
      int users = 1 + random.nextInt(employees > 200 ? 12 : 5);
      list.add(new Company(domain, employees, users));
    }
    int id = 0;
    for (Company c : list) {
      for (int i = 0; i < c.users; i++) {
        id++;
        boolean free = random.nextInt(4) == 0;
        String domain = free ? FREEMAIL[random.nextInt(FREEMAIL.length)] : c.domain;
        user(String.format(Locale.ROOT, "u%05d", id), domain, free ? null : c, c.users);
      }
    }
    bot(String.format(Locale.ROOT, "u%05d", id + 1), list.get(0));
    broken();
    events.sort(Comparator.comparing(Line::time));
    outcomes.sort(Comparator.comparing(Line::time));
  }

  private void user(String id, String domain, Company company, int colleagues) {
    String email =
        FIRST[random.nextInt(FIRST.length)]
            + "."
            + LAST[random.nextInt(LAST.length)]
            + "@"
            + domain;
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("email", email);
    t.put("role", ROLES[random.nextInt(ROLES.length)]);
    if (company != null) {
      t.put("employees", company.employees);
      t.put("domain_users", colleagues);
    }
    traits.put(id, t);
    double engagement = Math.pow(random.nextDouble(), 2);
    Instant start = AS_OF.minus(random.nextInt(40 * 24 * 60), ChronoUnit.MINUTES);
    event(id, "trial_started", start, null);
    Trial trial = new Trial();
    boolean connected = false;
    for (int day = 0; day < 14; day++) {
      Instant dayStart = start.plus(day, ChronoUnit.DAYS);
      if (dayStart.isAfter(AS_OF)) {
        break;
      }
      double active = day == 0 ? 0.9 : engagement * (1.0 - day / 20.0);
      if (random.nextDouble() >= active) {
        continue;
      }
      int actions = 1 + random.nextInt(2 + (int) (engagement * 12));
      for (int a = 0; a < actions; a++) {
        Instant at = dayStart.plus(random.nextInt(10 * 60), ChronoUnit.MINUTES);
        double r = random.nextDouble();
        if (!connected && r < 0.15 + engagement / 2) {
          connected = true;
          trial.connected |= event(id, "data_source_connected", at, null);
        } else if (r < 0.45) {
          for (int q = random.nextInt(1 + (int) (engagement * 15)); q >= 0; q--) {
            event(id, "query_run", at.plusSeconds(q * 20L), null);
          }
        } else if (r < 0.60) {
          trial.dashboards += event(id, "dashboard_created", at, null) ? 1 : 0;
        } else if (r < 0.66) {
          trial.shared |= event(id, "dashboard_shared", at, null);
        } else if (r < 0.72 && company != null) {
          trial.invites += event(id, "Invite Sent", at, null) ? 1 : 0;
        } else if (r < 0.72 + day / 60.0) {
          event(id, "page_viewed", at, "/pricing");
        } else if (r < 0.78 && company != null && company.employees > 1000) {
          event(id, "page_viewed", at, ENTERPRISE[random.nextInt(ENTERPRISE.length)]);
        } else if (r < 0.80 && company != null && company.employees > 1000) {
          String feature = FEATURES[random.nextInt(FEATURES.length)];
          event(id, "enterprise_feature_requested", at, "feature", feature);
        } else {
          event(id, "page_viewed", at, PAGES[random.nextInt(PAGES.length)]);
        }
      }
    }
    outcome(id, start, trial, company);
  }

  /** Draws whether the user converts, by the outcome model in the comment at the top. */
  private void outcome(String id, Instant start, Trial trial, Company company) {
    double logit =
        -3.2
            + (trial.connected ? 1.8 : 0)
            + (trial.invites >= 2 ? 1.4 : 0)
            + (trial.shared ? 1.0 : 0)
            + (trial.dashboards >= 3 ? 0.6 : 0)
            + (company != null && company.employees >= 50 && company.employees <= 1000 ? 0.8 : 0);
    double p = 1 / (1 + Math.exp(-logit));
    boolean converts = outcomeRandom.nextDouble() < p;
    Instant at =
        start
            .plus(12 + outcomeRandom.nextInt(9), ChronoUnit.DAYS)
            .plusSeconds(outcomeRandom.nextInt(24 * 3600))
            .truncatedTo(ChronoUnit.SECONDS);
    if (!converts || at.isAfter(AS_OF)) {
      return;
    }
    outcomes.add(
        new Line(
            at,
            JsonText.object(
                json -> {
                  json.writeStringField("entity", id);
                  json.writeStringField("outcome", "converted");
                  json.writeStringField("time", at.toString());
                })));
  }

  /** A script hammering the query API from a company account. */
  private void bot(String id, Company company) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("email", "etl-bot@" + company.domain);
    t.put("employees", company.employees);
    t.put("domain_users", company.users);
    traits.put(id, t);
    Instant start = AS_OF.minus(3, ChronoUnit.DAYS);
    event(id, "trial_started", start, null);
    for (int i = 0; i < 6000; i++) {
      event(id, "query_run", AS_OF.minusSeconds(3 * 3600L).plusMillis(i * 1500L), null);
    }
  }

  private void broken() {
    // Written as text, not by a JSON writer: the last of them is deliberately cut off.
    events.add(
        new Line(AS_OF.minus(2, ChronoUnit.DAYS), "{\"user\":\"u00001\",\"event\":\"query_run\"}"));
    events.add(
        new Line(
            AS_OF.minus(1, ChronoUnit.DAYS),
            "{\"user\":\"u00002\",\"event\":\"page_viewed\",\"time\":\"2026-11-19 10:00:00\","
                + "\"props\":{\"path\":\"/pricing\"}}"));
    events.add(
        new Line(
            AS_OF.minus(1, ChronoUnit.HOURS), "{\"user\":\"u00003\",\"event\":\"dashboard_cre"));
  }

  /** Writes the event unless it falls after the as-of instant; says whether it was written. */
  private boolean event(String user, String name, Instant at, String path) {
    return event(user, name, at, path == null ? null : "path", path);
  }

  private boolean event(String user, String name, Instant at, String prop, String value) {
    Instant time = at.truncatedTo(ChronoUnit.SECONDS);
    if (time.isAfter(AS_OF)) {
      return false;
    }
    events.add(
        new Line(
            time,
            JsonText.object(
                json -> {
                  json.writeStringField("user", user);
                  json.writeStringField("event", name);
                  json.writeStringField("time", time.toString());
                  if (prop != null) {
                    json.writeObjectFieldStart("props");
                    json.writeStringField(prop, value);
                    json.writeEndObject();
                  }
                })));
    return true;
  }
}
