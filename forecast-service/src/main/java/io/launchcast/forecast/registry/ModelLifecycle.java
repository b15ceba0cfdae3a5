package io.launchcast.forecast.registry;

import io.launchcast.platform.events.EventPublisher;
import io.launchcast.platform.events.Events;
import io.launchcast.platform.events.ModelApprovalChanged;
import io.launchcast.platform.events.ModelRegistered;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Registry operations that other services must hear about: registering a version publishes
 * {@link ModelRegistered}; approving, rejecting and rolling back publish {@link ModelApprovalChanged}, on which
 * serving swaps its champion.
 */
@Service
public class ModelLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ModelLifecycle.class);

    private final ModelRegistry registry;
    private final EventPublisher events;

    public ModelLifecycle(ModelRegistry registry, EventPublisher events) {
        this.registry = registry;
        this.events = events;
    }

    public ModelVersion register(ModelRegistration registration) {
        ModelVersion version = registry.register(registration);
        log.info("registered {} v{} (pending approval), metrics {}", version.group(), version.version(), version.metrics());
        events.publish(new ModelRegistered(Events.newEventId(), Instant.now(), version.group(),
                Integer.toString(version.version())));
        return version;
    }

    public ModelVersion decide(String group, int version, ApprovalStatus status, String reason, String decidedBy) {
        ModelVersion decided = registry.decide(group, version, status, reason, decidedBy);
        log.info("{} v{} {} by {}: {}", group, version, status, decidedBy, reason);
        events.publish(new ModelApprovalChanged(Events.newEventId(), Instant.now(), group, Integer.toString(version),
                status.name(), reason));
        return decided;
    }

    /**
     * Rolls the champion back to the previously approved version by rejecting the current champion.
     *
     * @return the new champion
     * @throws NoApprovedModelException if there is no champion, or no earlier approved version to return to
     */
    public ModelVersion rollback(String group, String reason, String decidedBy) {
        ModelVersion current = registry.champion(group).orElseThrow(() -> new NoApprovedModelException(group));
        boolean hasPrevious = registry.versions(group).stream()
                .anyMatch(v -> v.status() == ApprovalStatus.Approved && v.version() != current.version());
        if (!hasPrevious) {
            throw new NoApprovedModelException(group, "no earlier approved version of '" + group
                    + "' to roll back to from v" + current.version());
        }
        decide(group, current.version(), ApprovalStatus.Rejected, "rollback: " + reason, decidedBy);
        return registry.champion(group).orElseThrow(() -> new NoApprovedModelException(group));
    }

    public Optional<ModelVersion> champion(String group) {
        return registry.champion(group);
    }

    /**
     * The group's approved model if it was trained on {@code dataset}: one trained on another serves none of its
     * products.
     */
    public Optional<ModelVersion> championTrainedOn(String group, String dataset) {
        return champion(group).filter(v -> v.lineage().datasets().stream().anyMatch(d -> d.dataset().equals(dataset)));
    }
}
