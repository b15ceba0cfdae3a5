package io.launchcast.ingestion.testing;

import io.launchcast.platform.events.EventPublisher;
import io.launchcast.platform.events.LaunchcastEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what was published, for assertions. */
public final class RecordingEventPublisher implements EventPublisher {

    public final List<LaunchcastEvent> published = new CopyOnWriteArrayList<>();

    @Override
    public void publish(LaunchcastEvent event) {
        published.add(event);
    }
}
