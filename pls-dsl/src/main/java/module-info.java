/**
 * The pls rules language: compile a rule file to a {@code dev.pls.core.model.Model}, read its
 * diagnostics, format it, and run its in-file tests.
 *
 * <p>Only {@code dev.pls.dsl} is API. The grammar, the syntax tree and the passes live in {@code
 * dev.pls.dsl.internal}, which is not exported; no ANTLR type appears in the API.
 */
module dev.pls.dsl {
  requires transitive dev.pls.core;
  requires org.antlr.antlr4.runtime;

  exports dev.pls.dsl;
}
