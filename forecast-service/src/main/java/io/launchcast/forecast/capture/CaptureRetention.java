package io.launchcast.forecast.capture;

import io.launchcast.platform.objectstore.ObjectStore;
import io.launchcast.platform.objectstore.ObjectSummary;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Deletes captured records once they are older than {@code launchcast.capture.retention}. Capture grows with
 * every inference (a million batch forecasts with explanations are about 3.5 GB) and nothing else ever removes
 * it: on the development machine it once filled the disk. In AWS an S3 lifecycle rule on the capture prefix
 * does the same job; this sweep works through the object-store port, so it serves both modes.
 *
 * <p>An object's age is its hour folder ({@code capture/<endpoint>/AllTraffic/yyyy/MM/dd/HH/}), the hour its
 * first record was captured: a folder goes once its whole hour is past the cutoff. A key that does not follow
 * the layout is kept: the sweep never deletes what it does not understand.
 */
public class CaptureRetention {

    private static final Logger log = LoggerFactory.getLogger(CaptureRetention.class);
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH");

    private final ObjectStore store;
    private final CaptureProperties properties;
    private final Clock clock;

    public CaptureRetention(ObjectStore store, CaptureProperties properties, Clock clock) {
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    /** Runs a minute after start-up, then every {@code launchcast.capture.retention-sweep-every} (default an hour). */
    @Scheduled(initialDelayString = "${launchcast.capture.retention-first-sweep-after:1m}",
            fixedDelayString = "${launchcast.capture.retention-sweep-every:1h}")
    public void sweepOnSchedule() {
        try {
            sweep();
        } catch (RuntimeException e) {
            // the next sweep tries again; capture itself is unaffected
            log.warn("data capture retention sweep failed: {}", e.getMessage());
        }
    }

    /** Deletes every capture object whose hour ended before now minus the retention; returns how many. */
    public int sweep() {
        if (properties.retention().isZero()) {
            return 0; // kept forever, as configured
        }
        Instant cutoff = clock.instant().minus(properties.retention());
        String prefix = "capture/" + properties.endpointName() + "/AllTraffic/";
        int deleted = 0;
        long bytes = 0;
        for (ObjectSummary object : store.list(prefix)) {
            Optional<Instant> hourEnd = hourEnd(object.key().substring(prefix.length()));
            if (hourEnd.isPresent() && !hourEnd.get().isAfter(cutoff)) {
                store.delete(object.key());
                deleted++;
                bytes += object.size();
            }
        }
        if (deleted > 0) {
            log.info("data capture retention: deleted {} objects ({} MB) captured before {}", deleted,
                    bytes / 1_048_576, cutoff.truncatedTo(ChronoUnit.HOURS));
        }
        return deleted;
    }

    /** The end of the hour named by {@code yyyy/MM/dd/HH/<file>}, or empty for any other key. */
    static Optional<Instant> hourEnd(String relativeKey) {
        int slash = relativeKey.lastIndexOf('/');
        if (slash != "yyyy/MM/dd/HH".length()) {
            return Optional.empty();
        }
        try {
            LocalDateTime hour = LocalDateTime.parse(relativeKey.substring(0, slash), HOUR);
            return Optional.of(hour.plusHours(1).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
