package dev.pls.core.card;

import static java.util.Objects.requireNonNull;

import dev.pls.core.model.Points;
import dev.pls.core.model.Resolution;

/**
 * How a decayed rule's points were reduced, on its {@link Contribution}: "+7.50 of 15, 30 days
 * old".
 *
 * @param written the rule's points as written, before decay
 * @param age the age of the newest event its condition read, in whole buckets of {@code resolution}
 * @param resolution the model's resolution: days or hours
 */
public record Decayed(Points written, long age, Resolution resolution) {
  public Decayed {
    requireNonNull(written, "written");
    requireNonNull(resolution, "resolution");
    if (age < 0) {
      throw new IllegalArgumentException("age: must not be negative, was " + age);
    }
  }

  /** The age in words: {@code 30 days old}, {@code 1 hour old}. */
  public String ageText() {
    String unit = resolution == Resolution.DAY ? "day" : "hour";
    return age + " " + unit + (age == 1 ? "" : "s") + " old";
  }

  /** {@code of +15, 30 days old}. */
  @Override
  public String toString() {
    return "of " + written.toSignedString() + ", " + ageText();
  }
}
