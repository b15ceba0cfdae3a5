package io.launchcast.infra.delivery;

import java.util.List;

import io.launchcast.infra.config.ServiceConfiguration;
import software.amazon.awscdk.services.ecr.IRepository;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecr.RepositoryAttributes;
import software.constructs.Construct;

/**
 * Where the services' container images live: one ECR repository per service in the pipeline's (tooling)
 * account, created by {@link DeliveryStack}; the pipeline pushes each commit's images once and every stage
 * runs the same images, promoted by tag.
 *
 * @param account the tooling account
 * @param region its region
 */
public record ServiceImages(String account, String region) {

    /** The repository of a service, e.g. {@code launchcast/forecast-service}. */
    public static String repositoryName(String service) {
        return "launchcast/" + service;
    }

    public static List<String> repositoryNames() {
        return ServiceConfiguration.SERVICES.stream().map(ServiceImages::repositoryName).toList();
    }

    /** A reference to a service's repository from a stage's stack. */
    public IRepository repository(Construct scope, String service) {
        String name = repositoryName(service);
        return Repository.fromRepositoryAttributes(scope, "Repository-" + service, RepositoryAttributes.builder()
                .repositoryName(name)
                .repositoryArn("arn:aws:ecr:" + region + ":" + account + ":repository/" + name)
                .build());
    }

    /** The image URI of a service at {@code tag}. */
    public String imageUri(String service, String tag) {
        return account + ".dkr.ecr." + region + ".amazonaws.com/" + repositoryName(service) + ":" + tag;
    }
}
