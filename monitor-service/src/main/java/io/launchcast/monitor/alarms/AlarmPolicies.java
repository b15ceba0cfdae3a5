package io.launchcast.monitor.alarms;

import io.launchcast.monitor.retraining.RetrainingTrigger;
import io.launchcast.platform.io.Sha256;
import io.launchcast.platform.objectstore.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * What happens when an alarm enters ALARM: the first policy whose prefix matches the alarm's name decides
 * (notify only, the default, or start a retraining run). A retraining is started at most once per cool-down per
 * policy, so one incident raising several feature alarms starts one run. The retrained model still goes through
 * the pipeline's quality gate and waits for approval. The last retraining of each policy is kept in the object store
 * ({@code <alarms prefix>/retraining/<policy>.json}, one object rewritten whole), so a restart inside the cool-down
 * does not start a second run for the same incident.
 */
@Component
class AlarmPolicies {

    private static final Logger log = LoggerFactory.getLogger(AlarmPolicies.class);

    private final AlarmProperties properties;
    private final RetrainingTrigger retraining;
    private final Clock clock;
    private final ObjectStore store;
    private final JsonMapper json;
    private final Map<AlarmProperties.Policy, Instant> lastRetraining = new HashMap<>();

    /** A policy's last retraining, as stored. */
    record Retraining(String alarmPrefix, Instant startedAt, String run, String alarm) {
    }

    AlarmPolicies(AlarmProperties properties, RetrainingTrigger retraining, Clock clock, ObjectStore store,
            JsonMapper json) {
        this.properties = properties;
        this.retraining = retraining;
        this.clock = clock;
        this.store = store;
        this.json = json;
    }

    /** Acts on an alarm that has just entered ALARM; answers what was done, for the alarm's history. */
    synchronized String raised(String alarm, String reason) {
        AlarmProperties.Policy policy = properties.policies().stream().filter(p -> alarm.startsWith(p.alarmPrefix()))
                .findFirst().orElse(null);
        if (policy == null || policy.action() == AlarmProperties.Action.NOTIFY) {
            return "notified";
        }
        Instant now = Instant.now(clock);
        Instant last = lastRetraining(policy).orElse(null);
        if (last != null && now.isBefore(last.plus(policy.coolDown()))) {
            return "retraining already started at " + last + " (cool-down " + policy.coolDown() + ")";
        }
        try {
            String run = retraining.start("alarm " + alarm + ": " + reason);
            lastRetraining.put(policy, now);
            log.info("alarm {}: retraining run {} started", alarm, run);
            keep(new Retraining(policy.alarmPrefix(), now, run, alarm), policy);
            return "retraining run " + run + " started";
        } catch (RuntimeException e) {
            log.warn("alarm {}: starting a retraining run failed", alarm, e);
            return "starting a retraining run failed: " + e.getMessage();
        }
    }

    private void keep(Retraining started, AlarmProperties.Policy policy) {
        try {
            store.put(key(policy), json.writeValueAsBytes(started), "application/json");
        } catch (RuntimeException e) {
            // the run is started and this process keeps its cool-down; only a restart before it ends could start another
            log.warn("alarm {}: the retraining's cool-down is not kept in the object store: {}", started.alarm(),
                    e.getMessage());
        }
    }

    /** The policy's last retraining: held since it started, else read from the store (a restart). */
    private Optional<Instant> lastRetraining(AlarmProperties.Policy policy) {
        Instant held = lastRetraining.get(policy);
        if (held != null) {
            return Optional.of(held);
        }
        String key = key(policy);
        if (store.head(key).isEmpty()) {
            return Optional.empty();
        }
        Instant stored = json.readValue(store.read(key), Retraining.class).startedAt();
        lastRetraining.put(policy, stored);
        return Optional.of(stored);
    }

    /** One object per policy, named by its alarm prefix's hash (a prefix may hold any character). */
    private String key(AlarmProperties.Policy policy) {
        return properties.prefix() + "/retraining/" + Sha256.hex(policy.alarmPrefix().getBytes(
                StandardCharsets.UTF_8)).substring(0, 16) + ".json";
    }
}
