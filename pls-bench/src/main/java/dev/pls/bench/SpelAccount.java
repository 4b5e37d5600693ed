package dev.pls.bench;

/**
 * One account's seed-template features as an ordinary JavaBean (private fields, getters and
 * setters, a presence flag beside each value that can be missing, the industry as a {@code String}
 * that is null when missing): the root object SpEL reads in {@link SpelPlain}. Public so that
 * SpEL's compiled expressions, defined in their own class loader, can call the getters.
 */
public final class SpelAccount {
  private int premium30;
  private int limit30;
  private int api30;
  private int integrations30;
  private int features14;
  private int invites7;
  private boolean domainUsersPresent;
  private int domainUsers;
  private int shared30;
  private boolean minutesPresent;
  private int minutes;
  private int active30;
  private int growthWeeks;
  private int active7;
  private int pricing30;
  private int upgradeStarted30;
  private int upgradeCompleted30;
  private int enterprise30;
  private int billing30;
  private boolean employeesPresent;
  private int employees;
  private String industry;
  private boolean icp;
  private boolean daysSinceAnyPresent;
  private int daysSinceAny;
  private double trend;
  private boolean daysSinceSignupPresent;
  private int daysSinceSignup;
  private int invitesAll;
  private int premiumAll;

  /** The premium30 value. */
  public int getPremium30() {
    return premium30;
  }

  /** Sets the premium30 value. */
  public void setPremium30(int premium30) {
    this.premium30 = premium30;
  }

  /** The limit30 value. */
  public int getLimit30() {
    return limit30;
  }

  /** Sets the limit30 value. */
  public void setLimit30(int limit30) {
    this.limit30 = limit30;
  }

  /** The api30 value. */
  public int getApi30() {
    return api30;
  }

  /** Sets the api30 value. */
  public void setApi30(int api30) {
    this.api30 = api30;
  }

  /** The integrations30 value. */
  public int getIntegrations30() {
    return integrations30;
  }

  /** Sets the integrations30 value. */
  public void setIntegrations30(int integrations30) {
    this.integrations30 = integrations30;
  }

  /** The features14 value. */
  public int getFeatures14() {
    return features14;
  }

  /** Sets the features14 value. */
  public void setFeatures14(int features14) {
    this.features14 = features14;
  }

  /** The invites7 value. */
  public int getInvites7() {
    return invites7;
  }

  /** Sets the invites7 value. */
  public void setInvites7(int invites7) {
    this.invites7 = invites7;
  }

  /** The domainUsersPresent value. */
  public boolean isDomainUsersPresent() {
    return domainUsersPresent;
  }

  /** Sets the domainUsersPresent value. */
  public void setDomainUsersPresent(boolean domainUsersPresent) {
    this.domainUsersPresent = domainUsersPresent;
  }

  /** The domainUsers value. */
  public int getDomainUsers() {
    return domainUsers;
  }

  /** Sets the domainUsers value. */
  public void setDomainUsers(int domainUsers) {
    this.domainUsers = domainUsers;
  }

  /** The shared30 value. */
  public int getShared30() {
    return shared30;
  }

  /** Sets the shared30 value. */
  public void setShared30(int shared30) {
    this.shared30 = shared30;
  }

  /** The minutesPresent value. */
  public boolean isMinutesPresent() {
    return minutesPresent;
  }

  /** Sets the minutesPresent value. */
  public void setMinutesPresent(boolean minutesPresent) {
    this.minutesPresent = minutesPresent;
  }

  /** The minutes value. */
  public int getMinutes() {
    return minutes;
  }

  /** Sets the minutes value. */
  public void setMinutes(int minutes) {
    this.minutes = minutes;
  }

  /** The active30 value. */
  public int getActive30() {
    return active30;
  }

  /** Sets the active30 value. */
  public void setActive30(int active30) {
    this.active30 = active30;
  }

  /** The growthWeeks value. */
  public int getGrowthWeeks() {
    return growthWeeks;
  }

  /** Sets the growthWeeks value. */
  public void setGrowthWeeks(int growthWeeks) {
    this.growthWeeks = growthWeeks;
  }

  /** The active7 value. */
  public int getActive7() {
    return active7;
  }

  /** Sets the active7 value. */
  public void setActive7(int active7) {
    this.active7 = active7;
  }

  /** The pricing30 value. */
  public int getPricing30() {
    return pricing30;
  }

  /** Sets the pricing30 value. */
  public void setPricing30(int pricing30) {
    this.pricing30 = pricing30;
  }

  /** The upgradeStarted30 value. */
  public int getUpgradeStarted30() {
    return upgradeStarted30;
  }

  /** Sets the upgradeStarted30 value. */
  public void setUpgradeStarted30(int upgradeStarted30) {
    this.upgradeStarted30 = upgradeStarted30;
  }

  /** The upgradeCompleted30 value. */
  public int getUpgradeCompleted30() {
    return upgradeCompleted30;
  }

  /** Sets the upgradeCompleted30 value. */
  public void setUpgradeCompleted30(int upgradeCompleted30) {
    this.upgradeCompleted30 = upgradeCompleted30;
  }

  /** The enterprise30 value. */
  public int getEnterprise30() {
    return enterprise30;
  }

  /** Sets the enterprise30 value. */
  public void setEnterprise30(int enterprise30) {
    this.enterprise30 = enterprise30;
  }

  /** The billing30 value. */
  public int getBilling30() {
    return billing30;
  }

  /** Sets the billing30 value. */
  public void setBilling30(int billing30) {
    this.billing30 = billing30;
  }

  /** The employeesPresent value. */
  public boolean isEmployeesPresent() {
    return employeesPresent;
  }

  /** Sets the employeesPresent value. */
  public void setEmployeesPresent(boolean employeesPresent) {
    this.employeesPresent = employeesPresent;
  }

  /** The employees value. */
  public int getEmployees() {
    return employees;
  }

  /** Sets the employees value. */
  public void setEmployees(int employees) {
    this.employees = employees;
  }

  /** The industry value. */
  public String getIndustry() {
    return industry;
  }

  /** Sets the industry value. */
  public void setIndustry(String industry) {
    this.industry = industry;
  }

  /** The icp value. */
  public boolean isIcp() {
    return icp;
  }

  /** Sets the icp value. */
  public void setIcp(boolean icp) {
    this.icp = icp;
  }

  /** The daysSinceAnyPresent value. */
  public boolean isDaysSinceAnyPresent() {
    return daysSinceAnyPresent;
  }

  /** Sets the daysSinceAnyPresent value. */
  public void setDaysSinceAnyPresent(boolean daysSinceAnyPresent) {
    this.daysSinceAnyPresent = daysSinceAnyPresent;
  }

  /** The daysSinceAny value. */
  public int getDaysSinceAny() {
    return daysSinceAny;
  }

  /** Sets the daysSinceAny value. */
  public void setDaysSinceAny(int daysSinceAny) {
    this.daysSinceAny = daysSinceAny;
  }

  /** The trend value. */
  public double getTrend() {
    return trend;
  }

  /** Sets the trend value. */
  public void setTrend(double trend) {
    this.trend = trend;
  }

  /** The daysSinceSignupPresent value. */
  public boolean isDaysSinceSignupPresent() {
    return daysSinceSignupPresent;
  }

  /** Sets the daysSinceSignupPresent value. */
  public void setDaysSinceSignupPresent(boolean daysSinceSignupPresent) {
    this.daysSinceSignupPresent = daysSinceSignupPresent;
  }

  /** The daysSinceSignup value. */
  public int getDaysSinceSignup() {
    return daysSinceSignup;
  }

  /** Sets the daysSinceSignup value. */
  public void setDaysSinceSignup(int daysSinceSignup) {
    this.daysSinceSignup = daysSinceSignup;
  }

  /** The invitesAll value. */
  public int getInvitesAll() {
    return invitesAll;
  }

  /** Sets the invitesAll value. */
  public void setInvitesAll(int invitesAll) {
    this.invitesAll = invitesAll;
  }

  /** The premiumAll value. */
  public int getPremiumAll() {
    return premiumAll;
  }

  /** Sets the premiumAll value. */
  public void setPremiumAll(int premiumAll) {
    this.premiumAll = premiumAll;
  }
}
