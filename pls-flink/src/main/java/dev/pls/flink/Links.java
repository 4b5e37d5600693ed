package dev.pls.flink;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/*
 * pls score reads every file, then joins linked ids into people (IdentityGraph, applied by the
 * CLI's EntityAssembler) and scores each person under its canonical id, its earliest known id,
 * with the events, traits and account statements of all its ids. A stream scores a user at a step
 * from what it has read by then, and cannot know the links read after it, so pls-flink does not
 * join ids; it refuses the run wherever joining could change a card.
 *
 * A link (id -> userId) changes no card when its folded-in id has no records of its own (no
 * event, no traits, no account statement), is no link's userId (never a known id, so it can never
 * be canonical) and is linked to no other userId; then, by the same rules at the userId's key (it
 * is no link's folded-in id), every person is one known id and anonymous ids without records: its
 * canonical id is that known id, and its events, traits and statements are that id's alone, which
 * is the card the stream gives. The IdentityGraph's limits only refuse links, which in such a
 * person changes nothing either. A link whose two ids are equal says nothing about anyone.
 *
 * Everything else is refused, also where the graph's order of links would happen to give the same
 * card (a chain of ids none of which has records): the condition is judged per id, from records
 * keyed by that id alone, so it holds whatever order the stream brings them in and at any
 * parallelism. Each id is refused once, by its first link; the count of an id's links is emitted
 * when the input ends, for the job's summary.
 */
/**
 * Judges the identity links read, keyed by id: an {@link Output#LINKED} for each id whose links
 * {@code pls score} would apply so that a card differs from the stream's, and, when the input ends,
 * an {@link Output#LINKS} counting the id's links.
 */
final class Links extends KeyedProcessFunction<String, Input, Output> {
  private static final long serialVersionUID = 1L;

  private static final byte RECORDS = 1;
  private static final byte KNOWN = 2;
  private static final byte REFUSED = 4;

  /** Why an id's link is refused: its own records would count for another id's card. */
  static final String HAS_RECORDS = "has_records";

  /** Why an id's link is refused: it is also a link's user id, so two known ids are joined. */
  static final String IS_KNOWN = "is_known";

  /** Why an id's link is refused: it is linked to two user ids, which joins two people. */
  static final String TWO_USERS = "two_users";

  private transient ValueState<Byte> flags;
  private transient ValueState<Input> first;
  private transient ValueState<String> known;
  private transient ValueState<Long> count;

  @Override
  public void open(OpenContext context) {
    flags = getRuntimeContext().getState(new ValueStateDescriptor<>("flags", Byte.class));
    first =
        getRuntimeContext()
            .getState(new ValueStateDescriptor<>("first", TypeInformation.of(Input.class)));
    known = getRuntimeContext().getState(new ValueStateDescriptor<>("known", String.class));
    count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Long.class));
  }

  @Override
  public void processElement(Input in, Context ctx, Collector<Output> out) throws Exception {
    byte f = flags.value() == null ? 0 : flags.value();
    if ((f & REFUSED) != 0 && in.kind != Input.LINK) {
      return;
    }
    String other = null;
    switch (in.kind) {
      case Input.LINK -> {
        Long n = count.value();
        if (n == null) {
          ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        }
        count.update(n == null ? 1 : n + 1);
        if ((f & REFUSED) != 0 || in.user.equals(in.detail)) {
          return;
        }
        Input was = first.value();
        if (was == null) {
          first.update(in);
        } else if (!was.detail.equals(in.detail)) {
          other = in.detail;
        }
      }
      case Input.KNOWN -> {
        if (in.user.equals(in.detail)) {
          return;
        }
        f |= KNOWN;
        if (known.value() == null) {
          known.update(in.detail);
        }
      }
      case Input.EVENT, Input.TRAITS, Input.MEMBER -> {
        if ((f & RECORDS) != 0) {
          return;
        }
        f |= RECORDS;
      }
      default -> throw new AssertionError("Links: not an input it judges: kind " + in.kind);
    }
    Input link = first.value();
    if (link != null && ((f & (RECORDS | KNOWN)) != 0 || other != null)) {
      Output o = Output.placed(Output.LINKED, link);
      o.user = link.user;
      o.detail = link.detail;
      if (other != null) {
        o.reason = TWO_USERS;
        o.text = other;
      } else if ((f & RECORDS) != 0) {
        o.reason = HAS_RECORDS;
      } else {
        o.reason = IS_KNOWN;
        o.text = known.value();
      }
      out.collect(o);
      f |= REFUSED;
      known.clear();
    }
    flags.update(f);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Output> out) throws Exception {
    Output o = new Output();
    o.kind = Output.LINKS;
    o.user = ctx.getCurrentKey();
    o.score = count.value();
    out.collect(o);
  }
}
