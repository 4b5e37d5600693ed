package dev.pls.flink;

import dev.pls.cli.io.EntityAssembler;
import dev.pls.core.input.AccountRule;
import dev.pls.core.input.Entity;
import dev.pls.core.input.Event;
import dev.pls.core.model.EntityKind;
import dev.pls.core.model.Model;
import dev.pls.core.scoring.Scorer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.flink.util.Collector;

/*
 * An account model that rolls up members (a `members M` line) scores an account from its own
 * events and traits and from its members: each user that belongs to it, with the user's traits and
 * its events that name that account or none, scored with the member model and rolled up. pls score
 * builds that Entity with EntityAssembler.accountsWithMembers(); the job builds the same one, at
 * the account, from what Homes sends there:
 *
 *   - MEMBER_TRAITS: when Homes fixes a user's account, an empty record (the user is a member, also
 *     without traits or events) and each of the user's trait records; later trait records as read;
 *   - MEMBER_EVENT: the user's events that name that account or none, as read;
 *   - ACCOUNT_EVENT: the account's own events, and the events of users who belong elsewhere that
 *     name this account (pls score counts those as the account's own, not as a member's);
 *   - ACCOUNT_TRAITS: the account's traits.
 *
 * At a step the account stage feeds its members' records, in file order, to an EntityAssembler, with
 * a statement of membership naming this account (the account Homes fixed, whatever gave it: a
 * statement or the e-mail domain), together with the account's traits and its events of an account
 * alone, and takes accountsWithMembers(): the account's traits, its members (their traits merged as
 * pls score merges them, email_domain derived from email) and their events. Events of users who
 * belong elsewhere are then added to the account's own, since fed to the assembler they would make
 * their users members here. So the Entity is pls score's, and so is the card.
 *
 * The state per account is its own events and traits plus every member's trait records and its
 * events within the longer history of the two models (historyDays), pruned after each step.
 */
/** What an account that rolls up members receives from its users, and the Entity it builds. */
final class Members {
  private Members() {}

  /** An epoch instant for a statement of membership made by the fixed account itself. */
  private static final Instant FIXED = Instant.EPOCH;

  /**
   * Per step, whether the account model's member model includes (does not exclude) a user with no
   * events and no traits as of the step: {@code pls score} counts such a member in its account.
   */
  static boolean[] emptyIncluded(Model model, long[] steps) {
    Model members = model.memberModel().orElseThrow();
    Scorer scorer = Scorer.fast(members);
    Entity nobody = new Entity("nobody", Map.of(), List.of());
    boolean[] included = new boolean[steps.length];
    for (int i = 0; i < steps.length; i++) {
      included[i] = !scorer.score(nobody, Instant.ofEpochMilli(steps[i])).isExcluded();
    }
    return included;
  }

  /**
   * How many calendar days of history, in the account model's zone, the account's state must keep:
   * the longer of the account model's and its member model's; empty when either reads all history.
   * When the member model has another zone, two days more, since its days may begin up to 26 hours
   * apart from the account model's.
   */
  static OptionalInt historyDays(Model model) {
    OptionalInt own = model.inputs().historyDays();
    if (model.memberModel().isEmpty() || own.isEmpty()) {
      return own;
    }
    Model member = model.memberModel().get();
    OptionalInt members = member.inputs().historyDays();
    if (members.isEmpty()) {
      return members;
    }
    int slack = member.zone().equals(model.zone()) ? 0 : 2;
    return OptionalInt.of(Math.max(own.getAsInt(), members.getAsInt() + slack));
  }

  /** Sends {@code user} to {@code account} as a member: an empty traits record, then its own. */
  static void join(String user, String account, Iterable<Input> traits, Collector<Input> out) {
    Input marker = new Input();
    marker.kind = Input.MEMBER_TRAITS;
    marker.user = user;
    marker.account = account;
    marker.data = Codec.traits(Map.of());
    marker.file = -1;
    out.collect(marker);
    for (Input t : traits) {
      out.collect(traits(t, account));
    }
  }

  /** A user's trait record sent to the account it is a member of. */
  static Input traits(Input record, String account) {
    Input sent = copy(record, account);
    sent.kind = Input.MEMBER_TRAITS;
    return sent;
  }

  /** A member's event (naming {@code account} or none) sent to that account, as read. */
  static Input event(Input record, String account) {
    Input sent = copy(record, account);
    sent.kind = Input.MEMBER_EVENT;
    sent.forwarded = true;
    return sent;
  }

  private static Input copy(Input record, String account) {
    Input sent = new Input();
    sent.account = account;
    sent.user = record.user;
    sent.time = record.time;
    sent.file = record.file;
    sent.line = record.line;
    sent.data = record.data;
    return sent;
  }

  /**
   * The report of a user first read after the watermark had passed a step at which {@code pls
   * score} counts it as a member of {@code account} (with nothing yet): that account may have
   * scored the step without it. A {@link Output#MOVED} from no account to {@code account}.
   */
  static Output joinedLate(String user, String account, AccountRule.Membership stated, long step) {
    Output o = new Output();
    o.kind = Output.MOVED;
    o.user = user;
    o.step = stated != null ? stated.time().toEpochMilli() : step;
    o.text = "";
    o.detail = account;
    return o;
  }

  /**
   * The account {@code id} as {@code pls score} builds it for a model that rolls up members.
   *
   * @param events the account's event records (its own, its members', other users' naming it), in
   *     file order
   * @param traits its trait records (its own, its members'), in file order
   */
  static Entity account(String id, List<Input> events, List<Input> traits) {
    EntityAssembler assembler = EntityAssembler.create(AccountRule.standard());
    List<Input> foreign = new ArrayList<>();
    for (Input t : traits) {
      if (t.kind == Input.MEMBER_TRAITS) {
        assembler.traits(EntityKind.USER, t.user, Codec.readTraits(t.data));
        assembler.member(t.user, id, FIXED);
      } else {
        assembler.traits(EntityKind.ACCOUNT, id, Codec.readTraits(t.data));
      }
    }
    for (Input e : events) {
      if (e.kind == Input.MEMBER_EVENT || e.user == null) {
        assembler.event(Codec.readEvent(e.data));
      } else {
        foreign.add(e);
      }
    }
    Entity built =
        assembler.accountsWithMembers().stream()
            .filter(a -> a.id().equals(id))
            .findFirst()
            .orElseGet(() -> new Entity(id, Map.of(), List.of()));
    if (foreign.isEmpty()) {
      return built;
    }
    // As pls score adds them: after the events of the account alone, by user, in reading order.
    foreign.sort(Comparator.comparing((Input i) -> i.user).thenComparing(Input.FILE_ORDER));
    List<Event> own = new ArrayList<>(built.events());
    foreign.forEach(e -> own.add(Codec.readEvent(e.data)));
    return new Entity(id, built.traits(), own, built.members());
  }
}
