package dev.pls.flink;

import static java.util.Objects.requireNonNull;

import dev.pls.cli.io.AlertWriter;
import dev.pls.cli.io.CardWriter;
import dev.pls.cli.io.EntityAssembler;
import dev.pls.core.card.ScoreCard;
import dev.pls.core.handoff.Alert;
import dev.pls.core.handoff.Router;
import dev.pls.core.handoff.RouterStep;
import dev.pls.core.input.AccountRule;
import dev.pls.core.input.Entity;
import dev.pls.core.input.Event;
import dev.pls.core.model.EntityKind;
import dev.pls.core.model.Handoff;
import dev.pls.core.model.Model;
import dev.pls.core.model.Tier;
import dev.pls.core.scoring.Scorer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/*
 * The state of one user is what pls score would hand the scorer for it: its events and its traits
 * records, each with its file and line, in keyed list state (POJOs of strings, numbers and encoded
 * bytes, so the heap and RocksDB backends and incremental checkpoints take them as they are). At
 * each step the events and traits are put in file order, assembled by the CLI's EntityAssembler
 * into the one Entity pls score would build, and scored; so the card is pls score's card as of that
 * step, byte for byte.
 *
 * Timers: when a user is first seen, one event-time timer per step of the schedule. A timer at T
 * fires once the watermark passes T, that is once no event at or before T can still arrive; a step
 * already passed fires at once, and scores the user as pls score does as of T: without the events
 * after T. After each step the events no later step can read (before the first local day the
 * model's windows reach, as of the next step) are dropped, so a user's state is its events within
 * the model's longest window plus its traits; after the last step only a flag is kept.
 *
 * An account model's accounts are kept the same way, keyed by account: their own events and
 * traits, and their users' events as Homes sends them on (already counted for the account, so not
 * checked for lateness again). With member rollups, also each member's records as Homes sends them,
 * which Members builds into pls score's account with its members.
 *
 * With a hand-off, the card then goes through a Router of the entity's own, restored from its
 * snapshot in keyed state and saved after the step: the router's rules for one entity read that
 * entity's state alone, so its alerts are pls route's but for sent versus triage in a queue with a
 * daily capacity, which Capacity decides over all of the step's alerts to the queue. A user's
 * alerts name its account by its latest statement of membership read so far (kept apart from the
 * events, which are pruned) and its traits, as pls route's accountOf does over the whole input.
 *
 * Emitting changes only: the entity's last emitted (tier, score in hundredths, excluded) is kept in
 * keyed state, so it is checkpointed and restored with the rest; a step's card is emitted when one
 * of the three differs from it, or when there is none yet. The card still goes through the router
 * at every step: the router's episodes and cooldowns read every step's card, emitted or not.
 *
 * Cards on demand (Demand): a request is keyed like the entity's events and answered at a timer at
 * its as-of time, from the same state and assembly as a step's card, before that step (if it is
 * one) prunes. A timer that is not a step's, or an entity known only by requests, gives no step
 * card.
 */
/** Keeps each entity's events and traits in keyed state; emits its card and alerts per step. */
final class ScoreSteps extends KeyedProcessFunction<String, Input, Output> {
  private static final long serialVersionUID = 1L;

  private final ModelSource source;
  private final long[] steps;
  private final PlsStream.Emit emit;
  private final List<Demand.Everyone> everyone;
  private transient Model model;
  private transient boolean accounts;
  private transient Scorer scorer;
  private transient ListState<Input> events;
  private transient ListState<Input> traits;
  private transient ValueState<Boolean> seen;
  private transient Handoff handoff;

  /** The last emitted card's (tier's rank, score in hundredths, excluded); null in ALL mode. */
  private transient ValueState<Tuple3<Integer, Long, Boolean>> last;

  /** The user's router's snapshot (null before its first step); null when there is no hand-off. */
  private transient ValueState<byte[]> router;

  /** The user's latest statement of membership, encoded; null when there is no hand-off. */
  private transient ValueState<byte[]> membership;

  /** The entity's requests for cards on demand. */
  private transient Demand demand;

  /**
   * @param source the model
   * @param steps the steps, epoch milliseconds, ascending
   * @param emit which cards to emit
   */
  ScoreSteps(ModelSource source, long[] steps, PlsStream.Emit emit) {
    this(source, steps, emit, List.of());
  }

  /**
   * @param everyone the requests for every entity's card
   */
  ScoreSteps(
      ModelSource source, long[] steps, PlsStream.Emit emit, List<Demand.Everyone> everyone) {
    this.source = requireNonNull(source, "source");
    this.steps = steps.clone();
    this.emit = requireNonNull(emit, "emit");
    this.everyone = List.copyOf(everyone);
  }

  @Override
  public void open(OpenContext context) {
    model = source.model();
    accounts = model.entity() == EntityKind.ACCOUNT;
    scorer = Scorer.fast(model);
    TypeInformation<Input> type = TypeInformation.of(Input.class);
    events = getRuntimeContext().getListState(new ListStateDescriptor<>("events", type));
    traits = getRuntimeContext().getListState(new ListStateDescriptor<>("traits", type));
    seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen", Types.BOOLEAN));
    demand = new Demand(model, scorer, everyone, getRuntimeContext());
    if (emit == PlsStream.Emit.CHANGES) {
      last =
          getRuntimeContext()
              .getState(
                  new ValueStateDescriptor<>(
                      "last-emitted", Types.TUPLE(Types.INT, Types.LONG, Types.BOOLEAN)));
    }
    if (model.handoff().isPresent()) {
      handoff = model.handoff().get();
      TypeInformation<byte[]> bytes = PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO;
      router = getRuntimeContext().getState(new ValueStateDescriptor<>("router", bytes));
      membership = getRuntimeContext().getState(new ValueStateDescriptor<>("membership", bytes));
    }
  }

  @Override
  public void processElement(Input in, Context ctx, Collector<Output> out) throws Exception {
    if (in.kind == Input.REQUEST) {
      demand.request(in, ctx.timerService());
      return;
    }
    if (in.kind == Input.MEMBER) {
      claim(Codec.readMembership(in.data));
      return;
    }
    if (in.kind == Input.EVENT && router != null && !accounts) {
      // Also a late event's: pls route names the account by every record it read.
      Event e = Codec.readEvent(in.data);
      if (e.account().isPresent()) {
        claim(new AccountRule.Membership(e.time(), e.account().get()));
      }
    }
    boolean event =
        in.kind == Input.EVENT || in.kind == Input.ACCOUNT_EVENT || in.kind == Input.MEMBER_EVENT;
    long watermark = ctx.timerService().currentWatermark();
    if (event && !in.forwarded && in.time <= watermark) {
      out.collect(Output.late(in, watermark));
      return;
    }
    (event ? events : traits).add(in);
    if (seen.value() == null) {
      for (long step : steps) {
        ctx.timerService().registerEventTimeTimer(step);
      }
      demand.seen(ctx.timerService());
      seen.update(true);
    }
  }

  private void claim(AccountRule.Membership m) throws Exception {
    if (router == null) {
      return;
    }
    byte[] held = membership.value();
    if (held == null || m.supersedes(Codec.readMembership(held))) {
      membership.update(Codec.membership(m));
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Output> out) throws Exception {
    List<Input> held = sorted(events.get());
    List<Input> traitRecords = sorted(traits.get());
    List<Event> decoded = new ArrayList<>(held.size());
    for (Input e : held) {
      decoded.add(Codec.readEvent(e.data));
    }
    String user = ctx.getCurrentKey();
    List<Input> asked = demand.due(timestamp, user, seen.value() != null);
    if (!asked.isEmpty()) {
      Entity entity =
          accounts
              ? new Entity(user, Codec.mergedTraits(traitRecords), decoded)
              : user(assembler(user, decoded, traitRecords), user);
      demand.answer(asked, entity, seen.value() != null, timestamp, out);
    }
    if (seen.value() == null || Arrays.binarySearch(steps, timestamp) < 0) {
      return; // the timer of requests only
    }
    if (accounts) {
      // What EntityAssembler.accounts() gives: the account's traits, later records winning, and
      // its events, each already counted for it by Homes (or the account's own); with member
      // rollups, accountsWithMembers(), as Members builds it.
      Entity account =
          model.memberModel().isPresent()
              ? Members.account(user, held, traitRecords)
              : new Entity(user, Codec.mergedTraits(traitRecords), decoded);
      emit(account, Optional.empty(), timestamp, out);
      prune(timestamp, held, decoded);
      return;
    }
    EntityAssembler assembler = assembler(user, decoded, traitRecords);
    Optional<String> account = router == null ? Optional.empty() : assembler.accountOf(user);
    emit(user(assembler, user), account, timestamp, out);
    prune(timestamp, held, decoded);
  }

  /** What pls score's reader assembles of the user's events, traits and membership. */
  private EntityAssembler assembler(String user, List<Event> decoded, List<Input> traitRecords)
      throws Exception {
    EntityAssembler assembler = EntityAssembler.create(AccountRule.standard());
    decoded.forEach(assembler::event);
    for (Input t : traitRecords) {
      assembler.traits(EntityKind.USER, t.user, Codec.readTraits(t.data));
    }
    byte[] claimed = membership == null ? null : membership.value();
    if (claimed != null) {
      AccountRule.Membership m = Codec.readMembership(claimed);
      assembler.member(user, m.account(), m.time());
    }
    return assembler;
  }

  /** The assembled user; one without events or traits when nothing of it is held. */
  private static Entity user(EntityAssembler assembler, String user) {
    if (assembler.users().isEmpty()) {
      assembler.traits(EntityKind.USER, user, Map.of());
    }
    return assembler.users().get(0);
  }

  /**
   * Scores the entity at the step, emits its card (when emitting changes only, if it changed), and
   * with a hand-off routes it.
   */
  private void emit(Entity entity, Optional<String> account, long step, Collector<Output> out)
      throws Exception {
    ScoreCard card = scorer.score(entity, Instant.ofEpochMilli(step));
    if (changed(card)) {
      Output o = new Output();
      o.kind = Output.CARD;
      o.step = step;
      o.user = entity.id();
      o.text = json(card);
      out.collect(o);
    }
    if (router != null) {
      route(card, account, out);
    }
  }

  /**
   * Whether the card is to be emitted: always when emitting all cards; when emitting changes, if
   * its tier, score or exclusion differs from the last emitted card's, which it then becomes.
   */
  private boolean changed(ScoreCard card) throws Exception {
    if (last == null) {
      return true;
    }
    Tuple3<Integer, Long, Boolean> now =
        Tuple3.of(tierRank(model, card.tier()), card.score().hundredths(), card.isExcluded());
    if (now.equals(last.value())) {
      return false;
    }
    last.update(now);
    return true;
  }

  /** Routes the user's card through its own router, restored from and saved to keyed state. */
  private void route(ScoreCard card, Optional<String> account, Collector<Output> out)
      throws Exception {
    byte[] saved = router.value();
    Router r =
        saved == null
            ? Router.create(model)
            : Router.restore(model, new ByteArrayInputStream(saved));
    RouterStep step = r.step(card.asOf(), List.of(card), u -> account);
    for (Alert a : step.alerts()) {
      out.collect(alert(a));
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    r.snapshot(bytes);
    router.update(bytes.toByteArray());
  }

  private Output alert(Alert a) throws IOException {
    Output o = new Output();
    boolean limited = handoff.queue(a.queue()).orElseThrow().capacity().isPresent();
    o.kind = limited && a.status() != Alert.Status.HELD_OUT ? Output.PENDING : Output.ALERT;
    o.step = a.at().toEpochMilli();
    o.user = a.entity();
    o.queue = a.queue();
    o.level = a.level().ordinal();
    o.rank = tierRank(model, a.tier());
    o.score = a.score().hundredths();
    StringWriter text = new StringWriter();
    AlertWriter w = AlertWriter.jsonLines(text);
    w.write(a);
    w.flush();
    o.text = text.toString().stripTrailing();
    return o;
  }

  /** The tier's index among the model's tiers, {@code none} after the last: the router's rank. */
  static int tierRank(Model model, String tier) {
    List<Tier> tiers = model.tiers();
    for (int i = 0; i < tiers.size(); i++) {
      if (tiers.get(i).name().equals(tier)) {
        return i;
      }
    }
    return tiers.size();
  }

  private void prune(long step, List<Input> held, List<Event> decoded) throws Exception {
    int i = Arrays.binarySearch(steps, step);
    // A pending request keeps what it reads, also after the last step.
    OptionalLong asked = demand.earliestAfter(step);
    if (i == steps.length - 1 && asked.isEmpty()) {
      demand.droppedAll();
      events.clear();
      traits.clear();
      if (last != null) {
        last.clear();
      }
      if (router != null) {
        router.clear();
        membership.clear();
      }
      return;
    }
    OptionalInt days = Members.historyDays(model);
    if (days.isEmpty()) {
      return;
    }
    long next = i == steps.length - 1 ? asked.getAsLong() : steps[i + 1];
    if (asked.isPresent()) {
      next = Math.min(next, asked.getAsLong());
    }
    LocalDate earliest =
        Instant.ofEpochMilli(next)
            .atZone(model.zone())
            .toLocalDate()
            .minusDays(days.getAsInt() - 1L);
    List<Input> kept = new ArrayList<>(held.size());
    for (int k = 0; k < held.size(); k++) {
      LocalDate day = decoded.get(k).time().atZone(model.zone()).toLocalDate();
      if (day.isBefore(earliest)) {
        demand.dropped(day);
      } else {
        kept.add(held.get(k));
      }
    }
    if (kept.size() < held.size()) {
      events.update(kept);
    }
  }

  private static List<Input> sorted(Iterable<Input> records) {
    List<Input> list = new ArrayList<>();
    if (records != null) {
      records.forEach(list::add);
    }
    list.sort(Input.FILE_ORDER);
    return list;
  }

  /** The card as {@code pls score --format jsonl} writes it, without the line terminator. */
  static String json(ScoreCard card) throws IOException {
    StringWriter text = new StringWriter();
    CardWriter w = CardWriter.jsonLines(text, false, false);
    w.write(card);
    w.flush();
    String s = text.toString();
    return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
  }
}
