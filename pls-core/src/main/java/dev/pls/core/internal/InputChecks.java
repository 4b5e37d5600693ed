package dev.pls.core.internal;

import dev.pls.core.input.Entity;
import dev.pls.core.input.Event;
import dev.pls.core.model.EntityKind;
import dev.pls.core.model.NumberRange;
import dev.pls.core.model.Trait;
import dev.pls.core.model.Value;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The argument checks every evaluator makes on what it is asked to score, worded alike. */
public final class InputChecks {
  private InputChecks() {}

  /**
   * Checks that every event of {@code entity} belongs to it: to the user, for a user model (so
   * never an event of an account alone); to the account, for an account model.
   *
   * @throws IllegalArgumentException naming the first event that does not
   */
  public static void eventsBelong(EntityKind kind, Entity entity) {
    List<Event> events = entity.events();
    for (int i = 0; i < events.size(); i++) {
      Event e = events.get(i);
      if (kind == EntityKind.USER && !e.hasUser()) {
        throw accountAlone("entity.events[" + i + "]", e, "user '" + entity.id() + "'");
      }
      if (kind == EntityKind.USER && !e.user().equals(entity.id())) {
        throw new IllegalArgumentException(
            "entity.events["
                + i
                + "]: belongs to user '"
                + e.user()
                + "', not to '"
                + entity.id()
                + "'");
      }
      if (kind == EntityKind.ACCOUNT && !e.account().equals(Optional.of(entity.id()))) {
        throw new IllegalArgumentException(
            "entity.events["
                + i
                + "]: belongs to account '"
                + e.account().orElse("(none)")
                + "', not to '"
                + entity.id()
                + "'");
      }
    }
  }

  /**
   * Checks an account's members against an account model: only a model that rolls up members takes
   * them; each member's events belong to that member and to this account (or to no account); member
   * traits have the member model's types.
   *
   * @throws IllegalArgumentException naming the first member or event at fault
   */
  public static void members(dev.pls.core.model.Model model, Entity entity) {
    if (model.memberModel().isEmpty()) {
      if (!entity.members().isEmpty()) {
        throw new IllegalArgumentException(
            "entity.members: model '"
                + model.id()
                + "' does not roll up members, but '"
                + entity.id()
                + "' has "
                + entity.members().size());
      }
      return;
    }
    dev.pls.core.model.Model memberModel = model.memberModel().get();
    for (int m = 0; m < entity.members().size(); m++) {
      Entity member = entity.members().get(m);
      String where = "entity.members[" + m + "]";
      List<Event> events = member.events();
      for (int i = 0; i < events.size(); i++) {
        Event e = events.get(i);
        if (!e.hasUser()) {
          throw accountAlone(
              where + ".events[" + i + "]",
              e,
              "member '" + member.id() + "' (it goes in the account's own events)");
        }
        if (!e.user().equals(member.id())) {
          throw new IllegalArgumentException(
              where
                  + ".events["
                  + i
                  + "]: belongs to user '"
                  + e.user()
                  + "', not to '"
                  + member.id()
                  + "'");
        }
        if (e.account().isPresent() && !e.account().get().equals(entity.id())) {
          throw new IllegalArgumentException(
              where
                  + ".events["
                  + i
                  + "]: belongs to account '"
                  + e.account().get()
                  + "', not to '"
                  + entity.id()
                  + "'");
        }
      }
      traitsTyped(memberModel.traits(), member.traits(), where + ".traits");
    }
  }

  private static IllegalArgumentException accountAlone(String argument, Event e, String notOf) {
    return new IllegalArgumentException(
        argument
            + ": is an event of account '"
            + e.account().get()
            + "' alone, done by no user, not of "
            + notOf);
  }

  /**
   * Checks that each declared trait present in {@code values} has its declared type and, if a
   * number, is in {@link NumberRange} (an {@code Entity} checks that itself; a map handed to the
   * store may hold a {@code Value.Num} made directly); traits the model does not declare are not
   * checked.
   *
   * @param argument how the caller names {@code values} in messages, e.g. {@code entity.traits}
   * @throws IllegalArgumentException naming the first trait of the wrong type or out of range
   */
  public static void traitsTyped(List<Trait> traits, Map<String, Value> values, String argument) {
    for (Trait t : traits) {
      Value v = values.get(t.name());
      if (v instanceof Value.Num n) {
        NumberRange.check(n.value(), argument + "['" + t.name() + "']");
      }
      if (v != null && !t.type().accepts(v)) {
        throw new IllegalArgumentException(
            argument
                + "['"
                + t.name()
                + "']: must be "
                + t.type().displayName()
                + ", was "
                + v.type().displayName()
                + " "
                + v);
      }
    }
  }
}
