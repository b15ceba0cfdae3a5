package io.launchcast.feature;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.launchcast.platform.architecture.ArchitectureRules;
import org.junit.jupiter.api.Test;

class FeatureArchitectureTest {

    private final JavaClasses classes = ArchitectureRules.productionClassesOf("io.launchcast.feature");

    @Test
    void awsTypesStayInAwsPackages() {
        ArchitectureRules.awsTypesOnlyInAwsPackages(classes);
    }

    @Test
    void neverReachesIntoAnotherService() {
        ArchitectureRules.noAccessToOtherServices(classes, "feature");
    }
}
