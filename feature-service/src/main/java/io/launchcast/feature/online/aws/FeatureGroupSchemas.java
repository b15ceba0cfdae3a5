package io.launchcast.feature.online.aws;

import io.launchcast.feature.group.FeatureType;
import io.launchcast.feature.online.OnlineStoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeFeatureGroupResponse;
import software.amazon.awssdk.services.sagemaker.model.FeatureDefinition;
import software.amazon.awssdk.services.sagemaker.model.LastUpdateStatusValue;

/**
 * Keeps each SageMaker feature group's definitions ahead of the records written to it. A group is created by the
 * infra app with only its record identifier and event time (the other features are named after a dataset's
 * attributes, known only at sync time), and PutRecord refuses a feature the group does not define. So before a
 * write that names a feature not yet seen, the group is described; missing features are added with
 * UpdateFeatureGroup (at most {@value #ADDITIONS_LIMIT} per call, the API's limit) and the write waits, bounded,
 * until the group's LastUpdateStatus is Successful. Known names are remembered, so steady-state writes cost no
 * control-plane call.
 */
final class FeatureGroupSchemas {

    private static final Logger log = LoggerFactory.getLogger(FeatureGroupSchemas.class);
    static final int ADDITIONS_LIMIT = 100;

    private final SageMakerClient sageMaker;
    private final Duration pollInterval;
    private final Duration timeout;
    private final Map<String, Set<String>> defined = new ConcurrentHashMap<>();

    FeatureGroupSchemas(SageMakerClient sageMaker, Duration pollInterval, Duration timeout) {
        this.sageMaker = sageMaker;
        this.pollInterval = pollInterval;
        this.timeout = timeout;
    }

    /**
     * Makes sure {@code group} defines every feature of {@code features} (SageMaker name to type), adding the
     * missing ones and waiting for the update to succeed.
     */
    void ensureDefined(String group, Map<String, FeatureType> features) {
        Set<String> known = defined.get(group);
        if (known != null && known.containsAll(features.keySet())) {
            return;
        }
        synchronized (this) {
            DescribeFeatureGroupResponse description = awaitNoUpdateInProgress(group, describe(group));
            Set<String> names = new HashSet<>();
            description.featureDefinitions().forEach(d -> names.add(d.featureName()));
            List<FeatureDefinition> missing = new ArrayList<>();
            features.forEach((name, type) -> {
                if (!names.contains(name)) {
                    missing.add(FeatureDefinition.builder().featureName(name).featureType(type.name()).build());
                }
            });
            for (int from = 0; from < missing.size(); from += ADDITIONS_LIMIT) {
                List<FeatureDefinition> additions = missing.subList(from, Math.min(missing.size(), from + ADDITIONS_LIMIT));
                log.info("feature group {}: adding {} feature definition(s), e.g. {}", group, additions.size(),
                        additions.get(0).featureName());
                call("UpdateFeatureGroup " + group,
                        () -> sageMaker.updateFeatureGroup(b -> b.featureGroupName(group).featureAdditions(additions)));
                awaitNoUpdateInProgress(group, describe(group));
                additions.forEach(d -> names.add(d.featureName()));
            }
            defined.put(group, Set.copyOf(names));
        }
    }

    /** Waits while the group's last update is in progress; fails when it failed or outlasts the timeout. */
    private DescribeFeatureGroupResponse awaitNoUpdateInProgress(String group, DescribeFeatureGroupResponse description) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            var status = description.lastUpdateStatus();
            if (status == null || status.status() == LastUpdateStatusValue.SUCCESSFUL) {
                return description;
            }
            if (status.status() == LastUpdateStatusValue.FAILED) {
                throw new OnlineStoreException("UpdateFeatureGroup " + group + " failed: " + status.failureReason(), null);
            }
            if (System.nanoTime() > deadline) {
                throw new OnlineStoreException("UpdateFeatureGroup " + group + " is still " + status.statusAsString()
                        + " after " + timeout + " (launchcast.online-store.sagemaker.update-timeout)", null);
            }
            try {
                Thread.sleep(pollInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OnlineStoreException("interrupted while waiting for feature group " + group, e);
            }
            description = describe(group);
        }
    }

    private DescribeFeatureGroupResponse describe(String group) {
        return call("DescribeFeatureGroup " + group, () -> sageMaker.describeFeatureGroup(b -> b.featureGroupName(group)));
    }

    private static <T> T call(String operation, java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (SdkException e) {
            throw new OnlineStoreException(operation + " failed: " + e.getMessage(), e);
        }
    }
}
