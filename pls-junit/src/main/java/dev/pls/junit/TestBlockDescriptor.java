package dev.pls.junit;

import dev.pls.dsl.TestBlock;
import java.nio.file.Path;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.AbstractTestDescriptor;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;

/** One {@code test} block: a test named as written, located at the line its block starts on. */
final class TestBlockDescriptor extends AbstractTestDescriptor {
  static final String SEGMENT = "test";

  private final int index;
  private final String legacyName;

  /**
   * @param index the block's place among the file's runnable tests, which is its place in the
   *     file's test report
   */
  TestBlockDescriptor(UniqueId id, Path file, TestBlock block, int index) {
    super(id, block.name(), FileSource.from(file.toFile(), FilePosition.from(block.line())));
    this.index = index;
    this.legacyName = block.name() + " (" + file.getFileName() + ":" + block.line() + ")";
  }

  /** What reports without a tree (Surefire's XML) name the test: its name, file and line. */
  @Override
  public String getLegacyReportingName() {
    return legacyName;
  }

  int index() {
    return index;
  }

  @Override
  public Type getType() {
    return Type.TEST;
  }
}
