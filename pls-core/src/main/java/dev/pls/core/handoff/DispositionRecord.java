package dev.pls.core.handoff;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * What a seller recorded against an alert: {@code meeting_booked} on alert {@code
 * 2026-11-20T09:00:00Z/named_ae/ana@bigcorp.com} at 10:40 the next day.
 *
 * @param alert the alert's {@link Alert#id()}
 * @param disposition the name of a disposition of the model's hand-off
 * @param at when it was recorded
 */
public record DispositionRecord(String alert, String disposition, Instant at) {
  public DispositionRecord {
    requireNonNull(alert, "alert");
    requireNonNull(disposition, "disposition");
    requireNonNull(at, "at");
  }
}
