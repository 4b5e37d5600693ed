/**
 * The {@code pls} command line: {@link dev.pls.cli.Pls} is the top-level command that subcommands
 * hang from.
 */
package dev.pls.cli;
