package dev.pls.cli.fit;

import static java.util.Objects.requireNonNull;

import dev.pls.core.backtest.BacktestResult;
import dev.pls.core.backtest.EntityResult;
import dev.pls.core.model.Model;
import dev.pls.core.model.Points;
import dev.pls.core.model.Rule;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;

/*
 * docs/evaluation.md ("Weights from outcomes") is the specification; this class computes it.
 *
 * Over the backtest's entities that are not prior, each rule is a 0/1 column (it fired at a step
 * before the entity's outcome) and the outcome the response. Rules that fired for none or for all
 * of them are left out of the fit: the data says nothing of them apart from the intercept. The
 * rest are fitted together by LogisticFit with the L2 penalty given (the intercept unpenalised).
 *
 * Suggested points are the coefficients times one scale, k = (sum of |points| of the rules to
 * re-weigh) / (sum of |coefficients| of the same rules), rounded half-even to the model's
 * granularity: so the rules re-weighed keep the total range of points they have now, and the
 * thresholds of the tiers keep their meaning as nearly as one number can keep them. The rules to
 * re-weigh are the fitted rules that are not thin; a thin rule's points are left as they are.
 */
/** Weights from outcomes: a logistic fit of conversion on the rules that fired, and points. */
public final class WeightSuggestions {
  /** A rule that fired for fewer entities than this is thin. */
  public static final long MIN_FIRED = 30;

  /** A rule whose fired entities hold fewer converted (or fewer not converted) is thin. */
  public static final long MIN_EACH = 5;

  /** The default L2 penalty, λ: a normal prior of variance 1 on each rule's log-odds. */
  public static final double DEFAULT_PENALTY = 1.0;

  /** Why a rule's suggestion is qualified. */
  public enum Flag {
    /** Fired for no entity: not fitted. */
    NEVER_FIRED("never fired"),
    /** Fired for every entity: not fitted (it cannot be told from the intercept). */
    ALWAYS_FIRED("fired for all"),
    /** Fired for fewer than {@link #MIN_FIRED} entities. */
    THIN_FIRED("thin: fired for fewer than " + MIN_FIRED),
    /** Fewer than {@link #MIN_EACH} of the entities it fired for converted. */
    THIN_CONVERTED("thin: fewer than " + MIN_EACH + " converted where it fired"),
    /** Fewer than {@link #MIN_EACH} of the entities it fired for did not convert. */
    THIN_OTHERS("thin: fewer than " + MIN_EACH + " not converted where it fired"),
    /** The coefficient's 95% interval holds 0: the data cannot tell its sign. */
    SIGN_UNCERTAIN("interval holds 0");

    private final String words;

    Flag(String words) {
      this.words = words;
    }

    /** Whether a rule with this flag keeps its points. */
    public boolean keepsPoints() {
      return this != SIGN_UNCERTAIN;
    }

    /** The flag in words, as the table prints it. */
    public String words() {
      return words;
    }

    /** The flag as JSON writes it: its name in lower case. */
    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * One rule's fit and suggestion.
   *
   * @param rule the rule's id
   * @param points its points now
   * @param fired entities (not prior) it fired for before their outcome
   * @param convertedFired of them, those that converted
   * @param coefficient its coefficient on the log-odds scale; absent when it was not fitted
   * @param standardError the coefficient's standard error; absent when it was not fitted
   * @param suggested the suggested points; absent when it was not fitted
   * @param flags why the suggestion is qualified, if it is
   */
  public record RuleWeight(
      String rule,
      Points points,
      long fired,
      long convertedFired,
      OptionalDouble coefficient,
      OptionalDouble standardError,
      Optional<Points> suggested,
      List<Flag> flags) {
    public RuleWeight {
      requireNonNull(rule, "rule");
      requireNonNull(points, "points");
      requireNonNull(coefficient, "coefficient");
      requireNonNull(standardError, "standardError");
      requireNonNull(suggested, "suggested");
      flags = List.copyOf(flags);
    }

    /** Whether the patch changes this rule's points: fitted, not thin, and a different value. */
    public boolean changes() {
      return suggested.isPresent()
          && flags.stream().noneMatch(Flag::keepsPoints)
          && !suggested.get().equals(points);
    }

    /** The coefficient's 95% interval, coefficient ± 1.959964 standard errors. */
    public OptionalDouble low() {
      return coefficient.isEmpty()
          ? OptionalDouble.empty()
          : OptionalDouble.of(coefficient.getAsDouble() - Z * standardError.getAsDouble());
    }

    /** The upper end of the interval. */
    public OptionalDouble high() {
      return coefficient.isEmpty()
          ? OptionalDouble.empty()
          : OptionalDouble.of(coefficient.getAsDouble() + Z * standardError.getAsDouble());
    }
  }

  /**
   * Platt scaling of the highest score before the outcome: P = 1 / (1 + e^−(a + b·score)).
   *
   * @param a the intercept
   * @param b the slope per point
   * @param entities the entities it was fitted on (not prior, with a score)
   */
  public record Platt(double a, double b, long entities) {
    /** The calibrated probability of a score. */
    public double probability(double score) {
      double z = a + b * score;
      return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }
  }

  static final double Z = 1.959964;

  private final String outcome;
  private final double penalty;
  private final long entities;
  private final long converted;
  private final double intercept;
  private final double interceptError;
  private final List<RuleWeight> rules;
  private final Points granularity;
  private final Points range;
  private final OptionalDouble scale;
  private final Optional<Platt> platt;
  private final Optional<String> plattAbsent;

  private WeightSuggestions(
      String outcome,
      double penalty,
      long entities,
      long converted,
      double intercept,
      double interceptError,
      List<RuleWeight> rules,
      Points granularity,
      Points range,
      OptionalDouble scale,
      Optional<Platt> platt,
      Optional<String> plattAbsent) {
    this.outcome = outcome;
    this.penalty = penalty;
    this.entities = entities;
    this.converted = converted;
    this.intercept = intercept;
    this.interceptError = interceptError;
    this.rules = List.copyOf(rules);
    this.granularity = granularity;
    this.range = range;
    this.scale = scale;
    this.platt = platt;
    this.plattAbsent = plattAbsent;
  }

  /**
   * Fits {@code result}'s outcomes on {@code model}'s rules.
   *
   * @param penalty the L2 penalty λ on the rules' coefficients, 0 or more
   * @throws IllegalArgumentException when the backtest has no outcomes, no entity that is not
   *     prior, none or all of them converted, or the fit does not converge (the message says why)
   */
  public static WeightSuggestions of(Model model, BacktestResult result, double penalty) {
    requireNonNull(model, "model");
    requireNonNull(result, "result");
    String outcome =
        result
            .summary()
            .outcomes()
            .orElseThrow(() -> new IllegalArgumentException("result: the backtest has no outcomes"))
            .name();
    List<EntityResult> counted = result.entities().stream().filter(e -> !e.prior()).toList();
    if (counted.isEmpty()) {
      throw new IllegalArgumentException("result: no entity that is not prior to fit on");
    }
    List<Rule> all = model.rules();
    long n = counted.size();
    long converted = counted.stream().filter(EntityResult::converted).count();
    if (converted == 0 || converted == n) {
      throw new IllegalArgumentException(
          "result: "
              + (converted == 0 ? "no entity" : "every entity")
              + " of the "
              + n
              + " not prior converted, so the rules cannot be told apart by their outcomes");
    }
    Map<String, Integer> index = new HashMap<>();
    for (int j = 0; j < all.size(); j++) {
      index.put(all.get(j).id(), j);
    }
    // Entities grouped by the rules that fired for them, in order of first appearance (entities
    // come by id), so the same backtest always sums in the same order.
    Map<BitSet, long[]> patterns = new LinkedHashMap<>();
    long[] fired = new long[all.size()];
    long[] convertedFired = new long[all.size()];
    for (EntityResult e : counted) {
      BitSet f = new BitSet(all.size());
      for (String rule : e.firedBeforeOutcome()) {
        Integer j = index.get(rule);
        if (j != null) {
          f.set(j);
        }
      }
      long[] counts = patterns.computeIfAbsent(f, k -> new long[2]);
      counts[0]++;
      if (e.converted()) {
        counts[1]++;
      }
      for (int j = f.nextSetBit(0); j >= 0; j = f.nextSetBit(j + 1)) {
        fired[j]++;
        if (e.converted()) {
          convertedFired[j]++;
        }
      }
    }
    List<Integer> fitted = new ArrayList<>();
    for (int j = 0; j < all.size(); j++) {
      if (fired[j] > 0 && fired[j] < n) {
        fitted.add(j);
      }
    }
    double[][] x = new double[patterns.size()][fitted.size()];
    long[] trials = new long[patterns.size()];
    long[] successes = new long[patterns.size()];
    int row = 0;
    for (Map.Entry<BitSet, long[]> p : patterns.entrySet()) {
      for (int c = 0; c < fitted.size(); c++) {
        x[row][c] = p.getKey().get(fitted.get(c)) ? 1 : 0;
      }
      trials[row] = p.getValue()[0];
      successes[row] = p.getValue()[1];
      row++;
    }
    LogisticFit fit = LogisticFit.fit(x, trials, successes, penalty);
    double[] b = fit.coefficients();
    double[] se = fit.standardErrors();

    List<List<Flag>> flags = new ArrayList<>();
    for (int j = 0; j < all.size(); j++) {
      List<Flag> f = new ArrayList<>();
      if (fired[j] == 0) {
        f.add(Flag.NEVER_FIRED);
      } else if (fired[j] == n) {
        f.add(Flag.ALWAYS_FIRED);
      } else {
        if (fired[j] < MIN_FIRED) {
          f.add(Flag.THIN_FIRED);
        }
        if (convertedFired[j] < MIN_EACH) {
          f.add(Flag.THIN_CONVERTED);
        }
        if (fired[j] - convertedFired[j] < MIN_EACH) {
          f.add(Flag.THIN_OTHERS);
        }
        int c = fitted.indexOf(j);
        if (Math.abs(b[c + 1]) < Z * se[c + 1]) {
          f.add(Flag.SIGN_UNCERTAIN);
        }
      }
      flags.add(f);
    }
    Points granularity = granularity(all);
    long rangeHundredths = 0;
    double coefficientSum = 0;
    for (int c = 0; c < fitted.size(); c++) {
      int j = fitted.get(c);
      if (flags.get(j).stream().noneMatch(Flag::keepsPoints)) {
        rangeHundredths += Math.abs(all.get(j).points().hundredths());
        coefficientSum += Math.abs(b[c + 1]);
      }
    }
    OptionalDouble scale =
        coefficientSum > 0
            ? OptionalDouble.of(rangeHundredths / 100.0 / coefficientSum)
            : OptionalDouble.empty();
    List<RuleWeight> weights = new ArrayList<>();
    for (int j = 0; j < all.size(); j++) {
      Rule r = all.get(j);
      int c = fitted.indexOf(j);
      OptionalDouble coefficient = c < 0 ? OptionalDouble.empty() : OptionalDouble.of(b[c + 1]);
      OptionalDouble error = c < 0 ? OptionalDouble.empty() : OptionalDouble.of(se[c + 1]);
      Optional<Points> suggested =
          c < 0 || scale.isEmpty()
              ? Optional.empty()
              : Optional.of(round(b[c + 1] * scale.getAsDouble(), granularity));
      weights.add(
          new RuleWeight(
              r.id(),
              r.points(),
              fired[j],
              convertedFired[j],
              coefficient,
              error,
              suggested,
              flags.get(j)));
    }
    Optional<Platt> platt = Optional.empty();
    Optional<String> plattAbsent = Optional.empty();
    List<EntityResult> scored = counted.stream().filter(e -> e.highestScore().isPresent()).toList();
    if (scored.isEmpty()) {
      plattAbsent = Optional.of("no entity has a score before its outcome");
    } else {
      Map<Points, long[]> byScore = new TreeMap<>();
      for (EntityResult e : scored) {
        long[] counts = byScore.computeIfAbsent(e.highestScore().get(), k -> new long[2]);
        counts[0]++;
        if (e.converted()) {
          counts[1]++;
        }
      }
      double[][] s = new double[byScore.size()][1];
      long[] sn = new long[byScore.size()];
      long[] sy = new long[byScore.size()];
      int i = 0;
      for (Map.Entry<Points, long[]> score : byScore.entrySet()) {
        s[i][0] = score.getKey().hundredths() / 100.0;
        sn[i] = score.getValue()[0];
        sy[i] = score.getValue()[1];
        i++;
      }
      try {
        LogisticFit p = LogisticFit.fit(s, sn, sy, 0);
        platt = Optional.of(new Platt(p.coefficients()[0], p.coefficients()[1], scored.size()));
      } catch (IllegalArgumentException e) {
        plattAbsent =
            Optional.of(
                "the scores cannot be calibrated: every score is the same, or a score separates"
                    + " the converted from the others");
      }
    }
    return new WeightSuggestions(
        outcome,
        penalty,
        n,
        converted,
        b[0],
        se[0],
        weights,
        granularity,
        new Points(rangeHundredths),
        scale,
        platt,
        plattAbsent);
  }

  /** The finest decimal place of the model's rules' points: 1, 0.1 or 0.01. */
  static Points granularity(List<Rule> rules) {
    long g = 100;
    for (Rule r : rules) {
      long h = Math.abs(r.points().hundredths());
      if (h % 100 != 0) {
        g = Math.min(g, h % 10 != 0 ? 1 : 10);
      }
    }
    return new Points(g);
  }

  /** {@code value} rounded half-even to a multiple of {@code granularity}. */
  static Points round(double value, Points granularity) {
    BigDecimal units =
        BigDecimal.valueOf(value)
            .multiply(BigDecimal.valueOf(100))
            .divide(BigDecimal.valueOf(granularity.hundredths()), 0, RoundingMode.HALF_EVEN);
    return new Points(units.longValueExact() * granularity.hundredths());
  }

  /** The outcome fitted. */
  public String outcome() {
    return outcome;
  }

  /** The L2 penalty λ on the rules' coefficients. */
  public double penalty() {
    return penalty;
  }

  /** The entities fitted on: those not prior. */
  public long entities() {
    return entities;
  }

  /** Of them, those that converted. */
  public long converted() {
    return converted;
  }

  /** The intercept on the log-odds scale: an entity no fitted rule fired for. */
  public double intercept() {
    return intercept;
  }

  /** The intercept's standard error. */
  public double interceptError() {
    return interceptError;
  }

  /** Every rule of the model, in model order. */
  public List<RuleWeight> rules() {
    return rules;
  }

  /** The step suggested points are rounded to. */
  public Points granularity() {
    return granularity;
  }

  /** The sum of |points| of the rules re-weighed, kept by the suggestion. */
  public Points range() {
    return range;
  }

  /** Points per unit of log-odds; absent when no rule is re-weighed. */
  public OptionalDouble scale() {
    return scale;
  }

  /** The score's calibration; absent when it cannot be fitted ({@link #plattAbsent()} says why). */
  public Optional<Platt> platt() {
    return platt;
  }

  /** Why there is no calibration. */
  public Optional<String> plattAbsent() {
    return plattAbsent;
  }
}
