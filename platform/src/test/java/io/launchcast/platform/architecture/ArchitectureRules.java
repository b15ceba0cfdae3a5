package io.launchcast.platform.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;

/**
 * The rules every Launchcast module obeys, shared through the platform's test jar: AWS types stay in
 * {@code ..aws..} packages, services never reach into each other, and a service's feature packages depend on
 * each other in one direction.
 */
public final class ArchitectureRules {

    private static final List<String> SERVICES = List.of("ingestion", "feature", "forecast", "monitor");

    private ArchitectureRules() {
    }

    public static JavaClasses productionClassesOf(String basePackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(basePackage);
    }

    /** AWS SDK and Spring Cloud AWS types appear only in adapters under an {@code aws} package. */
    public static void awsTypesOnlyInAwsPackages(JavaClasses classes) {
        noClasses().that().resideOutsideOfPackage("..aws..")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon.awssdk..", "io.awspring..")
                .because("ports speak domain types; AWS belongs to the aws adapters (docs/adr/0002)")
                .check(classes);
    }

    /** A service's classes use the platform and their own packages, never another service's. */
    public static void noAccessToOtherServices(JavaClasses classes, String service) {
        for (String other : SERVICES) {
            if (!other.equals(service)) {
                noClasses().should().dependOnClassesThat().resideInAPackage("io.launchcast." + other + "..")
                        .because("services talk over REST and events, never through each other's code")
                        .allowEmptyShould(true)
                        .check(classes);
            }
        }
    }

    /**
     * The feature packages directly under {@code basePackage} (with their subpackages) depend on each other in
     * one direction: no package reaches, however indirectly, back into one that depends on it.
     */
    public static void featurePackagesFreeOfCycles(JavaClasses classes, String basePackage) {
        slices().matching(basePackage + ".(*)..").should().beFreeOfCycles()
                .because("a cycle between feature packages means neither can be understood, tested or moved alone")
                .check(classes);
    }
}
