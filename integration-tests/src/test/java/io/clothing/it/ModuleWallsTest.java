package io.clothing.it;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The walls between the modules, checked on the compiled main classes of every module (a
 * broken wall fails the build naming the class and the dependency): the API depends on no
 * other module and no TensorFlow; preprocessing, augmentation and reporting depend only on the
 * API; training builds on those and finds the backend at run time; TensorFlow types stay inside
 * the backend and out of its public signatures.
 */
class ModuleWallsTest {
  private static final String[] MODULES = {"io.clothing.api..", "io.clothing.preprocessing..",
      "io.clothing.augmentation..", "io.clothing.reporting..", "io.clothing.tf..",
      "io.clothing.training..", "io.clothing.cli.."};
  private static final String MODULES_ROOT = "io.clothing";
  private static JavaClasses classes;

  @BeforeAll
  static void importMainClasses() {
    // the modules' own classes, from their jars or class directories; no test classes
    classes = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(location -> !location.isJar() || location.contains("/clothing-"))
        .importPackages(MODULES_ROOT);
  }

  private static String[] modulesBut(String... allowed) {
    java.util.List<String> out = new java.util.ArrayList<>(java.util.List.of(MODULES));
    out.removeAll(java.util.List.of(allowed));
    return out.toArray(String[]::new);
  }

  @Test
  void theApiDependsOnNoOtherModuleAndNoTensorFlow() {
    noClasses().that().resideInAPackage("io.clothing.api..").should().dependOnClassesThat()
        .resideInAnyPackage(concat(modulesBut("io.clothing.api.."), "org.tensorflow.."))
        .check(classes);
  }

  @Test
  void preprocessingAugmentationAndReportingDependOnlyOnTheApi() {
    for (String module : new String[] {"io.clothing.preprocessing..",
        "io.clothing.augmentation..", "io.clothing.reporting.."}) {
      noClasses().that().resideInAPackage(module).should().dependOnClassesThat()
          .resideInAnyPackage(concat(modulesBut("io.clothing.api..", module),
              "org.tensorflow.."))
          .check(classes);
    }
  }

  @Test
  void trainingFindsTheBackendAtRunTimeAndKnowsNoCommandLine() {
    noClasses().that().resideInAPackage("io.clothing.training..").should()
        .dependOnClassesThat().resideInAnyPackage("io.clothing.tf..", "io.clothing.cli..",
            "org.tensorflow..")
        .check(classes);
  }

  @Test
  void noTensorFlowTypeOutsideTheBackend() {
    noClasses().that().resideOutsideOfPackage("io.clothing.tf..").should()
        .dependOnClassesThat().resideInAPackage("org.tensorflow..").check(classes);
  }

  @Test
  void theBackendsPublicSignaturesHoldNoTensorFlowType() {
    methods().that().areDeclaredInClassesThat().resideInAPackage("io.clothing.tf..")
        .and().areDeclaredInClassesThat().arePublic()
        .and().arePublic()
        .should(notMention("org.tensorflow"))
        .check(classes);
  }

  @Test
  void pluginInterfacesSpeakInTheLibrarysOwnTypesNotJackson() {
    methods().that().areDeclaredInClassesThat().haveFullyQualifiedName(
            io.clothing.api.AugmentationProvider.class.getName())
        .or().areDeclaredInClassesThat().haveFullyQualifiedName(
            io.clothing.api.Augmentation.class.getName())
        .or().areDeclaredInClassesThat().haveFullyQualifiedName(
            io.clothing.api.PreprocessingStage.class.getName())
        .or().areDeclaredInClassesThat().haveFullyQualifiedName(
            io.clothing.api.PreprocessingStageProvider.class.getName())
        .should(notMention("com.fasterxml"))
        .check(classes);
  }

  private static String[] concat(String[] a, String b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + 1);
    out[a.length] = b;
    return out;
  }

  private static ArchCondition<JavaMethod> notMention(String packagePrefix) {
    return new ArchCondition<>("have no " + packagePrefix + " type in their signature") {
      @Override
      public void check(JavaMethod method, ConditionEvents events) {
        java.util.List<JavaClass> types = new java.util.ArrayList<>(
            method.getRawParameterTypes());
        types.add(method.getRawReturnType());
        for (JavaClass type : types) {
          if (type.getPackageName().startsWith(packagePrefix)) {
            events.add(SimpleConditionEvent.violated(method, method.getFullName()
                + " exposes " + type.getName() + " in " + method.getSourceCodeLocation()));
          }
        }
      }
    };
  }
}
