package dev.pls.flink;

import static java.util.Objects.requireNonNull;

import dev.pls.cli.io.InputFormat;
import dev.pls.core.handoff.Alert;
import dev.pls.core.handoff.Router;
import dev.pls.core.handoff.RouterStep;
import dev.pls.core.input.Entity;
import dev.pls.core.model.EntityKind;
import dev.pls.core.model.Model;
import dev.pls.core.scoring.Scorer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.serialization.Encoder;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.sink.KafkaSinkBuilder;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.BasePathBucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;

/*
 * The topology:
 *
 *   trait files ──────┐ (the trait source holds the watermark back until it has read every file,
 *   event files ──────┴─ so no step fires before a user's traits are in its state)
 *   (or a Kafka topic)
 *        │ JsonLinesFormat (KafkaLines): lines (records) → Input (event, user traits, reject),
 *        │ timestamps, watermarks
 *        ├── rejects ─────────────────────────────────────────────┐
 *        └── keyBy(user) → ScoreSteps (keyed state, step timers) ─┴─→ Output (cards, rejects, late)
 *              │ with a hand-off: alerts of the user's own Router; those to a queue with a daily
 *              └── capacity → keyBy(queue, local day) → Capacity: sent or triage ─→ Output (alerts)
 *
 * An account model puts Homes before ScoreSteps: keyBy(user) → Homes (a user's events sent on to
 * the account they count for), unioned with the accounts' own records, → keyBy(account) →
 * ScoreSteps.
 *
 * Watermarks are bounded out-of-orderness by the allowed lateness, emitted with each event: a step
 * at T fires when an event later than T + lateness has been read (or the input ends). Each source reader reads its files one
 * after another, so files should be split by time, not by user, or the lateness cover the overlap.
 */
/**
 * Wires pls's operators into a Flink job: sources of files or a Kafka topic, then scoring at steps.
 */
public final class PlsStream {
  /**
   * The {@link Input#file} of the first trait file read beside a Kafka topic ({@link #read(
   * StreamExecutionEnvironment, ModelSource, KafkaSource, List, Duration)}): partition {@code p} of
   * the topic is file {@code p}, below it.
   */
  public static final int KAFKA_TRAITS = 1 << 20;

  private PlsStream() {}

  /** Which cards {@link #score(DataStream, ModelSource, List, Emit)} emits. */
  public enum Emit {
    /** Every entity's card at every step. */
    ALL,
    /**
     * An entity's card at a step only when its tier, score or exclusion differs from the last card
     * emitted for it (its first card always): what changed, for a live feed.
     */
    CHANGES
  }

  /**
   * A Kafka source of a user model's events: {@code topic}'s records, each one JSON Lines record (a
   * flat event or a Segment call, as a line of an events file), read as {@code pls score} reads
   * that line, a bad one becoming a reject named {@code TOPIC-PARTITION} at the record's offset +
   * 1. The builder has the topic and the deserializer; give it the bootstrap servers, the group,
   * the starting (and for a bounded job the stopping) offsets and any client properties, and pass
   * what it builds to {@link #read(StreamExecutionEnvironment, ModelSource, KafkaSource, List,
   * Duration)}, which deduplicates Segment {@code messageId}s across the records.
   *
   * @throws IllegalArgumentException if the topic is blank
   */
  public static KafkaSourceBuilder<Input> kafka(ModelSource model, String topic) {
    requireNonNull(model, "model");
    requireNonNull(topic, "topic");
    if (topic.isBlank()) {
      throw new IllegalArgumentException("topic: must not be blank");
    }
    return KafkaSource.<Input>builder().setTopics(topic).setDeserializer(new KafkaLines(model));
  }

  /**
   * Reads a Kafka source of events made by {@link #kafka} (and trait files beside it, numbered from
   * {@link #KAFKA_TRAITS}), with the watermarks of {@link #read(StreamExecutionEnvironment,
   * ModelSource, List, List, Duration)}: events up to {@code lateness} out of order, none past the
   * first step before every trait file is read. The source gets the fixed id {@code pls-kafka}. A
   * Segment call whose {@code messageId} was accepted earlier is a duplicate reject, as across
   * files in {@code pls score} (in a stage with the fixed id {@code pls-dedupe}).
   *
   * @throws IllegalArgumentException naming the file when a trait file is a CSV file, or if the
   *     lateness is negative
   */
  public static DataStream<Input> read(
      StreamExecutionEnvironment env,
      ModelSource model,
      KafkaSource<Input> events,
      List<Path> traits,
      Duration lateness) {
    requireNonNull(env, "env");
    requireNonNull(model, "model");
    requireNonNull(events, "events");
    WatermarkStrategy<Input> watermarks = watermarks(lateness);
    for (Path p : traits) {
      refuseCsv("traits", p);
    }
    // Copies of a Segment call on the topic become duplicate rejects (the parser reads a record
    // alone).
    DataStream<Input> eventStream =
        Dedupe.apply(
            env.fromSource(events, watermarks, "pls kafka events", TypeInformation.of(Input.class))
                .uid("pls-kafka"));
    return traits.isEmpty()
        ? eventStream
        : traitStream(env, model, traits, KAFKA_TRAITS, watermarks).union(eventStream);
  }

  /**
   * Reads JSON Lines (flat or Segment) event and trait files, gzipped when their names end in
   * {@code .gz}, with event-time watermarks that allow events up to {@code lateness} out of order
   * and do not pass the first step before every trait file is read. The sources get fixed ids
   * ({@code pls-events}, {@code pls-traits}), so a job reads events and traits with one call. A
   * Segment call whose {@code messageId} was accepted in an earlier event file is a duplicate
   * reject, as in {@code pls score} (in a stage with the fixed id {@code pls-dedupe}).
   *
   * @throws IllegalArgumentException naming the file when one is a CSV file (not read here), and
   *     when there is no file, or the lateness is negative
   */
  public static DataStream<Input> read(
      StreamExecutionEnvironment env,
      ModelSource model,
      List<Path> events,
      List<Path> traits,
      Duration lateness) {
    requireNonNull(env, "env");
    requireNonNull(model, "model");
    WatermarkStrategy<Input> watermarks = watermarks(lateness);
    if (events.isEmpty() && traits.isEmpty()) {
      throw new IllegalArgumentException("events: give at least one event or trait file");
    }
    for (Path p : events) {
      refuseCsv("events", p);
    }
    for (Path p : traits) {
      refuseCsv("traits", p);
    }
    // Fixed operator ids, so that a savepoint restores into a job built by a later version.
    DataStream<Input> eventStream =
        events.isEmpty()
            ? null
            : env.fromSource(
                    source(model, events, 0, false),
                    watermarks,
                    "pls events",
                    TypeInformation.of(Input.class))
                .uid("pls-events");
    if (events.size() > 1) {
      // Copies of a Segment call in another event file become duplicate rejects; within a file
      // its parser rejects them. With one file the scoring stage has a single input path, so
      // which events are late depends only on the order the reader reads them in.
      eventStream = Dedupe.apply(eventStream);
    }
    DataStream<Input> traitStream =
        traits.isEmpty() ? null : traitStream(env, model, traits, events.size(), watermarks);
    if (traitStream == null) {
      return eventStream;
    }
    // The trait source emits no watermark until it has read every file, so no step fires before
    // every user's traits are in its state.
    return eventStream == null ? traitStream : traitStream.union(eventStream);
  }

  /**
   * Scores every user (or, for an account model, members or not, every account) as of each of
   * {@code steps}: its cards (one per entity and step, JSON lines of {@code pls score --format
   * jsonl}), the rejected records and the late events. For an account model a user's events count
   * for the account they name, else for the user's account by the account rule as of the user's
   * first step, which must not change after it: a user whose account does gives a {@link
   * Output#MOVED} output, and the cards are then not {@code pls score}'s. When the model has a
   * hand-off, the alerts {@code pls route} makes over the same steps (JSON lines of {@code pls
   * route}, each with its stable {@code id}), routed per user in keyed state and given each queue's
   * daily capacity in a second stage keyed by queue and local day.
   *
   * <p>An account model that rolls up members also gets each user as a member of that account from
   * that step on. Where the member model does not exclude a user with nothing read, {@code pls
   * score} counts it as a member at every step, so its account is then fixed at every step once it
   * is read, and an account stated only later gives a {@link Output#MOVED} output too.
   *
   * <p>Identity links (Segment calls carrying both ids, alias calls) are not applied: an id whose
   * links {@code pls score} would apply so that a card differs gives a {@link Output#LINKED}
   * output, and each id folded in by links a {@link Output#LINKS} count when the input ends.
   *
   * @throws IllegalArgumentException if the model is not one these operators score, there is no
   *     step, a step is not a whole millisecond, or the model's hand-off alerts a user with no
   *     events and no traits at one of the steps (the stream cannot route users before it has read
   *     them, as {@code pls route} does)
   */
  public static DataStream<Output> score(
      DataStream<Input> inputs, ModelSource model, List<Instant> steps) {
    return score(inputs, model, steps, Emit.ALL);
  }

  /**
   * {@link #score(DataStream, ModelSource, List)}, emitting the cards {@code emit} says: all of
   * them, or with {@link Emit#CHANGES} an entity's card only when its tier, score or exclusion
   * changed since the last one emitted for it (kept in keyed state, so it survives a restore). The
   * alerts, rejects and late events are the same in both.
   *
   * @throws IllegalArgumentException as {@link #score(DataStream, ModelSource, List)} does
   */
  public static DataStream<Output> score(
      DataStream<Input> inputs, ModelSource model, List<Instant> steps, Emit emit) {
    return score(inputs, model, steps, emit, null);
  }

  /**
   * {@link #score(DataStream, ModelSource, List, Emit)}, also answering {@code requests} for cards
   * on demand (made by {@link #request} or {@link #requests}): each request for the card of an
   * entity as of T gives an {@link Output#ANSWER} once the watermark passes T, with the card {@code
   * pls score --as-of T} gives that entity over the same input, or a refusal when events that card
   * reads were dropped after an earlier step. The step cards, the alerts and the state of {@link
   * Emit#CHANGES} are those of a run without requests. Requests hold the steps back as their
   * watermarks do: give an unbounded stream of requests watermarks (or idleness), or none when it
   * is bounded (it then holds every step until it has been read). Rejected requests are rejects.
   *
   * <p>A request for every entity's card as of T ({@link #requestAll}) gives an answer per entity
   * of the input, once the watermark passes T (an entity first read later, at once then), as {@code
   * pls score --as-of T} gives a card per user of its input. Such requests are known when the job
   * is built: each entity sets a timer at them when it is first seen, as at the steps.
   *
   * @param requests the requests, or null for none
   * @throws IllegalArgumentException as {@link #score(DataStream, ModelSource, List)} does, or if
   *     there are requests and the model is an account model (their users' events reach an account
   *     only at the steps)
   */
  public static DataStream<Output> score(
      DataStream<Input> inputs,
      ModelSource model,
      List<Instant> steps,
      Emit emit,
      Requests requests) {
    requireNonNull(inputs, "inputs");
    requireNonNull(emit, "emit");
    Model m = model.model();
    if (requests != null) {
      if (m.entity() == EntityKind.ACCOUNT) {
        throw new IllegalArgumentException(
            "requests: cards on demand are answered for user models; '"
                + m.id()
                + "' is an account model, whose users' events reach their account only at the"
                + " steps");
      }
      if (requests.entities() != null) {
        inputs = inputs.union(requests.entities());
      }
    }
    List<Demand.Everyone> everyone = new ArrayList<>();
    if (requests != null) {
      for (Input r : requests.everyone()) {
        everyone.add(new Demand.Everyone(r.time, r.file, r.line));
      }
    }
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("steps: give at least one step");
    }
    long[] millis = new long[steps.size()];
    for (int i = 0; i < millis.length; i++) {
      Instant t = steps.get(i);
      if (t.getNano() % 1_000_000 != 0) {
        throw new IllegalArgumentException(
            "steps: " + t + " is not a whole millisecond (event time is kept in milliseconds)");
      }
      millis[i] = t.toEpochMilli();
    }
    java.util.Arrays.sort(millis);
    if (m.handoff().isPresent()) {
      refuseAlertsOnNothing(m, millis);
    }
    DataStream<Output> rejects =
        inputs.filter(in -> in.kind == Input.REJECT).map(PlsStream::rejected).returns(Output.class);
    // pls score joins linked ids into people; the stream does not, and refuses where it would
    // differ.
    rejects =
        rejects.union(
            inputs
                .filter(
                    in ->
                        in.kind == Input.LINK
                            || in.kind == Input.KNOWN
                            || in.kind == Input.EVENT
                            || in.kind == Input.TRAITS
                            || in.kind == Input.MEMBER)
                .keyBy(new ByUser())
                .process(new Links())
                .returns(Output.class)
                .uid("pls-links")
                .name("pls identity links"));
    DataStream<Output> scored;
    if (m.entity() == EntityKind.ACCOUNT) {
      // A user's events go to their account through Homes; an account's own records go there
      // straight.
      SingleOutputStreamOperator<Input> homes =
          inputs
              .filter(
                  in ->
                      in.kind == Input.EVENT || in.kind == Input.TRAITS || in.kind == Input.MEMBER)
              .keyBy(new ByUser())
              .process(
                  m.memberModel().isPresent()
                      ? new Homes(millis, Members.emptyIncluded(m, millis))
                      : new Homes(millis))
              .returns(Input.class)
              .uid("pls-homes")
              .name("pls users to accounts");
      scored =
          inputs
              .filter(in -> in.kind == Input.ACCOUNT_EVENT || in.kind == Input.ACCOUNT_TRAITS)
              .union(homes)
              .keyBy(new ByAccount())
              .process(new ScoreSteps(model, millis, emit))
              .returns(Output.class)
              .uid("pls-score-steps")
              .name("pls score accounts at steps");
      rejects = rejects.union(homes.getSideOutput(Homes.REPORTS));
    } else {
      scored =
          inputs
              .filter(
                  in -> in.kind != Input.REJECT && in.kind != Input.LINK && in.kind != Input.KNOWN)
              .keyBy(new ByUser())
              .process(new ScoreSteps(model, millis, emit, everyone))
              .returns(Output.class)
              .uid("pls-score-steps")
              .name("pls score at steps");
    }
    if (m.handoff().isEmpty()) {
      return scored.union(rejects);
    }
    DataStream<Output> limited =
        scored
            .filter(o -> o.kind == Output.PENDING)
            .keyBy(new Capacity.ByQueueDay(m.zone()))
            .process(new Capacity(model, millis))
            .returns(Output.class)
            .uid("pls-capacity")
            .name("pls queue capacity per day");
    return scored.filter(o -> o.kind != Output.PENDING).union(rejects, limited);
  }

  /**
   * Requests for cards on demand, for {@link #score(DataStream, ModelSource, List, Emit,
   * Requests)}.
   *
   * @param entities a stream of requests for one entity's card ({@link #request}), or null
   * @param everyone requests for every entity's card ({@link #requestAll}), known when the job is
   *     built
   */
  public record Requests(DataStream<Input> entities, List<Input> everyone) {
    /**
     * @throws IllegalArgumentException if one of {@code everyone} is not a request for every
     *     entity's card
     */
    public Requests {
      everyone = List.copyOf(everyone);
      for (Input r : everyone) {
        if (r.kind != Input.REQUEST || r.user != null) {
          throw new IllegalArgumentException(
              "everyone: expected requests of requestAll, was one of kind " + r.kind);
        }
      }
    }
  }

  /**
   * A request for every entity's card as of {@code asOf}, for {@link Requests#everyone()}; its
   * answers carry {@code id} as their {@code line}.
   *
   * @throws IllegalArgumentException if the instant is not a whole millisecond
   */
  public static Input requestAll(Instant asOf, long id) {
    requireNonNull(asOf, "asOf");
    if (asOf.getNano() % 1_000_000 != 0) {
      throw new IllegalArgumentException(
          "asOf: " + asOf + " is not a whole millisecond (event time is kept in milliseconds)");
    }
    Input in = new Input();
    in.kind = Input.REQUEST;
    in.time = asOf.toEpochMilli();
    in.line = id;
    return in;
  }

  /**
   * A request for the card of {@code entity} as of {@code asOf}, for {@link Requests#entities()};
   * its answer carries {@code id} as its {@code line}.
   *
   * @throws IllegalArgumentException if the entity cannot be an entity's id, or the instant is not
   *     a whole millisecond
   */
  public static Input request(String entity, Instant asOf, long id) {
    requireNonNull(entity, "entity");
    requireNonNull(asOf, "asOf");
    try {
      RequestLines.checkId(entity);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("entity: " + e.getMessage(), e);
    }
    if (asOf.getNano() % 1_000_000 != 0) {
      throw new IllegalArgumentException(
          "asOf: " + asOf + " is not a whole millisecond (event time is kept in milliseconds)");
    }
    Input in = new Input();
    in.kind = Input.REQUEST;
    in.user = entity;
    in.time = asOf.toEpochMilli();
    in.line = id;
    return in;
  }

  /**
   * The requests of a JSON Lines file ({@code {"entity": "u1", "as_of": "2026-11-20T12:00:00Z"}},
   * or {@code {"all": true, "as_of": …}} for every entity's card, a line), read when the job is
   * built: those for one entity's card (and the rejects) as a bounded stream without watermarks
   * under the fixed id {@code pls-requests}, so no step fires before it has been read. A bad line
   * is a reject at file index {@code index} (its reason a rejects file's: {@code malformed}, {@code
   * missing_id}, {@code bad_time}…).
   *
   * @throws IOException if the file cannot be read
   */
  public static Requests requests(StreamExecutionEnvironment env, Path file, int index)
      throws IOException {
    requireNonNull(env, "env");
    requireNonNull(file, "file");
    List<Input> read = new ArrayList<>();
    List<Input> everyone = new ArrayList<>();
    for (Input in : RequestLines.read(file, index)) {
      (in.kind == Input.REQUEST && in.user == null ? everyone : read).add(in);
    }
    return new Requests(requestStream(env, read), everyone);
  }

  private static DataStream<Input> requestStream(StreamExecutionEnvironment env, List<Input> read) {
    return env.fromData(read, TypeInformation.of(Input.class))
        .uid("pls-requests")
        .assignTimestampsAndWatermarks(
            WatermarkStrategy.<Input>noWatermarks().withTimestampAssigner((in, ts) -> in.time))
        .name("pls requests");
  }

  /** The alerts of a stream {@link #score} made: those of its outputs that are alerts. */
  public static DataStream<Output> alerts(DataStream<Output> outputs) {
    return requireNonNull(outputs, "outputs")
        .filter(o -> o.kind == Output.ALERT)
        .returns(Output.class)
        .name("pls alerts");
  }

  /**
   * A file sink of alerts exactly once: each {@link Output#ALERT}'s JSON line, in part files under
   * {@code dir} (named {@code alerts-…jsonl}) that are committed when a checkpoint completes, and
   * rolled at each checkpoint; a job restored from a checkpoint discards what it had written since,
   * so no alert is in the committed files twice. Enable checkpointing, or nothing is committed
   * before the input ends. Feed it {@link #alerts}.
   */
  public static FileSink<Output> alertSink(Path dir) {
    requireNonNull(dir, "dir");
    return FileSink.<Output>forRowFormat(
            new org.apache.flink.core.fs.Path(dir.toAbsolutePath().normalize().toUri()),
            new AlertLines())
        .withBucketAssigner(new BasePathBucketAssigner<>())
        .withRollingPolicy(OnCheckpointRollingPolicy.build())
        .withOutputFileConfig(
            OutputFileConfig.builder().withPartPrefix("alerts").withPartSuffix(".jsonl").build())
        .build();
  }

  /**
   * A Kafka sink of alerts exactly once: each {@link Output#ALERT} a record of {@code topic}, its
   * JSON line the value and its id ({@code Alert.id()}) the key, written in Kafka transactions
   * committed when a checkpoint completes ({@link DeliveryGuarantee#EXACTLY_ONCE}); a job restored
   * from a checkpoint aborts what it wrote since, so a consumer reading with {@code
   * isolation.level=read_committed} sees every alert once. The builder has the topic, the
   * serializer, the guarantee and {@code transactionalIdPrefix} (unique per job writing to the
   * brokers); give it the bootstrap servers and any producer properties (a {@code
   * transaction.timeout.ms} within the brokers' {@code transaction.max.timeout.ms}, security).
   * Enable checkpointing. Feed it {@link #alerts}.
   *
   * @throws IllegalArgumentException if the topic or the prefix is blank
   */
  public static KafkaSinkBuilder<Output> kafkaAlertSink(
      String topic, String transactionalIdPrefix) {
    requireNonNull(topic, "topic");
    requireNonNull(transactionalIdPrefix, "transactionalIdPrefix");
    if (topic.isBlank()) {
      throw new IllegalArgumentException("topic: must not be blank");
    }
    if (transactionalIdPrefix.isBlank()) {
      throw new IllegalArgumentException("transactionalIdPrefix: must not be blank");
    }
    return KafkaSink.<Output>builder()
        .setRecordSerializer(new AlertRecords(topic))
        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
        .setTransactionalIdPrefix(transactionalIdPrefix);
  }

  /** An alert's JSON line and a newline, in UTF-8. */
  static final class AlertLines implements Encoder<Output> {
    private static final long serialVersionUID = 1L;

    @Override
    public void encode(Output o, OutputStream out) throws IOException {
      if (o.kind != Output.ALERT) {
        throw new IllegalArgumentException(
            "alertSink: takes alerts only, was an output of kind " + o.kind + "; feed it alerts()");
      }
      out.write(o.text.getBytes(StandardCharsets.UTF_8));
      out.write('\n');
    }
  }

  /*
   * pls route scores every user of its input at every step, also before the user's first record;
   * the stream routes a user at the steps before it was first read only once it is read, after
   * the capacity stage has closed those steps. That is the same only if a user with nothing read
   * makes no alert, which holds for the models one writes (a tier or trigger needs something that
   * happened) but not for every model: a tier that holds at score 0 with no traits. Such a model
   * is refused by the steps it would alert at, so no alert can differ.
   */
  private static void refuseAlertsOnNothing(Model m, long[] steps) {
    Scorer scorer = Scorer.fast(m);
    Router router = Router.create(m);
    Entity nobody = new Entity("nobody", Map.of(), List.of());
    for (long step : steps) {
      Instant at = Instant.ofEpochMilli(step);
      RouterStep s = router.step(at, List.of(scorer.score(nobody, at)));
      if (!s.alerts().isEmpty()) {
        Alert a = s.alerts().get(0);
        throw new IllegalArgumentException(
            "model: '"
                + m.id()
                + "' alerts a user with no events and no traits (at "
                + at
                + ", to queue "
                + a.queue()
                + ": "
                + String.join("; ", a.reasons())
                + "); pls route alerts every user of its input at every step, also before its"
                + " first record, which a stream cannot know: give the tier or trigger a condition"
                + " on what a user did or is");
      }
    }
  }

  private static WatermarkStrategy<Input> watermarks(Duration lateness) {
    requireNonNull(lateness, "lateness");
    if (lateness.isNegative()) {
      throw new IllegalArgumentException("lateness: must not be negative, was " + lateness);
    }
    return WatermarkStrategy.<Input>forGenerator(c -> new EveryEvent(lateness))
        .withTimestampAssigner((in, previous) -> in.time);
  }

  private static DataStream<Input> traitStream(
      StreamExecutionEnvironment env,
      ModelSource model,
      List<Path> traits,
      int firstIndex,
      WatermarkStrategy<Input> watermarks) {
    return env.fromSource(
            source(model, traits, firstIndex, true),
            watermarks,
            "pls traits",
            TypeInformation.of(Input.class))
        .uid("pls-traits");
  }

  private static Output rejected(Input in) {
    Output o = Output.placed(Output.REJECT, in);
    o.reason = in.reason;
    o.detail = in.detail;
    o.text = in.text;
    return o;
  }

  private static void refuseCsv(String option, Path p) {
    if (InputFormat.forFileName(p.toString()) == InputFormat.CSV) {
      throw new IllegalArgumentException(
          option + ": " + p + " is a CSV file; pls-flink reads JSON Lines (flat or Segment)");
    }
  }

  private static FileSource<Input> source(
      ModelSource model, List<Path> files, int firstIndex, boolean traits) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, String> names = new HashMap<>();
    org.apache.flink.core.fs.Path[] paths = new org.apache.flink.core.fs.Path[files.size()];
    for (int i = 0; i < files.size(); i++) {
      Path abs = files.get(i).toAbsolutePath().normalize();
      index.put(abs.toString(), firstIndex + i);
      names.put(abs.toString(), files.get(i).toString());
      paths[i] = new org.apache.flink.core.fs.Path(abs.toUri());
    }
    return FileSource.forBulkFileFormat(new JsonLinesFormat(model, index, names, traits), paths)
        .build();
  }

  /**
   * Bounded out-of-orderness, emitted with every event rather than every 200 ms: which events are
   * late then depends on the order a reader reads them in, not on when a timer went off.
   */
  static final class EveryEvent implements WatermarkGenerator<Input> {
    private final long lateness;
    private long newest = Long.MIN_VALUE;

    EveryEvent(Duration lateness) {
      this.lateness = lateness.toMillis();
    }

    @Override
    public void onEvent(Input in, long timestamp, WatermarkOutput output) {
      boolean event = in.kind == Input.EVENT || in.kind == Input.ACCOUNT_EVENT;
      if (event && timestamp > newest) {
        newest = timestamp;
        output.emitWatermark(new Watermark(newest - lateness - 1));
      }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {}
  }

  /** The key of an account's input: its account. */
  static final class ByAccount implements KeySelector<Input, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String getKey(Input in) {
      return in.account;
    }
  }

  /** The key of an input: its user. */
  static final class ByUser implements KeySelector<Input, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String getKey(Input in) {
      return in.user;
    }
  }
}
