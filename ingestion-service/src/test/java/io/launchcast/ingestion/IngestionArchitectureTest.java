package io.launchcast.ingestion;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.launchcast.platform.architecture.ArchitectureRules;
import org.junit.jupiter.api.Test;

class IngestionArchitectureTest {

    private final JavaClasses classes = ArchitectureRules.productionClassesOf("io.launchcast.ingestion");

    @Test
    void awsTypesStayInAwsPackages() {
        ArchitectureRules.awsTypesOnlyInAwsPackages(classes);
    }

    @Test
    void neverReachesIntoAnotherService() {
        ArchitectureRules.noAccessToOtherServices(classes, "ingestion");
    }
}
