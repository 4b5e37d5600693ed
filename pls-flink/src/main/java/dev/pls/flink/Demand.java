package dev.pls.flink;

import static java.util.Objects.requireNonNull;

import dev.pls.core.input.Entity;
import dev.pls.core.model.Model;
import dev.pls.core.scoring.Scorer;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.Collector;

/*
 * A request "the card of E as of T" is keyed by E like E's events, so it reaches the task that holds
 * E's state. It is kept in E's keyed state with an event-time timer at T: the timer fires once the
 * watermark passes T, when no event at or before T can still arrive, and the card is then scored
 * from E's state as the step cards are (the same assembly, the same scorer), so it is pls score's
 * card as of T. Requests live in their own state, so they neither register step timers (an entity
 * known only by requests gets no step cards) nor touch the state --emit changes keeps.
 *
 * A request for every entity's card as of T is known when the job is built (Flink's broadcast side
 * has no timers, so one coming at run time could not reach the entities that get no more records):
 * like a step, each entity registers a timer at T when it is first seen, and is answered there.
 *
 * The steps drop events no later step reads; a pending request holds that back (ScoreSteps.prune
 * keeps what the earliest pending request reads too). A request that comes after its events were
 * dropped cannot be answered right: the latest local day of a dropped event is kept, and a request
 * whose windows reach that day (or any request, once the last step dropped the whole state) is
 * refused, never answered wrong.
 */
/** The requests for an entity's card on demand, in the entity's keyed state, and their answers. */
final class Demand {
  /** A request for every entity's card as of {@code time}, at {@code file} and {@code line}. */
  record Everyone(long time, int file, long line) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  private final Model model;
  private final List<Everyone> everyone;
  private final Scorer scorer;
  private final ListState<Input> pending;

  /** The latest local epoch day of a dropped event; {@link Long#MAX_VALUE} after the last step. */
  private final ValueState<Long> droppedThrough;

  Demand(Model model, Scorer scorer, List<Everyone> everyone, RuntimeContext context) {
    this.model = requireNonNull(model, "model");
    this.everyone = List.copyOf(everyone);
    this.scorer = requireNonNull(scorer, "scorer");
    pending =
        context.getListState(
            new ListStateDescriptor<>("requests", TypeInformation.of(Input.class)));
    droppedThrough = context.getState(new ValueStateDescriptor<>("dropped-through", Types.LONG));
  }

  /** Keeps the request and sets a timer at its as-of time. */
  void request(Input request, TimerService timers) throws Exception {
    pending.add(request);
    timers.registerEventTimeTimer(request.time);
  }

  /** Sets a timer at each request for every entity's card: the entity was first seen. */
  void seen(TimerService timers) {
    for (Everyone e : everyone) {
      timers.registerEventTimeTimer(e.time());
    }
  }

  /**
   * The requests due at {@code time}, in the order they were given; none when there are none.
   *
   * @param entity the entity
   * @param seen whether it was seen (and so asked by the requests for every entity)
   */
  List<Input> due(long time, String entity, boolean seen) throws Exception {
    List<Input> due = new ArrayList<>();
    if (seen) {
      for (Everyone e : everyone) {
        if (e.time() == time) {
          Input r = new Input();
          r.kind = Input.REQUEST;
          r.user = entity;
          r.time = time;
          r.file = e.file();
          r.line = e.line();
          due.add(r);
        }
      }
    }
    Iterable<Input> all = pending.get();
    if (all != null) {
      all.forEach(
          r -> {
            if (r.time == time) {
              due.add(r);
            }
          });
    }
    due.sort(Input.FILE_ORDER);
    return due;
  }

  /** The earliest as-of time of a request still to answer after {@code time}. */
  OptionalLong earliestAfter(long time) throws Exception {
    long min = Long.MAX_VALUE;
    for (Everyone e : everyone) {
      if (e.time() > time) {
        min = Math.min(min, e.time());
      }
    }
    Iterable<Input> all = pending.get();
    if (all != null) {
      for (Input r : all) {
        min = Math.min(min, r.time);
      }
    }
    return min == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(min);
  }

  /**
   * Answers the requests due at {@code time} with {@code entity}'s card, or a refusal when events
   * it reads were dropped; then forgets them.
   *
   * @param seen whether a record of the entity had been read
   */
  void answer(List<Input> due, Entity entity, boolean seen, long time, Collector<Output> out)
      throws Exception {
    String refusal = refusal(time);
    String card =
        refusal == null ? ScoreSteps.json(scorer.score(entity, Instant.ofEpochMilli(time))) : null;
    for (Input r : due) {
      Output o = Output.placed(Output.ANSWER, r);
      o.user = r.user;
      o.step = r.time;
      o.text = card;
      o.detail = refusal;
      o.seen = seen;
      out.collect(o);
    }
    List<Input> left = new ArrayList<>();
    Iterable<Input> all = pending.get();
    if (all != null) {
      for (Input r : all) {
        if (r.time != time) {
          left.add(r);
        }
      }
    }
    pending.update(left);
  }

  /** Records that events up to the local day {@code day} were dropped. */
  void dropped(LocalDate day) throws Exception {
    Long held = droppedThrough.value();
    long d = day.toEpochDay();
    if (held == null || held < d) {
      droppedThrough.update(d);
    }
  }

  /** Records that the entity's whole state was dropped (after the last step). */
  void droppedAll() throws Exception {
    droppedThrough.update(Long.MAX_VALUE);
  }

  /** Why a request as of {@code time} cannot be answered right, or null when it can. */
  private String refusal(long time) throws Exception {
    Long dropped = droppedThrough.value();
    if (dropped == null) {
      return null;
    }
    if (dropped == Long.MAX_VALUE) {
      return "the entity's state was dropped after the last step; give steps through the last"
          + " instant asked about";
    }
    OptionalInt days = model.inputs().historyDays();
    LocalDate asOf = Instant.ofEpochMilli(time).atZone(model.zone()).toLocalDate();
    if (days.isPresent() && dropped < asOf.minusDays(days.getAsInt() - 1L).toEpochDay()) {
      return null;
    }
    return "events of "
        + LocalDate.ofEpochDay(dropped)
        + " that this card reads were dropped after an earlier step; ask before that step's"
        + " watermark";
  }
}
