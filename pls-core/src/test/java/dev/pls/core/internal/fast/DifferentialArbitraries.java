package dev.pls.core.internal.fast;

import dev.pls.core.input.Entity;
import dev.pls.core.input.Event;
import dev.pls.core.model.Aggregate;
import dev.pls.core.model.Category;
import dev.pls.core.model.Decay;
import dev.pls.core.model.EventFilter;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Model;
import dev.pls.core.model.Points;
import dev.pls.core.model.Resolution;
import dev.pls.core.model.Rule;
import dev.pls.core.model.Signal;
import dev.pls.core.model.TraitType;
import dev.pls.core.model.Value;
import dev.pls.core.model.Window;
import dev.pls.core.testing.SeedTemplate;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/*
 * Generators for differential tests: random models, entities, event streams and as-of instants
 * over a small vocabulary, so that filters, windows and thresholds actually collide.
 *
 * A scenario is drawn by jqwik from (zone, resolution, as-of, seed); the model and the events
 * are then grown from the seed with java.util.Random. That gives up structural shrinking of
 * expressions, which would need a generator per Expr kind, in exchange for one small generator
 * that reaches every aggregate kind; a failing scenario is still reproducible from jqwik's seed
 * and prints the model's rules and the events.
 *
 * Coverage: every Aggregate kind; filters by name, any, and where-conditions on string, number
 * and arithmetic; windows in hours, days and weeks or none; comparisons with whole and decimal
 * literals (so the fast path's range rewrite meets non-integers), between, in, and/or/not,
 * is missing, arithmetic including division by zero; traits of each type, sometimes absent;
 * caps, floors, exclusions and tiers on score and signals; zones with DST (New York, Lord Howe's
 * 30-minute shift) around their transitions; events out of order, exactly on day and hour
 * boundaries, at T itself and after T.
 */
/** jqwik generators of models and entities for comparing evaluators. */
public final class DifferentialArbitraries {
  private DifferentialArbitraries() {}

  /** A model, one entity and an as-of instant. */
  public record Scenario(Model model, Entity entity, Instant asOf) {
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder("as of ").append(asOf).append(", ");
      sb.append(model.resolution()).append(' ').append(model.zone()).append('\n');
      model.rules().forEach(r -> sb.append("  rule ").append(r).append('\n'));
      model.exclusions().forEach(x -> sb.append("  exclude ").append(x).append('\n'));
      model.tiers().forEach(t -> sb.append("  tier ").append(t).append('\n'));
      sb.append("  traits ").append(entity.traits()).append('\n');
      entity.events().forEach(e -> sb.append("  ").append(e).append('\n'));
      return sb.toString();
    }
  }

  static final List<String> ZONES =
      List.of("UTC", "America/New_York", "Australia/Lord_Howe", "Europe/Berlin", "Asia/Kathmandu");

  /** Dates next to DST changes in at least one of {@link #ZONES}, and an ordinary one. */
  static final List<LocalDate> DATES =
      List.of(
          LocalDate.of(2026, 3, 8),
          LocalDate.of(2026, 3, 29),
          LocalDate.of(2026, 4, 5),
          LocalDate.of(2026, 10, 4),
          LocalDate.of(2026, 11, 1),
          LocalDate.of(2026, 11, 20));

  /** Scenarios over models of every shape the generator knows. */
  public static Arbitrary<Scenario> scenarios() {
    return drawn(
        (random, zone, resolution, asOf) ->
            new Scenario(model(random, zone, resolution), entity(random, zone, asOf), asOf));
  }

  /**
   * Scenarios like {@link #scenarios()} whose rules never decay: what a feature table, which holds
   * no event times and refuses decayed rules, can score.
   */
  public static Arbitrary<Scenario> undecayedScenarios() {
    return drawn(
        (random, zone, resolution, asOf) ->
            new Scenario(model(random, zone, resolution, false), entity(random, zone, asOf), asOf));
  }

  /**
   * Scenarios like {@link #undecayedScenarios()} whose exclusions and tiers read no category total:
   * the models a generated row loop takes (a total is known only after the rules, as the score is,
   * so such plans are scored column-at-a-time).
   */
  public static Arbitrary<Scenario> loopScenarios() {
    return undecayedScenarios().filter(s -> !readsTotals(s.model()));
  }

  private static boolean readsTotals(Model m) {
    boolean[] found = {false};
    m.exclusions()
        .forEach(x -> x.condition().walk(e -> found[0] |= e instanceof Expr.CategoryTotal));
    m.tiers().forEach(t -> t.condition().walk(e -> found[0] |= e instanceof Expr.CategoryTotal));
    return found[0];
  }

  /** Grows a scenario from a seeded random, a zone, a resolution and an as-of instant. */
  @FunctionalInterface
  private interface Grower {
    Scenario grow(Random random, ZoneId zone, Resolution resolution, Instant asOf);
  }

  /** Scenarios grown from a drawn zone, resolution, as-of instant next to DST changes and seed. */
  private static Arbitrary<Scenario> drawn(Grower grower) {
    return Combinators.combine(
            Arbitraries.of(ZONES),
            Arbitraries.of(Resolution.values()),
            Arbitraries.of(DATES),
            Arbitraries.integers().between(0, 47 * 60),
            Arbitraries.longs())
        .as(
            (zone, resolution, date, minutes, seed) -> {
              ZoneId z = ZoneId.of(zone);
              // Half-hour steps land exactly on hour and day boundaries often.
              Instant asOf = date.atStartOfDay(z).toInstant().plusSeconds((minutes / 30) * 1800L);
              return grower.grow(new Random(seed), z, resolution, asOf);
            });
  }

  /**
   * Scenarios of day resolution whose models an entity store keeps as day buckets: models are drawn
   * as in {@link #scenarios()} until one qualifies (most do not: sum, min, max and windowed
   * first_seen or minutes_between need the row store).
   */
  public static Arbitrary<Scenario> bucketScenarios() {
    return Combinators.combine(
            Arbitraries.of(ZONES),
            Arbitraries.of(DATES),
            Arbitraries.integers().between(0, 47 * 60),
            Arbitraries.longs())
        .as(
            (zone, date, minutes, seed) -> {
              ZoneId z = ZoneId.of(zone);
              Instant asOf = date.atStartOfDay(z).toInstant().plusSeconds((minutes / 30) * 1800L);
              Random random = new Random(seed);
              Model model = model(random, z, Resolution.DAY);
              for (int i = 0; !ColumnarStore.bucketed(model); i++) {
                if (i == 10_000) {
                  throw new AssertionError("no bucketed model in 10,000 draws");
                }
                model = model(random, z, Resolution.DAY);
              }
              return new Scenario(model, entity(random, z, asOf), asOf);
            });
  }

  /** The seed template with entities whose events use its vocabulary. */
  public static Arbitrary<Scenario> seedScenarios() {
    return Combinators.combine(
            Arbitraries.of(DATES), Arbitraries.integers().between(0, 47), Arbitraries.longs())
        .as(
            (date, hours, seed) -> {
              Instant asOf =
                  date.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(3600L * hours);
              return new Scenario(SEED, seedEntity(new Random(seed), asOf), asOf);
            });
  }

  private static final Model SEED = SeedTemplate.model();

  static final List<String> SEED_EVENTS =
      List.of(
          "signed_up",
          "activated",
          "invite_sent",
          "feature_used",
          "page_viewed",
          "usage_limit_hit",
          "api_called",
          "integration_enabled",
          "content_shared",
          "upgrade_started",
          "upgrade_completed",
          "enterprise_feature_requested",
          "support_contacted");

  /** A user of the seed template: firmographic traits and up to 60 days of events. */
  public static Entity seedEntity(Random r, Instant asOf) {
    Entity.Builder b = Entity.builder("u1");
    if (r.nextInt(5) != 0) {
      b.trait("employees", r.nextInt(2000));
    }
    if (r.nextInt(3) != 0) {
      b.trait("industry", List.of("software", "fintech", "healthcare", "retail").get(r.nextInt(4)));
    }
    if (r.nextBoolean()) {
      b.trait("icp", r.nextBoolean());
    }
    if (r.nextInt(4) != 0) {
      b.trait("domain_users", r.nextInt(14));
    }
    int n = r.nextInt(80);
    for (int i = 0; i < n; i++) {
      Instant t = asOf.minusSeconds((long) r.nextInt(60 * 86_400)).minusSeconds(r.nextInt(3) - 1);
      String name = SEED_EVENTS.get(r.nextInt(SEED_EVENTS.size()));
      Event e = Event.of("u1", name, t);
      if (name.equals("feature_used")) {
        e =
            e.withProperty("feature", "f" + r.nextInt(8))
                .withProperty("tier", r.nextBoolean() ? "premium" : "free");
      } else if (name.equals("page_viewed")) {
        e = e.withProperty("path", r.nextBoolean() ? "/pricing" : "/docs");
      } else if (name.equals("content_shared")) {
        e = e.withProperty("external", r.nextBoolean());
      } else if (name.equals("support_contacted")) {
        e = e.withProperty("topic", List.of("billing", "plans", "bug").get(r.nextInt(3)));
      }
      b.event(e);
    }
    return b.build();
  }

  private static final List<String> EVENTS = List.of("a", "b", "c");

  static Model model(Random r, ZoneId zone, Resolution resolution) {
    return model(r, zone, resolution, true);
  }

  static Model model(Random r, ZoneId zone, Resolution resolution, boolean decay) {
    return model(r, zone, resolution, decay, dev.pls.core.model.EntityKind.USER);
  }

  static Model model(
      Random r,
      ZoneId zone,
      Resolution resolution,
      boolean decay,
      dev.pls.core.model.EntityKind kind) {
    Model.Builder b =
        Model.builder("m")
            .entity(kind)
            .version(1 + r.nextInt(3))
            .zone(r.nextInt(5) == 0 ? ZoneOffset.UTC : zone)
            .resolution(resolution)
            .trait("employees", TraitType.INT)
            .trait("industry", TraitType.STRING)
            .trait("icp", TraitType.BOOL)
            .trait("ratio", TraitType.NUMBER);
    int categories = 1 + r.nextInt(3);
    int rule = 0;
    for (int c = 0; c < categories; c++) {
      Category.Builder cb = Category.builder("cat" + c);
      if (r.nextInt(3) == 0) {
        cb.cap(r.nextInt(40));
      }
      if (r.nextInt(3) == 0) {
        cb.floor(-r.nextInt(30));
      }
      int rules = 1 + r.nextInt(5);
      for (int i = 0; i < rules; i++) {
        long hundredths = (r.nextInt(61) - 20) * 100L + (r.nextInt(4) == 0 ? 50 : 0);
        Expr condition = condition(r, resolution, 2);
        Rule decayed = new Rule("r" + rule, "rule " + rule, condition, new Points(hundredths));
        if (decay && r.nextInt(4) == 0 && dev.pls.core.testing.Models.readsEvents(condition)) {
          // Lengths short enough that generated events span ages before and past them.
          int amount = 1 + r.nextInt(resolution == Resolution.DAY ? 40 : 72);
          Window.Unit unit = resolution == Resolution.DAY ? Window.Unit.DAYS : Window.Unit.HOURS;
          decayed =
              decayed.decay(
                  r.nextBoolean() ? Decay.linear(amount, unit) : Decay.halfLife(amount, unit));
        }
        cb.rule(decayed);
        rule++;
      }
      b.category(cb.build());
    }
    for (int i = r.nextInt(3); i > 0; i--) {
      Expr x = condition(r, resolution, 1);
      b.exclude(r.nextInt(4) == 0 ? total(r, categories) : x, "reason " + i);
    }
    int tiers = r.nextInt(4);
    for (int i = 0; i < tiers; i++) {
      Expr t = Expr.score().ge(decimal(r, 40 - 15 * i));
      int shape = r.nextInt(6);
      if (shape < 2) {
        t = shape == 0 ? t.and(condition(r, resolution, 1)) : Expr.score().between(0, 10);
      } else if (shape == 2) {
        // A grid cell's shape: two totals against cutoffs, as 'fit >= 40 and engagement >= 60'.
        t = total(r, categories).and(total(r, categories));
      }
      b.tier("t" + i, t);
    }
    return b.build();
  }

  /** A category total against a cutoff near where generated totals fall (about -30 to 60). */
  private static Expr total(Random r, int categories) {
    Expr total = Expr.total("cat" + r.nextInt(categories));
    BigDecimal cutoff = decimal(r, r.nextInt(61) - 20);
    return switch (r.nextInt(4)) {
      case 0 -> total.ge(cutoff);
      case 1 -> total.lt(cutoff);
      case 2 -> total.eq(cutoff.setScale(0, java.math.RoundingMode.DOWN));
      default -> total.minus(Expr.total("cat" + r.nextInt(categories))).gt(cutoff);
    };
  }

  private static Expr condition(Random r, Resolution resolution, int depth) {
    int pick = r.nextInt(depth > 0 ? 14 : 9);
    switch (pick) {
      case 0:
      case 1:
      case 2:
        return compare(r, agg(r, resolution, numericAggregate(r)), 4);
      case 3:
        return agg(r, resolution, numericAggregate(r)).between(r.nextInt(3), r.nextInt(6));
      case 4:
        return compare(r, Expr.trait(r.nextBoolean() ? "employees" : "ratio"), 600);
      case 5:
        return Expr.trait("industry").in("software", "fintech");
      case 6:
        return r.nextBoolean() ? Expr.trait("icp").eq(true) : Expr.trait("icp").isMissing();
      case 7:
        {
          Expr.Agg time = agg(r, resolution, r.nextBoolean() ? firstSeen(r) : lastSeen(r));
          return r.nextBoolean()
              ? time.isPresent()
              : time.gt(Value.of(Instant.parse("2026-03-01T00:00:00Z")));
        }
      case 8:
        {
          Expr arith = arithmetic(r, resolution);
          return compare(r, arith, 3);
        }
      case 9:
        return condition(r, resolution, depth - 1).and(condition(r, resolution, depth - 1));
      case 10:
        return condition(r, resolution, depth - 1).or(condition(r, resolution, depth - 1));
      case 11:
        return condition(r, resolution, depth - 1).not();
      case 12:
        return agg(r, resolution, numericAggregate(r)).isMissing();
      default:
        return Expr.trait("industry").eq("software").not();
    }
  }

  private static Expr arithmetic(Random r, Resolution resolution) {
    Expr left = agg(r, resolution, numericAggregate(r));
    switch (r.nextInt(5)) {
      case 0:
        return left.div(r.nextInt(4));
      case 1:
        return left.div(agg(r, resolution, numericAggregate(r)));
      case 2:
        return left.plus(Expr.trait("employees"));
      case 3:
        return left.times(decimal(r, 3)).minus(1);
      default:
        return left.div(30);
    }
  }

  private static Expr compare(Random r, Expr left, int scale) {
    Object right = decimal(r, scale);
    switch (r.nextInt(6)) {
      case 0:
        return left.eq(right);
      case 1:
        return left.ne(right);
      case 2:
        return left.lt(right);
      case 3:
        return left.le(right);
      case 4:
        return left.gt(right);
      default:
        return left.ge(right);
    }
  }

  /** Mostly small whole numbers; sometimes a decimal, sometimes negative. */
  private static BigDecimal decimal(Random r, int scale) {
    int whole = r.nextInt(Math.max(1, scale) + 1);
    switch (r.nextInt(6)) {
      case 0:
        return BigDecimal.valueOf(whole * 10 + 5, 1);
      case 1:
        return BigDecimal.valueOf(-whole);
      case 2:
        return new BigDecimal("0.3");
      default:
        return BigDecimal.valueOf(whole);
    }
  }

  private static Expr.Agg agg(Random r, Resolution resolution, Aggregate a) {
    Signal s =
        r.nextInt(4) == 0
            ? new Signal("sig" + Integer.toHexString(a.toString().hashCode()), a)
            : Signal.inline(a);
    if (!a.windowed() || r.nextInt(4) == 0) {
      return s.allTime();
    }
    return s.within(window(r, resolution));
  }

  private static Window window(Random r, Resolution resolution) {
    if (resolution == Resolution.HOUR && r.nextBoolean()) {
      return Window.hours(1 + r.nextInt(48));
    }
    return r.nextInt(4) == 0 ? Window.weeks(1 + r.nextInt(2)) : Window.days(1 + r.nextInt(10));
  }

  private static Aggregate numericAggregate(Random r) {
    EventFilter f = filter(r);
    switch (r.nextInt(11)) {
      case 0:
      case 1:
        return Aggregate.count(f);
      case 2:
        return Aggregate.distinct(f, r.nextBoolean() ? "q" : "p");
      case 3:
        return Aggregate.sum(f, "p");
      case 4:
        return Aggregate.min(f, "p");
      case 5:
        return Aggregate.max(f, "p");
      case 6:
        return Aggregate.activeDays(f);
      case 7:
        return Aggregate.daysSince(f);
      case 8:
        return Aggregate.minutesBetween(f, filter(r));
      case 9:
        return Aggregate.growthWeeks(f);
      default:
        return Aggregate.trend(f, 2 + r.nextInt(4));
    }
  }

  private static Aggregate firstSeen(Random r) {
    return Aggregate.firstSeen(filter(r));
  }

  private static Aggregate lastSeen(Random r) {
    return Aggregate.lastSeen(filter(r));
  }

  private static EventFilter filter(Random r) {
    EventFilter f =
        r.nextInt(4) == 0 ? EventFilter.any() : EventFilter.of(EVENTS.get(r.nextInt(3)));
    switch (r.nextInt(6)) {
      case 0:
        return f.where(Expr.prop("q").eq("x"));
      case 1:
        return f.where(Expr.prop("p").gt(1));
      case 2:
        return f.where(Expr.prop("p").times(2).le(5).or(Expr.prop("flag").eq(true)));
      default:
        return f;
    }
  }

  static Entity entity(Random r, ZoneId zone, Instant asOf) {
    Entity.Builder b = Entity.builder("u1");
    if (r.nextInt(4) != 0) {
      b.trait("employees", r.nextInt(4) == 0 ? 500 : r.nextInt(1200));
    }
    if (r.nextBoolean()) {
      b.trait("industry", List.of("software", "fintech", "retail").get(r.nextInt(3)));
    }
    if (r.nextBoolean()) {
      b.trait("icp", r.nextBoolean());
    }
    if (r.nextBoolean()) {
      b.trait("ratio", BigDecimal.valueOf(r.nextInt(2000) - 500, 1));
    }
    // A trait the model does not declare is ignored.
    if (r.nextInt(5) == 0) {
      b.trait("other", "x");
    }
    int n = r.nextInt(40);
    List<Event> events = new ArrayList<>();
    LocalDate today = asOf.atZone(zone).toLocalDate();
    for (int i = 0; i < n; i++) {
      Instant t;
      switch (r.nextInt(6)) {
        case 0:
          // Exactly the start of a local day: a window's first instant.
          t = today.minusDays(r.nextInt(30)).atStartOfDay(zone).toInstant();
          break;
        case 1:
          t = asOf.plusSeconds(r.nextInt(3) - 1);
          break;
        case 2:
          t = asOf.minusSeconds(3600L * r.nextInt(72));
          break;
        default:
          t = asOf.minusSeconds((long) r.nextInt(50 * 86_400)).minusNanos(r.nextInt(3) * 500_000L);
      }
      Event e = Event.of("u1", EVENTS.get(r.nextInt(3)), t);
      switch (r.nextInt(5)) {
        case 0:
          e = e.withProperty("p", r.nextInt(5)).withProperty("q", r.nextBoolean() ? "x" : "y");
          break;
        case 1:
          e = e.withProperty("p", BigDecimal.valueOf(r.nextInt(50), 1));
          break;
        case 2:
          e = e.withProperty("p", "text").withProperty("flag", r.nextBoolean());
          break;
        case 3:
          e = e.withProperty("q", "x");
          break;
        default:
          break;
      }
      events.add(e);
    }
    return b.events(events).build();
  }

  /**
   * Account models that roll up a generated member model, with member signals of every kind in
   * rules, exclusions, tiers and a hand-off, over accounts of up to six members (some excluded by
   * the member model, some events naming the account, some not) and the account's own events.
   */
  public static Arbitrary<Scenario> accountScenarios() {
    return drawn(
        (random, zone, resolution, asOf) -> {
          Model model = accountModel(random, model(random, zone, resolution));
          return new Scenario(model, account(random, zone, asOf), asOf);
        });
  }

  /**
   * Account models without members (what a store holds) over an account's events: events its users
   * did in it and events of the account alone, with properties, in about equal numbers.
   */
  public static Arbitrary<Scenario> accountStoreScenarios() {
    return drawn(
        (random, zone, resolution, asOf) ->
            new Scenario(
                model(random, zone, resolution, true, dev.pls.core.model.EntityKind.ACCOUNT),
                ownEventsAccount(random, zone, asOf, "acct1"),
                asOf));
  }

  /** The account {@code id}: a generated entity's traits, its events split between users and it. */
  static Entity ownEventsAccount(Random r, ZoneId zone, Instant asOf, String id) {
    Entity user = entity(r, zone, asOf);
    List<Event> events = new ArrayList<>();
    for (Event e : user.events()) {
      events.add(
          r.nextBoolean()
              ? Event.ofAccount(id, e.name(), e.time(), e.properties())
              : new Event(
                  "u" + r.nextInt(3),
                  java.util.Optional.of(id),
                  e.name(),
                  e.time(),
                  e.properties()));
    }
    return new Entity(id, user.traits(), events);
  }

  static Model accountModel(Random r, Model members) {
    Resolution resolution = members.resolution();
    dev.pls.core.model.Rollup rollup;
    switch (r.nextInt(4)) {
      case 0:
        rollup = dev.pls.core.model.Rollup.max();
        break;
      case 1:
        rollup = dev.pls.core.model.Rollup.average();
        break;
      case 2:
        rollup = dev.pls.core.model.Rollup.top(1 + r.nextInt(4));
        break;
      default:
        rollup = dev.pls.core.model.Rollup.sum();
    }
    if (r.nextBoolean()) {
      rollup = rollup.memberCap(new Points(100 + r.nextInt(4000)));
    }
    if (r.nextInt(3) == 0) { // below every cap drawn above, so never refused
      rollup = rollup.memberFloor(new Points(-2000 + r.nextInt(2100)));
    }
    Model.Builder b =
        Model.builder("acct")
            .memberModel(members)
            .rollup(rollup)
            .zone(r.nextInt(4) == 0 ? ZoneOffset.UTC : members.zone())
            .resolution(resolution)
            .trait("employees", TraitType.INT)
            .trait("industry", TraitType.STRING)
            .trait("icp", TraitType.BOOL)
            .trait("ratio", TraitType.NUMBER);
    int categories = 1 + r.nextInt(2);
    int rule = 0;
    for (int c = 0; c < categories; c++) {
      Category.Builder cb = Category.builder("acat" + c);
      if (r.nextInt(3) == 0) {
        cb.cap(r.nextInt(40));
      }
      for (int i = 1 + r.nextInt(4); i > 0; i--) {
        Expr condition =
            r.nextInt(3) == 0 ? condition(r, resolution, 1) : memberCondition(r, members);
        cb.rule("a" + rule, condition, new Points((r.nextInt(41) - 10) * 100L), "rule a" + rule);
        rule++;
      }
      b.category(cb.build());
    }
    if (r.nextInt(3) == 0) {
      b.exclude(memberCondition(r, members), "too few");
    }
    for (int i = 0; i < r.nextInt(4); i++) {
      Expr t = Expr.score().ge(decimal(r, 40 - 15 * i));
      b.tier("t" + i, r.nextBoolean() ? t.and(memberCondition(r, members)) : t);
    }
    if (r.nextBoolean()) {
      dev.pls.core.model.Handoff.Builder h =
          dev.pls.core.model.Handoff.builder()
              .queue("q", "Queue", java.time.Duration.ofHours(4))
              .segment("big", Expr.trait("employees").ge(500))
              .segment("active", memberCondition(r, members))
              .trigger(
                  "go",
                  "Go",
                  dev.pls.core.model.Handoff.Level.HIGH,
                  memberCondition(r, members),
                  "q")
              .suppress(condition(r, resolution, 1), "suppressed")
              .context("members", dev.pls.core.model.MemberAggregate.count().allTime())
              .context("score", Expr.score().plus(1))
              .context("value", memberValue(r, members));
      b.handoff(h.build());
    }
    return b.build();
  }

  private static Expr memberCondition(Random r, Model members) {
    Expr value = memberValue(r, members);
    switch (r.nextInt(4)) {
      case 0:
        return value.between(1, 1 + r.nextInt(4));
      case 1:
        return value.isMissing();
      case 2:
        return value.ge(decimal(r, 3));
      default:
        return value.ge(r.nextInt(4));
    }
  }

  private static Expr memberValue(Random r, Model members) {
    Resolution resolution = members.resolution();
    EventFilter f = filter(r);
    switch (r.nextInt(8)) {
      case 0:
        return dev.pls.core.model.MemberAggregate.count().allTime();
      case 1:
        return dev.pls.core.model.MemberAggregate.where(
                r.nextBoolean()
                    ? Expr.trait("employees").ge(r.nextInt(1000))
                    : Expr.trait("industry").in("software", "retail"))
            .allTime();
      case 2:
        return r.nextBoolean()
            ? dev.pls.core.model.MemberAggregate.active(f).allTime()
            : dev.pls.core.model.MemberAggregate.active(f).within(window(r, resolution));
      case 3:
        return dev.pls.core.model.MemberAggregate.newMembers(f).within(window(r, resolution));
      case 4:
        if (members.tiers().isEmpty()) {
          return dev.pls.core.model.MemberAggregate.count().allTime();
        }
        return dev.pls.core.model.MemberAggregate.atTier(
                members.tiers().get(r.nextInt(members.tiers().size())).name())
            .allTime();
      case 5:
        return r.nextBoolean()
            ? dev.pls.core.model.MemberAggregate.distinct("industry").allTime()
            : dev.pls.core.model.MemberAggregate.distinctAmongActive("industry", f)
                .within(window(r, resolution));
      case 6:
        return dev.pls.core.model.MemberAggregate.activeGrowth(f).allTime();
      default:
        return agg(r, resolution, numericAggregate(r));
    }
  }

  static Entity account(Random r, ZoneId zone, Instant asOf) {
    Entity.Builder b = Entity.builder("acct1");
    entity(r, zone, asOf).traits().forEach(b::trait);
    for (Event e : entity(r, zone, asOf).events()) {
      if (r.nextInt(3) == 0) {
        // A user's event in the account, or one of the account alone (no user).
        b.event(
            r.nextBoolean()
                ? Event.of("someone", e.name(), e.time()).withAccount("acct1")
                : Event.ofAccount("acct1", e.name(), e.time(), e.properties()));
      }
    }
    for (int m = r.nextInt(7); m > 0; m--) {
      Entity user = entity(r, zone, asOf);
      String id = "m" + m;
      List<Event> events = new ArrayList<>();
      for (Event e : user.events()) {
        Event renamed = Event.of(id, e.name(), e.time());
        for (var p : e.properties().entrySet()) {
          renamed = renamed.withProperty(p.getKey(), p.getValue());
        }
        events.add(r.nextBoolean() ? renamed.withAccount("acct1") : renamed);
      }
      b.member(new Entity(id, user.traits(), events));
    }
    return b.build();
  }
}
