package io.launchcast.forecast.training;

import io.launchcast.features.compute.FeatureDefinitions;
import io.launchcast.platform.security.Role;
import io.launchcast.platform.security.SecurityProperties;
import io.launchcast.platform.security.ServiceTokens;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.databind.JsonNode;

/** Training sets from the feature-service's {@code POST /training-sets}, as the {@code data} role. */
public class FeatureServiceTrainingSets implements TrainingSets {

    private final RestClient client;
    private final FeatureStoreProperties properties;
    private final SecurityProperties security;

    /** @param security the service's access control; null where it has none (no web server, e.g. a batch job) */
    public FeatureServiceTrainingSets(FeatureStoreProperties properties, SecurityProperties security) {
        // HTTP/1.1: the services speak nothing else, and the JDK client's h2c upgrade of a POST with a body fails
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build());
        requests.setReadTimeout(properties.timeout());
        this.client = RestClient.builder().baseUrl(properties.url().toString()).requestFactory(requests).build();
        this.properties = properties;
        this.security = security;
    }

    @Override
    public ExportedTrainingSet launchesOf(String dataset, String version, FeatureDefinitions definitions) {
        Map<String, Object> request = Map.of("launchesOf", Map.of("dataset", dataset, "version", version),
                "definitions", definitions);
        JsonNode set;
        try {
            set = client.post().uri("/training-sets").contentType(MediaType.APPLICATION_JSON)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + token())
                    .body(request).retrieve().body(JsonNode.class);
        } catch (RestClientResponseException e) {
            throw new IllegalStateException("the feature store at " + properties.url() + " refused the training set of "
                    + dataset + " " + version + ": " + e.getStatusCode().value() + " " + detail(e), e);
        } catch (ResourceAccessException e) {
            throw new IllegalStateException("the feature store at " + properties.url() + " cannot be reached ("
                    + e.getMessage() + "): start the feature-service or set launchcast.training.feature-store.url", e);
        }
        String id = set.get("id").asString();
        return new ExportedTrainingSet(id, set.get("parquetKey").asString(), "training-sets/" + id + "/manifest.json",
                set.get("sha256").asString(), set.get("rows").asLong(), set.path("definitionsHash").asString(null));
    }

    /** The configured token, else (local mode) the suite's generated one for the data role. */
    private String token() {
        return security == null ? properties.token() : ServiceTokens.token(security, Role.DATA.id(), properties.token());
    }

    /** The problem's detail if the answer is one, else its body (bounded: it goes into a step's log). */
    private static String detail(RestClientResponseException e) {
        String detail;
        try {
            ProblemDetail problem = e.getResponseBodyAs(ProblemDetail.class);
            detail = problem != null && problem.getDetail() != null ? problem.getDetail() : e.getResponseBodyAsString();
        } catch (RuntimeException notAProblem) {
            detail = e.getResponseBodyAsString();
        }
        return detail.length() > 500 ? detail.substring(0, 500) + "..." : detail;
    }
}
