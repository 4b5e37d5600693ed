/**
 * The {@code pls} command-line tool: event and trait files in, score cards out.
 *
 * <p>An application, not a library: it exports nothing. Its packages are opened to picocli, which
 * reads the commands' annotations reflectively.
 */
module dev.pls.cli {
  requires dev.pls.dsl;
  requires com.fasterxml.jackson.databind;
  requires info.picocli;
  requires io.github.javadiffutils;
  requires commons.math3;
  requires java.xml;

  opens dev.pls.cli to
      info.picocli;
}
