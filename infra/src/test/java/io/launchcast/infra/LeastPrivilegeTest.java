package io.launchcast.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awscdk.Stack;

/**
 * No IAM statement of the app allows every action, and a statement on every resource ({@code "*"}) names only
 * actions that have no resource-level permission, each listed here with the reason.
 */
class LeastPrivilegeTest {

    /** Actions that AWS authorizes on "*" only, and who needs them. */
    private static final Map<String, String> ACTIONS_ON_EVERY_RESOURCE = Map.of(
            "cloudwatch:PutMetricData", "services and SageMaker jobs publish metrics; limited by a namespace condition",
            "ecr:GetAuthorizationToken", "pulling and pushing images starts with a registry-wide token",
            "cloudformation:DescribeStacks", "CDK Pipelines' self-update and deploy actions read stack outputs",
            "codebuild:BatchGetBuilds", "CDK Pipelines' generated pipeline role follows its CodeBuild actions",
            "codebuild:StartBuild", "CDK Pipelines' generated pipeline role starts its CodeBuild actions",
            "codebuild:StopBuild", "CDK Pipelines' generated pipeline role stops its CodeBuild actions",
            "s3:ListBucket", "CDK Pipelines' asset publishing lists the bootstrap buckets it is given");

    private static final List<Stack> STACKS = new ArrayList<>();

    @BeforeAll
    static void synthesize() {
        var deployment = SynthesizedApp.deployment();
        STACKS.add(deployment.delivery());
        STACKS.addAll(deployment.staging().stacks());
    }

    @Test
    void noStatementAllowsEveryActionAndStarResourcesCarryOnlyListedActions() {
        List<String> problems = new ArrayList<>();
        for (Stack stack : STACKS) {
            var template = SynthesizedApp.template(stack);
            for (String type : List.of("AWS::IAM::Policy", "AWS::IAM::Role", "AWS::IAM::ManagedPolicy")) {
                TemplateQueries.resources(template, type).forEach((id, resource) ->
                        statements(resource).forEach(statement -> check(stack.getStackName() + "/" + id, statement,
                                problems)));
            }
        }
        assertThat(problems).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> statements(Map<String, Object> resource) {
        Map<String, Object> properties = (Map<String, Object>) resource.get("Properties");
        List<Map<String, Object>> statements = new ArrayList<>();
        if (properties.get("PolicyDocument") instanceof Map<?, ?> document) {
            statements.addAll((List<Map<String, Object>>) document.get("Statement"));
        }
        for (Map<String, Object> policy : (List<Map<String, Object>>) properties.getOrDefault("Policies", List.of())) {
            statements.addAll((List<Map<String, Object>>) ((Map<String, Object>) policy.get("PolicyDocument")).get("Statement"));
        }
        return statements;
    }

    private static void check(String where, Map<String, Object> statement, List<String> problems) {
        if (!"Allow".equals(statement.get("Effect"))) {
            return;
        }
        List<Object> actions = list(statement.get("Action"));
        if (actions.contains("*")) {
            problems.add(where + " allows every action: " + statement);
        }
        if (list(statement.get("Resource")).contains("*")) {
            actions.stream().map(String::valueOf).filter(action -> !ACTIONS_ON_EVERY_RESOURCE.containsKey(action))
                    .forEach(action -> problems.add(where + " allows " + action + " on every resource"));
        }
    }

    private static List<Object> list(Object value) {
        return value instanceof List<?> values ? new ArrayList<>(values) : value == null ? List.of() : List.of(value);
    }
}
