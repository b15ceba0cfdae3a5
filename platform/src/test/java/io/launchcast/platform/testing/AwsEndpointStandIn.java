package io.launchcast.platform.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Test kit: one local HTTP server in place of every AWS endpoint, for starting a whole service in the {@code aws}
 * profile without a network ({@link AwsProfileContractIT}). Every SDK client built by Spring Cloud AWS or its configurer is pointed at it with
 * dummy static credentials. SQS answers the listener containers (queue URL, attributes, empty receives), S3 is an
 * empty bucket, CloudWatch takes the metrics; anything else is answered 404. The JWT issuer is a path of
 * the same server (the resource server fetches its keys only when a token arrives).
 */
public final class AwsEndpointStandIn {

    private final WireMockServer server;

    private AwsEndpointStandIn(WireMockServer server) {
        this.server = server;
    }

    public static AwsEndpointStandIn start() {
        WireMockServer server = new WireMockServer(options().dynamicPort());
        server.start();
        // it outlives the test class: the cached context's listeners poll it until the context is closed, which
        // Spring does after the class's own @AfterAll methods
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "aws-endpoint-stand-in-stop"));
        String json = "application/x-amz-json-1.0";
        server.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonSQS.GetQueueUrl"))
                .willReturn(okJson("{\"QueueUrl\":\"" + server.baseUrl() + "/000000000000/queue\"}")
                        .withHeader("Content-Type", json)));
        server.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonSQS.GetQueueAttributes"))
                .willReturn(okJson("{\"Attributes\":{\"QueueArn\":\"arn:aws:sqs:us-east-1:000000000000:queue\","
                        + "\"VisibilityTimeout\":\"30\"}}").withHeader("Content-Type", json)));
        // a long poll that finds nothing, as SQS answers an empty queue
        server.stubFor(post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonSQS.ReceiveMessage"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", json).withBody("{\"Messages\":[]}")
                        .withFixedDelay(500)));
        // an empty bucket: listings find nothing (jobs and runs to resume at start-up), objects are not there (404)
        server.stubFor(get(urlPathMatching("/[^/]+/?")).withQueryParam("list-type", equalTo("2"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/xml")
                        .withBody("<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                                + "<KeyCount>0</KeyCount><IsTruncated>false</IsTruncated></ListBucketResult>")));
        // the CloudWatch meter registry's publications (a form-encoded query at the pinned SDK)
        server.stubFor(post(urlEqualTo("/")).withRequestBody(containing("Action=PutMetricData"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
                        .withBody("<PutMetricDataResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">"
                                + "<ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></PutMetricDataResponse>")));
        return new AwsEndpointStandIn(server);
    }

    public WireMockServer server() {
        return server;
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /** The JWT issuer the services are told in the test (a path of this server). */
    public String issuerUri() {
        return server.baseUrl() + "/issuer";
    }

    /**
     * The properties a deployment gets from its environment, pointed here: endpoints, region and dummy
     * credentials, path-style S3 (no DNS for bucket host names) and the issuer.
     */
    public void register(DynamicPropertyRegistry registry) {
        registry.add("spring.cloud.aws.endpoint", this::baseUrl);
        registry.add("spring.cloud.aws.region.static", () -> "us-east-1");
        registry.add("spring.cloud.aws.credentials.access-key", () -> "AKIDEXAMPLE");
        registry.add("spring.cloud.aws.credentials.secret-key", () -> "dummy-secret");
        registry.add("spring.cloud.aws.s3.path-style-access-enabled", () -> "true");
        registry.add("LAUNCHCAST_JWT_ISSUER_URI", this::issuerUri);
    }
}
