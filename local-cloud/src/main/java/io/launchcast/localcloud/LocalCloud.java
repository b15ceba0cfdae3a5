package io.launchcast.localcloud;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.Map;
import java.util.Properties;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.server.ElasticMQServer;
import org.elasticmq.server.config.ElasticMQServerConfig;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.TransientApiMetadata;
import org.jclouds.filesystem.FilesystemApiMetadata;
import org.jclouds.filesystem.reference.FilesystemConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The local stand-ins for S3 and SQS, started together: an S3Proxy server on a filesystem (or in-memory) blob
 * store and an ElasticMQ server. Both speak the AWS wire protocols, so the services reach them with the real
 * AWS SDK clients and only the endpoint differs from the aws profile.
 */
public final class LocalCloud implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalCloud.class);
    private static final int MAX_RECEIVES_BEFORE_DEAD_LETTER = 5;

    private final LocalCloudSettings settings;
    /** Stops the SQS stand-in and waits for it. */
    private final Runnable sqsStop;
    private final S3Proxy s3Proxy;
    private final BlobStoreContext blobStoreContext;
    private final SqsClient sqsClient;
    private final URI sqsEndpoint;
    private final URI s3Endpoint;

    private LocalCloud(LocalCloudSettings settings) throws Exception {
        this.settings = settings;
        long started = System.nanoTime();
        int sqsPort;
        if (settings.queueStore() == null) {
            var sqsBuilder = settings.sqsPort() == 0 ? SQSRestServerBuilder.withDynamicPort()
                    : SQSRestServerBuilder.withPort(settings.sqsPort());
            var sqsServer = sqsBuilder.withInterface(settings.host()).withAWSRegion(settings.region()).start();
            sqsPort = sqsServer.waitUntilStarted().localAddress().getPort();
            this.sqsStop = sqsServer::stopAndWait;
        } else {
            sqsPort = settings.sqsPort() == 0 ? freePort(settings.host()) : settings.sqsPort();
            var stop = new ElasticMQServer(new ElasticMQServerConfig(persistentSqsConfig(settings, sqsPort))).start();
            this.sqsStop = stop::apply;
        }
        this.sqsEndpoint = URI.create("http://" + settings.host() + ":" + sqsPort);
        this.sqsClient = SqsClient.builder()
                .endpointOverride(sqsEndpoint)
                .region(Region.of(settings.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        settings.queues().forEach(this::createQueueWithDeadLetterQueue);

        this.blobStoreContext = blobStoreContext(settings);
        BlobStore store = blobStoreContext.getBlobStore();
        store.createContainerInLocation(null, settings.bucket());
        BlobStore notifying = new NotifyingBlobStore(store,
                new ObjectCreatedNotifier(sqsClient, settings.region(), settings.notifications()));
        this.s3Proxy = S3Proxy.builder()
                .blobStore(notifying)
                .endpoint(URI.create("http://" + settings.host() + ":" + settings.s3Port()))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, settings.accessKey(), settings.secretKey())
                .build();
        s3Proxy.start();
        while (!"STARTED".equals(s3Proxy.getState())) {
            Thread.sleep(10);
        }
        this.s3Endpoint = URI.create("http://" + settings.host() + ":" + s3Proxy.getPort());
        log.info("local cloud up in {} ms: S3 {} (bucket {}, data {}), SQS {} (queues {}, {})",
                (System.nanoTime() - started) / 1_000_000, s3Endpoint, settings.bucket(),
                settings.dataDir() == null ? "in memory" : settings.dataDir(), sqsEndpoint, settings.queues(),
                settings.queueStore() == null ? "in memory" : "stored in " + settings.queueStore());
    }

    /** Starts both servers, creates the bucket and the queues; returns once both accept requests. */
    public static LocalCloud start(LocalCloudSettings settings) {
        try {
            return new LocalCloud(settings);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("local cloud failed to start: " + e.getMessage(), e);
        }
    }

    /**
     * ElasticMQ's server with its SQL message storage on an H2 file: queues and every message (with its receive
     * count and visibility) are restored at start-up, so events in flight survive a crash of this process.
     * WRITE_DELAY=0 makes H2 write each change through before the SQS call answers; its default batches a
     * second of changes, which a kill -9 would lose.
     */
    private static Config persistentSqsConfig(LocalCloudSettings settings, int port) throws IOException {
        Path directory = settings.queueStore().toAbsolutePath();
        Files.createDirectories(directory);
        Map<String, Object> values = new HashMap<>();
        values.put("rest-sqs.enabled", true);
        values.put("rest-sqs.bind-hostname", settings.host());
        values.put("rest-sqs.bind-port", port);
        values.put("rest-stats.enabled", false);
        values.put("generate-node-address", false);
        values.put("node-address.host", settings.host());
        values.put("node-address.port", port);
        values.put("aws.region", settings.region());
        values.put("messages-storage.enabled", true);
        values.put("messages-storage.uri", "jdbc:h2:file:" + directory.resolve("queues") + ";WRITE_DELAY=0");
        values.put("messages-storage.prune-data-on-init", false);
        return ConfigFactory.parseMap(values).withFallback(ConfigFactory.defaultReference());
    }

    private static int freePort(String host) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        }
    }

    // Built from the API metadata, not by provider name: a lookup by name scans every provider on the class
    // path, including the cloud backends we exclude from S3Proxy.
    private static BlobStoreContext blobStoreContext(LocalCloudSettings settings) throws IOException {
        if (settings.dataDir() == null) {
            return ContextBuilder.newBuilder(new TransientApiMetadata()).build(BlobStoreContext.class);
        }
        Files.createDirectories(settings.dataDir());
        Properties properties = new Properties();
        properties.setProperty(FilesystemConstants.PROPERTY_BASEDIR, settings.dataDir().toString());
        return ContextBuilder.newBuilder(new FilesystemApiMetadata()).overrides(properties).build(BlobStoreContext.class);
    }

    private void createQueueWithDeadLetterQueue(String queue) {
        String dlqUrl = sqsClient.createQueue(b -> b.queueName(queue + "-dlq")).queueUrl();
        String dlqArn = sqsClient.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String redrive = "{\"maxReceiveCount\":\"" + MAX_RECEIVES_BEFORE_DEAD_LETTER + "\",\"deadLetterTargetArn\":\""
                + dlqArn + "\"}";
        sqsClient.createQueue(b -> b.queueName(queue).attributes(Map.of(
                QueueAttributeName.REDRIVE_POLICY, redrive,
                QueueAttributeName.VISIBILITY_TIMEOUT, "30")));
    }

    public URI s3Endpoint() {
        return s3Endpoint;
    }

    public URI sqsEndpoint() {
        return sqsEndpoint;
    }

    public LocalCloudSettings settings() {
        return settings;
    }

    /**
     * Spring properties that point a Launchcast service at these stand-ins; the same keys the aws profile sets
     * to real endpoints (or leaves unset).
     */
    public Map<String, String> springProperties() {
        return Map.of(
                "spring.cloud.aws.s3.endpoint", s3Endpoint.toString(),
                "spring.cloud.aws.s3.path-style-access-enabled", "true",
                "spring.cloud.aws.sqs.endpoint", sqsEndpoint.toString(),
                "spring.cloud.aws.region.static", settings.region(),
                "spring.cloud.aws.credentials.access-key", settings.accessKey(),
                "spring.cloud.aws.credentials.secret-key", settings.secretKey(),
                "launchcast.object-store.bucket", settings.bucket());
    }

    @Override
    public void close() {
        try {
            s3Proxy.stop();
        } catch (Exception e) {
            log.warn("S3Proxy did not stop cleanly", e);
        }
        blobStoreContext.close();
        sqsClient.close();
        sqsStop.run();
        log.info("local cloud stopped");
    }
}
