package dev.pls.dsl.internal;

import dev.pls.core.model.Category;
import dev.pls.core.model.EntityKind;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Model;
import dev.pls.core.model.Points;
import dev.pls.core.model.Rollup;
import dev.pls.core.model.Rule;
import dev.pls.core.model.TraitType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/*
 * Account checks: an account model's members and rollup.
 *
 * A header's `members` setting resolves to a user model defined earlier in the file, whose symbol
 * table is kept (so member traits and tiers are known even when that model has errors; only a
 * file without errors compiles). It is an error to name a later model, an account model, the model
 * itself, or an unknown one. Once the header says `members`, a failure to resolve it is reported
 * there alone: member functions and the rollup are then silently unchecked rather than each
 * reported again. A model without the setting that uses a member function or a rollup is told it
 * has no members.
 *
 * Condition typing asks this pass about member names: a trait in a member condition, the tier of
 * members_at_tier and the trait of member_values all belong to the member model. The rollup reads
 * the categories (its category must not clash with one) and runs after the rules pass.
 *
 * A sum rollup over members that can score below zero is unbounded below: every dormant member of
 * a large account subtracts its penalty, so the account's score says how many idle seats it has
 * rather than how engaged it is. Without a member floor, that gets a warning (PLS0507). A floor
 * written out, even a negative one (member_floor -20: each idle member takes at most 20 off), is
 * the author's decision and silences it: a lint that cannot be answered in the file is noise. Max, average and top k are bounded by one member's score (or k of them), so they do
 * not. A member model scores below zero when one of its categories has a rule with negative points
 * and no floor of 0 (a floor of 0 cancels a category's penalties).
 */
/** Checks an account model's members setting, member names and rollup. */
final class AccountChecks {
  private final Env env;
  private final Reporter reporter;

  AccountChecks(Env env) {
    this.env = env;
    this.reporter = env.reporter();
  }

  /**
   * Resolves {@code members <user model>} to the symbol table of a user model defined earlier.
   *
   * @param earlier the symbol tables of the models before this one, by id
   * @param headers every header of the file, to tell a later model from an unknown one
   */
  void resolveMembers(
      Ast.Header h, Ast.Ident m, Map<String, SymbolTable> earlier, List<Ast.Header> headers) {
    env.declareMembers();
    if (h.entity().isPresent() && env.entity() == EntityKind.USER) {
      reporter.error(
          Code.PLS0305,
          m.span(),
          "'members' makes '"
              + h.name().name()
              + "' an account model, but its header says 'entity user'; write 'entity account'");
      return;
    }
    env.entity(EntityKind.ACCOUNT);
    String name = m.name();
    SymbolTable target = earlier.get(name);
    if (target != null) {
      if (target.entity() != EntityKind.USER) {
        reporter.error(
            Code.PLS0207,
            m.span(),
            "members are scored by a user model, but '"
                + name
                + "' scores accounts; name a model with 'entity user'");
      } else {
        env.memberModel(target);
      }
      return;
    }
    if (name.equals(h.name().name())) {
      reporter.error(
          Code.PLS0207,
          m.span(),
          "model '"
              + name
              + "' cannot roll up itself; name the user model its members are scored by");
      return;
    }
    for (Ast.Header other : headers) {
      if (other.name().name().equals(name) && other.span().line() > h.span().line()) {
        reporter.error(
            Code.PLS0207,
            m.span(),
            "model '"
                + name
                + "' is defined later in the file (line "
                + other.span().line()
                + "); define the user model before the account model that rolls it up");
        return;
      }
    }
    reporter.error(
        Code.PLS0206,
        m.span(),
        "unknown model '"
            + name
            + "'; 'members' names a user model defined earlier in this file"
            + Names.didYouMean(reporter, name, earlier.keySet()));
  }

  /**
   * Whether the model has members for {@code what} (a member function or the rollup) to read;
   * reports it if not, unless the unresolved {@code members} setting already is.
   */
  boolean hasMembers(String what, Ast.Span span) {
    if (env.memberModel().isPresent()) {
      return true;
    }
    if (!env.membersDeclared()) {
      noMembers(what, span);
    }
    return false;
  }

  /** Reports a member function (or rollup) in a model that has no members. */
  void noMembers(String what, Ast.Span span) {
    reporter.error(
        Code.PLS0305,
        span,
        what
            + " reads an account's members: only an account model with 'members <user model>' in"
            + " its header has them");
  }

  /** A name in a member condition: a trait of the member model. */
  Typed memberTrait(Ast.Name n) {
    if (env.memberModel().isEmpty()) {
      return Typed.ERROR; // the call that opened the member condition is reported
    }
    SymbolTable members = env.memberModel().get();
    TraitType t = members.traits().get(n.name());
    if (t == null) {
      reporter.error(
          Code.PLS0306,
          n.span(),
          "the member model '"
              + members.id()
              + "' has no trait '"
              + n.name()
              + "'; a member condition reads member traits"
              + Names.didYouMean(reporter, n.name(), members.traits().keySet()));
      return Typed.ERROR;
    }
    return Typed.of(new Expr.TraitRef(n.name()), t.valueType());
  }

  /** Whether the member model has the tier {@code tier}; reports it if not. */
  boolean memberTier(Ast.Ident tier) {
    SymbolTable members = env.memberModel().orElseThrow();
    String name = tier.name();
    if (members.tiers().contains(name)) {
      return true;
    }
    reporter.error(
        Code.PLS0306,
        tier.span(),
        "the member model '"
            + members.id()
            + "' has no tier '"
            + name
            + "'"
            + Names.closest(reporter, name, members.tiers())
                .map(x -> "; did you mean '" + x + "'?")
                .orElse("; its tiers are " + members.tiers()));
    return false;
  }

  /** Whether the member model has the trait {@code trait}; reports it if not. */
  boolean memberTraitName(Ast.Ident trait) {
    SymbolTable members = env.memberModel().orElseThrow();
    String name = trait.name();
    if (members.traits().containsKey(name)) {
      return true;
    }
    reporter.error(
        Code.PLS0306,
        trait.span(),
        "the member model '"
            + members.id()
            + "' has no trait '"
            + name
            + "'"
            + Names.didYouMean(reporter, name, members.traits().keySet()));
    return false;
  }

  /** The model's rollup; empty when there is none or it has errors (reported). */
  Optional<Rollup> rollup() {
    List<Ast.RollupDecl> rollups = env.file().rollups();
    if (rollups.isEmpty()) {
      return Optional.empty();
    }
    Ast.RollupDecl r = rollups.get(0);
    for (Ast.RollupDecl other : rollups.subList(1, rollups.size())) {
      env.declaredTwice("the rollup", r.span(), other.span());
    }
    if (!hasMembers("'rollup'", r.span())) {
      return Optional.empty();
    }
    Rollup.Kind kind = null;
    for (Rollup.Kind k : Rollup.Kind.values()) {
      if (k.displayName().equals(r.kind().name())) {
        kind = k;
      }
    }
    if (kind == null) {
      List<String> kinds = new ArrayList<>();
      for (Rollup.Kind k : Rollup.Kind.values()) {
        kinds.add(k.displayName());
      }
      reporter.error(
          Code.PLS0204,
          r.kind().span(),
          "unknown rollup '"
              + r.kind().name()
              + "'; use sum, max, avg or top N"
              + Names.didYouMean(reporter, r.kind().name(), kinds));
      return Optional.empty();
    }
    int k = 0;
    if (kind == Rollup.Kind.TOP) {
      if (r.k().isEmpty()) {
        reporter.error(
            Code.PLS0203, r.kind().span(), "top needs how many members count, e.g. 'rollup top 3'");
        return Optional.empty();
      }
      String text = r.k().get().text();
      if (!text.matches("[0-9]{1,6}") || Integer.parseInt(text) < 1) {
        reporter.error(
            Code.PLS0203,
            r.k().get().span(),
            "top takes a whole number of members from 1 to 999999, was " + text);
        return Optional.empty();
      }
      k = Integer.parseInt(text);
    } else if (r.k().isPresent()) {
      reporter.error(
          Code.PLS0203,
          r.k().get().span(),
          "'rollup " + kind.displayName() + "' takes no number; only 'top N' does");
      return Optional.empty();
    }
    Optional<Points> floor = Optional.empty();
    if (r.memberFloor().isPresent()) {
      floor = env.points(r.memberFloor().get(), "member_floor");
      if (floor.isEmpty()) {
        return Optional.empty();
      }
    }
    Optional<Points> cap = Optional.empty();
    if (r.memberCap().isPresent()) {
      cap = env.points(r.memberCap().get(), "member_cap");
      if (cap.isEmpty()) {
        return Optional.empty();
      }
      if (cap.get().signum() <= 0) {
        reporter.error(
            Code.PLS0405,
            r.memberCap().get().span(),
            "member_cap must be positive, was " + r.memberCap().get().text());
        return Optional.empty();
      }
    }
    String category = r.name().map(Ast.Ident::name).orElse(Rollup.DEFAULT_CATEGORY);
    for (Ast.CategoryDecl c : env.file().categories()) {
      if (c.name().name().equals(category)) {
        reporter.error(
            Code.PLS0205,
            c.name().span(),
            "'"
                + category
                + "' is the rollup's category on the card (line "
                + r.span().line()
                + "); rename this category or name the rollup with 'as'");
        return Optional.empty();
      }
    }
    if (floor.isPresent() && cap.isPresent() && floor.get().compareTo(cap.get()) > 0) {
      reporter.error(
          Code.PLS0405,
          r.memberFloor().get().span(),
          "member_floor "
              + r.memberFloor().get().text()
              + " is above member_cap "
              + r.memberCap().get().text()
              + "; a member's part of the rollup lies between them");
      return Optional.empty();
    }
    if (kind == Rollup.Kind.SUM && floor.isEmpty()) {
      negativeMember()
          .ifPresent(
              rule ->
                  reporter.warning(
                      Code.PLS0507,
                      r.kind().span(),
                      "'rollup sum' can go below zero: a member can score below zero in '"
                          + env.memberModel().orElseThrow().id()
                          + "' (rule '"
                          + rule.id()
                          + "', "
                          + rule.points().toSignedString()
                          + "), so each idle member lowers the account; add 'member_floor 0' (or a negative floor that bounds each member's penalty)"));
    }
    return Optional.of(new Rollup(category, kind, k, cap, floor));
  }

  /**
   * A rule through which the member model can score below zero: negative points in a category
   * without a floor of 0. Empty when there is none, or the member model did not build.
   */
  private Optional<Rule> negativeMember() {
    Optional<Model> members = env.memberModel().flatMap(SymbolTable::model);
    if (members.isEmpty()) {
      return Optional.empty();
    }
    for (Category c : members.get().categories()) {
      if (c.floor().isPresent() && c.floor().get().signum() >= 0) {
        continue;
      }
      for (Rule rule : c.rules()) {
        if (rule.points().signum() < 0) {
          return Optional.of(rule);
        }
      }
    }
    return Optional.empty();
  }
}
