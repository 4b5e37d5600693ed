package dev.pls.dsl;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * The result of {@link RulesLanguage#format}: the canonical text, or the syntax errors that
 * prevented formatting.
 *
 * @param text the formatted file, when it parsed
 * @param diagnostics the syntax errors, empty when {@code text} is present
 */
public record Formatting(Optional<String> text, List<Diagnostic> diagnostics) {
  public Formatting {
    requireNonNull(text, "text");
    diagnostics = List.copyOf(requireNonNull(diagnostics, "diagnostics"));
  }
}
