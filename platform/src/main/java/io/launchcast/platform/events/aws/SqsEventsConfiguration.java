package io.launchcast.platform.events.aws;

import io.launchcast.platform.events.DeadLetters;
import io.launchcast.platform.events.EventFailures;
import io.launchcast.platform.events.EventFailuresController;
import io.launchcast.platform.events.EventHandler;
import io.launchcast.platform.events.EventPublisher;
import io.launchcast.platform.events.EventsProperties;
import io.launchcast.platform.objectstore.ObjectStore;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Events over SQS in both modes: the {@link SqsAsyncClient} from Spring Cloud AWS points at the ElasticMQ
 * stand-in locally and at SQS on AWS. See docs/adr/0003.
 */
@AutoConfiguration(afterName = {"io.awspring.cloud.autoconfigure.sqs.SqsAutoConfiguration",
        "io.launchcast.platform.objectstore.aws.S3ObjectStoreConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration"})
@EnableConfigurationProperties(EventsProperties.class)
public class SqsEventsConfiguration {

    @Bean
    SqsQueues sqsQueues(SqsAsyncClient sqs, EventsProperties properties) {
        return new SqsQueues(sqs, properties.createQueues());
    }

    @Bean
    EventCodec eventCodec(ObjectProvider<JsonMapper> json) {
        return new EventCodec(json.getIfAvailable(() -> JsonMapper.builder().build()));
    }

    @Bean
    EventPublisher eventPublisher(SqsQueues queues, EventCodec codec, EventsProperties properties) {
        return new SqsEventPublisher(queues, codec, properties.routes());
    }

    @Bean
    EventFailures eventFailures(ObjectStore store, ObjectProvider<JsonMapper> json,
            @Value("${spring.application.name:service}") String service) {
        return new EventFailures(store, json.getIfAvailable(() -> JsonMapper.builder().build()), service);
    }

    @Bean
    DeadLettering deadLettering(SqsQueues queues, EventFailures failures, MeterRegistry meters,
            ObjectProvider<JsonMapper> json, ObjectProvider<Clock> clock) {
        return new DeadLettering(queues, failures, meters, json.getIfAvailable(() -> JsonMapper.builder().build()),
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    @ConditionalOnWebApplication
    EventFailuresController eventFailuresController(DeadLetters deadLetters) {
        return new EventFailuresController(deadLetters);
    }

    @Bean
    SqsEventListener sqsEventListener(SqsQueues queues, EventCodec codec, EventsProperties properties,
            List<EventHandler<?>> handlers, MeterRegistry meters, DeadLettering deadLettering) {
        return new SqsEventListener(queues, codec, properties, handlers, meters, deadLettering);
    }
}
