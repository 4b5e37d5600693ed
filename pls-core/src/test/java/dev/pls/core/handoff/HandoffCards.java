package dev.pls.core.handoff;

import static dev.pls.core.model.Expr.score;
import static dev.pls.core.model.Expr.trait;

import dev.pls.core.card.CategoryScore;
import dev.pls.core.card.Contribution;
import dev.pls.core.card.HandoffFacts;
import dev.pls.core.card.ScoreCard;
import dev.pls.core.card.SignalValue;
import dev.pls.core.model.Aggregate;
import dev.pls.core.model.EntityKind;
import dev.pls.core.model.EventFilter;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Handoff;
import dev.pls.core.model.Model;
import dev.pls.core.model.Points;
import dev.pls.core.model.Rule;
import dev.pls.core.model.Tier;
import dev.pls.core.model.TraitType;
import dev.pls.core.model.Value;
import dev.pls.core.model.Window;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/*
 * Hand-made cards with hand-off facts, for router tests, against a small PQL model with the seed
 * tiers (hot >= 80, warm >= 50, emerging >= 30) and a hand-off after seed 002's "Sales Handoff
 * Design": enterprise hot users go to a named AE, other hot and warm users to inside sales, a
 * request for enterprise features is a high-signal trigger, three pricing views a medium one; hot
 * holds while the score is at least 70. A card's tier and holds follow its score the way the
 * evaluators compute them, so a timeline reads as a list of scores.
 */
/** Hand-made cards and a model for router tests. */
final class HandoffCards {
  static final String MODEL = "pql";
  static final ZoneId ZONE = ZoneId.of("Asia/Kolkata");
  static final Instant T0 = Instant.parse("2026-11-20T09:00:00Z");

  private HandoffCards() {}

  /** {@code T0} plus {@code days} days. */
  static Instant day(int days) {
    return T0.plus(Duration.ofDays(days));
  }

  /** The standard hand-off, with queues of unlimited capacity. */
  static Handoff.Builder handoff() {
    return handoff(
        Handoff.builder()
            .queue("ae", "Named AE", Duration.ofHours(4))
            .queue("inside", "Inside sales", Duration.ofHours(24)));
  }

  /** The standard hand-off, with queues that take {@code ae} and {@code inside} alerts a day. */
  static Handoff.Builder handoff(int ae, int inside) {
    return handoff(
        Handoff.builder()
            .queue("ae", "Named AE", Duration.ofHours(4), ae)
            .queue("inside", "Inside sales", Duration.ofHours(24), inside));
  }

  private static Handoff.Builder handoff(Handoff.Builder queues) {
    return queues
        .segment("enterprise", trait("employees").ge(500))
        .segment("mid_market", trait("employees").ge(50))
        .route("hot", List.of("enterprise"), "ae", Handoff.Level.MEDIUM)
        .route("hot", List.of(), "inside", Handoff.Level.MEDIUM)
        .route("warm", List.of(), "inside", Handoff.Level.LOW)
        .trigger(
            "sso",
            "Requested enterprise features",
            Handoff.Level.HIGH,
            Expr.occurred("enterprise_feature_requested", Window.days(1)),
            "ae")
        .trigger(
            "pricing",
            "Viewed pricing 3+ times",
            Handoff.Level.MEDIUM,
            Expr.agg(
                    Aggregate.count(
                        EventFilter.of("page_viewed").where(Expr.prop("path").eq("/pricing"))),
                    Window.days(30))
                .ge(3),
            "inside")
        .hold("hot", score().ge(70))
        .suppress(trait("customer").eq(true), "existing customer")
        .suppress(trait("email_domain").in("rival.io"), "competitor domain");
  }

  /** The model with the standard hand-off. */
  static Model model() {
    return model(h -> {});
  }

  /** The model with the standard hand-off, to which {@code more} adds. */
  static Model model(Consumer<Handoff.Builder> more) {
    Handoff.Builder h = handoff();
    more.accept(h);
    return model(h.build());
  }

  /** The user model with {@code handoff}. */
  static Model model(Handoff handoff) {
    return model(handoff, EntityKind.USER);
  }

  /** The model with {@code handoff}, scoring {@code kind}. */
  static Model model(Handoff handoff, EntityKind kind) {
    return Model.builder(MODEL)
        .entity(kind)
        .zone(ZONE)
        .trait("employees", TraitType.INT)
        .trait("customer", TraitType.BOOL)
        .trait("email_domain", TraitType.STRING)
        .trait("plan", TraitType.STRING)
        .category(
            "usage",
            c ->
                c.rule("activity", Expr.occurred("any_event", Window.days(7)), 1, "Active usage")
                    .rule(
                        new Rule(
                                "sso_asked",
                                "Asked about SSO/SCIM/audit logs",
                                Expr.occurred("enterprise_feature_requested", Window.days(30)),
                                Points.of(30))
                            .shareable("setting up SSO"))
                    .rule(
                        "invites",
                        Expr.agg(Aggregate.count("invite_sent"), Window.days(7)).ge(3),
                        20,
                        "Invited 3-5 teammates")
                    .rule(
                        new Rule(
                                "premium",
                                "Used a premium feature",
                                Expr.occurred("premium_feature_used", Window.days(30)),
                                Points.of(10))
                            .shareable("getting more from premium features"))
                    .rule(
                        new Rule(
                                "premium_3",
                                "Used 3+ premium features",
                                Expr.agg(Aggregate.count("premium_feature_used"), Window.days(30))
                                    .ge(3),
                                Points.of(15))
                            .shareable("getting more from premium features")))
        .tier("hot", score().ge(80))
        .tier("warm", score().ge(50))
        .tier("emerging", score().ge(30))
        .handoff(handoff)
        .build();
  }

  /** A card-to-be of entity {@code id} with score {@code score}. */
  static Card card(String id, long score) {
    return new Card(id, score);
  }

  /** What a card will hold; {@link #at} makes it. */
  static final class Card {
    final String id;
    final long score;
    private String segment = Handoff.NO_SEGMENT;
    private List<String> triggers = List.of();
    private Optional<String> suppressed = Optional.empty();
    private Optional<String> excluded = Optional.empty();
    private EntityKind kind = EntityKind.USER;
    private String model = MODEL;
    private List<Contribution> contributions;

    private Card(String id, long score) {
      this.id = id;
      this.score = score;
      this.contributions =
          score == 0
              ? List.of()
              : List.of(
                  new Contribution(
                      "activity",
                      "Active usage",
                      "usage",
                      Points.of(score),
                      Points.of(score),
                      List.of()));
    }

    Card segment(String segment) {
      this.segment = segment;
      return this;
    }

    Card triggers(String... triggers) {
      this.triggers = List.of(triggers);
      return this;
    }

    Card suppressed(String reason) {
      this.suppressed = Optional.of(reason);
      return this;
    }

    Card excluded(String reason) {
      this.excluded = Optional.of(reason);
      return this;
    }

    Card kind(EntityKind kind) {
      this.kind = kind;
      return this;
    }

    Card model(String model) {
      this.model = model;
      return this;
    }

    /** Replaces the contributions; each is {@code ruleId:points}, with the model's labels. */
    Card fired(String... rulesAndPoints) {
      List<Contribution> out = new ArrayList<>();
      long sum = 0;
      for (String s : rulesAndPoints) {
        String[] parts = s.split(":", -1);
        long points = Long.parseLong(parts[1]);
        sum += points;
        String label =
            Map.of(
                    "activity", "Active usage",
                    "sso_asked", "Asked about SSO/SCIM/audit logs",
                    "invites", "Invited 3-5 teammates",
                    "premium", "Used a premium feature",
                    "premium_3", "Used 3+ premium features")
                .get(parts[0]);
        out.add(
            new Contribution(
                parts[0], label, "usage", Points.of(points), Points.of(points), List.of()));
      }
      if (sum != score) {
        throw new IllegalArgumentException(
            Arrays.toString(rulesAndPoints) + " add up to " + sum + ", not " + score);
      }
      this.contributions = out;
      return this;
    }

    /** The tier the model's tier conditions give this score. */
    String tier() {
      if (excluded.isPresent()) {
        return Tier.NONE;
      }
      return score >= 80 ? "hot" : score >= 50 ? "warm" : score >= 30 ? "emerging" : Tier.NONE;
    }

    /** The card as of {@code at}, for the standard model (hot holds while the score is 70+). */
    ScoreCard at(Instant at) {
      return at(at, true);
    }

    /** The card as of {@code at}, for {@code model}. */
    ScoreCard at(Instant at, Model model) {
      return at(
          at, model.handoff().orElseThrow().holds().stream().anyMatch(h -> h.tier().equals("hot")));
    }

    private ScoreCard at(Instant at, boolean hotHolds) {
      Points total = Points.of(score);
      HandoffFacts facts =
          new HandoffFacts(
              segment,
              triggers,
              suppressed,
              hotHolds && score >= 70 ? List.of("hot") : List.of(),
              List.of(
                  new SignalValue("plan", Optional.empty(), Optional.of(Value.of("team"))),
                  new SignalValue(
                      "active_users",
                      Optional.of(Window.days(7)),
                      Optional.of(Value.of(score / 10)))));
      return new ScoreCard(
          id,
          kind,
          model,
          1,
          at,
          total,
          tier(),
          excluded,
          List.of(new CategoryScore("usage", total, Points.ZERO, total)),
          contributions,
          List.of(),
          Optional.of(facts));
    }
  }

  /**
   * A step as lines a reviewer reads: one per alert ({@code SENT u1 -> inside medium hot: entered
   * tier hot}), then the non-zero counts that alerts do not show. Checks on the way that the counts
   * agree with the alerts.
   */
  static List<String> lines(RouterStep step) {
    List<String> out = new ArrayList<>();
    for (Alert a : step.alerts()) {
      out.add(
          a.status()
              + " "
              + a.entity()
              + " -> "
              + a.queue()
              + " "
              + a.level().displayName()
              + " "
              + a.tier()
              + ": "
              + String.join("; ", a.reasons()));
    }
    step.triaged().forEach((q, n) -> out.add(n == 0 ? null : "triaged " + q + " " + n));
    step.suppressed().forEach((r, n) -> out.add(n == 0 ? null : "suppressed " + r + " " + n));
    if (step.cooledDown() > 0) {
      out.add("cooled down " + step.cooledDown());
    }
    out.removeIf(java.util.Objects::isNull);
    checkCounts(step);
    return out;
  }

  /** Throws if the step's counts disagree with its alerts. */
  static void checkCounts(RouterStep step) {
    for (String q : step.sent().keySet()) {
      long sent = count(step, q, Alert.Status.SENT);
      long triaged = count(step, q, Alert.Status.TRIAGE);
      if (sent != step.sent().get(q) || triaged != step.triaged().get(q)) {
        throw new AssertionError("counts of queue " + q + " disagree with the alerts: " + step);
      }
    }
    long heldOut = step.alerts().stream().filter(a -> a.status() == Alert.Status.HELD_OUT).count();
    if (heldOut != step.heldOut()) {
      throw new AssertionError("held-out count disagrees with the alerts: " + step);
    }
  }

  private static long count(RouterStep step, String queue, Alert.Status status) {
    return step.alerts().stream()
        .filter(a -> a.queue().equals(queue) && a.status() == status)
        .count();
  }

  /** Steps the router at {@code at} with these cards, and renders the step. */
  static List<String> run(Router router, Instant at, Card... cards) {
    List<ScoreCard> made = new ArrayList<>();
    for (Card c : cards) {
      made.add(c.at(at, router.model()));
    }
    return lines(router.step(at, made));
  }
}
