/**
 * The {@code pls} command line: {@link dev.pls.cli.Pls} is the top-level command, with one class
 * per subcommand — {@code CheckCommand}, {@code FmtCommand}, {@code TestCommand}, {@code
 * ScoreCommand}, {@code ExplainCommand} and the hidden {@code DemoDataCommand}.
 *
 * <p>Rule files are compiled by {@code dev.pls.dsl.RulesLanguage}; every subcommand that scores
 * gets its {@code dev.pls.core.scoring.Scorer} from {@code Scorers.forModel}, the one place the
 * evaluator is chosen. {@code score} and {@code explain} share their input options ({@code
 * InputOptions}) and run a {@link dev.pls.cli.io.ScoringRun}; {@code Explanation} turns one card
 * into what a sales rep reads. {@code docs/cli.md} documents every subcommand; its examples are run
 * by this package's tests.
 */
package dev.pls.cli;
