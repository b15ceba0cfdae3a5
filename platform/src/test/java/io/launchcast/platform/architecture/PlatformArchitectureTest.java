package io.launchcast.platform.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

class PlatformArchitectureTest {

    private final JavaClasses classes = ArchitectureRules.productionClassesOf("io.launchcast.platform");

    @Test
    void awsTypesStayInAwsPackages() {
        ArchitectureRules.awsTypesOnlyInAwsPackages(classes);
    }

    @Test
    void platformKnowsNoService() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.launchcast.ingestion..",
                "io.launchcast.feature..", "io.launchcast.forecast..", "io.launchcast.monitor..").check(classes);
    }
}
