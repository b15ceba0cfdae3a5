package io.launchcast.platform.events.aws;

import io.launchcast.platform.events.Events;
import io.launchcast.platform.events.LaunchcastEvent;
import io.launchcast.platform.events.ObjectCreated;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns events into SQS message bodies and back. Two wire shapes arrive in an inbox: our own events (JSON of
 * the record, type in the {@value #TYPE_ATTRIBUTE} message attribute) and S3 event notifications, which S3
 * (or the local stand-in) sends without attributes.
 */
final class EventCodec {

    static final String TYPE_ATTRIBUTE = "launchcast-event-type";

    private final JsonMapper json;

    EventCodec(JsonMapper json) {
        this.json = json;
    }

    String encode(LaunchcastEvent event) {
        return json.writeValueAsString(event);
    }

    /**
     * The events one message carries: one for our own events, one per record for S3 notifications, none for
     * an S3 test event or a type this service does not know.
     */
    List<LaunchcastEvent> decode(Optional<String> type, String body) {
        if (type.isPresent()) {
            return Events.typeNamed(type.get()).<List<LaunchcastEvent>>map(t -> List.of(json.readValue(body, t)))
                    .orElse(List.of());
        }
        JsonNode root = json.readTree(body);
        List<LaunchcastEvent> events = new ArrayList<>();
        for (JsonNode record : root.path("Records")) {
            if ("aws:s3".equals(record.path("eventSource").asString())
                    && record.path("eventName").asString().startsWith("ObjectCreated:")) {
                JsonNode s3 = record.path("s3");
                JsonNode object = s3.path("object");
                String key = URLDecoder.decode(object.path("key").asString(), StandardCharsets.UTF_8);
                String eventId = s3.path("bucket").path("name").asString() + "/" + key + "@"
                        + object.path("sequencer").asString();
                events.add(new ObjectCreated(eventId, Instant.parse(record.path("eventTime").asString()),
                        s3.path("bucket").path("name").asString(), key, object.path("size").asLong(),
                        object.path("eTag").asString(null)));
            }
        }
        return events;
    }
}
