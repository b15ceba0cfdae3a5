package io.launchcast.monitor;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.launchcast.platform.architecture.ArchitectureRules;
import org.junit.jupiter.api.Test;

class MonitorArchitectureTest {

    private final JavaClasses classes = ArchitectureRules.productionClassesOf("io.launchcast.monitor");

    @Test
    void awsTypesStayInAwsPackages() {
        ArchitectureRules.awsTypesOnlyInAwsPackages(classes);
    }

    /** A feature never reaches back into one that uses it (the dashboard reads everything, nothing reads it). */
    @Test
    void featuresAreFreeOfCycles() {
        slices().matching("io.launchcast.monitor.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void neverReachesIntoAnotherService() {
        ArchitectureRules.noAccessToOtherServices(classes, "monitor");
    }
}
