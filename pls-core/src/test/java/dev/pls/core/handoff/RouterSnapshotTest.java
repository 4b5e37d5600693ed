package dev.pls.core.handoff;

import static dev.pls.core.handoff.HandoffCards.card;
import static dev.pls.core.handoff.HandoffCards.day;
import static dev.pls.core.handoff.HandoffCards.model;
import static dev.pls.core.handoff.HandoffCards.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pls.core.model.EntityKind;
import dev.pls.core.model.Expr;
import dev.pls.core.model.Handoff;
import dev.pls.core.model.Model;
import dev.pls.core.model.TraitType;
import dev.pls.core.model.Window;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/*
 * A router restored from a snapshot must be indistinguishable from the one that wrote it: same
 * future alerts, same next snapshot. Each way a snapshot can be unusable (empty, cut short, a bit
 * flipped, not a snapshot, another format version, another model's tiers, queues, triggers, id,
 * kind or zone) is refused with a message saying which; a restore never half-succeeds.
 *
 * The scripted history leaves every part of the state non-trivial: u1 in an episode in hot with a
 * last alert inside the cooldown, u2 holding a trigger, u3 triaged on a full day (so the capacity
 * day and its used slots matter at the next step, which falls on the same local day).
 */
class RouterSnapshotTest {
  private static final Model TIGHT =
      model(
          HandoffCards.handoff(1, 1)
              .cooldown(Duration.ofDays(3))
              .holdout(new BigDecimal("0.01"), "s")
              .build());

  /** Routes the scripted history into {@code router}: three steps over two days. */
  private static void history(Router router) {
    run(router, day(0), card("u1", 60), card("u2", 40).triggers("pricing"));
    run(router, day(1), card("u1", 85), card("u2", 40).triggers("pricing"));
    run(
        router,
        day(1).plus(Duration.ofHours(1)),
        card("u3", 90).segment("enterprise"),
        card("u4", 95).segment("enterprise"));
  }

  /** The future both routers are asked about: on the same day, then inside and after cooldowns. */
  private static List<List<String>> future(Router router) {
    Instant sameDay = day(1).plus(Duration.ofHours(2));
    return List.of(
        run(router, sameDay, card("u5", 92).segment("enterprise"), card("u2", 40)),
        run(router, day(2), card("u1", 60), card("u2", 40).triggers("pricing")),
        run(router, day(3), card("u1", 85), card("u3", 50)),
        run(router, day(6), card("u1", 40), card("u3", 90).segment("enterprise")),
        run(router, day(7), card("u1", 90), card("u2", 81)));
  }

  private static byte[] snapshot(Router router) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      router.snapshot(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static Router restore(Model model, byte[] bytes) throws IOException {
    return Router.restore(model, new ByteArrayInputStream(bytes));
  }

  private static byte[] historySnapshot() {
    Router router = Router.create(TIGHT);
    history(router);
    return snapshot(router);
  }

  @Test
  void restoredRouter_makesTheSameFutureAlerts_asTheOneThatWroteTheSnapshot() throws IOException {
    Router original = Router.create(TIGHT);
    history(original);
    Router restored = restore(TIGHT, snapshot(original));
    List<List<String>> expected = future(original);
    assertEquals(expected, future(restored));
    assertTrue(
        expected.get(0).contains("TRIAGE u5 -> ae medium hot: entered tier hot"),
        "the restored router knows the day's ae slot is used: " + expected);
  }

  @Test
  void snapshotOfARestoredRouter_isTheSameBytes() throws IOException {
    byte[] first = historySnapshot();
    assertArrayEquals(first, snapshot(restore(TIGHT, first)));
    assertArrayEquals(first, historySnapshot(), "the same state always gives the same bytes");
  }

  @Test
  void restore_knowsTheLastStep_andRefusesAStepNotAfterIt() throws IOException {
    Router restored = restore(TIGHT, historySnapshot());
    Instant last = day(1).plus(Duration.ofHours(1));
    assertEquals(Optional.of(last), restored.lastStep());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> restored.step(last, List.of()));
    assertEquals("at: " + last + " is not after the previous step's " + last, e.getMessage());
  }

  @Test
  void snapshotOfAFreshRouter_restoresAFreshRouter() throws IOException {
    Router restored = restore(TIGHT, snapshot(Router.create(TIGHT)));
    assertEquals(Optional.empty(), restored.lastStep());
    Router fresh = Router.create(TIGHT);
    assertEquals(future(fresh), future(restored));
  }

  @Test
  void snapshot_leavesTheRouterUnchanged() {
    Router once = Router.create(TIGHT);
    history(once);
    Router twice = Router.create(TIGHT);
    history(twice);
    snapshot(twice);
    snapshot(twice);
    assertEquals(future(once), future(twice));
  }

  @Test
  void restore_underAModelWithOtherRulesCooldownAndCapacity_isAllowed() throws IOException {
    Model edited =
        model(
            HandoffCards.handoff(5, 5)
                .cooldown(Duration.ofDays(1))
                .suppress(Expr.trait("plan").eq("free"), "free plan")
                .build());
    Router restored = restore(edited, historySnapshot());
    assertEquals(Optional.of(day(1).plus(Duration.ofHours(1))), restored.lastStep());
    assertEquals(
        List.of(),
        run(restored, day(2), card("u1", 85)),
        "u1's hot episode survived the restore: no new alert");
  }

  // ---- refusals ----

  private static String refusal(Model model, byte[] bytes) {
    return assertThrows(IllegalArgumentException.class, () -> restore(model, bytes)).getMessage();
  }

  @Test
  void restore_ofAnEmptyFile_isRefused() {
    assertEquals("snapshot: it is empty", refusal(TIGHT, new byte[0]));
  }

  @Test
  void restore_ofATruncatedSnapshot_isRefused_atEveryLength() {
    byte[] bytes = historySnapshot();
    for (int n = 1; n < bytes.length; n++) {
      String message = refusal(TIGHT, Arrays.copyOf(bytes, n));
      assertTrue(message.startsWith("snapshot: truncated: " + n + " bytes"), message);
    }
  }

  @Test
  void restore_ofASnapshotWithAnyByteChanged_isRefused() {
    byte[] bytes = historySnapshot();
    for (int i = 0; i < bytes.length; i++) {
      byte[] changed = bytes.clone();
      changed[i] ^= 0x10;
      String message = refusal(TIGHT, changed);
      assertTrue(
          message.equals("snapshot: corrupted: its checksum does not match its contents")
              || message.startsWith("snapshot: not a router snapshot")
              || message.startsWith("snapshot: format version")
              || message.startsWith("snapshot: truncated")
              || message.startsWith("snapshot: corrupted: "),
          "byte " + i + ": " + message);
    }
    byte[] body = bytes.clone();
    body[20] ^= 0x01;
    assertEquals(
        "snapshot: corrupted: its checksum does not match its contents", refusal(TIGHT, body));
  }

  @Test
  void restore_withBytesAfterTheEnd_isRefused() {
    byte[] bytes = historySnapshot();
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);
    assertEquals(
        "snapshot: corrupted: 3 bytes after its end of " + bytes.length, refusal(TIGHT, longer));
  }

  @Test
  void restore_ofSomethingElse_isRefusedAsNotASnapshot() {
    byte[] json = "{\"entity\":\"u1\",\"tier\":\"hot\"}".getBytes(StandardCharsets.UTF_8);
    assertEquals(
        "snapshot: not a router snapshot (it does not start with \"PLSR\")", refusal(TIGHT, json));
  }

  @Test
  void restore_ofAnotherFormatVersion_isRefused() {
    byte[] bytes = historySnapshot();
    ByteBuffer.wrap(bytes).putInt(4, 2);
    assertEquals(
        "snapshot: format version 2, but this pls reads version 1; restore it with the pls that"
            + " wrote it",
        refusal(TIGHT, bytes));
  }

  @Test
  void restore_withAWellFormedButInconsistentBody_isRefused_notHalfApplied() {
    byte[] bytes = historySnapshot();
    // Make the count of used queue slots negative and fix the checksum, as a buggy writer would.
    byte[] broken = withBody(bytes, b -> b.replace(usedSlotsOffset(bytes), -5));
    assertEquals("snapshot: corrupted: a negative count of slots used", refusal(TIGHT, broken));
  }

  /** Where the first used-slots count sits: after the head, the last step and the day. */
  private static int usedSlotsOffset(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    in.position(12);
    for (int s = 0; s < 3; s++) {
      skipString(in);
    }
    for (int list = 0; list < 3; list++) {
      int n = in.getInt();
      for (int i = 0; i < n; i++) {
        skipString(in);
      }
    }
    in.get();
    in.position(in.position() + 12);
    in.get();
    in.position(in.position() + 8);
    int used = in.getInt();
    assertEquals(2, used, "both queues used slots on the last day");
    return in.position() + 4;
  }

  private static void skipString(ByteBuffer in) {
    int n = in.getInt();
    in.position(in.position() + n);
  }

  private interface Edit {
    void apply(Bytes b);
  }

  private static final class Bytes {
    final byte[] bytes;

    Bytes(byte[] bytes) {
      this.bytes = bytes;
    }

    void replace(int offset, int value) {
      ByteBuffer.wrap(bytes).putInt(offset, value);
    }
  }

  private static byte[] withBody(byte[] snapshot, Edit edit) {
    byte[] bytes = snapshot.clone();
    edit.apply(new Bytes(bytes));
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, bytes.length - 4);
    ByteBuffer.wrap(bytes).putInt(bytes.length - 4, (int) crc.getValue());
    return bytes;
  }

  /** A user model {@code id} in {@code zone} with tiers at 80, 50, 30 (the first {@code tiers}). */
  private static Model other(String id, ZoneId zone, int tiers, Optional<Handoff> handoff) {
    Model.Builder b =
        Model.builder(id)
            .zone(zone)
            .trait("employees", TraitType.INT)
            .trait("customer", TraitType.BOOL)
            .trait("email_domain", TraitType.STRING)
            .category(
                "usage",
                c -> c.rule("activity", Expr.occurred("any_event", Window.days(7)), 1, "Active"));
    String[] names = {"hot", "warm", "emerging"};
    int[] at = {80, 50, 30};
    for (int i = 0; i < tiers; i++) {
      b.tier(names[i], Expr.score().ge(at[i]));
    }
    handoff.ifPresent(b::handoff);
    return b.build();
  }

  @Test
  void restore_underAModelWithOtherTiers_isRefused_sayingWhatChanged() {
    Model fewerTiers =
        other(
            HandoffCards.MODEL, HandoffCards.ZONE, 2, Optional.of(HandoffCards.handoff().build()));
    assertEquals(
        "snapshot: cannot restore under model 'pql': the snapshot has tiers (in order) [hot, warm,"
            + " emerging], the model has [hot, warm]; a snapshot restores only under a model with"
            + " the same id, entity kind, time zone, tiers, queues and triggers",
        refusal(fewerTiers, historySnapshot()));
  }

  @Test
  void restore_underAModelWithOtherQueues_isRefused_sayingWhatChanged() {
    Model moreQueues =
        model(HandoffCards.handoff().queue("nurture", "Nurture", Duration.ofDays(2)).build());
    String message = refusal(moreQueues, historySnapshot());
    assertTrue(
        message.startsWith(
            "snapshot: cannot restore under model 'pql': the snapshot has queues [ae, inside], the"
                + " model has [ae, inside, nurture]"),
        message);
  }

  @Test
  void restore_underAModelWithOtherTriggers_isRefused_sayingWhatChanged() {
    Model moreTriggers =
        model(
            HandoffCards.handoff()
                .trigger(
                    "invites",
                    "Invited teammates",
                    Handoff.Level.LOW,
                    Expr.occurred("invite_sent", Window.days(1)),
                    "inside")
                .build());
    String message = refusal(moreTriggers, historySnapshot());
    assertTrue(
        message.startsWith(
            "snapshot: cannot restore under model 'pql': the snapshot has triggers [pricing, sso],"
                + " the model has [invites, pricing, sso]"),
        message);
  }

  @Test
  void restore_underAnotherModelKindOrZone_isRefused_sayingWhatChanged() {
    byte[] bytes = historySnapshot();
    Model accounts = HandoffCards.model(HandoffCards.handoff().build(), EntityKind.ACCOUNT);
    assertTrue(
        refusal(accounts, bytes)
            .startsWith(
                "snapshot: cannot restore under model 'pql': the snapshot holds users, the model"
                    + " scores accounts"));
    Model utc =
        other(
            HandoffCards.MODEL,
            ZoneId.of("Europe/Berlin"),
            3,
            Optional.of(HandoffCards.handoff().build()));
    assertEquals(
        "snapshot: cannot restore under model 'pql': the snapshot was written in time zone"
            + " Asia/Kolkata, the model's is Europe/Berlin (queue capacity is counted per local day); a"
            + " snapshot restores only under a model with the same id, entity kind, time zone,"
            + " tiers, queues and triggers",
        refusal(utc, bytes));
  }

  @Test
  void restore_underAModelWithAnotherId_isRefused() {
    Model other = other("other", HandoffCards.ZONE, 3, Optional.of(HandoffCards.handoff().build()));
    assertTrue(
        refusal(other, historySnapshot())
            .startsWith(
                "snapshot: cannot restore under model 'other': the snapshot was written for model"
                    + " 'pql'"));
  }

  @Test
  void restore_underAModelWithoutHandoff_namesTheModel() {
    Model plain = other("plain", HandoffCards.ZONE, 3, Optional.empty());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> restore(plain, historySnapshot()));
    assertTrue(e.getMessage().startsWith("model: plain has no hand-off"), e.getMessage());
  }
}
