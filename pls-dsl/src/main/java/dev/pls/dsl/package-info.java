/**
 * The rules language's API. {@link dev.pls.dsl.RulesLanguage} compiles a rule file to a {@link
 * dev.pls.dsl.Compilation} (a model, or every {@link dev.pls.dsl.Diagnostic}), formats one, and a
 * compilation runs the file's tests into a {@link dev.pls.dsl.TestReport}. The language itself is
 * described in {@code docs/language.md}, its diagnostics in {@code docs/diagnostics.md}.
 */
package dev.pls.dsl;
