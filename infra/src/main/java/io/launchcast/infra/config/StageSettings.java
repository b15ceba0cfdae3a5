package io.launchcast.infra.config;

import java.util.Map;
import java.util.Objects;

/**
 * What differs between the deployments of the suite (staging, production): where, with which certificate and
 * host name for the services' load balancer, who gets the alarms, which image tag runs.
 *
 * @param name stage name, also the prefix of its stacks (e.g. {@code Staging})
 * @param account AWS account id
 * @param region AWS region
 * @param certificateArn ACM certificate of {@code serviceDomainName} in this account and region (TLS to the services)
 * @param serviceDomainName host name the API Gateway integration calls the services' load balancer by
 * @param alarmEmail address subscribed to the alarm topic; empty for none
 * @param imageTag tag of the four service images in ECR (the pipeline sets the commit id)
 */
public record StageSettings(String name, String account, String region, String certificateArn,
        String serviceDomainName, String alarmEmail, String imageTag) {

    public StageSettings {
        Objects.requireNonNull(name, "name");
        require(account, name + ".account");
        require(region, name + ".region");
        require(certificateArn, name + ".certificateArn");
        require(serviceDomainName, name + ".serviceDomainName");
        alarmEmail = alarmEmail == null ? "" : alarmEmail;
        imageTag = imageTag == null || imageTag.isBlank() ? "latest" : imageTag;
    }

    /** A stage from its context object ({@code launchcast.stages.<name>} in cdk.json). */
    public static StageSettings fromContext(String name, Map<String, Object> context, String imageTag) {
        if (context == null) {
            throw new IllegalArgumentException("cdk.json context launchcast.stages." + name + " is missing");
        }
        return new StageSettings(Character.toUpperCase(name.charAt(0)) + name.substring(1),
                string(context, "account"), string(context, "region"), string(context, "certificateArn"),
                string(context, "serviceDomainName"), string(context, "alarmEmail"), imageTag);
    }

    static String string(Map<String, Object> context, String key) {
        Object value = context.get(key);
        return value == null ? null : value.toString();
    }

    private static void require(String value, String key) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("context value launchcast.stages." + key + " is required");
        }
    }
}
