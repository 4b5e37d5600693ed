package dev.pls.cli;

import dev.pls.core.model.Points;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/*
 * The rule file with new points, for `pls suggest --patch`. Only the points' number changes, in
 * place, so the diff shows one line per rule re-weighed and a person reads it as a change to the
 * rules, comments and layout untouched.
 *
 * A rule's line is found by its id as written, `[id]`, or, for a rule without one, by its label as
 * a string, `"label"`: either must occur exactly once in the file after a `: number` on its line,
 * outside comments (so a test's `expect … fired "label"` is not taken for it). On that line the
 * points are the last `: <number>` before the marker, and must equal the rule's points now. A rule
 * that cannot be found so (a marker written twice, as in a file holding a user model and the
 * account model beside it; a rule with neither id nor label; points written on another line than
 * the marker) is left out of the patch and named, so the person changes it by hand.
 */
/** The rule file's text with suggested points, and the rules it could not place. */
final class RulePatch {
  private static final Pattern POINTS = Pattern.compile(":\\s*([+-]?\\d+(?:\\.\\d+)?)");

  /**
   * The patched text, and the ids of the rules left out.
   *
   * @param text the rule file with the suggested points
   * @param missed the rules whose points could not be found in the text, in the order given
   */
  record Result(String text, List<String> missed) {}

  /** A rule to change: its id, its label, its points now and the new points. */
  record Change(String rule, String label, Points from, Points to) {}

  private RulePatch() {}

  static Result apply(String source, List<Change> changes) {
    List<String> lines = new ArrayList<>(List.of(source.split("\n", -1)));
    List<String> missed = new ArrayList<>();
    for (Change c : changes) {
      Optional<int[]> at =
          find(lines, Pattern.compile("\\[\\s*" + Pattern.quote(c.rule()) + "\\s*]"))
              .or(() -> find(lines, Pattern.compile(Pattern.quote(quoted(c.label())))));
      if (at.isEmpty()) {
        missed.add(c.rule());
        continue;
      }
      int line = at.get()[0];
      String text = lines.get(line);
      Matcher m = POINTS.matcher(masked(text).substring(0, at.get()[1]));
      int start = -1;
      int end = -1;
      while (m.find()) {
        start = m.start(1);
        end = m.end(1);
      }
      if (start < 0 || !parses(text.substring(start, end), c.from())) {
        missed.add(c.rule());
        continue;
      }
      lines.set(line, text.substring(0, start) + c.to().toSignedString() + text.substring(end));
    }
    return new Result(String.join("\n", lines), missed);
  }

  private static boolean parses(String number, Points expected) {
    try {
      return Points.parse(number).equals(expected);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * The one line and column where {@code marker} follows a `: number` outside a comment; empty
   * unless it occurs so once.
   */
  private static Optional<int[]> find(List<String> lines, Pattern marker) {
    int[] found = null;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.strip().startsWith("#")) {
        continue;
      }
      String masked = masked(line);
      Matcher m = marker.matcher(line);
      while (m.find()) {
        // Not in a comment or inside a string (its first character blanked), and after a
        // `: number`, as only a rule's marker is: not a test's `fired "label"`.
        if (masked.charAt(m.start()) != line.charAt(m.start())
            || !POINTS.matcher(masked.substring(0, m.start())).find()) {
          continue;
        }
        if (found != null) {
          return Optional.empty();
        }
        found = new int[] {i, m.start()};
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * The line with the inside of every string literal and a trailing comment blanked (same length),
   * so a number after a colon in a label, a string or a comment is never taken for the points.
   */
  private static String masked(String line) {
    StringBuilder sb = new StringBuilder(line);
    boolean inString = false;
    for (int i = 0; i < sb.length(); i++) {
      char c = sb.charAt(i);
      if (inString) {
        if (c == '\\' && i + 1 < sb.length()) {
          sb.setCharAt(i, ' ');
          sb.setCharAt(++i, ' ');
        } else if (c == '"') {
          inString = false;
        } else {
          sb.setCharAt(i, ' ');
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '#') {
        for (int j = i; j < sb.length(); j++) {
          sb.setCharAt(j, ' ');
        }
        break;
      }
    }
    return sb.toString();
  }

  /** A label as the language writes it: in double quotes, with \ and " escaped. */
  private static String quoted(String label) {
    return "\"" + label.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
