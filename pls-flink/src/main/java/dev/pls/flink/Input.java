package dev.pls.flink;

import java.util.Comparator;

/**
 * One record read from an event or trait file: an event or a user's traits (keyed by user), or a
 * reject. A Flink POJO (public fields, no-argument constructor), so it travels without Kryo.
 *
 * <p>{@code file} and {@code line} place the record in the run's input: the index of its file among
 * the event files then the trait files, as given, and its line from 1. Cards are built from a
 * user's records in that order, the order {@code pls score} reads them in.
 */
public class Input {
  /** The order of the run's input, {@code pls score}'s reading order: by file, then by line. */
  static final Comparator<Input> FILE_ORDER =
      Comparator.<Input>comparingInt(i -> i.file).thenComparingLong(i -> i.line);

  /** An accepted event; {@code data} is {@link Codec#event}'s encoding. */
  public static final byte EVENT = 0;

  /** A user's traits; {@code data} is {@link Codec#traits}'s encoding. */
  public static final byte TRAITS = 1;

  /** A rejected record: {@code reason}, {@code detail} and {@code text} say what and why. */
  public static final byte REJECT = 2;

  /**
   * A user's statement that it belongs to an account (a Segment group call with a user): {@code
   * data} is {@link Codec#membership}'s encoding. It names the account of the user's alerts.
   */
  public static final byte MEMBER = 3;

  /**
   * An event counted for an account, keyed by {@code account}: an account model's event of an
   * account alone as read, or a user's event sent on to the account it counts for.
   */
  public static final byte ACCOUNT_EVENT = 4;

  /** An account's traits, keyed by {@code account}; {@code data} is {@link Codec#traits}'s. */
  public static final byte ACCOUNT_TRAITS = 5;

  /**
   * For an account model that rolls up members: an event of {@code user} counted as its member's
   * event in {@code account} (it names that account or none), keyed by {@code account}; {@code
   * data} is the event as read.
   */
  public static final byte MEMBER_EVENT = 6;

  /**
   * For an account model that rolls up members: a traits record of {@code user}, a member of {@code
   * account}, keyed by {@code account} (an empty one says the user is a member).
   */
  public static final byte MEMBER_TRAITS = 7;

  /**
   * A request for the card of {@code user} as of {@code time}, answered once the watermark passes
   * it ({@link PlsStream#request}); {@code file} and {@code line} say which request it is.
   */
  public static final byte REQUEST = 8;

  /**
   * A statement that {@code user} (an anonymous id, or an alias's previous id) and the known user
   * id in {@code detail} are one person (a Segment call carrying both ids, an alias call), keyed by
   * {@code user}: {@link Links} judges whether joining them could change a card.
   */
  public static final byte LINK = 9;

  /**
   * The other side of a {@link #LINK}: {@code user} is its known user id, {@code detail} its id.
   */
  public static final byte KNOWN = 10;

  /**
   * What this record is: {@link #EVENT}, {@link #TRAITS}, {@link #MEMBER}, {@link #ACCOUNT_EVENT},
   * {@link #ACCOUNT_TRAITS}, {@link #MEMBER_EVENT}, {@link #MEMBER_TRAITS}, {@link #REQUEST},
   * {@link #LINK}, {@link #KNOWN} or {@link #REJECT}.
   */
  public byte kind;

  /** The user, for events and traits. */
  public String user;

  /** The account, for an account's events and traits (an account model's). */
  public String account;

  /**
   * Whether an account event was sent on by pls's user stage at a step, after the watermark may
   * have passed its time (so it is not late); false for what a source read.
   */
  public boolean forwarded;

  /** The event's time in epoch milliseconds, rounded up; {@link Long#MIN_VALUE} for the others. */
  public long time = Long.MIN_VALUE;

  /** The index of the record's file among the event files, then the trait files. */
  public int file;

  /** The line the record is on, from 1. */
  public long line;

  /** The encoded event, traits or membership. */
  public byte[] data;

  /** A reject's reason code. */
  public String reason;

  /** A reject's detail. */
  public String detail;

  /**
   * A reject's original text; for an accepted Segment call's first record, its line, until {@code
   * Dedupe} has judged it.
   */
  public String text;

  /**
   * The Segment call's {@code messageId}, for records of an accepted call that carries one, until
   * {@code Dedupe} has judged it; null otherwise.
   */
  public String messageId;

  /** For Flink's POJO serializer. */
  public Input() {}
}
