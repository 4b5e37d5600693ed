package dev.pls.dsl.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.ATN;
import org.antlr.v4.runtime.atn.LexerATNSimulator;
import org.antlr.v4.runtime.atn.ParserATNSimulator;
import org.antlr.v4.runtime.atn.PredictionContextCache;
import org.antlr.v4.runtime.dfa.DFA;
import org.antlr.v4.runtime.misc.IntervalSet;

/*
 * Parsing is bounded before ANTLR sees the text: a size limit, then a scan of the tokens for the
 * nesting depth (parentheses, braces, runs of prefix operators), because a recursive-descent
 * parser's stack grows with nesting and a StackOverflowError must never reach the user. Syntax
 * errors are collected by one listener (ANTLR's console listeners are removed) and the parse is
 * abandoned after MAX_SYNTAX_ERRORS, so a binary file gives a screenful, not a million lines. A
 * file with syntax errors yields no tree: the checker only ever sees complete trees.
 *
 * The text is normalised without moving any character: a leading byte order mark is dropped (the
 * caller drops it too, see withoutBom, so that rendering sees the same text) and a lone CR becomes
 * LF, because ANTLR counts lines by LF only and a file saved with old Mac line endings would
 * otherwise be one long line 1.
 *
 * Each parse gets its own DFA and prediction-context cache. The generated parser and lexer share
 * static ones by default, which grow with every distinct input ever parsed and are never released:
 * in a long-lived service compiling analysts' files that is a leak. A fresh cache costs a few
 * milliseconds of warm-up per file; the grammar is small.
 */
/** Source text to {@link Ast.File}, with diagnostics. */
public final class Parsing {
  private Parsing() {}

  /** A comment: where it is and its text including the leading '#'. */
  public record Comment(int line, int column, String text) {}

  /** The tree, if the file parsed, and the comments for the formatter. */
  public record Parsed(Optional<Ast.File> file, List<Comment> comments) {}

  private static final class TooManyErrors extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooManyErrors() {
      super(null, null, false, false);
    }
  }

  /** {@code source} without a leading UTF-8 byte order mark. */
  public static String withoutBom(String source) {
    return source.startsWith("\uFEFF") ? source.substring(1) : source;
  }

  /** Parses {@code source}, reporting problems to {@code reporter}; never throws on bad input. */
  public static Parsed parse(String source, Reporter reporter) {
    String text = withoutBom(source);
    if (text.length() > Limits.MAX_FILE_CHARS) {
      reporter.error(
          Code.PLS0002,
          Ast.Span.NONE,
          "file has "
              + text.length()
              + " characters; at most "
              + Limits.MAX_FILE_CHARS
              + " are allowed (split the model into smaller files)");
      return new Parsed(Optional.empty(), List.of());
    }
    if (text.indexOf('\r') >= 0) {
      text = loneCrToLf(text);
    }
    PlsLexer lexer = new PlsLexer(CharStreams.fromString(text, reporter.file()));
    lexer.setInterpreter(
        new LexerATNSimulator(
            lexer, PlsLexer._ATN, freshDfa(PlsLexer._ATN), new PredictionContextCache()));
    lexer.removeErrorListeners();
    CommonTokenStream tokens = new CommonTokenStream(lexer);
    tokens.fill();
    List<Comment> comments = new ArrayList<>();
    for (Token t : tokens.getTokens()) {
      if (t.getType() == PlsLexer.COMMENT) {
        comments.add(new Comment(t.getLine(), t.getCharPositionInLine() + 1, t.getText().strip()));
      }
    }
    if (!nestingWithinLimit(tokens.getTokens(), reporter)) {
      return new Parsed(Optional.empty(), comments);
    }
    PlsParser parser = new PlsParser(tokens);
    parser.setInterpreter(
        new ParserATNSimulator(
            parser, PlsParser._ATN, freshDfa(PlsParser._ATN), new PredictionContextCache()));
    parser.removeErrorListeners();
    int[] errors = {0};
    parser.addErrorListener(
        new BaseErrorListener() {
          @Override
          public void syntaxError(
              Recognizer<?, ?> recognizer,
              Object offendingSymbol,
              int line,
              int charPositionInLine,
              String msg,
              RecognitionException e) {
            Token t = (Token) offendingSymbol;
            int length =
                t == null || t.getType() == Token.EOF
                    ? 1
                    : Math.max(1, t.getStopIndex() - t.getStartIndex() + 1);
            Ast.Span span = new Ast.Span(line, charPositionInLine + 1, length, line);
            if (++errors[0] > Limits.MAX_SYNTAX_ERRORS) {
              reporter.error(
                  Code.PLS0004,
                  span,
                  "too many syntax errors ("
                      + Limits.MAX_SYNTAX_ERRORS
                      + "); the rest of the file was not checked");
              throw new TooManyErrors();
            }
            reporter.error(Code.PLS0101, span, message((Parser) recognizer, t, msg));
          }
        });
    PlsParser.FileContext tree;
    try {
      tree = parser.file();
    } catch (TooManyErrors stop) {
      return new Parsed(Optional.empty(), comments);
    }
    if (errors[0] > 0) {
      return new Parsed(Optional.empty(), comments);
    }
    return new Parsed(Optional.of(new AstBuilder(text, reporter).file(tree)), comments);
  }

  private static DFA[] freshDfa(ATN atn) {
    DFA[] dfa = new DFA[atn.getNumberOfDecisions()];
    for (int i = 0; i < dfa.length; i++) {
      dfa[i] = new DFA(atn.getDecisionState(i), i);
    }
    return dfa;
  }

  private static String loneCrToLf(String text) {
    char[] chars = text.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] == '\r' && (i + 1 == chars.length || chars[i + 1] != '\n')) {
        chars[i] = '\n';
      }
    }
    return new String(chars);
  }

  private static boolean nestingWithinLimit(List<Token> tokens, Reporter reporter) {
    int depth = 0;
    int prefixRun = 0;
    for (Token t : tokens) {
      if (t.getChannel() != Token.DEFAULT_CHANNEL) {
        continue;
      }
      String s = t.getText();
      int type = t.getType();
      boolean open = s.equals("(") || s.equals("{") || s.equals("[");
      boolean close = s.equals(")") || s.equals("}") || s.equals("]");
      boolean prefix =
          type != PlsLexer.STRING && (s.equals("not") || s.equals("-") || s.equals("+"));
      depth = open ? depth + 1 : close ? Math.max(0, depth - 1) : depth;
      prefixRun = prefix ? prefixRun + 1 : 0;
      if (depth + prefixRun > Limits.MAX_NESTING) {
        reporter.error(
            Code.PLS0003,
            new Ast.Span(t.getLine(), t.getCharPositionInLine() + 1, 1, t.getLine()),
            "nesting deeper than "
                + Limits.MAX_NESTING
                + " levels (parentheses, braces and prefix operators); simplify the expression");
        return false;
      }
    }
    return true;
  }

  private static String tokenName(Parser parser, int type) {
    return switch (type) {
      case Token.EOF -> "end of file";
      case PlsLexer.IDENT -> "a name";
      case PlsLexer.NUMBER -> "a number";
      case PlsLexer.STRING -> "a string";
      case PlsLexer.DURATION -> "a duration such as 7d";
      case PlsLexer.TIMESTAMP -> "a timestamp such as 2026-11-20T12:00:00Z";
      default -> parser.getVocabulary().getDisplayName(type);
    };
  }

  private static String message(Parser parser, Token t, String antlrMessage) {
    String found;
    if (t == null || t.getType() == Token.EOF) {
      found = "end of file";
    } else if (t.getType() == PlsLexer.UNKNOWN) {
      found = "character '" + t.getText() + "'";
    } else {
      found = "'" + t.getText() + "'";
    }
    StringBuilder sb = new StringBuilder("unexpected ").append(found);
    if (antlrMessage.startsWith("missing ")) {
      sb.setLength(0);
      sb.append(antlrMessage.replace("<EOF>", "end of file"));
      return sb.toString();
    }
    IntervalSet expected;
    try {
      expected = parser.getExpectedTokens();
    } catch (RuntimeException e) {
      // ANTLR cannot always compute the follow set after recovery; the message stands without.
      return sb.toString();
    }
    List<String> names = new ArrayList<>();
    for (int type : expected.toList()) {
      names.add(tokenName(parser, type));
    }
    if (!names.isEmpty() && names.size() <= 6) {
      sb.append("; expected ");
      for (int i = 0; i < names.size(); i++) {
        sb.append(i == 0 ? "" : i == names.size() - 1 ? " or " : ", ").append(names.get(i));
      }
    }
    return sb.toString();
  }
}
