package io.launchcast.monitor;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.launchcast.platform.architecture.ArchitectureRules;
import org.junit.jupiter.api.Test;

class MonitorArchitectureTest {

    private final JavaClasses classes = ArchitectureRules.productionClassesOf("io.launchcast.monitor");

    @Test
    void awsTypesStayInAwsPackages() {
        ArchitectureRules.awsTypesOnlyInAwsPackages(classes);
    }

    @Test
    void neverReachesIntoAnotherService() {
        ArchitectureRules.noAccessToOtherServices(classes, "monitor");
    }
}
