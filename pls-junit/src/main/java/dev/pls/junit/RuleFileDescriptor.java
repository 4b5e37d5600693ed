package dev.pls.junit;

import dev.pls.dsl.Compilation;
import dev.pls.dsl.TestReport;
import dev.pls.dsl.TestResult;
import java.nio.file.Path;
import org.junit.platform.engine.EngineExecutionListener;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.opentest4j.AssertionFailedError;

/** A rule file: a container of its test blocks, or a failure when it does not compile. */
final class RuleFileDescriptor extends AbstractTestDescriptor {
  static final String SEGMENT = "file";

  private final Path file;
  private final Compilation compilation;
  private final String legacyName;

  RuleFileDescriptor(UniqueId id, Path file, Compilation compilation) {
    super(id, displayName(file), FileSource.from(file.toFile()));
    this.file = file;
    this.compilation = compilation;
    Path cwd = Path.of("").toAbsolutePath();
    this.legacyName = (file.startsWith(cwd) ? cwd.relativize(file) : file).toString();
  }

  /**
   * What reports without a tree (Surefire's XML, as the test's class name) call the file: its path,
   * relative to the working directory when under it.
   */
  @Override
  public String getLegacyReportingName() {
    return legacyName;
  }

  private static String displayName(Path file) {
    Path name = file.getFileName();
    Path parent = file.getParent();
    // model.pls is the usual name of every model, so its folder tells the files apart.
    return parent == null || parent.getFileName() == null
        ? String.valueOf(name)
        : parent.getFileName() + "/" + name;
  }

  Path file() {
    return file;
  }

  Compilation compilation() {
    return compilation;
  }

  @Override
  public Type getType() {
    return Type.CONTAINER;
  }

  /**
   * A file that does not compile has no tests to list, but must stay in the tree to fail with its
   * diagnostics: the launcher prunes containers that neither hold nor may register tests (as it
   * does a file with no {@code test} blocks).
   */
  @Override
  public boolean mayRegisterTests() {
    return !compilation.succeeded();
  }

  void execute(EngineExecutionListener listener) {
    listener.executionStarted(this);
    if (!compilation.succeeded()) {
      listener.executionFinished(
          this,
          TestExecutionResult.failed(
              new AssertionFailedError(file + " does not compile:\n" + compilation.render())));
      return;
    }
    TestReport report;
    try {
      report = compilation.runTests();
    } catch (RuntimeException e) {
      listener.executionFinished(this, TestExecutionResult.failed(e));
      return;
    }
    for (TestDescriptor child : getChildren()) {
      if (child instanceof TestBlockDescriptor test) {
        listener.executionStarted(test);
        TestResult result = report.results().get(test.index());
        listener.executionFinished(
            test,
            result.passed()
                ? TestExecutionResult.successful()
                : TestExecutionResult.failed(Failures.of(file, result)));
      }
    }
    listener.executionFinished(this, TestExecutionResult.successful());
  }
}
