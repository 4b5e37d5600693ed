package dev.pls.junit;

import dev.pls.dsl.Compilation;
import dev.pls.dsl.RulesLanguage;
import dev.pls.dsl.TestBlock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.EngineDiscoveryRequest;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.UniqueId;
import org.junit.platform.engine.discovery.ClassSelector;
import org.junit.platform.engine.discovery.ClasspathResourceSelector;
import org.junit.platform.engine.discovery.ClasspathRootSelector;
import org.junit.platform.engine.discovery.DirectorySelector;
import org.junit.platform.engine.discovery.FileSelector;
import org.junit.platform.engine.discovery.ModuleSelector;
import org.junit.platform.engine.discovery.PackageSelector;
import org.junit.platform.engine.discovery.UniqueIdSelector;
import org.junit.platform.engine.support.descriptor.EngineDescriptor;

/**
 * Resolves a discovery request to rule files and their test blocks.
 *
 * <p>A request that selects a whole suite (a classpath root, a class, a package, a module, or
 * nothing at all) scans the classpath roots involved and the folders of {@value #ROOTS}; a request
 * for files, folders, classpath resources or unique ids selects just those. Files are listed in
 * path order, each compiled once.
 */
final class Discovery {
  /** Configuration parameter: further folders to scan, comma-separated, relative to the cwd. */
  static final String ROOTS = "pls.junit.roots";

  private static final String EXTENSION = ".pls";

  private final EngineDiscoveryRequest request;
  private final UniqueId engineId;
  // Each selected file, with the names of its selected tests; null selects all of them.
  private final Map<Path, Set<String>> files = new TreeMap<>();
  private final Set<Path> scanned = new HashSet<>();

  Discovery(EngineDiscoveryRequest request, UniqueId engineId) {
    this.request = request;
    this.engineId = engineId;
  }

  TestDescriptor run() {
    boolean suite = request.getSelectorsByType(DiscoverySelector.class).isEmpty();
    for (ClasspathRootSelector s : request.getSelectorsByType(ClasspathRootSelector.class)) {
      scan(Path.of(s.getClasspathRoot()));
      suite = true;
    }
    for (ClassSelector s : request.getSelectorsByType(ClassSelector.class)) {
      classpathRoot(s).ifPresent(this::scan);
      suite = true;
    }
    suite |= !request.getSelectorsByType(PackageSelector.class).isEmpty();
    suite |= !request.getSelectorsByType(ModuleSelector.class).isEmpty();
    for (DirectorySelector s : request.getSelectorsByType(DirectorySelector.class)) {
      scan(s.getPath());
    }
    for (FileSelector s : request.getSelectorsByType(FileSelector.class)) {
      if (isRuleFile(s.getPath())) {
        selectAll(s.getPath());
      }
    }
    for (ClasspathResourceSelector s :
        request.getSelectorsByType(ClasspathResourceSelector.class)) {
      resource(s.getClasspathResourceName());
    }
    for (UniqueIdSelector s : request.getSelectorsByType(UniqueIdSelector.class)) {
      suite |= uniqueId(s.getUniqueId());
    }
    if (suite) {
      for (Path root : configuredRoots(request.getConfigurationParameters())) {
        if (!Files.isDirectory(root)) {
          throw new IllegalArgumentException(ROOTS + ": no such directory: " + root);
        }
        scan(root);
      }
    }
    return descriptors();
  }

  private TestDescriptor descriptors() {
    EngineDescriptor engine = new EngineDescriptor(engineId, "pls rule files");
    for (Map.Entry<Path, Set<String>> e : files.entrySet()) {
      Path file = e.getKey();
      Compilation compilation = RulesLanguage.compile(file);
      RuleFileDescriptor container =
          new RuleFileDescriptor(
              engineId.append(RuleFileDescriptor.SEGMENT, file.toString()), file, compilation);
      List<TestBlock> blocks = compilation.tests();
      Set<String> used = new HashSet<>();
      for (int i = 0; i < blocks.size(); i++) {
        TestBlock block = blocks.get(i);
        String segment = used.contains(block.name()) ? block.name() + "#" + i : block.name();
        used.add(segment);
        if (e.getValue() == null || e.getValue().contains(segment)) {
          container.addChild(
              new TestBlockDescriptor(
                  container.getUniqueId().append(TestBlockDescriptor.SEGMENT, segment),
                  file,
                  block,
                  i));
        }
      }
      engine.addChild(container);
    }
    return engine;
  }

  static List<Path> configuredRoots(ConfigurationParameters parameters) {
    return parameters
        .get(ROOTS)
        .map(
            value ->
                Stream.of(value.split(","))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .map(Path::of)
                    .toList())
        .orElse(List.of());
  }

  private void scan(Path dir) {
    Path root = normalize(dir);
    if (!Files.isDirectory(root) || !scanned.add(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      walk.filter(Discovery::isRuleFile).forEach(this::selectAll);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root, e);
    }
  }

  private void selectAll(Path file) {
    files.put(normalize(file), null);
  }

  private void resource(String name) {
    if (!name.endsWith(EXTENSION)) {
      return;
    }
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = Discovery.class.getClassLoader();
    }
    try {
      Enumeration<URL> urls = loader.getResources(name.startsWith("/") ? name.substring(1) : name);
      while (urls.hasMoreElements()) {
        URL url = urls.nextElement();
        // A rule file inside a jar has no file and line an IDE could open: only files count.
        if ("file".equals(url.getProtocol())) {
          selectAll(Path.of(url.toURI()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot look up classpath resource " + name, e);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("classpath resource " + name + ": " + e.getMessage(), e);
    }
  }

  /**
   * Selects the file, or the one test, that {@code id} names; returns whether it names the whole
   * engine (a suite).
   */
  private boolean uniqueId(UniqueId id) {
    List<UniqueId.Segment> segments = id.getSegments();
    if (!id.hasPrefix(engineId)) {
      return false;
    }
    if (segments.size() == 1) {
      return true;
    }
    UniqueId.Segment file = segments.get(1);
    if (!file.getType().equals(RuleFileDescriptor.SEGMENT)) {
      return false;
    }
    Path path = normalize(Path.of(file.getValue()));
    if (segments.size() == 2) {
      files.put(path, null);
    } else if (segments.get(2).getType().equals(TestBlockDescriptor.SEGMENT)) {
      if (!files.containsKey(path) || files.get(path) != null) {
        files.computeIfAbsent(path, p -> new LinkedHashSet<>()).add(segments.get(2).getValue());
      }
    }
    return false;
  }

  private static Optional<Path> classpathRoot(ClassSelector selector) {
    try {
      CodeSource source = selector.getJavaClass().getProtectionDomain().getCodeSource();
      if (source == null || source.getLocation() == null) {
        return Optional.empty();
      }
      Path location = Path.of(source.getLocation().toURI());
      return Files.isDirectory(location) ? Optional.of(location) : Optional.empty();
    } catch (RuntimeException | URISyntaxException e) {
      // A class that cannot be loaded is the class's engine's to report, not this one's.
      return Optional.empty();
    }
  }

  private static boolean isRuleFile(Path path) {
    return path.getFileName() != null
        && path.getFileName().toString().endsWith(EXTENSION)
        && Files.isRegularFile(path);
  }

  private static Path normalize(Path path) {
    return path.toAbsolutePath().normalize();
  }
}
