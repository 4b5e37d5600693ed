/**
 * A JUnit Platform test engine, id {@code pls}, that runs the {@code test} blocks of rule files.
 *
 * <p>It exports nothing: the launcher finds the engine through the service it provides (and, on the
 * class path, through {@code META-INF/services}).
 */
module dev.pls.junit {
  requires dev.pls.dsl;
  requires org.junit.platform.engine;

  provides org.junit.platform.engine.TestEngine with
      dev.pls.junit.PlsTestEngine;
}
