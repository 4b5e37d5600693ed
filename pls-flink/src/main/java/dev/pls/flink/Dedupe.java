package dev.pls.flink;

import dev.pls.cli.io.RejectReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/*
 * pls score accepts a Segment call whose messageId it has not accepted before in the run, in any
 * file, and rejects the others as duplicates: of the copies of a call, the first in reading order
 * (file after file, line after line) counts. Each file's parser already rejects copies within its
 * file; across files (and a Kafka topic's records, which are parsed one at a time), records that
 * carry a messageId are keyed by it here.
 *
 * Files are read in parallel and in no fixed order, so the first copy to arrive need not be the
 * first in reading order. A call's copies carry its timestamp (Segment retries a message as it
 * was), and a reader passes the watermark beyond a time only after reading its file's records up to
 * it (less the lateness); so every copy of a call at time t that is not late has arrived when the
 * watermark passes t. The records are held until then (a timer at t), and the copy first in
 * reading order is accepted, the others rejected. Records whose time the watermark has already
 * passed (late ones; traits and statements of membership, which have none) are decided at once.
 *
 * Released records reach the scoring stage before the watermark that released them, so they are
 * not late there. The accepted messageId is kept until the watermark passes its time by HORIZON, so
 * later copies are rejected too; after that the state is gone (a copy that late is a late event
 * anyway, unless the lateness is longer). A bounded input's last watermark fires every timer after
 * its last record, so it changes nothing there.
 */
/** Rejects a Segment call whose messageId was accepted before, across files, as pls score does. */
final class Dedupe extends KeyedProcessFunction<String, Input, Input> {
  private static final long serialVersionUID = 1L;

  /** How long past its call's time an accepted messageId is kept, in event time. */
  static final Duration HORIZON = Duration.ofDays(1);

  private transient ListState<Input> held;
  private transient ValueState<Long> expires;

  /**
   * The inputs with copies of a Segment call across files rejected as duplicates: those carrying a
   * messageId go through this stage keyed by it, under the fixed id {@code pls-dedupe}.
   */
  static DataStream<Input> apply(DataStream<Input> inputs) {
    DataStream<Input> keyed =
        inputs
            .filter(in -> in.messageId != null)
            .keyBy(new ByMessageId())
            .process(new Dedupe())
            .returns(Input.class)
            .uid("pls-dedupe")
            .name("pls Segment messageIds");
    return inputs.filter(in -> in.messageId == null).union(keyed);
  }

  @Override
  public void open(OpenContext context) {
    held =
        getRuntimeContext()
            .getListState(new ListStateDescriptor<>("held", TypeInformation.of(Input.class)));
    expires = getRuntimeContext().getState(new ValueStateDescriptor<>("expires", Types.LONG));
  }

  @Override
  public void processElement(Input in, Context ctx, Collector<Input> out) throws Exception {
    if (expires.value() != null) {
      duplicate(in, out);
      return;
    }
    long watermark = ctx.timerService().currentWatermark();
    held.add(in);
    if (in.time > watermark) {
      ctx.timerService().registerEventTimeTimer(in.time);
    } else {
      decide(watermark, ctx.timerService(), out);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Input> out) throws Exception {
    Long until = expires.value();
    if (until == null) {
      decide(timestamp, ctx.timerService(), out);
    } else if (timestamp >= until) {
      expires.clear();
    }
  }

  /** Accepts the held records of the copy first in reading order, rejects the others. */
  private void decide(
      long now, org.apache.flink.streaming.api.TimerService timers, Collector<Input> out)
      throws Exception {
    List<Input> copies = new ArrayList<>();
    Iterable<Input> all = held.get();
    if (all != null) {
      all.forEach(copies::add);
    }
    if (copies.isEmpty()) {
      return;
    }
    copies.sort(Input.FILE_ORDER);
    Input first = copies.get(0);
    for (Input c : copies) {
      if (c.file == first.file && c.line == first.line) {
        c.messageId = null;
        c.text = null;
        out.collect(c);
      } else {
        duplicate(c, out);
      }
    }
    held.clear();
    // A call without event time decided before any watermark (an identify call read first) is
    // kept to the end: there is no event time to bound it by.
    long base = Math.max(now, first.time);
    long until =
        base == Long.MIN_VALUE || base > Long.MAX_VALUE - HORIZON.toMillis()
            ? Long.MAX_VALUE
            : base + HORIZON.toMillis();
    expires.update(until);
    timers.registerEventTimeTimer(until);
  }

  /**
   * The reject of a copy, as pls score words it: one per line (a line's other records carry no
   * text).
   */
  private static void duplicate(Input copy, Collector<Input> out) {
    if (copy.text == null) {
      return;
    }
    String id = copy.messageId;
    Input r = new Input();
    r.kind = Input.REJECT;
    r.file = copy.file;
    r.line = copy.line;
    r.reason = RejectReason.DUPLICATE.code();
    r.detail =
        "messageId '"
            + (id.length() > 200 ? id.substring(0, 200) + "…" : id)
            + "' was already read; not counted twice";
    r.text = copy.text;
    out.collect(r);
  }

  /** The key of a Segment call's records: its messageId. */
  static final class ByMessageId implements KeySelector<Input, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String getKey(Input in) {
      return in.messageId;
    }
  }
}
