package io.launchcast.platform.events.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.launchcast.localcloud.LocalCloudExtension;
import io.launchcast.platform.events.AlarmRaised;
import io.launchcast.platform.events.DatasetPublished;
import io.launchcast.platform.events.DeadLetters;
import io.launchcast.platform.events.EventFailure;
import io.launchcast.platform.events.FeaturesUpdated;
import io.launchcast.platform.events.ModelApprovalChanged;
import io.launchcast.platform.events.PermanentEventFailure;
import io.launchcast.platform.events.EventHandler;
import io.launchcast.platform.events.EventPublisher;
import io.launchcast.platform.events.Events;
import io.launchcast.platform.events.ModelRegistered;
import io.launchcast.platform.events.ObjectCreated;
import io.launchcast.platform.objectstore.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Events travel over real SQS (ElasticMQ) and the real S3 stand-in: routing by type, redelivery after a failed
 * handler, dead-lettering with a reason (at once for a poison message, after the configured attempts for a
 * failure that keeps coming back), replay, a handler outlasting its message's visibility, and S3 object-created notifications arriving as {@link ObjectCreated}.
 */
@ExtendWith(LocalCloudExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "launchcast.events.inbox=events-test-inbox,launchcast-landing",
        "launchcast.events.routes.DatasetPublished=events-test-inbox",
        "launchcast.events.routes.ModelRegistered=events-test-inbox",
        "launchcast.events.routes.FeaturesUpdated=events-test-inbox",
        "launchcast.events.routes.AlarmRaised=events-test-inbox",
        "launchcast.events.routes.ModelApprovalChanged=events-test-inbox",
        "launchcast.events.max-attempts=2",
        "launchcast.events.retry-backoff=1s",
        "launchcast.events.create-queues=true",
        "launchcast.events.poll-wait=1s",
        "launchcast.events.visibility=3s",
        "management.cloudwatch.metrics.export.enabled=false"})
class SqsEventsOnLocalCloudTest {

    @Autowired
    EventPublisher publisher;
    @Autowired
    ObjectStore objectStore;
    @Autowired
    Recorder recorder;
    @Autowired
    DeadLetters deadLetters;
    @Autowired
    SqsQueues queues;
    @Autowired
    MeterRegistry meters;

    private List<Message> deadLettered(String eventId) {
        String url = queues.urlOf("events-test-inbox-dlq");
        List<Message> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (Message m : queues.client().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                    .waitTimeSeconds(1).messageAttributeNames("All")).join().messages()) {
                if (m.body().contains(eventId)) {
                    found.add(m);
                }
                queues.client().deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle())).join();
            }
            return !found.isEmpty();
        });
        return found;
    }

    @Test
    void aPermanentFailureGoesToTheDeadLetterQueueAtOnceWithItsReasonAndCanBeReplayedAfterAFix() {
        FeaturesUpdated event = new FeaturesUpdated(Events.newEventId(), Instant.now(), "f1", "ds", "v1", 3);

        publisher.publish(event);

        List<Message> dead = deadLettered(event.eventId());
        assertThat(dead).singleElement().satisfies(m -> assertThat(m.messageAttributes()
                .get(DeadLettering.REASON_ATTRIBUTE).stringValue()).contains("PermanentEventFailure")
                .contains("dataset ds v1 is unusable"));
        assertThat(recorder.featureAttempts.get()).isEqualTo(1);
        EventFailure failure = deadLetters.list().stream().filter(f -> event.eventId().equals(f.eventId()))
                .findFirst().orElseThrow();
        assertThat(failure.permanent()).isTrue();
        assertThat(failure.queue()).isEqualTo("events-test-inbox");
        assertThat(failure.eventType()).isEqualTo("FeaturesUpdated");
        assertThat(failure.detail()).contains("dataset ds v1 is unusable");
        assertThat(meters.counter("launchcast.events.dead-lettered", "queue", "events-test-inbox",
                "type", "FeaturesUpdated", "permanent", "true").count()).isEqualTo(1);

        recorder.featuresFixed = true;
        assertThat(deadLetters.replay(failure.id()).replayedAt()).isNotNull();

        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.features.contains(event));
        assertThat(deadLetters.find(failure.id()).orElseThrow().replayedAt()).isNotNull();
    }

    @Test
    void aHandlerRunningOutOfMemoryDeadLettersItsEventAndTheListenerGoesOn() {
        AlarmRaised poison = new AlarmRaised(Events.newEventId(), Instant.now(), "a", "m", 1, 0.5, "3");
        DatasetPublished next = new DatasetPublished(Events.newEventId(), Instant.now(), "ds", "v2", "k", "sha256:x");

        publisher.publish(poison);
        publisher.publish(next);

        assertThat(deadLettered(poison.eventId())).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.datasets.contains(next));
        assertThat(recorder.alarmAttempts.get()).isEqualTo(1);
        assertThat(deadLetters.list()).anySatisfy(f -> {
            assertThat(f.eventId()).isEqualTo(poison.eventId());
            assertThat(f.reason()).isEqualTo("PermanentEventFailure");
            assertThat(f.detail()).contains("OutOfMemoryError");
        });
    }

    @Test
    void aFailureThatKeepsComingBackIsDeadLetteredAfterTheConfiguredAttempts() {
        ModelApprovalChanged event = new ModelApprovalChanged(Events.newEventId(), Instant.now(), "g", "4",
                "Approved", "test");

        publisher.publish(event);

        assertThat(deadLettered(event.eventId())).hasSize(1);
        assertThat(recorder.approvalAttempts.get()).isEqualTo(2);
        assertThat(deadLetters.list()).anySatisfy(f -> {
            assertThat(f.eventId()).isEqualTo(event.eventId());
            assertThat(f.permanent()).isFalse();
            assertThat(f.attempts()).isEqualTo(2);
            assertThat(f.detail()).contains("store unavailable");
        });
    }

    @Test
    void deliversPublishedEventToSubscribedHandlerWithAllFields() {
        DatasetPublished event = new DatasetPublished(Events.newEventId(), Instant.parse("2026-01-02T03:04:05Z"),
                "visuelle", "v1", "curated/visuelle/v=v1/_manifest.json", "sha256:abc");

        publisher.publish(event);

        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.datasets.contains(event));
    }

    @Test
    void anEventHandledForLongerThanItsVisibilityStaysHiddenFromOtherConsumersAndIsHandledOnce() {
        DatasetPublished slow = new DatasetPublished(Events.newEventId(), Instant.now(), Recorder.SLOW, "v1", "k",
                "sha256:s");
        double extendedBefore = meters.counter("launchcast.events.visibility-extended", "queue", "events-test-inbox")
                .count();

        publisher.publish(slow);

        await().atMost(Duration.ofSeconds(10)).until(() -> recorder.slowAttempts.get() == 1);
        // a second consumer polls all along the handler's 8 s (three visibilities of 3 s); receiving with a
        // visibility of 0 takes nothing away from the listener
        String url = queues.urlOf("events-test-inbox");
        long pollUntil = System.nanoTime() + Duration.ofSeconds(7).toNanos();
        while (System.nanoTime() < pollUntil && !recorder.datasets.contains(slow)) {
            List<Message> seen = queues.client().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                    .visibilityTimeout(0).waitTimeSeconds(1)).join().messages();
            assertThat(seen).noneMatch(m -> m.body().contains(slow.eventId()));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> recorder.datasets.contains(slow));
        // acknowledged, not delivered again once a visibility has passed
        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6))
                .until(() -> recorder.slowAttempts.get() == 1);
        assertThat(meters.counter("launchcast.events.visibility-extended", "queue", "events-test-inbox").count())
                .isGreaterThanOrEqualTo(extendedBefore + 2);
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
                    if (Recorder.SLOW.equals(event.dataset())) {
                        recorder.slowAttempts.incrementAndGet();
                        sleep(Duration.ofSeconds(8));
                    }
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
        EventHandler<FeaturesUpdated> poisonedUntilFixed(Recorder recorder) {
            return new EventHandler<>() {
                public Class<FeaturesUpdated> eventType() {
                    return FeaturesUpdated.class;
                }

                public void handle(FeaturesUpdated event) {
                    recorder.featureAttempts.incrementAndGet();
                    if (!recorder.featuresFixed) {
                        throw new PermanentEventFailure("dataset " + event.dataset() + " " + event.datasetVersion()
                                + " is unusable");
                    }
                    recorder.features.add(event);
                }
            };
        }

        @Bean
        EventHandler<AlarmRaised> outOfMemory(Recorder recorder) {
            return new EventHandler<>() {
                public Class<AlarmRaised> eventType() {
                    return AlarmRaised.class;
                }

                public void handle(AlarmRaised event) {
                    recorder.alarmAttempts.incrementAndGet();
                    throw new OutOfMemoryError("Java heap space (simulated)");
                }
            };
        }

        @Bean
        EventHandler<ModelApprovalChanged> alwaysFailing(Recorder recorder) {
            return new EventHandler<>() {
                public Class<ModelApprovalChanged> eventType() {
                    return ModelApprovalChanged.class;
                }

                public void handle(ModelApprovalChanged event) {
                    recorder.approvalAttempts.incrementAndGet();
                    throw new IllegalStateException("store unavailable");
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

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static class Recorder {
        static final String SLOW = "slow-to-handle";
        final AtomicInteger slowAttempts = new AtomicInteger();
        final List<DatasetPublished> datasets = new CopyOnWriteArrayList<>();
        final List<ModelRegistered> models = new CopyOnWriteArrayList<>();
        final List<ObjectCreated> objects = new CopyOnWriteArrayList<>();
        final AtomicInteger modelAttempts = new AtomicInteger();
        final List<FeaturesUpdated> features = new CopyOnWriteArrayList<>();
        final AtomicInteger featureAttempts = new AtomicInteger();
        volatile boolean featuresFixed;
        final AtomicInteger alarmAttempts = new AtomicInteger();
        final AtomicInteger approvalAttempts = new AtomicInteger();
    }
}
