package dev.pls.core.handoff;

import static dev.pls.core.handoff.HandoffCards.T0;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.card.Contribution;
import dev.pls.core.model.EntityKind;
import dev.pls.core.model.Handoff;
import dev.pls.core.model.Model;
import dev.pls.core.model.Points;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/*
 * One hand-computed timeline (T0 = 2026-11-20T09:00Z; the AE queue's SLA is 4h, inside sales'
 * 24h; the records are complete up to T0 + 1d 4h):
 *
 *   a1 ae     u1 T0      sent    [activity, sso_asked]  meeting_booked at T0+4h     on time (the edge)
 *   a2 ae     u2 T0      sent    [activity]             bad_fit at T0+4h 1s          breached, late
 *   a3 ae     u3 T0+1d   triage  [sso_asked]            none; due T0+1d 4h = until   breached
 *   a4 inside u4 T0+1d   sent    [activity, invites]    none; due T0+2d > until      open
 *   a5 inside u5 T0      sent    [invites]              not_now T0+1h, bad_fit T0+3h on time, bad_fit
 *   a6 inside u6 T0      held    [invites]              (no seller: in no figure)
 *   a7 inside u7 T0      sent    [activity]             meeting_booked at T0+10h     on time
 */
class SlaReportTest {
  private static final Instant UNTIL = T0.plus(Duration.ofHours(28));

  private static Model model() {
    return HandoffCards.model(
        h ->
            h.disposition("meeting_booked", Handoff.Polarity.POSITIVE)
                .disposition("not_now", Handoff.Polarity.NEUTRAL)
                .disposition("bad_fit", Handoff.Polarity.NEGATIVE));
  }

  private static Alert alert(
      String queue, String entity, Instant at, Alert.Status status, String... rules) {
    Duration sla = queue.equals("ae") ? Duration.ofHours(4) : Duration.ofHours(24);
    List<Contribution> breakdown =
        java.util.Arrays.stream(rules)
            .map(r -> new Contribution(r, r, "usage", Points.of(10), Points.of(10), List.of()))
            .toList();
    return new Alert(
        at,
        entity,
        EntityKind.USER,
        Optional.empty(),
        "hot",
        Handoff.NO_SEGMENT,
        queue,
        queue,
        Handoff.Level.MEDIUM,
        at.plus(sla),
        List.of("entered tier hot"),
        status,
        Points.of(10L * rules.length),
        List.of(),
        List.of(),
        breakdown,
        List.of());
  }

  private static final Alert A1 = alert("ae", "u1", T0, Alert.Status.SENT, "activity", "sso_asked");
  private static final Alert A2 = alert("ae", "u2", T0, Alert.Status.SENT, "activity");
  private static final Alert A3 =
      alert("ae", "u3", T0.plus(Duration.ofDays(1)), Alert.Status.TRIAGE, "sso_asked");
  private static final Alert A4 =
      alert("inside", "u4", T0.plus(Duration.ofDays(1)), Alert.Status.SENT, "activity", "invites");
  private static final Alert A5 = alert("inside", "u5", T0, Alert.Status.SENT, "invites");
  private static final Alert A6 = alert("inside", "u6", T0, Alert.Status.HELD_OUT, "invites");
  private static final Alert A7 = alert("inside", "u7", T0, Alert.Status.SENT, "activity");
  private static final List<Alert> ALERTS = List.of(A1, A2, A3, A4, A5, A6, A7);

  private static DispositionRecord record(Alert a, String disposition, Duration after) {
    return new DispositionRecord(a.id(), disposition, a.at().plus(after));
  }

  private static final List<DispositionRecord> RECORDS =
      List.of(
          record(A1, "meeting_booked", Duration.ofHours(4)),
          record(A2, "bad_fit", Duration.ofHours(4).plusSeconds(1)),
          record(A5, "bad_fit", Duration.ofHours(3)),
          record(A5, "not_now", Duration.ofHours(1)),
          record(A7, "meeting_booked", Duration.ofHours(10)));

  private static Map<String, Integer> mix(int booked, int notNow, int badFit) {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("meeting_booked", booked);
    m.put("not_now", notNow);
    m.put("bad_fit", badFit);
    return m;
  }

  @Test
  void queues_handComputedTimeline_touchTimesBreachesAndMix() {
    SlaReport r = SlaReport.of(model(), ALERTS, RECORDS, UNTIL);
    assertEquals(
        List.of(
            new SlaReport.QueueFigures(
                "ae",
                3,
                2,
                Optional.of(Duration.ofHours(4)),
                Optional.of(Duration.ofHours(4).plusSeconds(1)),
                1,
                2,
                0,
                mix(1, 0, 1)),
            new SlaReport.QueueFigures(
                "inside",
                3,
                2,
                Optional.of(Duration.ofHours(1)),
                Optional.of(Duration.ofHours(10)),
                2,
                0,
                1,
                mix(1, 0, 1))),
        r.queues());
  }

  @Test
  void breaches_aTouchExactlyAtTheDueTimeIsOnTime_aSecondLateIsNot_untouchedAtTheEdgeIs() {
    SlaReport r = SlaReport.of(model(), ALERTS, RECORDS, UNTIL);
    assertEquals(
        List.of(
            new SlaReport.Breach(A2, Optional.of(A2.due().plusSeconds(1))),
            new SlaReport.Breach(A3, Optional.empty())),
        r.breaches());
    // A second earlier, a3 is not due yet within what was observed: open, not breached.
    SlaReport before = SlaReport.of(model(), ALERTS, RECORDS, UNTIL.minusSeconds(1));
    assertEquals(List.of(A2), before.breaches().stream().map(SlaReport.Breach::alert).toList());
    assertEquals(1, before.queues().get(0).open());
  }

  @Test
  void rules_negativeShareOverDisposedAlerts_heldOutLeftOut() {
    SlaReport r = SlaReport.of(model(), ALERTS, RECORDS, UNTIL);
    assertEquals(
        List.of(
            new SlaReport.RuleNoise("activity", 4, 3, 1),
            new SlaReport.RuleNoise("sso_asked", 2, 1, 0),
            new SlaReport.RuleNoise("invites", 2, 1, 1),
            new SlaReport.RuleNoise("premium", 0, 0, 0),
            new SlaReport.RuleNoise("premium_3", 0, 0, 0)),
        r.rules());
    assertEquals(OptionalDouble.of(1.0 / 3), r.rules().get(0).negativeShare());
    assertEquals(OptionalDouble.empty(), r.rules().get(3).negativeShare());
  }

  @Test
  void nearestRank_medianOfEvenCountIsTheLowerMiddle_p90OfTenIsTheNinth() {
    List<Duration> ten =
        java.util.stream.IntStream.rangeClosed(1, 10).mapToObj(Duration::ofMinutes).toList();
    assertEquals(Optional.of(Duration.ofMinutes(5)), SlaReport.nearestRank(ten, 50));
    assertEquals(Optional.of(Duration.ofMinutes(9)), SlaReport.nearestRank(ten, 90));
    assertEquals(Optional.of(Duration.ofMinutes(1)), SlaReport.nearestRank(ten.subList(0, 1), 90));
    assertEquals(Optional.empty(), SlaReport.nearestRank(List.of(), 50));
  }

  @Test
  void of_recordsThatCannotBelong_areRefusedNamingTheRecord() {
    Model m = model();
    assertMessage(
        "records[0]: no alert has the id 'nope'",
        () ->
            SlaReport.of(m, ALERTS, List.of(new DispositionRecord("nope", "not_now", T0)), UNTIL));
    assertMessage(
        "records[0]: alert '" + A6.id() + "' is held out: it went to no seller",
        () -> SlaReport.of(m, ALERTS, List.of(record(A6, "not_now", Duration.ZERO)), UNTIL));
    assertMessage(
        "records[0]: the hand-off declares no disposition 'won'",
        () -> SlaReport.of(m, ALERTS, List.of(record(A1, "won", Duration.ZERO)), UNTIL));
    assertMessage(
        "records[0]: recorded at 2026-11-20T08:59:59Z, before its alert was made at " + T0,
        () ->
            SlaReport.of(m, ALERTS, List.of(record(A1, "not_now", Duration.ofSeconds(-1))), UNTIL));
    assertMessage(
        "alerts: two alerts have the id '" + A1.id() + "'",
        () -> SlaReport.of(m, List.of(A1, A1), List.of(), UNTIL));
  }

  @Test
  void alertId_isInstantQueueEntity() {
    assertEquals("2026-11-20T09:00:00Z/ae/u1", A1.id());
  }

  @Test
  void handoff_aDispositionDeclaredTwice_isRefusedNamingIt() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Handoff.builder()
                    .disposition("not_now", Handoff.Polarity.NEUTRAL)
                    .disposition("not_now", Handoff.Polarity.NEGATIVE)
                    .build());
    assertEquals("dispositions[1]: disposition 'not_now' is defined twice", e.getMessage());
    assertTrue(model().handoff().orElseThrow().disposition("bad_fit").isPresent());
  }

  private static void assertMessage(String expected, Runnable r) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, r::run).getMessage());
  }
}
