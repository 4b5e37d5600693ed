package dev.pls.flink;

/**
 * What the job emits: a card, a rejected record, or an event that came later than the allowed
 * lateness. A Flink POJO (public fields, no-argument constructor).
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

  /** What this is: {@link #CARD}, {@link #REJECT} or {@link #LATE}. */
  public byte kind;

  /** A card's as-of instant (epoch milliseconds); a late event's time. */
  public long step;

  /** The user. */
  public String user;

  /** The record's file index and line (rejects and late events). */
  public int file;

  /** The record's line, from 1. */
  public long line;

  /** A late event's missed watermark (epoch milliseconds). */
  public long watermark;

  /** A card's JSON line (without line terminator), or a reject's original text. */
  public String text;

  /** A reject's reason code. */
  public String reason;

  /** A reject's detail. */
  public String detail;

  /** For Flink's POJO serializer. */
  public Output() {}
}
