package io.trantor.dsl;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.trantor.dsl");

    @Test
    void dslDependsOnNothingButTheJdkAndJackson() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage(
                        "io.trantor.dsl..", "java..", "com.fasterxml.jackson..", "org.yaml.snakeyaml..")
                .because("dsl sits at the bottom of the module graph and does no I/O beyond reading its input")
                .check(MAIN);
    }

    @Test
    void specRecordsDoNotDependOnTheImplementation() {
        classes().that().resideInAPackage("io.trantor.dsl").and().areRecords()
                .should().onlyDependOnClassesThat().resideOutsideOfPackage("io.trantor.dsl.internal..")
                .check(MAIN);
    }
}
