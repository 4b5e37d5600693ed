package dev.pls.core.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/api.md} lists every public type of every exported package, and {@code
 * module-info.java} exports exactly those packages.
 */
class ApiDocTest {
  static final List<String> EXPORTED =
      List.of(
          "dev.pls.core.model",
          "dev.pls.core.input",
          "dev.pls.core.card",
          "dev.pls.core.scoring",
          "dev.pls.core.handoff",
          "dev.pls.core.backtest");

  @Test
  void apiDoc_listsEveryPublicTopLevelType() throws Exception {
    String doc = Files.readString(Path.of("..", "docs", "api.md"), StandardCharsets.UTF_8);
    Set<String> missing = new TreeSet<>();
    int types = 0;
    for (JavaClass c :
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(EXPORTED)) {
      if (c.isTopLevelClass()
          && c.getModifiers().contains(JavaModifier.PUBLIC)
          && EXPORTED.contains(c.getPackageName())) {
        types++;
        if (!doc.contains("`" + c.getSimpleName() + "`")
            && !doc.contains("`" + c.getSimpleName() + ".")) {
          missing.add(c.getName());
        }
      }
    }
    assertTrue(types > 30, "found only " + types + " public types");
    assertEquals(Set.of(), missing, "public types docs/api.md does not name");
  }

  @Test
  void moduleInfo_exportsExactlyTheApiPackages() throws Exception {
    Path compiled = Path.of("target", "classes", "module-info.class");
    ModuleDescriptor d;
    try (var in = Files.newInputStream(compiled)) {
      d = ModuleDescriptor.read(in);
    }
    Set<String> exported = new TreeSet<>();
    d.exports().forEach(e -> exported.add(e.source()));
    assertEquals(new TreeSet<>(EXPORTED), exported);
  }
}
