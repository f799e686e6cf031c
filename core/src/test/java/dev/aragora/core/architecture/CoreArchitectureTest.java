package dev.aragora.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The engine stays free of server, storage, metrics, tracing and logging frameworks; events stay free of providers. */
@AnalyzeClasses(packages = "dev.aragora.core", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTest {
  @ArchTest
  static final ArchRule coreDependsOnNoInfrastructure = noClasses()
      .that().resideInAPackage("dev.aragora.core..")
      .should().dependOnClassesThat().resideInAnyPackage(
          "io.javalin..", "org.eclipse.jetty..", "java.sql..", "io.micrometer..", "io.lettuce..", "picocli..",
          "org.slf4j..", "ch.qos.logback..", "io.opentelemetry..");

  @ArchTest
  static final ArchRule eventsDoNotDependOnProviders = noClasses()
      .that().resideInAPackage("dev.aragora.core.debate.event..")
      .should().dependOnClassesThat().resideInAPackage("dev.aragora.core.provider..");
}
