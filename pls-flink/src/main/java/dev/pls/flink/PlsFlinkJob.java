package dev.pls.flink;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.pls.cli.io.AtomicOutput;
import dev.pls.cli.io.Reject;
import dev.pls.cli.io.RejectReason;
import dev.pls.cli.io.Rejects;
import dev.pls.cli.io.SameFiles;
import dev.pls.cli.io.Timestamps;
import dev.pls.core.backtest.Schedule;
import dev.pls.core.model.Model;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * The runnable job of {@code pls-flink.jar}: scores a user model's events and traits at event-time
 * steps on Flink and writes {@code cards.jsonl} (the bytes of {@code pls score --format jsonl} as
 * of each step, step after step), {@code rejects.jsonl} (the CLI's rejects file) and {@code
 * late.jsonl} (events that came later than the allowed lateness) into {@code --out}; and when the
 * model has a hand-off, {@code alerts.jsonl} (the bytes of {@code pls route --out} over the same
 * steps). With {@code --emit changes}, {@code cards.jsonl} keeps an entity's card at a step only
 * when its tier, score or exclusion differs from its previous card in the file (its first card
 * always); the alerts are the same. With {@code --requests FILE}, {@code answers.jsonl} answers
 * each request for an entity's card as of an instant with the card {@code pls score --as-of} gives.
 *
 * <pre>
 * java -jar pls-flink/target/pls-flink.jar --local --model M.pls
 *     (--events F… | --kafka-bootstrap SERVERS --kafka-topic T [--kafka-group G]) [--traits F…]
 *     (--as-of T | --from T1 --to T2 [--step D]) [--parallelism N] [--lateness D]
 *     [--state-backend hashmap|rocksdb] [--checkpoint-interval D] [--emit all|changes]
 *     [--requests FILE] --out DIR
 * </pre>
 *
 * Exit status: 0 success, 1 the model does not compile or the job failed, 2 a usage error.
 */
public final class PlsFlinkJob {
  /** The cards file in {@code --out}. */
  public static final String CARDS = "cards.jsonl";

  /** The rejects file in {@code --out}. */
  public static final String REJECTS = "rejects.jsonl";

  /** The late events file in {@code --out}. */
  public static final String LATE = "late.jsonl";

  /**
   * The alerts file in {@code --out}, written when the model has a hand-off: the bytes of {@code
   * pls route --out} over the same steps.
   */
  public static final String ALERTS = "alerts.jsonl";

  /**
   * The answers file in {@code --out}, written when {@code --requests} is given: a line per
   * request, in the order of the requests file, with the card {@code pls score --as-of} gives or
   * why it is refused.
   */
  public static final String ANSWERS = "answers.jsonl";

  private PlsFlinkJob() {}

  /** Runs the job; exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args, System.err));
  }

  /** A usage error: the message names the option. */
  static final class UsageError extends Exception {
    private static final long serialVersionUID = 1L;

    UsageError(String message) {
      super(message);
    }
  }

  /** The options, as given. */
  record Options(
      boolean local,
      Path model,
      String modelName,
      List<Path> events,
      Kafka kafka,
      List<Path> traits,
      List<Instant> steps,
      int parallelism,
      Duration lateness,
      String stateBackend,
      Duration checkpointInterval,
      PlsStream.Emit emit,
      Path out,
      Path requests) {}

  /**
   * A Kafka topic to read events from instead of files, from its earliest offsets to the latest
   * ones when the job starts.
   */
  record Kafka(String bootstrap, String topic, String group) {
    /** The source of the topic's events. */
    KafkaSource<Input> source(ModelSource model) {
      return PlsStream.kafka(model, topic)
          .setBootstrapServers(bootstrap)
          .setGroupId(group)
          .setStartingOffsets(OffsetsInitializer.earliest())
          .setBounded(OffsetsInitializer.latest())
          .build();
    }
  }

  /**
   * Runs the job with {@code args}, reporting to {@code err}.
   *
   * @return the exit status
   */
  public static int run(String[] args, PrintStream err) {
    Options o;
    try {
      o = parse(args);
    } catch (UsageError e) {
      err.println("error: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    ModelSource source;
    Model model;
    try {
      source = ModelSource.read(o.model());
      if (o.modelName() != null) {
        source = source.named(o.modelName());
      }
      model = source.model();
    } catch (IOException e) {
      err.println("error: --model: cannot read " + o.model() + ": " + e.getMessage());
      return 1;
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return 1;
    }
    try {
      long start = System.nanoTime();
      Result r = execute(o, source);
      long nanos = System.nanoTime() - start;
      err.printf(
          Locale.ROOT,
          "scored %d %ss with %s v%s at %d step%s: %d cards;%s %d rejected; %d late (beyond"
              + " %s of lateness, in %s);%s parallelism %d; %.1f s%n",
          r.users(),
          model.entity().displayName(),
          model.id(),
          model.version(),
          o.steps().size(),
          o.steps().size() == 1 ? "" : "s",
          r.cards(),
          model.handoff().isPresent() ? " " + r.alerts() + " alerts;" : "",
          r.rejected(),
          r.late(),
          o.lateness(),
          o.out().resolve(LATE),
          r.links() == 0
              ? ""
              : " "
                  + r.links()
                  + " identity link"
                  + (r.links() == 1 ? "" : "s")
                  + " (none changes a card);",
          o.parallelism(),
          nanos / 1e9);
      if (o.requests() != null) {
        err.printf(
            Locale.ROOT,
            "%d answers to the requests of %s (%d refused) in %s%n",
            r.answers(),
            o.requests(),
            r.refused(),
            o.out().resolve(ANSWERS));
      }
      return 0;
    } catch (Moved | Linked e) {
      err.println("error: " + e.getMessage());
      return 1;
    } catch (Exception e) {
      err.println("error: the job failed: " + e);
      return 1;
    }
  }

  /** Users whose account changed after their first step: an account model's cards would differ. */
  static final class Moved extends Exception {
    private static final long serialVersionUID = 1L;

    Moved(List<Output> moved) {
      super(
          moved.size()
              + " user"
              + (moved.size() == 1 ? "" : "s")
              + " changed account after their first step, so their events went to an account"
              + " pls score would not count them for; no file written. The first: user '"
              + moved.get(0).user
              + "' belongs to account '"
              + moved.get(0).detail
              + "' by what it stated at "
              + Instant.ofEpochMilli(moved.get(0).step)
              + ", after its first step gave it "
              + (moved.get(0).text.isEmpty() ? "none" : "'" + moved.get(0).text + "'")
              + ". pls-flink scores an account model only where every user's account is stated"
              + " by its first step (docs/scale-out.md, \"Account models\")");
    }
  }

  /**
   * Ids whose links pls score would apply so that its cards differ from the stream's, which joins
   * no ids.
   */
  static final class Linked extends Exception {
    private static final long serialVersionUID = 1L;

    Linked(List<Output> linked, String file) {
      super(
          linked.size()
              + " id"
              + (linked.size() == 1 ? " is" : "s are")
              + " linked to a user id so that pls score, which joins linked ids into one person,"
              + " would give other cards than pls-flink, which does not; no file written. The"
              + " first: '"
              + linked.get(0).user
              + "' linked to '"
              + linked.get(0).detail
              + "' at "
              + file
              + ":"
              + linked.get(0).line
              + ", "
              + why(linked.get(0))
              + ". Resolve identities upstream (send each record under its person's user id), or"
              + " score with pls score (docs/scale-out.md, \"Identities\")");
    }

    private static String why(Output o) {
      return switch (o.reason) {
        case Links.HAS_RECORDS -> "and it has events, traits or account statements of its own";
        case Links.TWO_USERS -> "and also to '" + o.text + "' (two people joined)";
        default -> "and it is itself the user id of a link from '" + o.text + "'";
      };
    }
  }

  /** What a run wrote. */
  record Result(
      long users,
      long cards,
      long alerts,
      long rejected,
      long late,
      long answers,
      long refused,
      long links) {}

  /** The job of {@code o}, wired into an environment of its settings, before it runs. */
  static DataStream<Output> wire(Options o, ModelSource source) {
    Configuration conf = new Configuration();
    if (o.stateBackend() != null) {
      conf.set(StateBackendOptions.STATE_BACKEND, o.stateBackend());
      conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
    }
    StreamExecutionEnvironment env =
        o.local()
            ? StreamExecutionEnvironment.createLocalEnvironment(o.parallelism(), conf)
            : StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(o.parallelism());
    if (o.checkpointInterval() != null) {
      env.enableCheckpointing(o.checkpointInterval().toMillis());
    }
    DataStream<Input> inputs =
        o.kafka() == null
            ? PlsStream.read(env, source, o.events(), o.traits(), o.lateness())
            : PlsStream.read(env, source, o.kafka().source(source), o.traits(), o.lateness());
    PlsStream.Requests requests = null;
    if (o.requests() != null) {
      try {
        requests = PlsStream.requests(env, o.requests(), requestsIndex(o));
      } catch (IOException e) {
        throw new UncheckedIOException("--requests: cannot read " + o.requests(), e);
      }
    }
    return PlsStream.score(inputs, source, o.steps(), o.emit(), requests);
  }

  /** The file index of the requests file: after the event files (or the topic) and trait files. */
  private static int requestsIndex(Options o) {
    return (o.kafka() == null ? o.events().size() : PlsStream.KAFKA_TRAITS) + o.traits().size();
  }

  /** Runs the job of {@code o} and writes its three files. */
  static Result execute(Options o, ModelSource source) throws Exception {
    List<Output> cards = new ArrayList<>();
    List<Output> rejects = new ArrayList<>();
    List<Output> late = new ArrayList<>();
    List<Output> alerts = new ArrayList<>();
    List<Output> moved = new ArrayList<>();
    List<Output> answers = new ArrayList<>();
    List<Output> linked = new ArrayList<>();
    long links = 0;
    CloseableIterator<Output> it =
        wire(o, source).executeAndCollect("pls-flink " + o.model().getFileName());
    try {
      while (it.hasNext()) {
        Output out = it.next();
        if (out.kind == Output.LINKS) {
          links += out.score;
          continue;
        }
        (switch (out.kind) {
              case Output.CARD -> cards;
              case Output.ALERT -> alerts;
              case Output.REJECT -> rejects;
              case Output.MOVED -> moved;
              case Output.ANSWER -> answers;
              case Output.LINKED -> linked;
              default -> late;
            })
            .add(out);
      }
    } finally {
      it.close();
    }
    if (!moved.isEmpty()) {
      moved.sort(Comparator.<Output>comparingLong(x -> x.step).thenComparing(x -> x.user));
      throw new Moved(moved);
    }
    List<String> names = new ArrayList<>();
    o.events().forEach(p -> names.add(p.toString()));
    o.traits().forEach(p -> names.add(p.toString()));
    if (o.requests() != null) {
      names.add(o.requests().toString());
    }
    IntFunction<String> name =
        o.kafka() == null
            ? names::get
            : i ->
                i >= PlsStream.KAFKA_TRAITS
                    ? names.get(i - PlsStream.KAFKA_TRAITS)
                    : o.kafka().topic() + "-" + i;
    Comparator<Output> byPlace =
        Comparator.<Output>comparingInt(x -> x.file).thenComparingLong(x -> x.line);
    if (!linked.isEmpty()) {
      linked.sort(byPlace.thenComparing(x -> x.user));
      throw new Linked(linked, name.apply(linked.get(0).file));
    }
    Files.createDirectories(o.out());
    rejects.sort(byPlace);
    late.sort(byPlace);
    cards.sort(Comparator.<Output>comparingLong(x -> x.step).thenComparing(x -> x.user));
    try (AtomicOutput file = AtomicOutput.create(o.out().resolve(CARDS))) {
      Writer w = file.writer();
      for (Output c : cards) {
        w.write(c.text);
        w.write('\n');
      }
      w.flush();
      file.commit();
    }
    if (source.model().handoff().isPresent()) {
      // pls route's order: step after step, each step's alerts by the router's priority.
      alerts.sort(Comparator.<Output>comparingLong(x -> x.step).thenComparing(Capacity.PRIORITY));
      try (AtomicOutput file = AtomicOutput.create(o.out().resolve(ALERTS))) {
        Writer w = file.writer();
        for (Output a : alerts) {
          w.write(a.text);
          w.write('\n');
        }
        w.flush();
        file.commit();
      }
    }
    try (AtomicOutput file = AtomicOutput.create(o.out().resolve(REJECTS))) {
      Writer w = file.writer();
      Rejects r = Rejects.to(w);
      for (Output x : rejects) {
        r.add(new Reject(name.apply(x.file), x.line, reason(x.reason), x.detail, x.text));
      }
      r.flush();
      w.flush();
      file.commit();
    }
    try (AtomicOutput file = AtomicOutput.create(o.out().resolve(LATE))) {
      Writer w = file.writer();
      try (JsonGenerator json = new JsonFactory().createGenerator(w)) {
        json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
        json.setRootValueSeparator(null); // a line per event, no space before the next
        for (Output x : late) {
          json.writeStartObject();
          json.writeStringField("file", name.apply(x.file));
          json.writeNumberField("line", x.line);
          json.writeStringField("user", x.user);
          json.writeStringField("time", Instant.ofEpochMilli(x.step).toString());
          json.writeStringField("watermark", Instant.ofEpochMilli(x.watermark).toString());
          json.writeEndObject();
          json.writeRaw('\n');
        }
      }
      w.flush();
      file.commit();
    }
    if (o.requests() != null) {
      // A request for every entity's card has its answers in order of entity, as pls score's.
      answers.sort(byPlace.thenComparing(x -> x.user));
      writeAnswers(o.out().resolve(ANSWERS), o.requests().toString(), answers);
    }
    long users = cards.stream().map(c -> c.user).distinct().count();
    long refused = answers.stream().filter(a -> a.text == null).count();
    return new Result(
        users,
        cards.size(),
        alerts.size(),
        rejects.size(),
        late.size(),
        answers.size(),
        refused,
        links);
  }

  /** A line per answer: the request, then its card or why it is refused. */
  private static void writeAnswers(Path path, String requests, List<Output> answers)
      throws IOException {
    try (AtomicOutput file = AtomicOutput.create(path)) {
      Writer w = file.writer();
      try (JsonGenerator json = new JsonFactory().createGenerator(w)) {
        json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
        json.setRootValueSeparator(null); // a line per answer, no space before the next
        for (Output x : answers) {
          json.writeStartObject();
          json.writeStringField("file", requests);
          json.writeNumberField("line", x.line);
          json.writeStringField("entity", x.user);
          json.writeStringField("as_of", Instant.ofEpochMilli(x.step).toString());
          json.writeBooleanField("seen", x.seen);
          if (x.text != null) {
            json.writeFieldName("card");
            json.writeRawValue(x.text);
          } else {
            json.writeStringField("refused", x.detail);
          }
          json.writeEndObject();
          json.writeRaw('\n');
        }
      }
      w.flush();
      file.commit();
    }
  }

  private static RejectReason reason(String code) {
    for (RejectReason r : RejectReason.values()) {
      if (r.code().equals(code)) {
        return r;
      }
    }
    throw new IllegalStateException("unknown reject reason " + code);
  }

  static final String USAGE =
      "usage: java -jar pls-flink.jar [--local] --model M.pls [--model-name NAME] (--events F… |"
          + " --kafka-bootstrap SERVERS --kafka-topic T [--kafka-group G]) [--traits F…] (--as-of T | --from T1 --to T2 [--step D]) [--parallelism N]"
          + " [--lateness D] [--state-backend hashmap|rocksdb] [--checkpoint-interval D] [--emit all|changes] [--requests FILE] --out DIR";

  /** Parses the arguments; every error names its option. */
  static Options parse(String[] args) throws UsageError {
    boolean local = false;
    Path model = null;
    String modelName = null;
    List<Path> events = new ArrayList<>();
    List<Path> traits = new ArrayList<>();
    String bootstrap = null;
    String topic = null;
    String group = null;
    String asOf = null;
    String from = null;
    String to = null;
    String step = null;
    int parallelism = 1;
    Duration lateness = Duration.ofHours(1);
    String backend = null;
    Duration interval = null;
    PlsStream.Emit emit = PlsStream.Emit.ALL;
    Path out = null;
    Path requests = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--local" -> local = true;
        case "--model" -> model = Path.of(value(args, ++i, a));
        case "--model-name" -> modelName = value(args, ++i, a);
        case "--events", "--traits" -> {
          List<Path> files = a.equals("--events") ? events : traits;
          value(args, i + 1, a);
          while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
            files.add(Path.of(args[++i]));
          }
        }
        case "--kafka-bootstrap" -> bootstrap = value(args, ++i, a);
        case "--kafka-topic" -> topic = value(args, ++i, a);
        case "--kafka-group" -> group = value(args, ++i, a);
        case "--as-of" -> asOf = value(args, ++i, a);
        case "--from" -> from = value(args, ++i, a);
        case "--to" -> to = value(args, ++i, a);
        case "--step" -> step = value(args, ++i, a);
        case "--parallelism" -> {
          String v = value(args, ++i, a);
          try {
            parallelism = Integer.parseInt(v);
          } catch (NumberFormatException e) {
            parallelism = 0;
          }
          if (parallelism < 1) {
            throw new UsageError("--parallelism: expected a whole number from 1, was '" + v + "'");
          }
        }
        case "--lateness" -> lateness = duration(a, value(args, ++i, a), true);
        case "--state-backend" -> {
          backend = value(args, ++i, a);
          if (!backend.equals("hashmap") && !backend.equals("rocksdb")) {
            throw new UsageError(
                "--state-backend: expected hashmap or rocksdb, was '" + backend + "'");
          }
        }
        case "--checkpoint-interval" -> interval = duration(a, value(args, ++i, a), false);
        case "--emit" -> {
          String v = value(args, ++i, a);
          emit =
              switch (v) {
                case "all" -> PlsStream.Emit.ALL;
                case "changes" -> PlsStream.Emit.CHANGES;
                default -> throw new UsageError("--emit: expected all or changes, was '" + v + "'");
              };
        }
        case "--out" -> out = Path.of(value(args, ++i, a));
        case "--requests" -> requests = Path.of(value(args, ++i, a));
        default -> throw new UsageError("unknown option '" + a + "'");
      }
    }
    if (model == null) {
      throw new UsageError("--model: give the rule file");
    }
    if (out == null) {
      throw new UsageError("--out: give the directory the cards go to");
    }
    Kafka kafka = null;
    if (bootstrap != null || topic != null || group != null) {
      if (bootstrap == null) {
        throw new UsageError("--kafka-bootstrap: give the brokers (host:port,…) of the topic");
      }
      if (topic == null) {
        throw new UsageError("--kafka-topic: give the topic the events are on");
      }
      if (!events.isEmpty()) {
        throw new UsageError(
            "--events: read events from files or from --kafka-topic " + topic + ", not both");
      }
      kafka = new Kafka(bootstrap, topic, group == null ? "pls-flink" : group);
    } else if (events.isEmpty() && traits.isEmpty()) {
      throw new UsageError("--events: give at least one event (or trait) file, or --kafka-topic");
    }
    List<Instant> steps = steps(asOf, from, to, step);
    List<SameFiles.Named> files = new ArrayList<>();
    files.add(new SameFiles.Named("--model", model));
    events.forEach(p -> files.add(new SameFiles.Named("--events", p)));
    traits.forEach(p -> files.add(new SameFiles.Named("--traits", p)));
    if (requests != null) {
      files.add(new SameFiles.Named("--requests", requests));
    }
    for (String name : List.of(CARDS, REJECTS, LATE, ALERTS, ANSWERS)) {
      files.add(new SameFiles.Named("--out", out.resolve(name)));
    }
    var collision = SameFiles.find(files);
    if (collision.isPresent()) {
      throw new UsageError(collision.get().message());
    }
    return new Options(
        local,
        model,
        modelName,
        events,
        kafka,
        traits,
        steps,
        parallelism,
        lateness,
        backend,
        interval,
        emit,
        out,
        requests);
  }

  private static List<Instant> steps(String asOf, String from, String to, String step)
      throws UsageError {
    boolean grid = from != null || to != null || step != null;
    if (asOf != null && grid) {
      throw new UsageError("--as-of scores as of one instant; leave out --from, --to and --step");
    }
    if (asOf == null && !grid) {
      throw new UsageError("give --as-of T, or the steps --from T1 --to T2 [--step D]");
    }
    if (asOf != null) {
      return List.of(instant("--as-of", asOf));
    }
    if (from == null || to == null) {
      throw new UsageError(from == null ? "--from: give the first step" : "--to: give the last");
    }
    Duration d = duration("--step", step == null ? "1d" : step, false);
    Schedule.Grid g;
    try {
      g = new Schedule.Grid(instant("--from", from), instant("--to", to), d);
    } catch (IllegalArgumentException e) {
      throw new UsageError("--step: " + e.getMessage());
    }
    List<Instant> steps = new ArrayList<>(g.count());
    for (int i = 0; i < g.count(); i++) {
      steps.add(g.at(i));
    }
    return steps;
  }

  private static Instant instant(String option, String text) throws UsageError {
    try {
      return Timestamps.parse(text);
    } catch (IllegalArgumentException e) {
      throw new UsageError(option + ": " + e.getMessage());
    }
  }

  private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})(ms|s|m|h|d|w)");

  private static Duration duration(String option, String text, boolean zeroAllowed)
      throws UsageError {
    Matcher m = DURATION.matcher(text);
    if (!m.matches()) {
      throw new UsageError(
          option
              + ": expected a whole number of ms, s, m, h, d or w such as 1h, was '"
              + text
              + "'");
    }
    long n = Long.parseLong(m.group(1));
    Duration d =
        switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          case "d" -> Duration.ofDays(n);
          default -> Duration.ofDays(7 * n);
        };
    if (d.isZero() && !zeroAllowed) {
      throw new UsageError(option + ": must be longer than zero, was '" + text + "'");
    }
    return d;
  }

  private static String value(String[] args, int i, String option) throws UsageError {
    if (i >= args.length || args[i].startsWith("--")) {
      throw new UsageError(option + ": expects a value");
    }
    return args[i];
  }
}
