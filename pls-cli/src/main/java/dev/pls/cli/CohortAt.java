package dev.pls.cli;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --at EVENT+DURATION} of {@code score} and {@code backtest}: each entity as of a time after
 * its own first {@code EVENT}, e.g. {@code trial_started+14d}; the duration a whole number of
 * hours, days or weeks ({@code 0d} for the instant of the event itself).
 *
 * @param event the event whose first occurrence starts an entity's clock
 * @param after how long after it the entity is scored
 */
record CohortAt(String event, Duration after) {
  private static final Pattern AT = Pattern.compile("(.+)\\+([0-9]{1,6})([hdw])");

  CohortAt {
    requireNonNull(event, "event");
    requireNonNull(after, "after");
  }

  /**
   * Parses {@code EVENT+DURATION}.
   *
   * @throws IllegalArgumentException saying what is expected
   */
  static CohortAt parse(String text) {
    Matcher m = AT.matcher(requireNonNull(text, "text"));
    if (!m.matches() || m.group(1).isBlank() || !m.group(1).strip().equals(m.group(1))) {
      throw new IllegalArgumentException(
          "expected EVENT+DURATION, a whole number of hours, days or weeks after the entity's first"
              + " EVENT, such as trial_started+14d, was '"
              + text
              + "'");
    }
    long n = Long.parseLong(m.group(2));
    Duration d =
        switch (m.group(3)) {
          case "h" -> Duration.ofHours(n);
          case "d" -> Duration.ofDays(n);
          default -> Duration.ofDays(7 * n);
        };
    return new CohortAt(m.group(1), d);
  }
}
