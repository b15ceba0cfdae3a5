package io.launchcast.infra.featurestore;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.launchcast.infra.SynthesizedApp;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class FeatureStoreStackTest {

    @Test
    void everyGroupHasAnEncryptedOnlineAndOfflineStore() {
        Template featureStore = SynthesizedApp.template(SynthesizedApp.staging().featureStore());
        var groups = SynthesizedApp.services().featureGroups();
        featureStore.resourceCountIs("AWS::SageMaker::FeatureGroup", groups.groups().size());
        for (String name : groups.names()) {
            featureStore.hasResourceProperties("AWS::SageMaker::FeatureGroup", Map.of(
                    "FeatureGroupName", name,
                    "OnlineStoreConfig", Map.of("EnableOnlineStore", true,
                            "SecurityConfig", Map.of("KmsKeyId", Match.anyValue())),
                    "OfflineStoreConfig", Map.of("S3StorageConfig", Map.of(
                            "S3Uri", Match.anyValue(), "KmsKeyId", Match.anyValue()))));
        }
    }
}
