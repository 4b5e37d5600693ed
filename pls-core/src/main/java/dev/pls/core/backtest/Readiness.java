package dev.pls.core.backtest;

import static java.util.Objects.requireNonNull;

import dev.pls.core.card.ScoreCard;
import dev.pls.core.input.AccountRule;
import dev.pls.core.input.Entity;
import dev.pls.core.input.Event;
import dev.pls.core.model.Activation;
import dev.pls.core.model.EntityKind;
import dev.pls.core.model.Model;
import dev.pls.core.model.Rule;
import dev.pls.core.scoring.Scorer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/*
 * The seed's readiness gate ("do you have activation/usage depth + identity/account mapping to
 * create reliable signals?") measured on the data a model would score. The numbers the seeds give
 * are used as they are: 1,000+ active free/trial accounts, an activation rate above 20%. The seeds
 * give none for identity coverage and event volume, so we chose, and docs/evaluation.md says why:
 * half the users mapped to an account (an account model that sees fewer than half of its users'
 * events scores the wrong half as often as the right one), and no day without an event in the
 * window (a day with none is a broken pipeline, not a quiet product).
 *
 * "Scoring without instrumentation" (seed 000: "building an elaborate PQL scoring model on data
 * you do not actually collect") is measured directly: the events and properties the model reads
 * (ModelInputs) that never occur, and the rules that never fire at any daily step of the window.
 * Missing events and properties fail the gate; a silent rule is listed but does not, as a rule
 * may be rare and right.
 */
/**
 * The readiness gate: the prerequisites of product-led sales measured on the data a model would
 * score, and the model's inputs the data never gives. {@code docs/evaluation.md} defines each item.
 *
 * <p>Stateless; {@link #assess} may be called from any thread.
 */
public final class Readiness {
  /** The days up to the as-of instant over which activity, volume and rules are measured. */
  public static final int WINDOW_DAYS = 30;

  /** Active accounts needed (seed 002: "1,000+ active free/trial accounts"). */
  public static final long MIN_ACTIVE = 1_000;

  /** The activation rate to exceed (seed 002: "activation rate above 20%"). */
  public static final double MIN_ACTIVATION = 0.20;

  /** The share of users that must map to an account, for an account model. */
  public static final double MIN_IDENTITY = 0.50;

  private Readiness() {}

  /**
   * Assesses the data.
   *
   * @param model the model the data is for
   * @param users every user seen, with its traits and its events
   * @param entities the model's entities (the users, or the accounts with their members), as the
   *     model would score them
   * @param asOf the instant the data is assessed as of; later events are not counted
   * @param activation what activation is: a rule id of the model (an entity is activated when the
   *     rule fired at one daily step of the window), else an event name (when it or a member had
   *     that event by {@code asOf}); empty for the model's own {@link Model#activation()}, and
   *     unknown when the model declares none
   * @param accounts the rule that maps users to accounts
   * @throws NullPointerException if an argument is null
   */
  public static ReadinessReport assess(
      Model model,
      List<Entity> users,
      List<Entity> entities,
      Instant asOf,
      Optional<String> activation,
      AccountRule accounts) {
    requireNonNull(model, "model");
    requireNonNull(activation, "activation");
    Optional<Activation> named =
        activation.isEmpty()
            ? model.activation()
            : Optional.of(
                model.rule(activation.get()).isPresent()
                    ? Activation.rule(activation.get())
                    : Activation.event(activation.get()));
    return measure(model, users, entities, asOf, named, accounts);
  }

  private static ReadinessReport measure(
      Model model,
      List<Entity> users,
      List<Entity> entities,
      Instant asOf,
      Optional<Activation> activation,
      AccountRule accounts) {
    requireNonNull(users, "users");
    requireNonNull(entities, "entities");
    requireNonNull(asOf, "asOf");
    requireNonNull(accounts, "accounts");
    LocalDate lastDay = day(asOf);
    LocalDate windowDay = lastDay.minusDays(WINDOW_DAYS - 1);
    List<Instant> steps = new ArrayList<>();
    for (int d = WINDOW_DAYS - 1; d >= 0; d--) {
      steps.add(asOf.minus(Duration.ofDays(d)));
    }

    // Events seen: names, properties, and per UTC day of the window.
    Set<String> names = new HashSet<>();
    Set<String> properties = new HashSet<>();
    TreeMap<LocalDate, Long> perDay = new TreeMap<>();
    Instant first = null;
    long mapped = 0;
    long seenUsers = 0;
    for (Entity u : users) {
      boolean seen = false;
      for (Event e : u.events()) {
        if (e.time().isAfter(asOf)) {
          continue;
        }
        seen = true;
        names.add(e.name());
        properties.addAll(e.properties().keySet());
        first = first == null || e.time().isBefore(first) ? e.time() : first;
        if (!day(e.time()).isBefore(windowDay)) {
          perDay.merge(day(e.time()), 1L, Long::sum);
        }
      }
      if (seen) {
        seenUsers++;
        if (accounts.account(u).isPresent()) {
          mapped++;
        }
      }
    }

    // The model's entities: active ones, activated ones, and the rules that fire.
    Scorer scorer = Scorer.fast(model);
    Optional<Rule> activationRule =
        activation
            .filter(a -> a.kind() == Activation.Kind.RULE)
            .map(a -> a.name())
            .flatMap(model::rule);
    Set<String> fired = new HashSet<>();
    long active = 0;
    long activated = 0;
    for (Entity e : entities) {
      List<Event> all = new ArrayList<>(e.events());
      e.members().forEach(m -> all.addAll(m.events()));
      boolean isActive =
          all.stream().anyMatch(x -> !x.time().isAfter(asOf) && !day(x.time()).isBefore(windowDay));
      boolean isActivated = false;
      for (Instant step : steps) {
        ScoreCard card = scorer.score(e, step);
        for (Rule r : model.rules()) {
          if (card.fired(r.id())) {
            fired.add(r.id());
            if (activationRule.isPresent() && activationRule.get().id().equals(r.id())) {
              isActivated = true;
            }
          }
        }
      }
      if (activationRule.isEmpty() && activation.isPresent()) {
        String event = activation.get().name();
        isActivated = all.stream().anyMatch(x -> x.name().equals(event) && !x.time().isAfter(asOf));
      }
      if (isActive) {
        active++;
        activated += isActivated ? 1 : 0;
      }
    }

    List<ReadinessReport.Item> items = new ArrayList<>();
    String kind = model.entity().displayName();
    items.add(
        new ReadinessReport.Item(
            "active_accounts",
            active,
            active >= MIN_ACTIVE,
            active
                + " active "
                + kind
                + (active == 1 ? "" : "s")
                + " (an event in the "
                + WINDOW_DAYS
                + " UTC days up to the as-of instant); "
                + MIN_ACTIVE
                + " or more needed"));
    if (activation.isEmpty()) {
      items.add(
          new ReadinessReport.Item(
              "activation_rate",
              Double.NaN,
              false,
              "unknown: the model declares no activation and none was named"));
    } else {
      double rate = active == 0 ? 0 : (double) activated / active;
      String what =
          activationRule.isPresent()
              ? activation.get() + " fired in the window"
              : activation.get() + " by the as-of instant";
      items.add(
          new ReadinessReport.Item(
              "activation_rate",
              rate,
              rate > MIN_ACTIVATION,
              activated
                  + " of "
                  + active
                  + " active "
                  + kind
                  + "s activated ("
                  + what
                  + "): "
                  + percent(rate)
                  + "; above "
                  + percent(MIN_ACTIVATION)
                  + " needed"));
    }
    double identity = seenUsers == 0 ? 0 : (double) mapped / seenUsers;
    boolean accountModel = model.entity() == EntityKind.ACCOUNT;
    items.add(
        new ReadinessReport.Item(
            "identity_coverage",
            identity,
            !accountModel || identity >= MIN_IDENTITY,
            mapped
                + " of "
                + seenUsers
                + " users map to an account ("
                + percent(identity)
                + ")"
                + (accountModel
                    ? "; " + percent(MIN_IDENTITY) + " or more needed for an account model"
                    : "; not required of a user model")));
    LocalDate firstDay = windowDay;
    if (first != null && day(first).isAfter(firstDay)) {
      firstDay = day(first);
    }
    long days = first == null ? 0 : lastDay.toEpochDay() - firstDay.toEpochDay() + 1;
    long total = perDay.values().stream().mapToLong(Long::longValue).sum();
    long empty = 0;
    for (LocalDate d = firstDay; first != null && !d.isAfter(lastDay); d = d.plusDays(1)) {
      empty += perDay.containsKey(d) ? 0 : 1;
    }
    double perDayMean = days == 0 ? 0 : (double) total / days;
    items.add(
        new ReadinessReport.Item(
            "event_volume",
            perDayMean,
            days > 0 && empty == 0,
            String.format(
                java.util.Locale.ROOT,
                "%.1f events a day over %d UTC days; %d %s without any event%s",
                perDayMean,
                days,
                empty,
                empty == 1 ? "day" : "days",
                days == 0 ? " (no event at all)" : empty == 0 ? "" : ": a gap in the pipeline")));

    List<String> missingEvents =
        model.inputs().events().stream().filter(n -> !names.contains(n)).toList();
    List<String> missingProperties =
        model.inputs().properties().stream().filter(p -> !properties.contains(p)).toList();
    List<String> silentRules =
        model.rules().stream().map(Rule::id).filter(id -> !fired.contains(id)).toList();
    return new ReadinessReport(
        model.id(), asOf, items, missingEvents, missingProperties, silentRules);
  }

  private static LocalDate day(Instant t) {
    return t.atZone(ZoneOffset.UTC).toLocalDate();
  }

  private static String percent(double p) {
    return String.format(java.util.Locale.ROOT, "%.1f%%", p * 100);
  }
}
