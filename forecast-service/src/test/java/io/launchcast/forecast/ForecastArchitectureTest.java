package io.launchcast.forecast;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.launchcast.platform.architecture.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ForecastArchitectureTest {

    private final JavaClasses classes = ArchitectureRules.productionClassesOf("io.launchcast.forecast");

    @Test
    void awsTypesStayInAwsPackages() {
        ArchitectureRules.awsTypesOnlyInAwsPackages(classes);
    }

    @Test
    void neverReachesIntoAnotherService() {
        ArchitectureRules.noAccessToOtherServices(classes, "forecast");
    }

    @Test
    void featurePackagesDependInOneDirection() {
        ArchitectureRules.featurePackagesFreeOfCycles(classes, "io.launchcast.forecast");
    }
}
