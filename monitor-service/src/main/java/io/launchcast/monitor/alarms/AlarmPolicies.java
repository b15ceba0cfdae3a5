package io.launchcast.monitor.alarms;

import io.launchcast.monitor.retraining.RetrainingTrigger;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What happens when an alarm enters ALARM: the first policy whose prefix matches the alarm's name decides
 * (notify only, the default, or start a retraining run). A retraining is started at most once per cool-down per
 * policy, so one incident raising several feature alarms starts one run. The retrained model still goes through
 * the pipeline's quality gate and waits for approval.
 */
@Component
class AlarmPolicies {

    private static final Logger log = LoggerFactory.getLogger(AlarmPolicies.class);

    private final AlarmProperties properties;
    private final RetrainingTrigger retraining;
    private final Clock clock;
    private final Map<AlarmProperties.Policy, Instant> lastRetraining = new HashMap<>();

    AlarmPolicies(AlarmProperties properties, RetrainingTrigger retraining, Clock clock) {
        this.properties = properties;
        this.retraining = retraining;
        this.clock = clock;
    }

    /** Acts on an alarm that has just entered ALARM; answers what was done, for the alarm's history. */
    synchronized String raised(String alarm, String reason) {
        AlarmProperties.Policy policy = properties.policies().stream().filter(p -> alarm.startsWith(p.alarmPrefix()))
                .findFirst().orElse(null);
        if (policy == null || policy.action() == AlarmProperties.Action.NOTIFY) {
            return "notified";
        }
        Instant now = Instant.now(clock);
        Instant last = lastRetraining.get(policy);
        if (last != null && now.isBefore(last.plus(policy.coolDown()))) {
            return "retraining already started at " + last + " (cool-down " + policy.coolDown() + ")";
        }
        try {
            String run = retraining.start("alarm " + alarm + ": " + reason);
            lastRetraining.put(policy, now);
            log.info("alarm {}: retraining run {} started", alarm, run);
            return "retraining run " + run + " started";
        } catch (RuntimeException e) {
            log.warn("alarm {}: starting a retraining run failed", alarm, e);
            return "starting a retraining run failed: " + e.getMessage();
        }
    }
}
