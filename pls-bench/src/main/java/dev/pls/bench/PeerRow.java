package dev.pls.bench;

/**
 * One account's features as the peer engines read them: public fields of a reused object (what
 * compiled SpEL, MVEL and JEXL read fastest). Missing values have a presence flag.
 */
public final class PeerRow {
  public long p30;
  public long lim30;
  public long api30;
  public long int30;
  public long f14;
  public long inv7;
  public long du;
  public boolean duP;
  public long sh30;
  public long mins;
  public boolean minP;
  public long a30;
  public long gw;
  public long a7;
  public long pr30;
  public long us30;
  public long uc30;
  public long ent30;
  public long bill30;
  public long emp;
  public boolean empP;
  public String ind;
  public long icp;
  public long ds;
  public boolean dsP;
  public long tr;
  public long su;
  public boolean suP;
  public long invAll;
  public long pAll;

  /** Loads row {@code i} of {@code f}. */
  void load(SeedFeatures f, int i) {
    p30 = f.premium30[i];
    lim30 = f.limit30[i];
    api30 = f.api30[i];
    int30 = f.integrations30[i];
    f14 = f.features14[i];
    inv7 = f.invites7[i];
    du = f.domainUsers[i];
    duP = !f.domainUsersMissing.get(i);
    sh30 = f.shared30[i];
    mins = f.minutes[i];
    minP = !f.minutesMissing.get(i);
    a30 = f.active30[i];
    gw = f.growth[i];
    a7 = f.active7[i];
    pr30 = f.pricing30[i];
    us30 = f.upgradeStarted30[i];
    uc30 = f.upgradeCompleted30[i];
    ent30 = f.enterprise30[i];
    bill30 = f.billing30[i];
    emp = f.employees[i];
    empP = !f.employeesMissing.get(i);
    ind = f.industry[i];
    icp = f.icp[i];
    ds = f.daysSinceAny[i];
    dsP = !f.daysSinceAnyMissing.get(i);
    tr = f.trend[i];
    su = f.daysSinceSignup[i];
    suP = !f.daysSinceSignupMissing.get(i);
    invAll = f.invitesAll[i];
    pAll = f.premiumAll[i];
  }

  /** This row with a non-null industry, so that every field has a type (for declaring). */
  PeerRow withIndustry() {
    ind = "";
    return this;
  }

  /** The same values by name, for engines that read a map (CEL). */
  java.util.Map<String, Object> toMap() {
    java.util.Map<String, Object> m = new java.util.HashMap<>(64);
    m.put("p30", p30);
    m.put("lim30", lim30);
    m.put("api30", api30);
    m.put("int30", int30);
    m.put("f14", f14);
    m.put("inv7", inv7);
    m.put("du", du);
    m.put("duP", duP);
    m.put("sh30", sh30);
    m.put("mins", mins);
    m.put("minP", minP);
    m.put("a30", a30);
    m.put("gw", gw);
    m.put("a7", a7);
    m.put("pr30", pr30);
    m.put("us30", us30);
    m.put("uc30", uc30);
    m.put("ent30", ent30);
    m.put("bill30", bill30);
    m.put("emp", emp);
    m.put("empP", empP);
    m.put("ind", ind);
    m.put("icp", icp);
    m.put("ds", ds);
    m.put("dsP", dsP);
    m.put("tr", tr);
    m.put("su", su);
    m.put("suP", suP);
    m.put("invAll", invAll);
    m.put("pAll", pAll);
    return m;
  }
}
