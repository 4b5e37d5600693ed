package dev.pls.core.model;

import static java.util.Objects.requireNonNull;

import dev.pls.core.internal.base.Names;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The sales hand-off of a model: the queues sellers work from, the segments entities fall in, the
 * routes from tier and segment to a queue, the triggers that route at once, tier hysteresis,
 * suppressions, the hold-out share, the cooldown, the context an alert carries and the outreach
 * templates.
 *
 * <p>A hand-off is part of a {@link Model}; {@link Model.Builder#build()} checks that its names
 * resolve (tiers, segments, queues, rules) and its conditions are well typed. Every evaluator
 * computes the hand-off's per-entity facts onto the card ({@link ScoreCard#handoff()}), and a
 * {@link Router} turns a sequence of cards over time into alerts. See {@code docs/handoff.md}.
 *
 * @param queues where alerts go, each with an SLA and an optional daily capacity
 * @param segments ordered: the first whose condition holds is the entity's segment
 * @param routes ordered: the first whose tier, segments and cells match routes the entity
 * @param triggers high-signal conditions that route when they start to hold, whatever the tier
 * @param holds hysteresis: an entity routed in a tier stays in it while the hold holds
 * @param suppressions conditions under which no alert is sent, with a reason
 * @param holdout the share of routed entities kept out of outreach, if any
 * @param cooldown how long after an alert to an entity and queue a new one waits, unless it
 *     escalates
 * @param context values every alert carries for the seller
 * @param templates outreach templates; {@code {name}} in their text names a rule id or a context
 *     value
 * @param dispositions what sellers may record against an alert (a disposition taxonomy), each with
 *     a polarity, in declaration order
 */
public record Handoff(
    List<Queue> queues,
    List<Segment> segments,
    List<Route> routes,
    List<Trigger> triggers,
    List<Hold> holds,
    List<Suppression> suppressions,
    Optional<Holdout> holdout,
    Duration cooldown,
    List<ContextItem> context,
    List<Template> templates,
    List<Disposition> dispositions) {

  /** The segment of an entity no segment condition holds for. */
  public static final String NO_SEGMENT = "none";

  /** The cooldown when none is given: seven days. */
  public static final Duration DEFAULT_COOLDOWN = Duration.ofDays(7);

  public Handoff {
    queues = List.copyOf(requireNonNull(queues, "queues"));
    segments = List.copyOf(requireNonNull(segments, "segments"));
    routes = List.copyOf(requireNonNull(routes, "routes"));
    triggers = List.copyOf(requireNonNull(triggers, "triggers"));
    holds = List.copyOf(requireNonNull(holds, "holds"));
    suppressions = List.copyOf(requireNonNull(suppressions, "suppressions"));
    requireNonNull(holdout, "holdout");
    requireNonNull(cooldown, "cooldown");
    if (cooldown.isNegative()) {
      throw new IllegalArgumentException("cooldown: must not be negative, was " + cooldown);
    }
    context = List.copyOf(requireNonNull(context, "context"));
    templates = List.copyOf(requireNonNull(templates, "templates"));
    dispositions = List.copyOf(requireNonNull(dispositions, "dispositions"));
    unique(queues.stream().map(Queue::name).toList(), "queues", "queue");
    unique(segments.stream().map(Segment::name).toList(), "segments", "segment");
    unique(triggers.stream().map(Trigger::name).toList(), "triggers", "trigger");
    unique(holds.stream().map(Hold::tier).toList(), "holds", "hold for tier");
    unique(context.stream().map(ContextItem::name).toList(), "context", "context value");
    unique(templates.stream().map(Template::name).toList(), "templates", "template");
    unique(dispositions.stream().map(Disposition::name).toList(), "dispositions", "disposition");
    for (Route r : routes) {
      queue(r.queue(), queues, "routes");
      for (String s : r.segments()) {
        segment(s, segments, "routes");
      }
    }
    for (Trigger t : triggers) {
      queue(t.queue(), queues, "triggers");
    }
  }

  private static void queue(String name, List<Queue> queues, String where) {
    if (queues.stream().noneMatch(q -> q.name().equals(name))) {
      throw new IllegalArgumentException(where + ": unknown queue '" + name + "'");
    }
  }

  private static void segment(String name, List<Segment> segments, String where) {
    if (segments.stream().noneMatch(s -> s.name().equals(name))) {
      throw new IllegalArgumentException(where + ": unknown segment '" + name + "'");
    }
  }

  private static void unique(List<String> names, String argument, String what) {
    for (int i = 0; i < names.size(); i++) {
      if (names.subList(0, i).contains(names.get(i))) {
        throw new IllegalArgumentException(
            argument + "[" + i + "]: " + what + " '" + names.get(i) + "' is defined twice");
      }
    }
  }

  /** The queue named {@code name}, if any. */
  public Optional<Queue> queue(String name) {
    return queues.stream().filter(q -> q.name().equals(name)).findFirst();
  }

  /** The disposition named {@code name}, if any. */
  public Optional<Disposition> disposition(String name) {
    return dispositions.stream().filter(d -> d.name().equals(name)).findFirst();
  }

  /** A builder; the default cooldown is {@link #DEFAULT_COOLDOWN}. */
  public static Builder builder() {
    return new Builder();
  }

  /** How urgent an alert is: high before medium before low, in triage and escalation. */
  public enum Level {
    HIGH,
    MEDIUM,
    LOW;

    /** The name used in the rules language. */
    public String displayName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * A queue of work for sellers.
   *
   * @param name unique in the hand-off
   * @param label what people call it, e.g. "Named AE"
   * @param sla how soon after the alert someone must act; the alert's due time is its time plus
   *     this
   * @param capacity how many alerts it takes per calendar day (in the model's zone), if limited;
   *     the rest go to triage
   */
  public record Queue(String name, String label, Duration sla, OptionalInt capacity) {
    public Queue {
      Names.check(name, "name");
      Names.check(label, "label");
      requireNonNull(sla, "sla");
      if (sla.isNegative()) {
        throw new IllegalArgumentException("sla: must not be negative, was " + sla);
      }
      requireNonNull(capacity, "capacity");
      if (capacity.isPresent() && capacity.getAsInt() < 0) {
        throw new IllegalArgumentException(
            "capacity: must not be negative, was " + capacity.getAsInt());
      }
    }
  }

  /**
   * A segment: {@code segment enterprise when employees >= 500}.
   *
   * @param name unique in the hand-off, not {@value #NO_SEGMENT}
   * @param condition over traits and signals
   */
  public record Segment(String name, Expr condition) {
    public Segment {
      Names.check(name, "name");
      requireNonNull(condition, "condition");
      if (name.equals(NO_SEGMENT)) {
        throw new IllegalArgumentException(
            "name: '" + NO_SEGMENT + "' is reserved for entities in no segment");
      }
    }
  }

  /**
   * A route: entities in {@code tier}, in one of {@code segments} (any segment when empty) and in
   * one of the grid's {@code cells} (any cell when empty) go to {@code queue}.
   *
   * @param cells cells of the model's {@linkplain Model#grid() grid} ({@code A1}); a route naming
   *     any needs a grid, and an entity without a cell (excluded) matches none
   */
  public record Route(
      String tier, List<String> segments, List<String> cells, String queue, Level level) {
    public Route {
      Names.check(tier, "tier");
      segments = List.copyOf(requireNonNull(segments, "segments"));
      cells = List.copyOf(requireNonNull(cells, "cells"));
      Names.check(queue, "queue");
      requireNonNull(level, "level");
    }

    /** A route on tier and segments, whatever the cell. */
    public Route(String tier, List<String> segments, String queue, Level level) {
      this(tier, segments, List.of(), queue, level);
    }
  }

  /**
   * A trigger: when its condition starts to hold, the entity is routed to {@code queue} at once,
   * whatever its tier or score.
   */
  public record Trigger(String name, String label, Level level, Expr condition, String queue) {
    public Trigger {
      Names.check(name, "name");
      Names.check(label, "label");
      requireNonNull(level, "level");
      requireNonNull(condition, "condition");
      Names.check(queue, "queue");
    }
  }

  /**
   * Hysteresis: {@code hold hot while score >= 70}. An entity routed in {@code tier} stays routed
   * in it, even when its card's tier drops, for as long as the condition holds.
   */
  public record Hold(String tier, Expr condition) {
    public Hold {
      Names.check(tier, "tier");
      requireNonNull(condition, "condition");
    }
  }

  /** {@code suppress when customer : "existing customer"}: no alert while the condition holds. */
  public record Suppression(Expr condition, String reason) {
    public Suppression {
      requireNonNull(condition, "condition");
      Names.check(reason, "reason");
    }
  }

  /**
   * The hold-out: an entity is held out when the first eight bytes of SHA-256 of {@code salt + ":"
   * + id} (UTF-8), read as an unsigned big-endian number, are below {@code percent / 100 * 2^64}.
   *
   * @param percent the share held out, more than 0 and less than 100, at most two decimals
   * @param salt names the experiment; a new salt draws a new hold-out group
   */
  public record Holdout(BigDecimal percent, String salt) {
    public Holdout {
      requireNonNull(percent, "percent");
      requireNonNull(salt, "salt");
      if (percent.signum() <= 0 || percent.compareTo(BigDecimal.valueOf(100)) >= 0) {
        throw new IllegalArgumentException(
            "percent: must be more than 0 and less than 100, was " + percent.toPlainString());
      }
      if (percent.stripTrailingZeros().scale() > 2) {
        throw new IllegalArgumentException(
            "percent: at most two decimal places, was " + percent.toPlainString());
      }
    }
  }

  /** A value alerts carry: {@code context active_users = active_members(any) within 7d}. */
  public record ContextItem(String name, Expr value) {
    public ContextItem {
      Names.check(name, "name");
      requireNonNull(value, "value");
    }
  }

  /** An outreach template; {@code {name}} in the text is a rule id or a context value. */
  public record Template(String name, String text) {
    public Template {
      Names.check(name, "name");
      Names.check(text, "text");
    }

    /** The names between braces in the text, in order, each once. */
    public List<String> placeholders() {
      List<String> out = new ArrayList<>();
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)\\}").matcher(text);
      while (m.find()) {
        if (!out.contains(m.group(1))) {
          out.add(m.group(1));
        }
      }
      return out;
    }
  }

  /**
   * What a disposition says about the alert it is recorded against: a positive one (a meeting
   * booked) that the alert was worth a seller's time, a negative one (a bad fit) that it was not, a
   * neutral one (not now) neither.
   */
  public enum Polarity {
    POSITIVE,
    NEUTRAL,
    NEGATIVE;

    /** The name used in the rules language and in output: {@code positive}... */
    public String displayName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * A disposition of the taxonomy: {@code disposition meeting_booked positive}.
   *
   * @param name unique in the hand-off; what disposition records name
   * @param polarity what it says about the alert
   */
  public record Disposition(String name, Polarity polarity) {
    public Disposition {
      Names.check(name, "name");
      requireNonNull(polarity, "polarity");
    }
  }

  /** Builds a {@link Handoff}. Not thread-safe. */
  public static final class Builder {
    private final List<Queue> queues = new ArrayList<>();
    private final List<Segment> segments = new ArrayList<>();
    private final List<Route> routes = new ArrayList<>();
    private final List<Trigger> triggers = new ArrayList<>();
    private final List<Hold> holds = new ArrayList<>();
    private final List<Suppression> suppressions = new ArrayList<>();
    private Optional<Holdout> holdout = Optional.empty();
    private Duration cooldown = DEFAULT_COOLDOWN;
    private final List<ContextItem> context = new ArrayList<>();
    private final List<Template> templates = new ArrayList<>();
    private final List<Disposition> dispositions = new ArrayList<>();

    private Builder() {}

    /** Adds a queue without a capacity limit. */
    public Builder queue(String name, String label, Duration sla) {
      queues.add(new Queue(name, label, sla, OptionalInt.empty()));
      return this;
    }

    /** Adds a queue that takes at most {@code perDay} alerts a day. */
    public Builder queue(String name, String label, Duration sla, int perDay) {
      queues.add(new Queue(name, label, sla, OptionalInt.of(perDay)));
      return this;
    }

    /** Adds a segment after those already added. */
    public Builder segment(String name, Expr condition) {
      segments.add(new Segment(name, condition));
      return this;
    }

    /** Adds a route after those already added. */
    public Builder route(String tier, List<String> segments, String queue, Level level) {
      routes.add(new Route(tier, segments, queue, level));
      return this;
    }

    /**
     * Adds a route after those already added that matches only entities in one of {@code cells}.
     */
    public Builder route(
        String tier, List<String> segments, List<String> cells, String queue, Level level) {
      routes.add(new Route(tier, segments, cells, queue, level));
      return this;
    }

    /** Adds a trigger. */
    public Builder trigger(String name, String label, Level level, Expr condition, String queue) {
      triggers.add(new Trigger(name, label, level, condition, queue));
      return this;
    }

    /** Adds hysteresis for a tier. */
    public Builder hold(String tier, Expr condition) {
      holds.add(new Hold(tier, condition));
      return this;
    }

    /** Adds a suppression. */
    public Builder suppress(Expr condition, String reason) {
      suppressions.add(new Suppression(condition, reason));
      return this;
    }

    /** Holds out {@code percent} of routed entities, drawn by {@code salt}. */
    public Builder holdout(BigDecimal percent, String salt) {
      holdout = Optional.of(new Holdout(percent, salt));
      return this;
    }

    /** Sets the cooldown. */
    public Builder cooldown(Duration cooldown) {
      this.cooldown = requireNonNull(cooldown, "cooldown");
      return this;
    }

    /** Adds a context value. */
    public Builder context(String name, Expr value) {
      context.add(new ContextItem(name, value));
      return this;
    }

    /** Adds an outreach template. */
    public Builder template(String name, String text) {
      templates.add(new Template(name, text));
      return this;
    }

    /** Adds a disposition to the taxonomy, after those already added. */
    public Builder disposition(String name, Polarity polarity) {
      dispositions.add(new Disposition(name, polarity));
      return this;
    }

    /** The hand-off; names that only the model can resolve are checked by the model's build. */
    public Handoff build() {
      return new Handoff(
          queues,
          segments,
          routes,
          triggers,
          holds,
          suppressions,
          holdout,
          cooldown,
          context,
          templates,
          dispositions);
    }
  }
}
