package io.launchcast.infra.api;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.launchcast.infra.SynthesizedApp;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class ApiStackTest {

    private static Template api;

    @BeforeAll
    static void synthesize() {
        api = SynthesizedApp.template(SynthesizedApp.staging().api());
    }

    @Test
    void forecastsNeedAJwtAndAnApiKeyAndAValidBody() {
        api.hasResourceProperties("AWS::ApiGateway::Method", Map.of(
                "HttpMethod", "POST",
                "AuthorizationType", "COGNITO_USER_POOLS",
                "ApiKeyRequired", true,
                "RequestValidatorId", Match.anyValue(),
                "RequestModels", Map.of("application/json", Match.anyValue()),
                "Integration", Match.objectLike(Map.of("Type", "HTTP_PROXY", "ConnectionType", "VPC_LINK",
                        "Uri", "https://services.staging.launchcast.example/forecasts"))));
        api.hasResourceProperties("AWS::ApiGateway::RequestValidator", Map.of(
                "ValidateRequestBody", true, "ValidateRequestParameters", true));
        api.hasResourceProperties("AWS::ApiGateway::Model", Map.of("Name", "ForecastRequest",
                "Schema", Match.objectLike(Map.of("required", List.of("products")))));
    }

    @Test
    void approversPostToModelsWithoutAnApiKey() {
        api.hasResourceProperties("AWS::ApiGateway::Method", Map.of(
                "HttpMethod", "POST",
                "AuthorizationType", "COGNITO_USER_POOLS",
                "ApiKeyRequired", Match.absent(),
                "Integration", Match.objectLike(Map.of("Uri", "https://services.staging.launchcast.example/models/{proxy}"))));
        api.hasResourceProperties("AWS::ApiGateway::Method", Map.of(
                "HttpMethod", "GET",
                "ApiKeyRequired", true,
                "Integration", Match.objectLike(Map.of("Uri", "https://services.staging.launchcast.example/models/{proxy}"))));
    }

    @Test
    void everyMethodNeedsACognitoToken() {
        api.allResourcesProperties("AWS::ApiGateway::Method", Map.of("AuthorizationType", "COGNITO_USER_POOLS"));
    }

    @Test
    void theStageIsThrottledLoggedAndTheUsagePlanHasAQuota() {
        api.hasResourceProperties("AWS::ApiGateway::Stage", Map.of(
                "StageName", ApiStack.STAGE,
                "AccessLogSetting", Match.objectLike(Map.of("DestinationArn", Match.anyValue())),
                "TracingEnabled", true,
                "MethodSettings", List.of(Match.objectLike(Map.of("ThrottlingRateLimit", 200, "ThrottlingBurstLimit", 400,
                        "DataTraceEnabled", false)))));
        api.hasResourceProperties("AWS::ApiGateway::UsagePlan", Map.of(
                "Throttle", Map.of("RateLimit", 50, "BurstLimit", 100),
                "Quota", Map.of("Limit", 1_000_000, "Period", "MONTH")));
        api.resourceCountIs("AWS::ApiGateway::UsagePlanKey", 1);
        api.hasResourceProperties("AWS::ApiGateway::VpcLink", Map.of("Name", "launchcast-services"));
    }
}
