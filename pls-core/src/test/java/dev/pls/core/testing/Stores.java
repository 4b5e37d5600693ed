package dev.pls.core.testing;

import dev.pls.core.model.Model;
import dev.pls.core.scoring.EntityStore;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/** Entity stores for tests of scoring semantics, independent of the day the tests run. */
public final class Stores {
  private Stores() {}

  /**
   * A store that accepts events of any date: generated events may lie after the machine's clock,
   * and a semantics test must not pass or fail by the day it runs on.
   */
  public static EntityStore anyDate(Model model) {
    return EntityStore.builder(model).maxSkew(ChronoUnit.FOREVER.getDuration()).build();
  }

  /**
   * A store that accepts events of any date and whose clock is {@code clock}: events after the
   * clock's instant are held apart, as a live store holds those of a device clock running ahead.
   */
  public static EntityStore anyDate(Model model, Clock clock) {
    return EntityStore.builder(model)
        .clock(clock)
        .maxSkew(ChronoUnit.FOREVER.getDuration())
        .build();
  }
}
