package dev.pls.flink;

import static java.util.Objects.requireNonNull;

import dev.pls.core.input.AccountRule;
import dev.pls.core.input.Event;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/*
 * The user stage of an account model: it sends each user's events to the
 * account they count for. An event that names an account counts there; one that names none counts
 * for the user's account by the account rule (its latest statement of membership, else its e-mail
 * domain), which pls score takes from every record of its input, also those after the step. A
 * stream cannot, so this stage fixes a user's account once, at the first step that counts
 * something of the user (its traits, read before any step fires, or an event at or before the
 * step), from its traits and its statements of membership up to that step: the same records
 * whatever the order they were read in. Every statement read after that is checked against it: one
 * that gives the user another account (a later statement naming another account) makes a MOVED
 * output, because pls score would count the user's events for that other account; the job then
 * refuses to write cards rather than write other ones.
 *
 * A user's events are held here until the next step's timer, then sent on with their account set,
 * stamped with the step (a task fires its timers before it passes the watermark on, so they reach
 * the account stage before that step fires there). A user's account gets an empty account-traits
 * record when it is fixed, so the account is scored (pls score scores every user's account) even
 * when none of its users' events reaches it. Events after the last step count for no card and are
 * not held; their statements of membership are still checked.
 *
 * For an account model that rolls up members, the user also goes to its account as a member: when
 * its account is fixed, its trait records (and an empty one, so that a member without traits is a
 * member) go there as MEMBER_TRAITS, and from then on its events that name that account or none as
 * MEMBER_EVENTs, as read; those that name another account go to that account as its own events, as
 * pls score's accountsWithMembers() counts them. pls score makes a user a member at every step, also
 * before anything of the user happened; such an empty member changes the account's card unless the
 * member model excludes it. So where the member model would include an empty member at a step
 * (emptyIncluded), the account is fixed at that step even when nothing of the user counts yet: then
 * a later statement naming an account is a MOVED output, as above. And a user first read after the
 * watermark had passed such a step (so its account may have scored the step without it) whose
 * account is fixed there is a MOVED output too, from no account to its own.
 */
/** Sends a user's events to their account, as {@code pls score} assigns them to accounts. */
final class Homes extends KeyedProcessFunction<String, Input, Input> {
  private static final long serialVersionUID = 1L;

  /** Late events and users whose account moved after their first step. */
  static final OutputTag<Output> REPORTS =
      new OutputTag<>("pls-homes-reports", TypeInformation.of(Output.class));

  private final long[] steps;
  private transient ListState<Input> pending;
  private transient ListState<Input> traits;

  /** The statements of membership read before the account was fixed, encoded. */
  private transient ListState<byte[]> early;

  /** The latest statement of membership read, encoded. */
  private transient ValueState<byte[]> latest;

  /** The user's account once fixed; "" for none. */
  private transient ValueState<String> home;

  private transient ValueState<Boolean> seen;

  /** Per step, whether an empty member counts in its account; null without member rollups. */
  private final boolean[] emptyIncluded;

  /** With member rollups: the watermark when the user was first seen. */
  private transient ValueState<Long> since;

  /**
   * @param steps the steps, epoch milliseconds, ascending
   */
  Homes(long[] steps) {
    this.steps = requireNonNull(steps, "steps").clone();
    this.emptyIncluded = null;
  }

  /**
   * The user stage of an account model that rolls up members.
   *
   * @param steps the steps, epoch milliseconds, ascending
   * @param emptyIncluded per step, whether the member model includes a user with no events and no
   *     traits (does not exclude it)
   */
  Homes(long[] steps, boolean[] emptyIncluded) {
    this.steps = requireNonNull(steps, "steps").clone();
    this.emptyIncluded = requireNonNull(emptyIncluded, "emptyIncluded").clone();
    if (emptyIncluded.length != steps.length) {
      throw new IllegalArgumentException(
          "emptyIncluded: one per step, was " + emptyIncluded.length + " for " + steps.length);
    }
  }

  @Override
  public void open(OpenContext context) {
    TypeInformation<Input> type = TypeInformation.of(Input.class);
    TypeInformation<byte[]> bytes = PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO;
    pending = getRuntimeContext().getListState(new ListStateDescriptor<>("pending", type));
    traits = getRuntimeContext().getListState(new ListStateDescriptor<>("traits", type));
    early = getRuntimeContext().getListState(new ListStateDescriptor<>("early", bytes));
    latest = getRuntimeContext().getState(new ValueStateDescriptor<>("latest", bytes));
    home = getRuntimeContext().getState(new ValueStateDescriptor<>("home", Types.STRING));
    seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen", Types.BOOLEAN));
    if (emptyIncluded != null) {
      since = getRuntimeContext().getState(new ValueStateDescriptor<>("since", Types.LONG));
    }
  }

  @Override
  public void processElement(Input in, Context ctx, Collector<Input> out) throws Exception {
    if (in.kind == Input.MEMBER) {
      claim(Codec.readMembership(in.data), in.user, ctx);
      return;
    }
    if (in.kind == Input.TRAITS) {
      traits.add(in);
      if (emptyIncluded != null && home.value() != null && !home.value().isEmpty()) {
        out.collect(Members.traits(in, home.value()));
      }
      check(in.user, Long.MIN_VALUE, ctx);
    } else {
      Event e = Codec.readEvent(in.data);
      // A late event still states its membership, as in pls score's input.
      if (e.account().isPresent()) {
        claim(new AccountRule.Membership(e.time(), e.account().get()), in.user, ctx);
      }
      long watermark = ctx.timerService().currentWatermark();
      if (in.time <= watermark) {
        ctx.output(REPORTS, Output.late(in, watermark));
        return;
      }
      if (in.time <= steps[steps.length - 1]) {
        pending.add(in);
      }
    }
    if (seen.value() == null) {
      for (long step : steps) {
        ctx.timerService().registerEventTimeTimer(step);
      }
      seen.update(true);
      if (since != null) {
        since.update(ctx.timerService().currentWatermark());
      }
    }
  }

  private void claim(AccountRule.Membership m, String user, Context ctx) throws Exception {
    byte[] held = latest.value();
    if (held == null || m.supersedes(Codec.readMembership(held))) {
      latest.update(Codec.membership(m));
    }
    if (home.value() == null) {
      early.add(Codec.membership(m));
    } else {
      check(user, m.time().toEpochMilli(), ctx);
    }
  }

  /** Once the account is fixed: a MOVED output if what has been read gives another one. */
  private void check(String user, long at, Context ctx) throws Exception {
    String fixed = home.value();
    if (fixed == null) {
      return;
    }
    byte[] held = latest.value();
    Optional<AccountRule.Membership> claim =
        held == null ? Optional.empty() : Optional.of(Codec.readMembership(held));
    String now = account(claim).orElse("");
    if (!now.equals(fixed)) {
      Output moved = new Output();
      moved.kind = Output.MOVED;
      moved.user = user;
      // The statement's time, not when it was read: the same report whatever the timing.
      moved.step = claim.map(m -> m.time().toEpochMilli()).orElse(at);
      moved.text = fixed;
      moved.detail = now;
      ctx.output(REPORTS, moved);
      home.update(now);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Input> out) throws Exception {
    List<Input> held = new ArrayList<>();
    pending.get().forEach(held::add);
    String fixed = home.value();
    if (fixed == null) {
      boolean counts = traits.get().iterator().hasNext();
      for (Input in : held) {
        counts |= in.time <= timestamp;
      }
      // With member rollups, pls score counts a user with nothing yet as a member at the step.
      boolean member =
          emptyIncluded != null && emptyIncluded[Arrays.binarySearch(steps, timestamp)];
      if (!counts && !member) {
        return; // nothing of the user counts at this step yet
      }
      AccountRule.Membership upTo = null;
      for (byte[] b : early.get()) {
        AccountRule.Membership m = Codec.readMembership(b);
        if (m.time().toEpochMilli() <= timestamp) {
          upTo = AccountRule.Membership.latest(upTo, m);
        }
      }
      Optional<String> account = account(Optional.ofNullable(upTo));
      fixed = account.orElse("");
      home.update(fixed);
      early.clear();
      if (account.isPresent() && emptyIncluded != null) {
        Members.join(ctx.getCurrentKey(), account.get(), traits.get(), out);
        if (member && timestamp <= since.value()) {
          ctx.output(
              REPORTS, Members.joinedLate(ctx.getCurrentKey(), account.get(), upTo, timestamp));
        }
      } else if (account.isPresent()) {
        Input exists = new Input();
        exists.kind = Input.ACCOUNT_TRAITS;
        exists.account = account.get();
        exists.data = Codec.traits(Map.of());
        exists.file = -1;
        out.collect(exists);
      }
      // Statements after the step read before it fired may already give another account.
      check(ctx.getCurrentKey(), timestamp, ctx);
      fixed = home.value();
    }
    held.sort(Input.FILE_ORDER);
    for (Input in : held) {
      Event e = Codec.readEvent(in.data);
      String account = e.account().orElse(fixed);
      if (emptyIncluded != null && !fixed.isEmpty() && account.equals(fixed)) {
        out.collect(Members.event(in, fixed));
      } else if (!account.isEmpty()) {
        Input sent = new Input();
        sent.kind = Input.ACCOUNT_EVENT;
        sent.account = account;
        sent.user = in.user;
        sent.time = in.time;
        sent.file = in.file;
        sent.line = in.line;
        sent.data = e.account().isPresent() ? in.data : Codec.event(e.withAccount(fixed));
        sent.forwarded = true;
        out.collect(sent);
      }
    }
    pending.clear();
  }

  /** The user's account by the account rule, from its traits and a statement of membership. */
  private Optional<String> account(Optional<AccountRule.Membership> claim) throws Exception {
    List<Input> records = new ArrayList<>();
    traits.get().forEach(records::add);
    records.sort(Input.FILE_ORDER);
    return AccountRule.standard().account(claim, Codec.mergedTraits(records));
  }
}
