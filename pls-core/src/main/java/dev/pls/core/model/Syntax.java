package dev.pls.core.model;

import java.util.regex.Pattern;

/** How model elements print: the rules language's surface syntax, used by every toString. */
final class Syntax {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private Syntax() {}

  /** A name as written in a rule: bare when it is an identifier, quoted otherwise. */
  static String name(String name) {
    return IDENTIFIER.matcher(name).matches() ? name : new Value.Str(name).toString();
  }
}
