package dev.pls.cli;

import dev.pls.core.handoff.Router;
import dev.pls.core.model.Handoff;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;

/*
 * The demo data of examples/seat-expansion: the workspaces of a seat-based team tool (seed 004,
 * Example 2) over the 60 days before the as-of time, as its product analytics would export them,
 * shaped so that every tier, trigger and suppression of the example model occurs while
 * `pls route` replays the last 30 days.
 *
 * A company gets a domain, a head count (log-uniform, 5 to 20,000), an engagement in [0, 1) and a
 * day its workspace starts; bigger and more engaged companies have room for bigger teams. The
 * first user signs up and works; on each later day the team may grow: a member sends invites and
 * the invitees sign up a little later, one at a time or, at engaged companies, several in a burst
 * (a team rolling the tool out, which the "5+ users in a week" trigger watches). Every member has
 * a department (most of a team in one, some elsewhere) and a title, rarely an executive one. On
 * each day a member is active with a probability that follows the company's engagement, and some
 * workspaces fade; an active day holds a task update and, now and then, an integration, an admin
 * setup step (by the workspace's first user), pricing page views, an enterprise feature request
 * (likelier at big companies), a choice in the upgrade flow, or a support ticket. When the team
 * reaches 90% of its plan's seats the product warns the first user (seat_limit_warning); the
 * plan's limit is the size the team will grow to, plus a little headroom.
 *
 * Users map to their company by e-mail domain; a few team members sign up with a free-mail
 * address, and one Crewdesk support engineer works inside a customer's workspace: their events
 * name the workspace's account, so they are members that the model excludes. A few free-mail
 * users try the product alone and belong to no account. Account traits give the head count, the
 * ICP match, the plan, seats and limit, and the CRM's flags behind the suppressions (an existing
 * enterprise contract, an open opportunity, a competitor).
 *
 * Outcomes (outcomes.jsonl, for `pls backtest`): whether an account expanded its contract in the
 * 30 days after the as-of instant (the CRM's record of the quarter's expansions, the seed's
 * "land-and-expand"), by a logistic model with an intercept of -3.0, +3.0 times the company's
 * engagement, +0.8 for a team of five or more, -1.5 for a workspace that faded before the as-of
 * day, and +1.2 for outreach: every account outside the model's hold-out (10%, salt
 * "seat-expansion-2026-q4", drawn by Router.heldOut as the router draws it) is one sellers may
 * contact. The generator does not score, so it cannot tell which accounts the model routes; the
 * uplift is given to every account outside the hold-out, and pls backtest compares only routed
 * accounts with held-out ones, among whom it is exactly the uplift outreach adds. An account
 * expands with that probability at a uniform day 1 to 30 days after the as-of instant, at a
 * uniform second of that day. The outcome draws come from a second random stream, so adding them
 * left the events and traits as they were.
 *
 * Everything is drawn from SplittableRandoms with a fixed seed, in a fixed order, so the files
 * are the same on every machine; DemoDataTest regenerates them and compares with the checked-in
 * copy.
 */
/** Generates the seat-expansion demo's event and trait files. */
final class SeatExpansionData {
  /** The instant the demo is meant to be scored as of, and the end of its replay. */
  static final Instant AS_OF = Instant.parse("2026-11-20T12:00:00Z");

  /** The default seed; any fixed value would do, this one makes every trigger occur. */
  static final long SEED = 6L;

  /** The default number of companies: about a thousand users. */
  static final int COMPANIES = 200;

  /** The example model's hold-out, which the outcome model's uplift is outside of. */
  static final Handoff.Holdout HOLDOUT =
      new Handoff.Holdout(new BigDecimal("10"), "seat-expansion-2026-q4");

  /** The log-odds an account outside the hold-out gains from outreach. */
  static final double OUTREACH_UPLIFT = 1.2;

  /** Mixed into the seed of the outcomes' random stream, so that it differs from the events'. */
  private static final long OUTCOME_STREAM = 0x6f7574636f6d6573L;

  /** Days of history before the as-of day. */
  static final int DAYS = 60;

  private static final LocalDate FIRST_DAY =
      AS_OF.atZone(ZoneOffset.UTC).toLocalDate().minusDays(DAYS);

  private static final String[] SYLLABLES = {
    "ab", "bel", "cor", "da", "el", "fo", "gra", "hal", "is", "jun", "ka", "lo", "mar", "nor", "ox",
    "pa", "quin", "ro", "sta", "tel", "ur", "vel", "wy", "zo"
  };
  private static final String[] TLDS = {".com", ".io", ".co", ".dev", ".app", ".net"};
  private static final String[] FREEMAIL = {"gmail.com", "gmail.com", "outlook.com", "yahoo.com"};
  private static final String[] FIRST = {
    "ana", "ben", "chen", "dana", "eli", "fatima", "gus", "hana", "ivan", "jo", "kai", "lea",
    "maya", "nils", "omar", "pia", "raj", "sara", "tom", "uma", "vic", "wen", "yusuf", "zoe"
  };
  private static final String[] LAST = {
    "smith", "muller", "garcia", "kim", "rossi", "nowak", "silva", "okafor", "tanaka", "berg",
    "dubois", "khan", "olsen", "reyes", "weber", "zhang"
  };
  private static final String[] DEPARTMENTS = {
    "engineering", "product", "design", "marketing", "sales", "support", "operations", "finance"
  };
  private static final String[][] TITLES = {
    {"Engineer", "Senior Engineer", "Engineering Manager"},
    {"Product Manager", "Product Analyst"},
    {"Designer", "Design Lead"},
    {"Marketing Manager", "Content Lead"},
    {"Account Executive", "Sales Ops"},
    {"Support Agent", "Support Lead"},
    {"Operations Manager", "Analyst"},
    {"Controller", "Finance Analyst"}
  };
  private static final String[] EXECUTIVES = {
    "CTO", "VP Product", "VP Engineering", "VP Marketing", "VP Sales", "COO", "COO", "CFO"
  };
  private static final String[] APPS = {
    "slack", "github", "jira", "google_drive", "figma", "salesforce", "zendesk", "okta"
  };
  private static final String[] ADMIN_STEPS = {"roles", "billing", "domain", "groups"};
  private static final String[] FEATURES = {"sso", "saml", "audit_logs", "scim"};
  private static final String[] OPTIONS = {
    "team", "team", "team", "business", "business", "enterprise", "contact_sales"
  };
  private static final String[] TOPICS = {
    "how_to", "how_to", "how_to", "bug", "bug", "billing", "volume_pricing", "custom_plan"
  };

  private record Company(
      String domain,
      int employees,
      double engagement,
      int startDay,
      int fadeDay,
      int potential,
      int department) {}

  /**
   * A user; {@code account} is named on the user's events, for users their e-mail domain cannot
   * place (free-mail, internal), else null.
   */
  private record User(String id, String account, int joinDay, double activity) {}

  private record Line(Instant time, String text) {}

  private final SplittableRandom random;
  private final SplittableRandom outcomeRandom;
  private final int companies;
  private final List<Line> outcomes = new ArrayList<>();
  private final List<Line> events = new ArrayList<>();
  private final List<String> userTraits = new ArrayList<>();
  private final List<String> accountTraits = new ArrayList<>();
  private int nextUser;

  private SeatExpansionData(long seed, int companies) {
    this.random = new SplittableRandom(seed);
    this.outcomeRandom = new SplittableRandom(seed ^ OUTCOME_STREAM);
    this.companies = companies;
  }

  /**
   * Writes the event log (JSON Lines, sorted by time) and the trait file (users, then accounts).
   *
   * @param companies how many companies; users are about five times as many
   */
  static void write(long seed, int companies, OutputStream events, OutputStream traits)
      throws IOException {
    write(seed, companies, events, traits, OutputStream.nullOutputStream());
  }

  /**
   * Writes the event log and the trait file, and the outcomes: one expansion per line, sorted by
   * time.
   */
  static void write(
      long seed, int companies, OutputStream events, OutputStream traits, OutputStream outcomes)
      throws IOException {
    SeatExpansionData d = new SeatExpansionData(seed, companies);
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
      for (String line : d.userTraits) {
        w.write(line);
        w.write('\n');
      }
      for (String line : d.accountTraits) {
        w.write(line);
        w.write('\n');
      }
    }
  }

  private void generate() {
    List<Company> list = new ArrayList<>();
    Set<String> domains = new LinkedHashSet<>();
    for (int c = 0; c < companies; c++) {
      String name =
          SYLLABLES[random.nextInt(SYLLABLES.length)]
              + SYLLABLES[random.nextInt(SYLLABLES.length)]
              + (random.nextInt(3) == 0 ? SYLLABLES[random.nextInt(SYLLABLES.length)] : "");
      String domain = name + TLDS[random.nextInt(TLDS.length)];
      for (int n = 2; !domains.add(domain); n++) {
        domain = name + n + ".com";
      }
      int employees = (int) Math.round(5 * Math.pow(4000, random.nextDouble()));
      double engagement = random.nextDouble();
      int start = random.nextInt(DAYS - 5);
      int fade = random.nextInt(4) == 0 ? start + 5 + random.nextInt(DAYS) : Integer.MAX_VALUE;
      int room = employees > 500 ? 30 : employees > 50 ? 14 : 5;
      int potential =
          Math.min(employees, 1 + (int) Math.round(room * engagement * random.nextDouble(0.5, 1)));
      list.add(
          new Company(
              domain,
              employees,
              engagement,
              start,
              fade,
              potential,
              random.nextInt(DEPARTMENTS.length)));
    }
    Company internalHost = null;
    for (Company c : list) {
      workspace(c);
      if (internalHost == null && c.employees > 500 && c.potential >= 10) {
        internalHost = c;
      }
    }
    if (internalHost != null) {
      internalUser(internalHost);
    }
    for (int i = 0; i < 5; i++) {
      soloFreeMailUser();
    }
    events.sort(Comparator.comparing(Line::time));
    outcomes.sort(Comparator.comparing(Line::time));
  }

  /** One company's workspace over the period, then its account's traits. */
  private void workspace(Company c) {
    // The plan's limit is the final team plus some headroom (none for a quarter of them).
    int limit = Math.max(3, c.potential + (random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(6)));
    int warnAt = (int) Math.ceil(0.9 * limit);
    List<User> team = new ArrayList<>();
    User owner = user(c, c.department, c.startDay, false);
    team.add(owner);
    event(owner, "signed_up", at(c.startDay), null, null);
    for (int day = c.startDay; day <= DAYS; day++) {
      boolean fading = day >= c.fadeDay;
      // Growth: a member invites people, who sign up within a day.
      if (team.size() < c.potential
          && !fading
          && day > c.startDay
          && random.nextDouble() < 0.04 + 0.2 * c.engagement) {
        int wave =
            random.nextDouble() < 0.2 * c.engagement
                ? 3 + random.nextInt(6)
                : 1 + random.nextInt(2);
        wave = Math.min(wave, c.potential - team.size());
        User inviter = team.get(random.nextInt(team.size()));
        Instant sent = at(day);
        for (int i = 0; i < wave; i++) {
          Instant invited = sent.plus(random.nextInt(30), ChronoUnit.MINUTES);
          event(inviter, "invite_sent", invited, null, null);
          Instant joined = invited.plus(10 + random.nextInt(24 * 60), ChronoUnit.MINUTES);
          int department =
              random.nextInt(10) < 7 ? c.department : random.nextInt(DEPARTMENTS.length);
          boolean free = random.nextInt(25) == 0;
          if (joined.isAfter(AS_OF)) {
            continue;
          }
          User u = user(c, department, dayOf(joined), free);
          team.add(u);
          event(u, "signed_up", joined, null, null);
          if (team.size() == warnAt) {
            event(owner, "seat_limit_warning", joined.plusSeconds(5), null, null);
          }
        }
      }
      for (User u : team) {
        if (day >= u.joinDay() && random.nextDouble() < u.activity() * (fading ? 0.15 : 1.0)) {
          activeDay(c, owner, u, day, team.size() >= warnAt);
        }
      }
    }
    account(c, team.size(), limit);
    outcome(c, team.size());
  }

  /** Draws whether the account expands, by the outcome model in the comment at the top. */
  private void outcome(Company c, int team) {
    boolean outreach = !Router.heldOut(HOLDOUT, c.domain);
    double logit =
        -3.0
            + 3.0 * c.engagement
            + (team >= 5 ? 0.8 : 0)
            + (c.fadeDay <= DAYS ? -1.5 : 0)
            + (outreach ? OUTREACH_UPLIFT : 0);
    double p = 1 / (1 + Math.exp(-logit));
    boolean expands = outcomeRandom.nextDouble() < p;
    Instant at =
        AS_OF
            .truncatedTo(ChronoUnit.DAYS)
            .plus(1 + outcomeRandom.nextInt(30), ChronoUnit.DAYS)
            .plusSeconds(outcomeRandom.nextInt(24 * 3600));
    if (!expands) {
      return;
    }
    outcomes.add(
        new Line(
            at,
            JsonText.object(
                json -> {
                  json.writeStringField("entity", c.domain);
                  json.writeStringField("outcome", "expanded");
                  json.writeStringField("time", at.toString());
                })));
  }

  private void activeDay(Company c, User owner, User u, int day, boolean nearLimit) {
    Instant t = at(day);
    event(u, "task_updated", t, null, null);
    // At most one more thing a day, each with its own chance: integration, admin setup (the
    // first user only), pricing (likelier near the seat limit), enterprise features (likelier at
    // big companies), the upgrade flow, support.
    double r = random.nextDouble();
    double integration = 0.01 + 0.015 * c.engagement;
    double admin = integration + (u == owner ? 0.05 : 0);
    double pricing = admin + (nearLimit ? 0.06 : 0.03);
    double enterprise = pricing + (c.employees > 200 ? 0.006 : 0.001);
    double upgrade = enterprise + 0.012;
    double support = upgrade + 0.01;
    if (r < integration) {
      event(u, "integration_activated", t.plusSeconds(600), "app", pick(APPS));
    } else if (r < admin) {
      event(u, "admin_setup", t.plusSeconds(300), "step", pick(ADMIN_STEPS));
    } else if (r < pricing) {
      for (int i = random.nextInt(4) == 0 ? 2 : 0; i >= 0; i--) {
        event(u, "page_viewed", t.plusSeconds(60 + 90L * i), "path", "/pricing");
      }
    } else if (r < enterprise) {
      event(u, "enterprise_feature_requested", t.plusSeconds(900), "feature", pick(FEATURES));
    } else if (r < upgrade) {
      event(u, "upgrade_option_selected", t.plusSeconds(1200), "option", pick(OPTIONS));
    } else if (r < support) {
      event(u, "support_ticket", t.plusSeconds(1500), "topic", pick(TOPICS));
    }
  }

  private User user(Company c, int department, int joinDay, boolean freeMail) {
    nextUser++;
    String id = String.format(Locale.ROOT, "u%04d", nextUser);
    String domain = freeMail ? pick(FREEMAIL) : c.domain;
    String email = pick(FIRST) + "." + pick(LAST) + "@" + domain;
    boolean executive = random.nextInt(30) == 0;
    String title = executive ? pick(EXECUTIVES) : pick(TITLES[department]);
    double activity = Math.min(0.95, 0.15 + 0.8 * c.engagement * random.nextDouble(0.4, 1.2));
    traits(id, email, DEPARTMENTS[department], title);
    return new User(id, freeMail ? c.domain : null, joinDay, activity);
  }

  private void traits(String id, String email, String department, String title) {
    userTraits.add(
        JsonText.object(
            json -> {
              json.writeStringField("user", id);
              json.writeStringField("email", email);
              json.writeStringField("department", department);
              json.writeStringField("title", title);
            }));
  }

  private void account(Company c, int seats, int limit) {
    boolean big = c.employees > 500;
    boolean icp = c.employees >= 50 && random.nextInt(10) < 6;
    boolean contract = big && random.nextInt(12) == 0;
    boolean opportunity = random.nextInt(20) == 0;
    boolean competitor = random.nextInt(60) == 0;
    accountTraits.add(
        JsonText.object(
            json -> {
              json.writeStringField("account", c.domain);
              json.writeNumberField("employees", c.employees);
              json.writeBooleanField("icp", icp);
              json.writeStringField("plan", limit <= 3 ? "free" : "team");
              json.writeNumberField("seats", seats);
              json.writeNumberField("seat_limit", limit);
              json.writeBooleanField("enterprise_contract", contract);
              json.writeBooleanField("open_opportunity", opportunity);
              json.writeBooleanField("competitor", competitor);
            }));
  }

  /** A Crewdesk support engineer helping inside a customer's workspace. */
  private void internalUser(Company host) {
    nextUser++;
    String id = String.format(Locale.ROOT, "u%04d", nextUser);
    traits(id, "dana.support@crewdesk.io", "support", "Support Engineer");
    User u = new User(id, host.domain, DAYS - 20, 0.5);
    for (int day = u.joinDay(); day <= DAYS; day++) {
      if (random.nextDouble() < u.activity()) {
        event(u, "task_updated", at(day), null, null);
      }
    }
    event(u, "admin_setup", at(DAYS - 3), "step", "roles");
  }

  /** Someone trying the product alone with a personal address: no account. */
  private void soloFreeMailUser() {
    nextUser++;
    String id = String.format(Locale.ROOT, "u%04d", nextUser);
    String email = pick(FIRST) + "." + pick(LAST) + "@" + pick(FREEMAIL);
    traits(id, email, pick(DEPARTMENTS), "Freelancer");
    User u = new User(id, null, random.nextInt(DAYS), 0.4);
    event(u, "signed_up", at(u.joinDay()), null, null);
    for (int day = u.joinDay() + 1; day <= DAYS; day++) {
      if (random.nextDouble() < u.activity()) {
        event(u, "task_updated", at(day), null, null);
      }
    }
  }

  /** A random time on working hours of the given day of the period. */
  private Instant at(int day) {
    return FIRST_DAY
        .plusDays(day)
        .atStartOfDay(ZoneOffset.UTC)
        .toInstant()
        .plus(7 * 60 + random.nextInt(11 * 60), ChronoUnit.MINUTES)
        .plusSeconds(random.nextInt(60));
  }

  private static int dayOf(Instant t) {
    return (int) ChronoUnit.DAYS.between(FIRST_DAY, t.atZone(ZoneOffset.UTC).toLocalDate());
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }

  private void event(User u, String name, Instant at, String prop, String value) {
    if (at.isAfter(AS_OF)) {
      return;
    }
    events.add(
        new Line(
            at,
            JsonText.object(
                json -> {
                  json.writeStringField("user", u.id());
                  if (u.account() != null) {
                    json.writeStringField("account", u.account());
                  }
                  json.writeStringField("event", name);
                  json.writeStringField("time", at.toString());
                  if (prop != null) {
                    json.writeObjectFieldStart("props");
                    json.writeStringField(prop, value);
                    json.writeEndObject();
                  }
                })));
  }
}
