package dev.pls.flink;

/**
 * What the job emits: a card, a hand-off alert, a rejected record, or an event that came later than
 * the allowed lateness. A Flink POJO (public fields, no-argument constructor).
 */
public class Output {
  /** A card: {@code text} is its JSON line, as {@code pls score --format jsonl} writes it. */
  public static final byte CARD = 0;

  /** A rejected record: {@code reason}, {@code detail} and {@code text} as in the rejects file. */
  public static final byte REJECT = 1;

  /**
   * An event whose time was at or before the watermark when it arrived: it cannot change the cards
   * already emitted, so it is not scored, and it is reported, never dropped silently. {@code step}
   * holds the event's time, {@code watermark} the watermark it missed.
   */
  public static final byte LATE = 2;

  /**
   * A hand-off alert: {@code text} is its JSON line, as {@code pls route} writes it, with its
   * {@code id} ({@code Alert.id()}: step, queue and user), stable across runs and restores, for a
   * sink that delivers at least once to dedupe on. {@code queue}, {@code level}, {@code rank} and
   * {@code score} give its priority within its step.
   */
  public static final byte ALERT = 3;

  /**
   * An alert to a queue with a daily capacity whose status (sent or triage) the capacity stage has
   * not decided yet: only between pls's own operators, never emitted by {@link PlsStream#score}.
   */
  static final byte PENDING = 4;

  /**
   * For an account model: a user whose account by the account rule changed after its first step
   * ({@code text} the account it had, {@code detail} the one it has, empty for none, {@code step}
   * the time of the statement of membership that gives it). Its events already went to the first
   * account, where {@code pls score} counts them for the last one, so the cards are not {@code pls
   * score}'s: the job refuses to write them.
   */
  public static final byte MOVED = 5;

  /**
   * The answer to a request for a card on demand ({@link Input#REQUEST}, placed by {@code file} and
   * {@code line}): {@code user} and {@code step} the entity and as-of time asked about, {@code
   * text} the card's JSON line as {@code pls score --as-of} writes it, or null with {@code detail}
   * saying why the request is refused (events it reads were dropped); {@code seen} whether a record
   * of the entity had been read (if not, the card is that of an entity without events or traits).
   */
  public static final byte ANSWER = 6;

  /**
   * An identity link that {@code pls score} would apply so that a card differs from the stream's,
   * which does not join ids: {@code user} the id it folds in (an anonymous id or an alias's
   * previous id), {@code detail} the user id, {@code file} and {@code line} the id's first link,
   * {@code reason} why ({@code has_records}: the id has events, traits or account statements of its
   * own; {@code is_known}: it is also the user id of a link from the id in {@code text}; {@code
   * two_users}: it is also linked to the user id in {@code text}). The job refuses to write cards.
   */
  public static final byte LINKED = 7;

  /** How many identity links an id is folded in by ({@code score}), when the input has ended. */
  public static final byte LINKS = 8;

  /**
   * What this is: {@link #CARD}, {@link #ALERT}, {@link #REJECT}, {@link #LATE}, {@link #MOVED},
   * {@link #ANSWER}, {@link #LINKED} or {@link #LINKS}.
   */
  public byte kind;

  /** A card's or an alert's as-of instant (epoch milliseconds); a late event's time. */
  public long step;

  /** The user; for a card or an alert, its entity (a user, or an account of an account model). */
  public String user;

  /** An alert's queue. */
  public String queue;

  /** An alert's level: its ordinal in {@code Handoff.Level}, the highest (0) first. */
  public int level;

  /** An alert's tier's rank: its index among the model's tiers, {@code none} after the last. */
  public int rank;

  /** An alert's score, in hundredths of a point ({@code Points.hundredths()}). */
  public long score;

  /** The record's file index and line (rejects and late events). */
  public int file;

  /** The record's line, from 1. */
  public long line;

  /** A late event's missed watermark (epoch milliseconds). */
  public long watermark;

  /** A card's or an alert's JSON line (without line terminator), or a reject's original text. */
  public String text;

  /** A reject's reason code. */
  public String reason;

  /** A reject's detail. */
  public String detail;

  /** For an answer: whether a record of the entity had been read when it was answered. */
  public boolean seen;

  /** For Flink's POJO serializer. */
  public Output() {}

  /** An output of {@code kind} about record {@code in}: placed at its file and line. */
  static Output placed(byte kind, Input in) {
    Output o = new Output();
    o.kind = kind;
    o.file = in.file;
    o.line = in.line;
    return o;
  }

  /**
   * The report of an event read at or before the watermark.
   *
   * @param in the event (a user's, or an account's alone)
   * @param watermark the watermark it missed
   */
  static Output late(Input in, long watermark) {
    Output late = placed(LATE, in);
    late.user = in.user != null ? in.user : in.account;
    late.step = in.time;
    late.watermark = watermark;
    return late;
  }
}
