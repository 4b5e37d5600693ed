package dev.pls.core.input;

import static java.util.Objects.requireNonNull;

import dev.pls.core.internal.base.Names;
import dev.pls.core.model.Value;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Which account a user belongs to: the one rule the CLI, the entity store and the examples use
 * alike, so a team embedding pls gets the accounts its CLI users get.
 *
 * <p>A user belongs to at most one account:
 *
 * <ol>
 *   <li>the account named by its latest {@linkplain Membership statement of membership}: an event
 *       of the user that names an account, or a group call (by time; on a tie, the smallest account
 *       id), else
 *   <li>for a rule {@linkplain #withAccountTrait(String) with an account trait}, the value of that
 *       trait of the user (an org table's {@code org_id}), when it is a non-blank string without
 *       control characters (trimmed) or a number (in plain notation), else
 *   <li>its e-mail domain ({@link #emailDomain(Map)}: the {@code email_domain} trait, else the part
 *       of the {@code email} trait after its last {@code @}), in lower case, unless that domain is
 *       in the rule's {@link FreeMail free-mail list}, else
 *   <li>none.
 * </ol>
 *
 * <p>An event that names no account counts for its user's account by this rule; an event that names
 * one counts there, even after its user has moved on. See {@code docs/accounts.md}.
 *
 * <p>Immutable and thread-safe.
 */
public final class AccountRule {
  private static final AccountRule STANDARD = new AccountRule(FreeMail.defaults(), null);

  private final FreeMail freeMail;
  private final String accountTrait;

  private AccountRule(FreeMail freeMail, String accountTrait) {
    this.freeMail = freeMail;
    this.accountTrait = accountTrait;
  }

  /** The rule with the built-in free-mail list ({@link FreeMail#defaults()}). */
  public static AccountRule standard() {
    return STANDARD;
  }

  /**
   * The rule with {@code freeMail} as its free-mail list; extend the built-in one with {@code
   * FreeMail.defaults().plus(...)}.
   */
  public static AccountRule withFreeMail(FreeMail freeMail) {
    return new AccountRule(requireNonNull(freeMail, "freeMail"), null);
  }

  /**
   * This rule, where a user whose statements of membership name no account belongs to the account
   * its {@code trait} gives (e.g. {@code org_id} of a user table), before its e-mail domain is
   * tried.
   *
   * @throws IllegalArgumentException if {@code trait} is not a valid name
   */
  public AccountRule withAccountTrait(String trait) {
    return new AccountRule(freeMail, Names.check(trait, "trait"));
  }

  /** The free-mail list of this rule. */
  public FreeMail freeMail() {
    return freeMail;
  }

  /** The user trait that gives a user's account before its e-mail domain, if this rule has one. */
  public Optional<String> accountTrait() {
    return Optional.ofNullable(accountTrait);
  }

  /**
   * The user's account, by the rule.
   *
   * @param latest the user's latest statement of membership, if any
   * @param traits the user's traits (read for the account trait, {@code email_domain} and {@code
   *     email})
   * @throws NullPointerException if an argument is null
   */
  public Optional<String> account(Optional<Membership> latest, Map<String, Value> traits) {
    requireNonNull(latest, "latest");
    requireNonNull(traits, "traits");
    if (latest.isPresent()) {
      return Optional.of(latest.get().account());
    }
    if (accountTrait != null) {
      Value v = traits.get(accountTrait);
      if (v instanceof Value.Str s
          && !s.value().isBlank()
          && s.value().chars().noneMatch(Character::isISOControl)) {
        return Optional.of(s.value().strip());
      }
      if (v instanceof Value.Num n) {
        return Optional.of(n.value().toPlainString());
      }
    }
    return emailDomain(traits).filter(d -> !freeMail.contains(d));
  }

  /**
   * The account of a user entity: its events are its statements of membership, its traits give its
   * e-mail domain.
   *
   * @throws NullPointerException if {@code user} is null
   */
  public Optional<String> account(Entity user) {
    Membership latest = null;
    for (Event e : requireNonNull(user, "user").events()) {
      if (e.account().isPresent()) {
        latest = Membership.latest(latest, new Membership(e.time(), e.account().get()));
      }
    }
    return account(Optional.ofNullable(latest), user.traits());
  }

  /**
   * The user's e-mail domain in lower case: its {@code email_domain} trait when that is a non-blank
   * string, else the part of its {@code email} trait after the last {@code @} when that is not
   * empty, else none.
   *
   * @throws NullPointerException if {@code traits} is null
   */
  public static Optional<String> emailDomain(Map<String, Value> traits) {
    requireNonNull(traits, "traits");
    if (traits.get("email_domain") instanceof Value.Str s && !s.value().isBlank()) {
      return Optional.of(FreeMail.normalise(s.value()));
    }
    if (traits.get("email") instanceof Value.Str s) {
      int at = s.value().lastIndexOf('@');
      String domain = at < 0 ? "" : FreeMail.normalise(s.value().substring(at + 1));
      if (!domain.isEmpty()) {
        return Optional.of(domain);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "AccountRule["
        + freeMail
        + (accountTrait == null ? "" : ", account trait " + accountTrait)
        + "]";
  }

  /**
   * A statement that a user belongs to an account at an instant: an event naming the account, or a
   * group call.
   *
   * @param time when it was stated
   * @param account the account's id
   */
  public record Membership(Instant time, String account) {
    public Membership {
      requireNonNull(time, "time");
      Names.check(account, "account");
    }

    /**
     * Whether this statement wins over {@code other}: it is later, or as late with a smaller id.
     */
    public boolean supersedes(Membership other) {
      int c = time.compareTo(requireNonNull(other, "other").time);
      return c > 0 || (c == 0 && account.compareTo(other.account) < 0);
    }

    /** The statement that wins of {@code a} (which may be null) and {@code b}. */
    public static Membership latest(Membership a, Membership b) {
      requireNonNull(b, "b");
      return a == null || b.supersedes(a) ? b : a;
    }
  }
}
