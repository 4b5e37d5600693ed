package dev.pls.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The package layering of {@code docs/architecture.md}, checked on the compiled main classes: no
 * cycle between any two packages, and each package imports only the layers below it.
 *
 * <pre>
 *   internal.base  <-  model  <-  input, card  <-  internal  <-  internal.reference, internal.fast
 *                                                      ^                    ^
 *   handoff (model, card, internal)               scoring (every engine)
 *
 *   backtest (model, input, card, scoring)
 * </pre>
 */
class LayeringTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.pls.core");

  @Test
  void packages_haveNoCycle() {
    slices().matching("dev.pls.core.(**)").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void model_importsNoOtherLayer() {
    noClasses()
        .that()
        .resideInAPackage("dev.pls.core.model..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.pls.core.input..",
            "dev.pls.core.card..",
            "dev.pls.core.scoring..",
            "dev.pls.core.handoff..",
            "dev.pls.core.backtest..",
            "dev.pls.core.internal",
            "dev.pls.core.internal.reference..",
            "dev.pls.core.internal.fast..")
        .check(MAIN);
  }

  @Test
  void inputsAndCards_importNeitherEnginesNorEachOtherUpward() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.pls.core.input..", "dev.pls.core.card..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.pls.core.scoring..",
            "dev.pls.core.handoff..",
            "dev.pls.core.backtest..",
            "dev.pls.core.internal",
            "dev.pls.core.internal.reference..",
            "dev.pls.core.internal.fast..")
        .check(MAIN);
  }

  @Test
  void engines_importNoApiEntryPoint() {
    noClasses()
        .that()
        .resideInAPackage("dev.pls.core.internal..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.pls.core.scoring..", "dev.pls.core.handoff..", "dev.pls.core.backtest..")
        .check(MAIN);
  }

  @Test
  void fastEngine_doesNotReachIntoTheReferenceEvaluator() {
    noClasses()
        .that()
        .resideInAPackage("dev.pls.core.internal.fast..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.pls.core.internal.reference..")
        .check(MAIN);
  }

  @Test
  void handoffRuntime_usesNoEngine() {
    noClasses()
        .that()
        .resideInAPackage("dev.pls.core.handoff..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.pls.core.scoring..",
            "dev.pls.core.internal.reference..",
            "dev.pls.core.internal.fast..")
        .check(MAIN);
  }

  @Test
  void backtest_importsOnlyModelInputCardAndScoring() {
    noClasses()
        .that()
        .resideInAPackage("dev.pls.core.backtest..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.pls.core.handoff..",
            "dev.pls.core.internal",
            "dev.pls.core.internal.reference..",
            "dev.pls.core.internal.fast..")
        .check(MAIN);
  }

  @Test
  void noOtherLayer_importsTheBacktest() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.pls.core.backtest..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.pls.core.backtest..")
        .check(MAIN);
  }
}
