package dev.pls.bench;

import java.util.ArrayList;
import java.util.List;
import org.springframework.expression.spel.SpelCompilerMode;
import org.springframework.expression.spel.SpelParserConfiguration;
import org.springframework.expression.spel.standard.SpelExpression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.StandardEvaluationContext;

/*
 * Spring SpEL as a team already on Spring would call it for the seed template: a parser in
 * SpelCompilerMode.IMMEDIATE, one JavaBean per account (SpelAccount, built once at setup, as the
 * host's own account objects would be), and per row either
 *
 * - PLAIN: the 29 rule expressions, each called as expression.getValue(bean) on the compiled
 *   expression (no evaluation context, no conversion of the result); points, the fired-rule mask
 *   and the tier summed in Java as the baselines do;
 * - CONTEXT: the same 29 expressions called the way Peers.spel calls them,
 *   getValue(context, bean, Boolean.class) with a StandardEvaluationContext, which converts every
 *   result to the asked type;
 * - COMBINED: one expression whose value is the score in hundredths, a sum of
 *   (condition ? points : 0) over the 29 rules, called as getValue(bean); the tier is picked from
 *   that score in Java by the template's thresholds (the only thing the seed's tiers read). No
 *   fired rules: score and tier only.
 *
 * The rules use the beans' presence flags for missing values, and write DAU/MAU > 0.3 as
 * active30 > 9, as every other variant does. SpEL compiles an expression only once every node of
 * it has been evaluated (so that it knows the types), so each expression is first evaluated twice
 * on a primer account that reaches every node (IMMEDIATE compiles on the second evaluation), and
 * construction fails unless every expression compiled.
 */
/** Spring SpEL scoring the seed template over JavaBeans, called plainly or through a context. */
final class SpelPlain {
  /** The template's 29 rule conditions over {@link SpelAccount}, in template order. */
  static final List<String> RULES =
      List.of(
          "premium30 >= 1",
          "premium30 >= 3",
          "limit30 >= 1",
          "api30 >= 1 or integrations30 >= 1",
          "features14 >= 5",
          "invites7 >= 1 and invites7 <= 2",
          "invites7 >= 3 and invites7 <= 5",
          "invites7 >= 6",
          "domainUsersPresent and domainUsers >= 3 and domainUsers <= 9",
          "domainUsersPresent and domainUsers >= 10",
          "shared30 >= 1",
          "minutesPresent and minutes < 60",
          "active30 > 9 and active30 <= 15",
          "active30 > 15",
          "growthWeeks >= 3",
          "active7 >= 5",
          "pricing30 >= 1 and pricing30 <= 2",
          "pricing30 >= 3",
          "upgradeStarted30 >= 1 and upgradeCompleted30 == 0",
          "enterprise30 >= 1",
          "billing30 >= 1",
          "employeesPresent and employees >= 50 and employees <= 500",
          "employeesPresent and employees > 500",
          "industry == 'software' or industry == 'fintech' or industry == 'healthcare'",
          "icp",
          "daysSinceAnyPresent and daysSinceAny >= 7",
          "trend < 0.0",
          "daysSinceSignupPresent and daysSinceSignup >= 30 and invitesAll == 0"
              + " and domainUsersPresent and domainUsers <= 1",
          "daysSinceSignupPresent and daysSinceSignup >= 30 and premiumAll == 0");

  /** Each rule's points in hundredths. */
  static final int[] POINTS = {
    1000, 1500, 2000, 1500, 1000, 1000, 2000, 3000, 1500, 2500, 1000, 1000, 1000, 2000, 1500, 1500,
    1000, 2000, 2500, 3000, 2000, 1000, 2000, 1000, 1500, -2000, -1500, -1000, -1000
  };

  /** How the expressions are called. */
  enum Form {
    PLAIN,
    CONTEXT,
    COMBINED
  }

  private final SpelAccount[] accounts;
  private final SpelExpression[] rules;
  private final SpelExpression combined;
  private final StandardEvaluationContext context = new StandardEvaluationContext();

  private SpelPlain(SpelAccount[] accounts, SpelExpression[] rules, SpelExpression combined) {
    this.accounts = accounts;
    this.rules = rules;
    this.combined = combined;
  }

  /**
   * Parses and compiles the expressions and builds a bean per account of {@code f}.
   *
   * @throws IllegalStateException if SpEL does not compile an expression
   */
  static SpelPlain of(SkewedAccounts f) {
    SpelExpressionParser parser =
        new SpelExpressionParser(
            new SpelParserConfiguration(
                SpelCompilerMode.IMMEDIATE, SpelPlain.class.getClassLoader()));
    SpelExpression[] rules = new SpelExpression[RULES.size()];
    for (int r = 0; r < rules.length; r++) {
      rules[r] = compiled(parser, RULES.get(r));
    }
    SpelExpression combined = compiled(parser, combinedScore());
    SpelAccount[] accounts = new SpelAccount[f.n];
    for (int i = 0; i < f.n; i++) {
      accounts[i] = bean(f, i);
    }
    return new SpelPlain(accounts, rules, combined);
  }

  /** The one expression whose value is the score in hundredths. */
  static String combinedScore() {
    List<String> terms = new ArrayList<>();
    for (int r = 0; r < RULES.size(); r++) {
      String term = "(" + RULES.get(r) + " ? " + Math.abs(POINTS[r]) + " : 0)";
      terms.add(r == 0 ? term : (POINTS[r] < 0 ? " - " : " + ") + term);
    }
    return String.join("", terms);
  }

  private static SpelExpression compiled(SpelExpressionParser parser, String text) {
    SpelExpression e = (SpelExpression) parser.parseExpression(text);
    SpelAccount primer = primer();
    e.getValue(primer);
    e.getValue(primer);
    if (!e.compileExpression()) {
      throw new IllegalStateException("SpEL did not compile '" + text + "'");
    }
    return e;
  }

  /**
   * An account on which every node of every rule is evaluated: each left operand of an {@code and}
   * holds and each of an {@code or} does not.
   */
  private static SpelAccount primer() {
    SpelAccount a = new SpelAccount();
    a.setPremium30(4);
    a.setLimit30(1);
    a.setApi30(0);
    a.setIntegrations30(1);
    a.setFeatures14(5);
    a.setInvites7(4);
    a.setDomainUsersPresent(true);
    a.setDomainUsers(5);
    a.setShared30(1);
    a.setMinutesPresent(true);
    a.setMinutes(30);
    a.setActive30(12);
    a.setGrowthWeeks(3);
    a.setActive7(5);
    a.setPricing30(4);
    a.setUpgradeStarted30(1);
    a.setUpgradeCompleted30(0);
    a.setEnterprise30(1);
    a.setBilling30(1);
    a.setEmployeesPresent(true);
    a.setEmployees(100);
    a.setIndustry("retail");
    a.setIcp(true);
    a.setDaysSinceAnyPresent(true);
    a.setDaysSinceAny(8);
    a.setTrend(-0.5);
    a.setDaysSinceSignupPresent(true);
    a.setDaysSinceSignup(40);
    a.setInvitesAll(0);
    a.setPremiumAll(0);
    return a;
  }

  private static SpelAccount bean(SkewedAccounts f, int i) {
    SpelAccount a = new SpelAccount();
    a.setPremium30(f.premium30[i]);
    a.setLimit30(f.limit30[i]);
    a.setApi30(f.api30[i]);
    a.setIntegrations30(f.integrations30[i]);
    a.setFeatures14(f.features14[i]);
    a.setInvites7(f.invites7[i]);
    a.setDomainUsersPresent(!f.domainUsersMissing.get(i));
    a.setDomainUsers(f.domainUsers[i]);
    a.setShared30(f.shared30[i]);
    a.setMinutesPresent(!f.minutesMissing.get(i));
    a.setMinutes(f.minutes[i]);
    a.setActive30(f.active30[i]);
    a.setGrowthWeeks(f.growth[i]);
    a.setActive7(f.active7[i]);
    a.setPricing30(f.pricing30[i]);
    a.setUpgradeStarted30(f.upgradeStarted30[i]);
    a.setUpgradeCompleted30(f.upgradeCompleted30[i]);
    a.setEnterprise30(f.enterprise30[i]);
    a.setBilling30(f.billing30[i]);
    a.setEmployeesPresent(!f.employeesMissing.get(i));
    a.setEmployees(f.employees[i]);
    a.setIndustry(f.industry[i] < 0 ? null : SkewedAccounts.INDUSTRIES.get(f.industry[i]));
    a.setIcp(f.icp[i]);
    a.setDaysSinceAnyPresent(!f.daysSinceAnyMissing.get(i));
    a.setDaysSinceAny(f.daysSinceAny[i]);
    a.setTrend(f.trend[i]);
    a.setDaysSinceSignupPresent(!f.daysSinceSignupMissing.get(i));
    a.setDaysSinceSignup(f.daysSinceSignup[i]);
    a.setInvitesAll(f.invitesAll[i]);
    a.setPremiumAll(f.premiumAll[i]);
    return a;
  }

  /** Scores every account in the given form into {@code out} (COMBINED leaves the masks). */
  void score(Form form, Results out) {
    switch (form) {
      case PLAIN -> plain(out);
      case CONTEXT -> withContext(out);
      case COMBINED -> combined(out);
    }
  }

  private void plain(Results out) {
    SpelExpression[] rs = rules;
    for (int i = 0; i < accounts.length; i++) {
      SpelAccount a = accounts[i];
      long s = 0;
      long m = 0;
      for (int r = 0; r < rs.length; r++) {
        if ((Boolean) rs[r].getValue(a)) {
          s += POINTS[r];
          m |= 1L << r;
        }
      }
      out.score[i] = s;
      out.tier[i] = Results.tier(s);
      out.fired[i] = m;
    }
  }

  private void withContext(Results out) {
    SpelExpression[] rs = rules;
    for (int i = 0; i < accounts.length; i++) {
      SpelAccount a = accounts[i];
      long s = 0;
      long m = 0;
      for (int r = 0; r < rs.length; r++) {
        if (Boolean.TRUE.equals(rs[r].getValue(context, a, Boolean.class))) {
          s += POINTS[r];
          m |= 1L << r;
        }
      }
      out.score[i] = s;
      out.tier[i] = Results.tier(s);
      out.fired[i] = m;
    }
  }

  private void combined(Results out) {
    for (int i = 0; i < accounts.length; i++) {
      long s = (Integer) combined.getValue(accounts[i]);
      out.score[i] = s;
      out.tier[i] = Results.tier(s);
    }
  }
}
