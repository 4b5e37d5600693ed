package dev.pls.dsl;

import static java.util.Objects.requireNonNull;

/**
 * A {@code test} block of a compiled rule file, before it runs: what a test runner lists (an IDE's
 * tree, a JUnit engine's discovery) without scoring anything.
 *
 * @param name the test's name as written
 * @param line the line its block starts on
 */
public record TestBlock(String name, int line) {
  public TestBlock {
    requireNonNull(name, "name");
  }
}
