package io.launchcast.infra.config;

import java.util.Map;

/**
 * Where the delivery pipeline lives and what it builds.
 *
 * @param account tooling account of the pipeline (often the staging account)
 * @param region its region
 * @param repository the source repository, {@code owner/name}
 * @param branch the branch that is built and deployed
 * @param connectionArn the CodeConnections (CodeStar) connection to the repository host, created once by hand
 *        (it needs an OAuth hand-shake in the console)
 */
public record PipelineSettings(String account, String region, String repository, String branch,
        String connectionArn) {

    public static PipelineSettings fromContext(Map<String, Object> context) {
        if (context == null) {
            throw new IllegalArgumentException("cdk.json context launchcast.pipeline is missing");
        }
        String branch = StageSettings.string(context, "branch");
        return new PipelineSettings(StageSettings.string(context, "account"), StageSettings.string(context, "region"),
                StageSettings.string(context, "repository"), branch == null ? "main" : branch,
                StageSettings.string(context, "connectionArn"));
    }
}
