/**
 * The rules language's machinery: the ANTLR grammar's generated parser, the syntax tree ({@link
 * dev.pls.dsl.internal.Ast}), the checker that lowers it to the core model, the formatter and the
 * test runner. Not exported; may change in any release.
 */
package dev.pls.dsl.internal;
