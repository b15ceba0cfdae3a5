package io.launchcast.feature;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.feature.online.OnlineStore;
import io.launchcast.feature.online.aws.SageMakerOnlineStore;
import io.launchcast.platform.testing.AwsProfileContractIT;
import org.junit.jupiter.api.Test;

/** feature-service in the aws profile: the online store is SageMaker Feature Store. */
class AwsProfileIT extends AwsProfileContractIT {

    @Test
    void theOnlineStoreIsSageMakerFeatureStore() {
        assertThat(context.getBean(OnlineStore.class)).isInstanceOf(SageMakerOnlineStore.class);
    }
}
