package dev.pls.cli.io;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import dev.pls.core.backtest.CapacityCurve;
import dev.pls.core.backtest.ComparisonResult;
import dev.pls.core.backtest.EntityResult;
import dev.pls.core.backtest.Lift;
import dev.pls.core.backtest.OutreachLift;
import dev.pls.core.backtest.Rate;
import dev.pls.core.backtest.Schedule;
import dev.pls.core.backtest.Summary;
import dev.pls.core.model.Points;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/*
 * The files of `pls backtest`: summary.json (one object, indented, fields in a fixed order) and
 * entities.jsonl (one object a line, entities in order of id). The same result always gives the
 * same bytes: no map of unspecified order is iterated, line ends are LF on every platform, and
 * numbers are written from decimals, never from a double's default formatting.
 *
 * Ratios (rates, lifts, their interval ends, the AUC) are rounded to four decimal places, half-even,
 * from the shortest decimal that reads back as the double (BigDecimal.valueOf), with trailing zeros
 * stripped and never in exponent notation: 0.1363, 3.09, 0, 1200. A ratio that is absent (a zero
 * denominator, no interval) is null. Counts are integers; instants ISO-8601 in UTC; scores exact.
 */
/** Writes a backtest's {@code summary.json} and {@code entities.jsonl}, and {@code diff.json}. */
public final class BacktestJson {
  private BacktestJson() {}

  /**
   * Writes {@code summary} as one indented JSON object and a line end.
   *
   * @throws IOException if {@code out} cannot be written
   */
  public static void summary(Summary summary, Writer out) throws IOException {
    summary(summary, Optional.empty(), out);
  }

  /**
   * Writes {@code summary} as one indented JSON object and a line end; with a comparison (of {@code
   * pls backtest --challenger}), the object ends with {@code challenger}, the challenger's summary,
   * and, with outcomes, {@code comparison}.
   *
   * @throws IOException if {@code out} cannot be written
   */
  public static void summary(Summary summary, Optional<ComparisonResult> comparison, Writer out)
      throws IOException {
    summary(summary, comparison, BacktestSections.NONE, out);
  }

  /**
   * Writes {@code summary} as {@link #summary(Summary, Optional, Writer)} does, and the object ends
   * with the sections the backtest's options asked for: {@code capacity} (the capacity, the
   * threshold that fits it and the capacity curve), {@code dispositions} (as {@link SlaJson#report}
   * writes it) and {@code outreach}: the outcome's name, {@code overall} and {@code tiers}, each
   * group with {@code routed}, {@code routed_converted}, {@code held_out}, {@code
   * held_out_converted}, {@code prior}, the two rates with their intervals, and {@code difference}
   * with {@code difference_ci} (Newcombe).
   *
   * @throws IOException if {@code out} cannot be written
   */
  public static void summary(
      Summary summary, Optional<ComparisonResult> comparison, BacktestSections sections, Writer out)
      throws IOException {
    requireNonNull(summary, "summary");
    requireNonNull(comparison, "comparison");
    requireNonNull(sections, "sections");
    JsonGenerator json = indented(requireNonNull(out, "out"));
    json.writeStartObject();
    summaryFields(json, summary);
    if (comparison.isPresent()) {
      json.writeFieldName("challenger");
      summaryObject(json, comparison.get().challenger().summary());
      if (comparison.get().outcomes().isPresent()) {
        comparison(json, comparison.get().outcomes().get());
      }
    }
    if (sections.capacity().isPresent()) {
      capacity(json, sections.capacity().get());
    }
    if (sections.sla().isPresent()) {
      json.writeFieldName("dispositions");
      SlaJson.report(json, sections.sla().get());
    }
    if (sections.outreach().isPresent()) {
      OutreachLift outreach = sections.outreach().get();
      json.writeObjectFieldStart("outreach");
      json.writeStringField("outcome", outreach.outcome());
      json.writeFieldName("overall");
      outreachGroup(json, outreach.overall());
      json.writeObjectFieldStart("tiers");
      for (OutreachLift.Group g : outreach.tiers()) {
        json.writeFieldName(g.tier());
        outreachGroup(json, g);
      }
      json.writeEndObject();
      json.writeEndObject();
    }
    json.writeEndObject();
    json.writeRaw('\n');
    json.flush();
  }

  /** {@code capacity}: the capacity, the threshold that fits (or null) and every point. */
  private static void capacity(JsonGenerator json, WeeklyCapacity c) throws IOException {
    CapacityCurve curve = c.curve();
    json.writeObjectFieldStart("capacity");
    json.writeNumberField("per_week", c.perWeek());
    json.writeStringField("source", c.source());
    json.writeStringField("zone", curve.zone().getId());
    json.writeStringField("first_week", curve.firstWeek().toString());
    json.writeNumberField("weeks", curve.weeks());
    json.writeFieldName("threshold");
    Optional<CapacityCurve.Point> fit = c.fit();
    if (fit.isPresent()) {
      capacityPoint(json, fit.get(), c.perWeek());
    } else {
      json.writeNull();
    }
    json.writeArrayFieldStart("curve");
    for (CapacityCurve.Point p : curve.points()) {
      capacityPoint(json, p, c.perWeek());
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  private static void capacityPoint(JsonGenerator json, CapacityCurve.Point p, long perWeek)
      throws IOException {
    json.writeStartObject();
    json.writeFieldName("threshold");
    json.writeNumber(p.threshold().toString());
    json.writeNumberField("backlog", p.backlog());
    json.writeNumberField("qualified", p.qualified());
    json.writeNumberField("max_weekly", p.maxWeekly());
    json.writeFieldName("busiest_week");
    if (p.busiestWeek().isPresent()) {
      json.writeString(p.busiestWeek().get().toString());
    } else {
      json.writeNull();
    }
    json.writeFieldName("mean_weekly");
    ratio(json, OptionalDouble.of(p.meanWeekly()));
    rate(json, "precision", p.precision());
    rate(json, "recall", p.recall());
    json.writeBooleanField("fits", p.fits(perWeek));
    json.writeEndObject();
  }

  /**
   * Writes {@code diff.json} of {@code pls diff}: both summaries, the transition matrix, every
   * changed entity with its rule differences, and with outcomes the comparison; one indented object
   * and a line end.
   *
   * @throws IOException if {@code out} cannot be written
   */
  public static void diff(ComparisonResult diff, Writer out) throws IOException {
    requireNonNull(diff, "diff");
    JsonGenerator json = indented(requireNonNull(out, "out"));
    json.writeStartObject();
    json.writeFieldName("champion");
    summaryObject(json, diff.champion().summary());
    json.writeFieldName("challenger");
    summaryObject(json, diff.challenger().summary());
    ComparisonResult.Transitions t = diff.transitions();
    json.writeObjectFieldStart("transitions");
    json.writeNumberField("entities", t.total());
    json.writeNumberField("same", t.same());
    json.writeNumberField("up", t.up());
    json.writeNumberField("down", t.down());
    json.writeNumberField("across", t.across());
    json.writeObjectFieldStart("counts");
    for (int i = 0; i < t.from().size(); i++) {
      json.writeObjectFieldStart(t.from().get(i));
      for (int j = 0; j < t.to().size(); j++) {
        json.writeNumberField(t.to().get(j), t.counts().get(i).get(j));
      }
      json.writeEndObject();
    }
    json.writeEndObject();
    json.writeEndObject();
    json.writeArrayFieldStart("changed");
    for (ComparisonResult.ChangedEntity e : diff.changed()) {
      changed(json, e);
    }
    json.writeEndArray();
    if (diff.outcomes().isPresent()) {
      comparison(json, diff.outcomes().get());
    }
    json.writeEndObject();
    json.writeRaw('\n');
    json.flush();
  }

  /** One changed entity as a JSON object (also a line of nothing else: no line end). */
  public static void changed(JsonGenerator json, ComparisonResult.ChangedEntity e)
      throws IOException {
    json.writeStartObject();
    json.writeStringField("entity", e.entity());
    json.writeStringField("champion", e.champion());
    json.writeStringField("challenger", e.challenger());
    json.writeStringField("direction", e.direction().name().toLowerCase(Locale.ROOT));
    optionalPoints(json, "champion_score", e.championScore());
    optionalPoints(json, "challenger_score", e.challengerScore());
    json.writeArrayFieldStart("rules");
    for (ComparisonResult.RuleChange r : e.rules()) {
      json.writeStartObject();
      json.writeStringField("rule", r.rule());
      json.writeBooleanField("in_champion", r.inChampion());
      json.writeBooleanField("in_challenger", r.inChallenger());
      optionalPoints(json, "champion", r.championPoints());
      optionalPoints(json, "challenger", r.challengerPoints());
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  /** The {@code comparison} member: the AUC difference with its interval, the lift differences. */
  public static void comparison(JsonGenerator json, ComparisonResult.OutcomeComparison o)
      throws IOException {
    json.writeObjectFieldStart("comparison");
    Optional<ComparisonResult.AucDifference> auc = o.auc();
    json.writeFieldName("entities");
    if (auc.isPresent()) {
      json.writeNumber(auc.get().entities());
      json.writeNumberField("converted", auc.get().converted());
    } else {
      json.writeNull();
      json.writeNullField("converted");
    }
    json.writeFieldName("auc_champion");
    ratio(json, auc.map(a -> OptionalDouble.of(a.champion())).orElse(OptionalDouble.empty()));
    json.writeFieldName("auc_challenger");
    ratio(json, auc.map(a -> OptionalDouble.of(a.challenger())).orElse(OptionalDouble.empty()));
    json.writeFieldName("auc_difference");
    ratio(json, auc.map(a -> OptionalDouble.of(a.difference())).orElse(OptionalDouble.empty()));
    json.writeFieldName("auc_difference_ci");
    if (auc.isEmpty()) {
      json.writeNull();
    } else {
      interval(json, auc.get().low(), auc.get().high());
    }
    json.writeObjectFieldStart("lift_difference");
    for (Map.Entry<String, OptionalDouble> l : o.lift().entrySet()) {
      json.writeFieldName(l.getKey());
      ratio(json, l.getValue());
    }
    json.writeEndObject();
    json.writeEndObject();
  }

  private static void optionalPoints(JsonGenerator json, String name, Optional<Points> p)
      throws IOException {
    if (p.isPresent()) {
      JsonCardWriter.points(json, name, p.get());
    } else {
      json.writeNullField(name);
    }
  }

  /** A generator of indented objects with arrays on one line, as summary.json is laid out. */
  public static JsonGenerator indented(Writer out) throws IOException {
    JsonGenerator json = JsonCardWriter.lines(out);
    json.setPrettyPrinter(
        new DefaultPrettyPrinter(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withArrayValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultPrettyPrinter.NopIndenter()));
    return json;
  }

  /** A summary as one JSON object. */
  public static void summaryObject(JsonGenerator json, Summary summary) throws IOException {
    json.writeStartObject();
    summaryFields(json, summary);
    json.writeEndObject();
  }

  private static void summaryFields(JsonGenerator json, Summary summary) throws IOException {
    json.writeStringField("model", summary.model());
    json.writeNumberField("version", summary.version());
    if (summary.schedule() instanceof Schedule.Grid g) {
      json.writeStringField("from", g.from().toString());
      json.writeStringField("to", g.to().toString());
      json.writeStringField("step", duration(g.step()));
      json.writeNumberField("steps", summary.steps());
    } else {
      json.writeStringField("at", cohort((Schedule.Cohort) summary.schedule()));
      json.writeNumberField("steps", summary.steps());
      json.writeNumberField("skipped", summary.skipped());
    }
    json.writeNumberField("entities", summary.entities());
    json.writeObjectFieldStart("tiers");
    for (Map.Entry<String, Summary.TierCounts> t : summary.tiers().entrySet()) {
      json.writeObjectFieldStart(t.getKey());
      json.writeNumberField("ever", t.getValue().ever());
      json.writeNumberField("peak", t.getValue().peak());
      json.writeEndObject();
    }
    json.writeEndObject();
    if (summary.outcomes().isPresent()) {
      outcomes(json, summary.outcomes().get());
    }
  }

  private static void outcomes(JsonGenerator json, Summary.OutcomeFigures o) throws IOException {
    json.writeObjectFieldStart("outcomes");
    json.writeStringField("name", o.name());
    json.writeNumberField("entities", o.entities());
    json.writeNumberField("prior", o.prior());
    json.writeNumberField("unmatched", o.unmatched());
    json.writeNumberField("converted", o.converted());
    rate(json, "base_rate", o.baseRate());
    json.writeObjectFieldStart("tiers");
    for (Map.Entry<String, Summary.TierOutcome> e : o.tiers().entrySet()) {
      Summary.TierOutcome t = e.getValue();
      json.writeObjectFieldStart(e.getKey());
      json.writeNumberField("entities", t.entities());
      json.writeNumberField("converted", t.converted());
      rate(json, "rate", t.rate());
      lift(json, "lift", t.lift());
      json.writeEndObject();
    }
    json.writeEndObject();
    json.writeObjectFieldStart("rules");
    for (Map.Entry<String, Summary.RuleOutcome> e : o.rules().entrySet()) {
      Summary.RuleOutcome r = e.getValue();
      json.writeObjectFieldStart(e.getKey());
      json.writeNumberField("fired", r.fired());
      json.writeNumberField("converted_fired", r.convertedFired());
      rate(json, "rate_fired", r.rateFired());
      rate(json, "rate_not_fired", r.rateNotFired());
      lift(json, "lift", r.lift());
      json.writeEndObject();
    }
    json.writeEndObject();
    json.writeFieldName("auc");
    ratio(json, o.auc());
    json.writeEndObject();
  }

  private static void outreachGroup(JsonGenerator json, OutreachLift.Group g) throws IOException {
    json.writeStartObject();
    json.writeNumberField("routed", g.routed());
    json.writeNumberField("routed_converted", g.routedConverted());
    json.writeNumberField("held_out", g.heldOut());
    json.writeNumberField("held_out_converted", g.heldOutConverted());
    json.writeNumberField("prior", g.prior());
    rate(json, "rate_routed", g.routedRate());
    rate(json, "rate_held_out", g.heldOutRate());
    json.writeFieldName("difference");
    ratio(
        json, g.difference().map(d -> OptionalDouble.of(d.value())).orElse(OptionalDouble.empty()));
    json.writeFieldName("difference_ci");
    if (g.difference().isEmpty()) {
      json.writeNull();
    } else {
      interval(
          json,
          OptionalDouble.of(g.difference().get().low()),
          OptionalDouble.of(g.difference().get().high()));
    }
    json.writeEndObject();
  }

  /** {@code NAME} and {@code NAME_ci}: the rate and its interval, or both null. */
  private static void rate(JsonGenerator json, String name, Optional<Rate> rate)
      throws IOException {
    json.writeFieldName(name);
    ratio(json, rate.map(r -> OptionalDouble.of(r.value())).orElse(OptionalDouble.empty()));
    json.writeFieldName(name + "_ci");
    if (rate.isEmpty()) {
      json.writeNull();
    } else {
      interval(json, OptionalDouble.of(rate.get().low()), OptionalDouble.of(rate.get().high()));
    }
  }

  /** {@code NAME} and {@code NAME_ci}: the lift and its interval; each null when absent. */
  private static void lift(JsonGenerator json, String name, Optional<Lift> lift)
      throws IOException {
    json.writeFieldName(name);
    ratio(json, lift.map(l -> OptionalDouble.of(l.value())).orElse(OptionalDouble.empty()));
    json.writeFieldName(name + "_ci");
    if (lift.isEmpty()) {
      json.writeNull();
    } else {
      interval(json, lift.get().low(), lift.get().high());
    }
  }

  private static void interval(JsonGenerator json, OptionalDouble low, OptionalDouble high)
      throws IOException {
    if (low.isEmpty() || high.isEmpty() || ratio(low).isEmpty() || ratio(high).isEmpty()) {
      json.writeNull();
      return;
    }
    json.writeStartArray();
    ratio(json, low);
    ratio(json, high);
    json.writeEndArray();
  }

  private static void ratio(JsonGenerator json, OptionalDouble value) throws IOException {
    Optional<String> text = ratio(value);
    if (text.isPresent()) {
      json.writeNumber(text.get());
    } else {
      json.writeNull();
    }
  }

  /**
   * A ratio as written: rounded to four places, half-even, trailing zeros stripped, never in
   * exponent notation; empty when absent or not finite.
   */
  public static Optional<String> ratio(OptionalDouble value) {
    if (value.isEmpty() || !Double.isFinite(value.getAsDouble())) {
      return Optional.empty();
    }
    BigDecimal d =
        BigDecimal.valueOf(value.getAsDouble())
            .setScale(4, RoundingMode.HALF_EVEN)
            .stripTrailingZeros();
    if (d.signum() == 0) {
      d = BigDecimal.ZERO;
    }
    return Optional.of(d.toPlainString());
  }

  /**
   * A step as an ISO-8601 duration in its largest whole unit: {@code P1D}, {@code P7D}, {@code
   * PT6H}, {@code PT90M}, {@code PT45S}.
   */
  static String duration(Duration d) {
    long s = d.getSeconds();
    if (s != 0 && s % 86_400 == 0) {
      return "P" + s / 86_400 + "D";
    }
    if (s != 0 && s % 3_600 == 0) {
      return "PT" + s / 3_600 + "H";
    }
    if (s != 0 && s % 60 == 0) {
      return "PT" + s / 60 + "M";
    }
    return "PT" + s + "S";
  }

  /**
   * A cohort as {@code --at} takes it: {@code trial_started+14d}, in days when whole, else hours.
   */
  public static String cohort(Schedule.Cohort c) {
    long s = c.after().getSeconds();
    String after =
        s % 86_400 == 0
            ? s / 86_400 + "d"
            : s % 3_600 == 0 ? s / 3_600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
    return c.event() + "+" + after;
  }

  /**
   * Writes one JSON object a line per entity, in the order given (the result's: by id).
   *
   * @throws IOException if {@code out} cannot be written
   */
  public static void entities(List<EntityResult> entities, Writer out) throws IOException {
    JsonGenerator json = JsonCardWriter.lines(requireNonNull(out, "out"));
    for (EntityResult e : entities) {
      json.writeStartObject();
      json.writeStringField("entity", e.entity());
      json.writeStringField("entered", e.entered().toString());
      json.writeNumberField("steps", e.steps());
      json.writeStringField("peak_tier", e.peakTier());
      json.writeObjectFieldStart("first_in_tier");
      for (Map.Entry<String, Instant> t : e.firstInTier().entrySet()) {
        json.writeStringField(t.getKey(), t.getValue().toString());
      }
      json.writeEndObject();
      if (e.highestScore().isPresent()) {
        JsonCardWriter.points(json, "highest_score", e.highestScore().get());
      } else {
        json.writeNullField("highest_score");
      }
      if (e.outcome().isPresent()) {
        json.writeStringField("outcome", e.outcome().get().toString());
      } else {
        json.writeNullField("outcome");
      }
      json.writeBooleanField("prior", e.prior());
      json.writeArrayFieldStart("fired");
      for (String rule : e.firedBeforeOutcome()) {
        json.writeString(rule);
      }
      json.writeEndArray();
      json.writeEndObject();
      json.writeRaw('\n');
    }
    json.flush();
  }
}
