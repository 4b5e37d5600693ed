package dev.pls.core.handoff;

import static java.util.Objects.requireNonNull;

import dev.pls.core.card.Contribution;
import dev.pls.core.model.Handoff;
import dev.pls.core.model.Model;
import dev.pls.core.model.Rule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/*
 * Every figure here is a count or an order statistic over the routed alerts (sent and triaged; a
 * held-out alert goes to no seller, so it has no SLA) and the disposition records against them,
 * so each one can be checked by hand from the two files:
 *
 * - an alert's first touch is its earliest record, its disposition its latest (a later record
 *   supersedes an earlier one: not_now, then meeting_booked; at equal times the later in the
 *   list);
 * - on time: the first touch is at or before the due time (exactly at it is on time); breached:
 *   the first touch is after it, or there is none and the due time is at or before
 *   observedUntil (the records are complete up to and including that instant); open: neither,
 *   an alert not yet due with no record;
 * - time to first touch, per queue, over the touched alerts: the median and the 90th percentile
 *   by nearest rank, the value at rank ceil(p * n) of the n times in ascending order (so the
 *   median of an even count is the lower middle value, and every figure is a time that happened);
 * - the mix, per queue: the routed alerts by their disposition, in the taxonomy's order;
 * - per rule, over the routed alerts whose card fired it: how many have a disposition and how
 *   many of those a negative one ("which signals sales says are noise"). The unit is the alert,
 *   not the entity: an entity alerted twice can be judged differently each time.
 */
/**
 * How sellers worked a replay's alerts: per queue the time to first touch, the SLA breaches and the
 * disposition mix, and per rule the share of alerts sellers judged negative. Computed from the
 * alerts a {@link Router} made and the {@link DispositionRecord}s against them; {@code
 * docs/handoff.md} defines every figure.
 *
 * @param observedUntil the records are complete up to and including this instant
 * @param queues per queue of the hand-off, in hand-off order
 * @param breaches the breached alerts, in the order the alerts were given
 * @param rules per rule of the model, in model order
 */
public record SlaReport(
    Instant observedUntil,
    List<QueueFigures> queues,
    List<Breach> breaches,
    List<RuleNoise> rules) {

  public SlaReport {
    requireNonNull(observedUntil, "observedUntil");
    queues = List.copyOf(requireNonNull(queues, "queues"));
    breaches = List.copyOf(requireNonNull(breaches, "breaches"));
    rules = List.copyOf(requireNonNull(rules, "rules"));
  }

  /**
   * One queue's figures.
   *
   * @param queue the queue's name
   * @param routed its alerts sent or triaged
   * @param touched those with at least one record
   * @param medianFirstTouch the median time from alert to first record (nearest rank), if any alert
   *     was touched
   * @param p90FirstTouch the 90th percentile of the same times (nearest rank)
   * @param onTime alerts first touched at or before their due time
   * @param breached alerts first touched after their due time, or untouched and due at or before
   *     {@code observedUntil}
   * @param open untouched alerts due after {@code observedUntil}
   * @param mix the routed alerts by their disposition (the latest record), every disposition of the
   *     taxonomy in its order, zeros included
   */
  public record QueueFigures(
      String queue,
      int routed,
      int touched,
      Optional<Duration> medianFirstTouch,
      Optional<Duration> p90FirstTouch,
      int onTime,
      int breached,
      int open,
      Map<String, Integer> mix) {
    public QueueFigures {
      requireNonNull(queue, "queue");
      requireNonNull(medianFirstTouch, "medianFirstTouch");
      requireNonNull(p90FirstTouch, "p90FirstTouch");
      mix = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(mix, "mix")));
    }
  }

  /**
   * An alert that missed its SLA.
   *
   * @param alert the alert
   * @param firstTouch its first record, after its due time, if any
   */
  public record Breach(Alert alert, Optional<Instant> firstTouch) {
    public Breach {
      requireNonNull(alert, "alert");
      requireNonNull(firstTouch, "firstTouch");
    }
  }

  /**
   * What sellers said about the alerts a rule fired on.
   *
   * @param rule the rule's id
   * @param alerted routed alerts whose card fired the rule
   * @param disposed those with a disposition
   * @param negative those whose disposition is negative
   */
  public record RuleNoise(String rule, int alerted, int disposed, int negative) {
    public RuleNoise {
      requireNonNull(rule, "rule");
    }

    /** {@code negative / disposed}, or empty when no alert of the rule has a disposition. */
    public OptionalDouble negativeShare() {
      return disposed == 0
          ? OptionalDouble.empty()
          : OptionalDouble.of((double) negative / disposed);
    }
  }

  /**
   * The report of {@code alerts} and the {@code records} against them.
   *
   * @param model the model whose router made the alerts, with a hand-off
   * @param alerts the alerts of a replay, in the order made; held-out alerts are left out of every
   *     figure
   * @param records disposition records, in the order recorded (at equal times, a later one is the
   *     alert's disposition)
   * @param observedUntil the instant up to which the records are complete
   * @throws IllegalArgumentException if the model has no hand-off, two alerts have one id, or a
   *     record names an alert not given or held out, a disposition the hand-off does not declare,
   *     or a time before its alert's
   * @throws NullPointerException if an argument or element is null
   */
  public static SlaReport of(
      Model model, List<Alert> alerts, List<DispositionRecord> records, Instant observedUntil) {
    requireNonNull(model, "model");
    requireNonNull(alerts, "alerts");
    requireNonNull(records, "records");
    requireNonNull(observedUntil, "observedUntil");
    Handoff handoff =
        model
            .handoff()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "model: '" + model.id() + "' has no hand-off, so no dispositions"));
    Map<String, Alert> byId = new LinkedHashMap<>();
    for (Alert a : alerts) {
      requireNonNull(a, "alerts: an element");
      if (byId.putIfAbsent(a.id(), a) != null) {
        throw new IllegalArgumentException("alerts: two alerts have the id '" + a.id() + "'");
      }
    }
    Map<String, Instant> first = new HashMap<>();
    Map<String, DispositionRecord> last = new HashMap<>();
    for (int i = 0; i < records.size(); i++) {
      DispositionRecord r = requireNonNull(records.get(i), "records: an element");
      Alert a = byId.get(r.alert());
      String where = "records[" + i + "]: ";
      if (a == null) {
        throw new IllegalArgumentException(where + "no alert has the id '" + r.alert() + "'");
      }
      if (a.status() == Alert.Status.HELD_OUT) {
        throw new IllegalArgumentException(
            where + "alert '" + r.alert() + "' is held out: it went to no seller");
      }
      if (handoff.disposition(r.disposition()).isEmpty()) {
        throw new IllegalArgumentException(
            where + "the hand-off declares no disposition '" + r.disposition() + "'");
      }
      if (r.at().isBefore(a.at())) {
        throw new IllegalArgumentException(
            where + "recorded at " + r.at() + ", before its alert was made at " + a.at());
      }
      first.merge(r.alert(), r.at(), (x, y) -> y.isBefore(x) ? y : x);
      last.merge(r.alert(), r, (x, y) -> y.at().isBefore(x.at()) ? x : y);
    }

    List<QueueFigures> queues = new ArrayList<>();
    List<Breach> breaches = new ArrayList<>();
    Map<String, List<Alert>> byQueue = new LinkedHashMap<>();
    for (Handoff.Queue q : handoff.queues()) {
      byQueue.put(q.name(), new ArrayList<>());
    }
    for (Alert a : byId.values()) {
      if (a.status() != Alert.Status.HELD_OUT) {
        byQueue.get(a.queue()).add(a);
      }
    }
    for (Alert a : byId.values()) {
      if (a.status() == Alert.Status.HELD_OUT) {
        continue;
      }
      Instant touch = first.get(a.id());
      if (touch != null ? touch.isAfter(a.due()) : !a.due().isAfter(observedUntil)) {
        breaches.add(new Breach(a, Optional.ofNullable(touch)));
      }
    }
    for (Map.Entry<String, List<Alert>> e : byQueue.entrySet()) {
      List<Duration> times = new ArrayList<>();
      int onTime = 0;
      int breached = 0;
      int open = 0;
      Map<String, Integer> mix = new LinkedHashMap<>();
      for (Handoff.Disposition d : handoff.dispositions()) {
        mix.put(d.name(), 0);
      }
      for (Alert a : e.getValue()) {
        Instant touch = first.get(a.id());
        if (touch != null) {
          times.add(Duration.between(a.at(), touch));
          mix.merge(last.get(a.id()).disposition(), 1, Integer::sum);
          if (touch.isAfter(a.due())) {
            breached++;
          } else {
            onTime++;
          }
        } else if (!a.due().isAfter(observedUntil)) {
          breached++;
        } else {
          open++;
        }
      }
      times.sort(null);
      queues.add(
          new QueueFigures(
              e.getKey(),
              e.getValue().size(),
              times.size(),
              nearestRank(times, 50),
              nearestRank(times, 90),
              onTime,
              breached,
              open,
              mix));
    }

    List<RuleNoise> rules = new ArrayList<>();
    for (Rule rule : model.rules()) {
      int alerted = 0;
      int disposed = 0;
      int negative = 0;
      for (Alert a : byId.values()) {
        if (a.status() == Alert.Status.HELD_OUT || !fired(a, rule.id())) {
          continue;
        }
        alerted++;
        DispositionRecord d = last.get(a.id());
        if (d != null) {
          disposed++;
          if (handoff.disposition(d.disposition()).orElseThrow().polarity()
              == Handoff.Polarity.NEGATIVE) {
            negative++;
          }
        }
      }
      rules.add(new RuleNoise(rule.id(), alerted, disposed, negative));
    }
    return new SlaReport(observedUntil, queues, breaches, rules);
  }

  private static boolean fired(Alert a, String rule) {
    for (Contribution c : a.breakdown()) {
      if (c.ruleId().equals(rule)) {
        return true;
      }
    }
    return false;
  }

  /** The value at rank ceil(percent / 100 * n) of {@code sorted}, if it is not empty. */
  static Optional<Duration> nearestRank(List<Duration> sorted, int percent) {
    if (sorted.isEmpty()) {
      return Optional.empty();
    }
    long rank = (percent * (long) sorted.size() + 99) / 100; // ceil, exactly
    return Optional.of(sorted.get((int) Math.max(rank, 1) - 1));
  }
}
