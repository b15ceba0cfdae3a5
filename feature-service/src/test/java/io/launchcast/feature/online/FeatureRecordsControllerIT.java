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
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

@ExtendWith(LocalCloudExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FeatureRecordsControllerIT {

    @LocalServerPort
    int port;
    @Autowired
    OnlineStore store;

    private RestClient client() {
        return TestTokens.builder(port, "admin")
                .defaultStatusHandler(status -> true, (request, response) -> { }).build();
    }

    @Test
    void servesTheLatestRecordAndBatchesOfThem() {
        store.put("product-attributes", List.of(
                new FeatureRecord("5081", Instant.parse("2019-04-17T00:00:00Z"), Map.of("attr.category", "culottes")),
                new FeatureRecord("5082", Instant.parse("2019-04-18T00:00:00Z"), Map.of("attr.category", "miniskirt"))));

        String one = client().get().uri("/feature-groups/product-attributes/records/5081").retrieve().body(String.class);
        String batch = client().post().uri("/feature-groups/product-attributes/records/batch-get")
                .contentType(MediaType.APPLICATION_JSON).body("{\"ids\":[\"5082\",\"nope\",\"5081\"]}")
                .retrieve().body(String.class);

        assertThat(one).contains("\"recordId\":\"5081\"").contains("culottes");
        assertThat(batch).contains("\"missing\":[\"nope\"]");
        assertThat(batch.indexOf("5082")).isLessThan(batch.indexOf("\"recordId\":\"5081\""));
    }

    @Test
    void unknownRecordGroupAndEmptyBatchAreProblems() {
        ResponseEntity<String> unknownRecord = client().get().uri("/feature-groups/product-attributes/records/none")
                .retrieve().toEntity(String.class);
        ResponseEntity<String> unknownGroup = client().get().uri("/feature-groups/nope/records/1")
                .retrieve().toEntity(String.class);
        ResponseEntity<String> emptyBatch = client().post().uri("/feature-groups/product-attributes/records/batch-get")
                .contentType(MediaType.APPLICATION_JSON).body("{\"ids\":[]}").retrieve().toEntity(String.class);

        assertThat(unknownRecord.getStatusCode().value()).isEqualTo(404);
        assertThat(unknownRecord.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(unknownRecord.getBody()).contains("unknown-feature-record").contains("\"recordId\":\"none\"");
        assertThat(unknownGroup.getStatusCode().value()).isEqualTo(404);
        assertThat(unknownGroup.getBody()).contains("unknown-feature-group").contains("launch-calendar");
        assertThat(emptyBatch.getStatusCode().value()).isEqualTo(400);
        assertThat(emptyBatch.getBody()).contains("\"field\":\"ids\"");
    }
}
