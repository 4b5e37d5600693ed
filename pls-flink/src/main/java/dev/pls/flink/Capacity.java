package dev.pls.flink;

import static java.util.Objects.requireNonNull;

import dev.pls.core.handoff.Alert;
import dev.pls.core.model.Handoff;
import dev.pls.core.model.Model;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/*
 * The second keyed stage of the hand-off: a queue's daily capacity. The Router decides each
 * entity's alerts from that entity's state alone (episodes, holds, triggers, cooldowns, the
 * hold-out); only whether an alert is sent or goes to triage depends on other entities, through
 * the slots its queue has left on the step's local day. The router gives them out after sorting
 * the step's alerts by priority (level, tier rank, score descending, entity, queue), so within one
 * queue the order is the same sort restricted to that queue, and queues do not interact.
 *
 * So the user stage routes each user through a Router of its own (whose state does not depend on
 * what capacity decided: a triaged alert counts as alerted, as a sent one), and sends the alerts to
 * a queue with a capacity here, keyed by (queue, local day). An alert carries its step's instant as
 * its event time: this stage holds a step's alerts until the watermark passes the step, which is
 * after every user task has fired that step's timers (a task fires its timers before it passes the
 * watermark on), sorts them as the router does, and gives out the day's slots. The slots used stay
 * in state until the day's last step; then the key's state is cleared.
 */
/** Gives out each queue's daily slots to a step's alerts in the router's order of priority. */
final class Capacity extends KeyedProcessFunction<String, Output, Output> {
  private static final long serialVersionUID = 1L;

  /** The router's priority within one queue: level, tier rank, score descending, entity. */
  static final Comparator<Output> PRIORITY =
      Comparator.<Output>comparingInt(o -> o.level)
          .thenComparingInt(o -> o.rank)
          .thenComparing(Comparator.<Output>comparingLong(o -> o.score).reversed())
          .thenComparing(o -> o.user)
          .thenComparing(o -> o.queue);

  private static final String STATUS = ",\"status\":\"";

  private final ModelSource source;
  private final long[] steps;
  private transient Model model;
  private transient ListState<Output> pending;
  private transient ValueState<Integer> used;

  /**
   * @param source the model
   * @param steps the steps, epoch milliseconds, ascending
   */
  Capacity(ModelSource source, long[] steps) {
    this.source = requireNonNull(source, "source");
    this.steps = steps.clone();
  }

  @Override
  public void open(OpenContext context) {
    model = source.model();
    pending =
        getRuntimeContext()
            .getListState(new ListStateDescriptor<>("pending", TypeInformation.of(Output.class)));
    used = getRuntimeContext().getState(new ValueStateDescriptor<>("used", Types.INT));
  }

  @Override
  public void processElement(Output alert, Context ctx, Collector<Output> out) throws Exception {
    if (alert.step <= ctx.timerService().currentWatermark()) {
      // Every user is routed at a step before the watermark passes it, but for one first seen
      // after the step, which PlsStream.score refuses to alert on (see its checkEmptyCards).
      throw new AssertionError(
          "an alert of step " + Instant.ofEpochMilli(alert.step) + " came after the step closed");
    }
    pending.add(alert);
    ctx.timerService().registerEventTimeTimer(alert.step);
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext ctx, Collector<Output> out) throws Exception {
    List<Output> now = new ArrayList<>();
    List<Output> later = new ArrayList<>();
    for (Output o : pending.get()) {
      (o.step == timestamp ? now : later).add(o);
    }
    now.sort(PRIORITY);
    Handoff.Queue queue = model.handoff().orElseThrow().queue(now.get(0).queue).orElseThrow();
    int capacity = queue.capacity().getAsInt();
    Integer u = used.value();
    int slots = u == null ? 0 : u;
    for (Output o : now) {
      Alert.Status status;
      if (slots < capacity) {
        status = Alert.Status.SENT;
        slots++;
      } else {
        status = Alert.Status.TRIAGE;
      }
      o.kind = Output.ALERT;
      o.text = withStatus(o.text, status);
      out.collect(o);
    }
    pending.update(later);
    if (lastStepOfDay(timestamp)) {
      used.clear();
    } else {
      used.update(slots);
    }
  }

  private boolean lastStepOfDay(long step) {
    ZoneId zone = model.zone();
    LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(step), zone);
    for (long s : steps) {
      if (s > step && LocalDate.ofInstant(Instant.ofEpochMilli(s), zone).equals(day)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The alert line with its status replaced. The {@code status} field is the first of the line to
   * be written after a comma as {@code ,"status":"}: inside a JSON string a quote is escaped, so
   * that text cannot occur in the values before it.
   */
  static String withStatus(String line, Alert.Status status) {
    int at = line.indexOf(STATUS);
    if (at < 0) {
      throw new AssertionError("an alert line without a status: " + line);
    }
    int from = at + STATUS.length();
    int to = line.indexOf('"', from);
    return line.substring(0, from) + status.name().toLowerCase(Locale.ROOT) + line.substring(to);
  }

  /** The key of an alert to a limited queue: its queue and its step's local day. */
  static final class ByQueueDay implements KeySelector<Output, String> {
    private static final long serialVersionUID = 1L;
    private final String zone;
    private transient ZoneId zoneId;

    ByQueueDay(ZoneId zone) {
      this.zone = zone.getId();
    }

    @Override
    public String getKey(Output o) {
      if (zoneId == null) {
        zoneId = ZoneId.of(zone);
      }
      return o.queue + "/" + LocalDate.ofInstant(Instant.ofEpochMilli(o.step), zoneId);
    }
  }
}
