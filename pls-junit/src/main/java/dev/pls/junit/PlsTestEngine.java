package dev.pls.junit;

import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.ExecutionRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestEngine;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;

/*
 * One container per rule file, one test per `test` block. A file is compiled once, at discovery
 * (its test blocks' names and lines are needed to list the tests), and its tests run together
 * at execution: `Compilation.runTests()` runs a file's blocks as one pass, sharing the scorer and
 * the rule coverage, and a single block costs milliseconds. Selecting one test (its unique id)
 * therefore runs the file and reports only that test.
 *
 * Build tools send class selectors, not classpath roots: Surefire and Gradle select each test
 * class they found. So a class selector also means "the directory this class was loaded from":
 * the engine scans that classpath root (target/test-classes holds the copied
 * src/test/resources) and the folders of `pls.junit.roots`. Without that, adding the dependency
 * would find nothing under a build tool.
 */
/**
 * The JUnit Platform engine for rule files, id {@value #ID}: every {@code test} block of every
 * selected {@code .pls} file runs as a JUnit test, under a container for its file.
 *
 * <p>The launcher loads it as a service; a project only adds the {@code pls-junit} dependency.
 * Configuration parameter {@value Discovery#ROOTS} names further folders (comma-separated, relative
 * to the working directory) to scan. See {@code docs/testing.md}.
 *
 * <p>Stateless and thread-safe.
 */
public final class PlsTestEngine implements TestEngine {
  /** The engine id, as in {@code [engine:pls]} and Surefire's {@code includeEngines}. */
  public static final String ID = "pls";

  /** Creates the engine; the launcher calls this through the service loader. */
  public PlsTestEngine() {}

  @Override
  public String getId() {
    return ID;
  }

  @Override
  public TestDescriptor discover(EngineDiscoveryRequest request, UniqueId uniqueId) {
    return new Discovery(request, uniqueId).run();
  }

  @Override
  public void execute(ExecutionRequest request) {
    EngineExecutionListener listener = request.getEngineExecutionListener();
    TestDescriptor root = request.getRootTestDescriptor();
    listener.executionStarted(root);
    for (TestDescriptor child : root.getChildren()) {
      if (child instanceof RuleFileDescriptor file) {
        file.execute(listener);
      }
    }
    listener.executionFinished(root, TestExecutionResult.successful());
  }
}
