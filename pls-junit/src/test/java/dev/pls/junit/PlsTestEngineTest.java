package dev.pls.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathResource;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClasspathRoots;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectFile;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectUniqueId;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.support.descriptor.FilePosition;
import org.junit.platform.engine.support.descriptor.FileSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.opentest4j.AssertionFailedError;

/**
 * The engine through the JUnit Platform test kit. Its fixtures live in {@code src/test/fixtures},
 * off the test class path, so this module's own Surefire run (which runs this engine too) never
 * meets the failing and broken ones; the one rule file on the class path passes.
 */
class PlsTestEngineTest {
  private static final Path FIXTURES = Path.of("src/test/fixtures").toAbsolutePath();

  private static EngineExecutionResults run(DiscoverySelector... selectors) {
    return EngineTestKit.engine(PlsTestEngine.ID).selectors(selectors).execute();
  }

  private static List<String> testNames(EngineExecutionResults results) {
    return results
        .testEvents()
        .started()
        .map(e -> e.getTestDescriptor().getDisplayName())
        .sorted()
        .toList();
  }

  private static Throwable failure(Event event) {
    return event.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
  }

  @Test
  void passingFile_fileSelector_eachBlockPassesNamedAndLocatedByItsLine() {
    Path file = FIXTURES.resolve("passing.pls");
    EngineExecutionResults results = run(selectFile(file.toFile()));
    results.testEvents().assertStatistics(s -> s.started(2).succeeded(2).failed(0));
    results.containerEvents().assertStatistics(s -> s.started(2).succeeded(2).failed(0));

    List<TestDescriptor> tests =
        results.testEvents().started().map(Event::getTestDescriptor).toList();
    assertEquals("three invites in a week", tests.get(0).getDisplayName());
    assertEquals("no invites", tests.get(1).getDisplayName());
    assertEquals(
        FileSource.from(file.toFile(), FilePosition.from(11)),
        tests.get(0).getSource().orElseThrow());
    assertEquals(
        FileSource.from(file.toFile(), FilePosition.from(19)),
        tests.get(1).getSource().orElseThrow());

    assertEquals("three invites in a week (passing.pls:11)", tests.get(0).getLegacyReportingName());

    TestDescriptor container = tests.get(0).getParent().orElseThrow();
    assertEquals(
        "src/test/fixtures/passing.pls".replace('/', java.io.File.separatorChar),
        container.getLegacyReportingName());
    assertEquals("fixtures/passing.pls", container.getDisplayName());
    assertEquals(FileSource.from(file.toFile()), container.getSource().orElseThrow());
    assertEquals(
        UniqueId.forEngine("pls")
            .append("file", file.toString())
            .append("test", "three invites in a week"),
        tests.get(0).getUniqueId());
  }

  @Test
  void failingTest_failsWithExpectedAndActualAsPlsTestPrintsThem() {
    EngineExecutionResults results = run(selectFile(FIXTURES.resolve("failing.pls").toFile()));
    results.testEvents().assertStatistics(s -> s.started(2).succeeded(1).failed(1));

    Event failed = results.testEvents().failed().list().get(0);
    assertEquals("expects too much", failed.getTestDescriptor().getDisplayName());
    AssertionFailedError error = assertInstanceOf(AssertionFailedError.class, failure(failed));
    String message = error.getMessage();
    assertTrue(message.startsWith("test \"expects too much\" failed ("), message);
    assertTrue(message.contains("failing.pls:8)"), message);
    assertTrue(message.contains("expect u1 score 30"), message);
    assertTrue(message.contains("expected: 30"), message);
    assertTrue(message.contains("actual:   10"), message);
    assertTrue(message.contains("actual card:"), message);
    assertEquals("expect u1 score 30 -> 30\n", error.getExpected().getStringRepresentation());
    assertEquals("expect u1 score 30 -> 10\n", error.getActual().getStringRepresentation());
  }

  @Test
  void fileThatDoesNotCompile_containerFailsWithTheRenderedDiagnostics() {
    Path file = FIXTURES.resolve("broken.pls");
    EngineExecutionResults results = run(selectFile(file.toFile()));
    results.testEvents().assertStatistics(s -> s.started(0));

    Event failed = results.containerEvents().failed().list().get(0);
    assertEquals("fixtures/broken.pls", failed.getTestDescriptor().getDisplayName());
    String message = failure(failed).getMessage();
    assertTrue(message.startsWith(file + " does not compile:\n"), message);
    assertTrue(message.contains(file + ":5:3: error PLS0201"), message);
    assertTrue(message.contains("\n    ^^^^^^^"), message);
  }

  @Test
  void uniqueIdSelector_oneTest_runsOnlyThatTest() {
    Path file = FIXTURES.resolve("passing.pls");
    UniqueId id =
        UniqueId.forEngine("pls").append("file", file.toString()).append("test", "no invites");
    EngineExecutionResults results = run(selectUniqueId(id));
    results.testEvents().assertStatistics(s -> s.started(1).succeeded(1));
    assertEquals(
        id, results.testEvents().started().list().get(0).getTestDescriptor().getUniqueId());
  }

  @Test
  void uniqueIdSelector_aFile_runsAllItsTests() {
    UniqueId id =
        UniqueId.forEngine("pls").append("file", FIXTURES.resolve("failing.pls").toString());
    run(selectUniqueId(id)).testEvents().assertStatistics(s -> s.started(2).failed(1));
  }

  @Test
  void directorySelector_nestedFolders_findsEveryRuleFileAndNothingElse() {
    EngineExecutionResults results = run(selectDirectory(FIXTURES.resolve("tree").toFile()));
    assertEquals(List.of("one logs in", "three logs in", "two logs in"), testNames(results));
    results.testEvents().assertStatistics(s -> s.succeeded(3));
  }

  @Test
  void configuredRoots_suiteRequest_scansTheFolders() {
    EngineExecutionResults results =
        EngineTestKit.engine(PlsTestEngine.ID)
            .configurationParameter(
                Discovery.ROOTS, " src/test/fixtures/tree/sub , src/test/fixtures/tree/sub/inner")
            .selectors(selectPackage("dev.pls.nothing"))
            .execute();
    // The two roots overlap: each file is listed once.
    assertEquals(List.of("three logs in", "two logs in"), testNames(results));
  }

  @Test
  void configuredRoots_missingFolder_failsTheDiscoveryNamingIt() {
    Throwable error =
        assertThrows(
            Throwable.class,
            () ->
                EngineTestKit.engine(PlsTestEngine.ID)
                    .configurationParameter(Discovery.ROOTS, "src/test/no-such-folder")
                    .selectors(selectPackage("dev.pls.nothing"))
                    .execute());
    String message = String.valueOf(error.getCause());
    assertTrue(message.contains("pls.junit.roots: no such directory"), message);
    assertTrue(message.contains("no-such-folder"), message);
  }

  @Test
  void configuredRoots_requestForOneFile_areNotScanned() {
    EngineExecutionResults results =
        EngineTestKit.engine(PlsTestEngine.ID)
            .configurationParameter(Discovery.ROOTS, "src/test/fixtures/tree")
            .selectors(selectFile(FIXTURES.resolve("passing.pls").toFile()))
            .execute();
    assertEquals(List.of("no invites", "three invites in a week"), testNames(results));
  }

  @Test
  void fileWithNoTests_isPrunedLikeAClassWithoutTests() {
    EngineExecutionResults results = run(selectFile(FIXTURES.resolve("notests.pls").toFile()));
    results.testEvents().assertStatistics(s -> s.started(0));
    // Only the engine itself runs, and passes.
    results.containerEvents().assertStatistics(s -> s.started(1).succeeded(1).failed(0));
  }

  @Test
  void classpathResourceSelector_findsTheFileOnTheClassPath() {
    EngineExecutionResults results = run(selectClasspathResource("dev/pls/junit/classpath.pls"));
    assertEquals(List.of("classpath logs in"), testNames(results));
  }

  @Test
  void classpathRootSelector_directory_scansIt() {
    EngineExecutionResults results =
        run(selectClasspathRoots(Set.of(FIXTURES.resolve("tree/sub"))).get(0));
    assertEquals(List.of("three logs in", "two logs in"), testNames(results));
  }

  @Test
  void classSelector_asSurefireSends_scansTheClassesClasspathRoot() {
    EngineExecutionResults results = run(selectClass(PlsTestEngineTest.class));
    assertEquals(List.of("classpath logs in"), testNames(results));
    results.testEvents().assertStatistics(s -> s.succeeded(1));
  }

  @Test
  void otherFiles_fileSelector_areIgnored() {
    EngineExecutionResults results =
        run(selectFile(FIXTURES.resolve("tree/sub/notes.txt").toFile()));
    results.containerEvents().assertStatistics(s -> s.started(1));
  }
}
