package io.launchcast.platform.events.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.launchcast.localcloud.LocalCloudExtension;
import io.launchcast.platform.events.DatasetPublished;
import io.launchcast.platform.events.EventHandler;
import io.launchcast.platform.events.EventPublisher;
import io.launchcast.platform.events.Events;
import io.launchcast.platform.events.ModelRegistered;
import io.launchcast.platform.events.ObjectCreated;
import io.launchcast.platform.objectstore.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;

/**
 * Events travel over real SQS (ElasticMQ) and the real S3 stand-in: routing by type, redelivery after a failed
 * handler, and S3 object-created notifications arriving as {@link ObjectCreated}.
 */
@ExtendWith(LocalCloudExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "launchcast.events.inbox=events-test-inbox,launchcast-landing",
        "launchcast.events.routes.DatasetPublished=events-test-inbox",
        "launchcast.events.routes.ModelRegistered=events-test-inbox",
        "launchcast.events.create-queues=true",
        "launchcast.events.poll-wait=1s",
        "management.cloudwatch.metrics.export.enabled=false"})
class SqsEventsOnLocalCloudTest {

    @Autowired
    EventPublisher publisher;
    @Autowired
    ObjectStore objectStore;
    @Autowired
    Recorder recorder;

    @Test
    void deliversPublishedEventToSubscribedHandlerWithAllFields() {
        DatasetPublished event = new DatasetPublished(Events.newEventId(), Instant.parse("2026-01-02T03:04:05Z"),
                "visuelle", "v1", "curated/visuelle/v=v1/_manifest.json", "sha256:abc");

        publisher.publish(event);

        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.datasets.contains(event));
    }

    @Test
    void redeliversAfterHandlerFailureUntilItSucceeds() {
        ModelRegistered event = new ModelRegistered(Events.newEventId(), Instant.now(), "launch-demand", "7");

        publisher.publish(event);

        // the handler throws on its first attempt; visibility timeout 1 s on this queue brings it back
        await().atMost(Duration.ofSeconds(60)).until(() -> recorder.models.contains(event));
        assertThat(recorder.modelAttempts.get()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void objectPutUnderLandingArrivesAsObjectCreated() {
        String key = "landing/events-test/" + Events.newEventId() + "/sales 1.csv";

        objectStore.put(key, "a,b\n".getBytes(StandardCharsets.UTF_8), "text/csv");

        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.objects.stream().anyMatch(o -> o.key().equals(key)));
        ObjectCreated created = recorder.objects.stream().filter(o -> o.key().equals(key)).findFirst().orElseThrow();
        assertThat(created.size()).isEqualTo(4);
        assertThat(created.bucket()).isEqualTo("launchcast");
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class TestApp {

        @Bean
        Recorder recorder() {
            return new Recorder();
        }

        @Bean
        EventHandler<DatasetPublished> datasetHandler(Recorder recorder) {
            return new EventHandler<>() {
                public Class<DatasetPublished> eventType() {
                    return DatasetPublished.class;
                }

                public void handle(DatasetPublished event) {
                    recorder.datasets.add(event);
                }
            };
        }

        @Bean
        EventHandler<ModelRegistered> failingOnceHandler(Recorder recorder) {
            return new EventHandler<>() {
                public Class<ModelRegistered> eventType() {
                    return ModelRegistered.class;
                }

                public void handle(ModelRegistered event) {
                    if (recorder.modelAttempts.incrementAndGet() == 1) {
                        throw new IllegalStateException("first attempt fails on purpose");
                    }
                    recorder.models.add(event);
                }
            };
        }

        @Bean
        EventHandler<ObjectCreated> objectHandler(Recorder recorder) {
            return new EventHandler<>() {
                public Class<ObjectCreated> eventType() {
                    return ObjectCreated.class;
                }

                public void handle(ObjectCreated event) {
                    recorder.objects.add(event);
                }
            };
        }
    }

    static class Recorder {
        final List<DatasetPublished> datasets = new CopyOnWriteArrayList<>();
        final List<ModelRegistered> models = new CopyOnWriteArrayList<>();
        final List<ObjectCreated> objects = new CopyOnWriteArrayList<>();
        final AtomicInteger modelAttempts = new AtomicInteger();
    }
}
