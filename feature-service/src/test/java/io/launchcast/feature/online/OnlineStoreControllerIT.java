package io.launchcast.feature.online;

import static org.assertj.core.api.Assertions.assertThat;

import io.launchcast.feature.group.FeatureRecord;
import io.launchcast.localcloud.LocalCloudExtension;
import io.launchcast.platform.testing.TestTokens;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** The online store compacts on demand, and answers the same afterwards. */
@ExtendWith(LocalCloudExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OnlineStoreControllerIT {

    @LocalServerPort
    int port;
    @Autowired
    OnlineStore store;

    private RestClient client(String role) {
        return TestTokens.builder(port, role).defaultStatusHandler(status -> true, (request, response) -> { }).build();
    }

    @Test
    void compactsOnDemandAndTheRecordsReadTheSame() {
        FeatureRecord first = new FeatureRecord("7001", Instant.parse("2019-04-17T00:00:00Z"), Map.of("attr.category", "a"));
        FeatureRecord second = new FeatureRecord("7001", Instant.parse("2019-05-17T00:00:00Z"), Map.of("attr.category", "b"));
        store.put("product-attributes", List.of(first));
        store.put("product-attributes", List.of(second));

        ResponseEntity<String> compaction = client("admin").post().uri("/online-store/compactions").retrieve()
                .toEntity(String.class);

        assertThat(compaction.getStatusCode().value()).isEqualTo(200);
        assertThat(compaction.getBody()).contains("\"compacted\":true").contains("\"bytesBefore\"")
                .contains("\"bytesAfter\"");
        assertThat(store.get("product-attributes", "7001")).contains(second);
    }
}
