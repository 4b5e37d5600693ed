package dev.pls.cli;

import dev.pls.cli.io.ReadSummary;
import java.util.Map;

/*
 * A run that read 207,917 records and accepted none used to end "successfully" with zero cards: a
 * scheduled job would then publish nothing and report green. Such a run is a failure with its own
 * exit status, and since one reason usually explains it all (every timestamp local, every CSV
 * column misnamed), the message names the commonest reason and what would fix it.
 */
/** The failure of a run in which every record read was rejected: exit status 3 and a hint. */
final class NothingAccepted {
  /** The exit status of a run that read records and accepted none. */
  static final int STATUS = 3;

  private NothingAccepted() {}

  /**
   * The error line: {@code error: none of the 207917 records read was accepted; the commonest
   * reason is bad_time (207917): …}.
   */
  static String message(ReadSummary read) {
    Map.Entry<String, Long> commonest = null;
    // Ties go to the first code in sorted order, so the message is the same on every run.
    for (Map.Entry<String, Long> e : read.rejectedByReason().entrySet()) {
      if (commonest == null || e.getValue() > commonest.getValue()) {
        commonest = e;
      }
    }
    StringBuilder sb = new StringBuilder("error: none of the ").append(read.read());
    sb.append(read.read() == 1 ? " record read was accepted" : " records read was accepted");
    if (commonest != null) {
      sb.append("; the commonest reason is ")
          .append(commonest.getKey())
          .append(" (")
          .append(commonest.getValue())
          .append("): ")
          .append(hint(commonest.getKey()));
    }
    return sb.toString();
  }

  /** What would fix the records rejected for {@code reason}. */
  static String hint(String reason) {
    return switch (reason) {
      case "bad_time" ->
          "timestamps without a UTC offset are read only with --zone ZONE (e.g. --zone"
              + " Europe/Berlin); else add Z or an offset in the export (docs/cli.md, Timestamps)";
      case "missing_time", "missing_user", "missing_event" ->
          "for CSV, map the columns with --map (e.g. --map user=user_id,time=ts); for JSON Lines,"
              + " check the member names (user, event, time; Segment: userId, event, timestamp)";
      case "missing_id" ->
          "trait records need their key: name its column with --traits-key user=COLUMN or"
              + " account=COLUMN";
      case "malformed", "not_an_object" ->
          "event files are JSON Lines (one JSON object a line, not one JSON array) or CSV named"
              + " .csv; check the file's format and name";
      case "not_utf8" -> "the file is not UTF-8 text: convert it (e.g. iconv -t UTF-8)";
      case "wrong_column_count" ->
          "the CSV records do not have the header's number of fields: check the delimiter (a"
              + " comma) and the quoting";
      case "wrong_type" ->
          "properties or traits have another type than the model reads them as: fix the export or"
              + " the rules' literals, or say how the export spells missing values and booleans"
              + " (--missing Select,NA --true Yes --false No)";
      case "unsupported_call" ->
          "only Segment track, identify, group, alias, page and screen calls are read";
      case "duplicate" -> "every record repeats a messageId read before: the same data given again";
      default -> "see each record's detail in the rejects file (--rejects FILE)";
    };
  }
}
