package io.launchcast.infra.api;

import java.util.List;
import java.util.Map;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.launchcast.infra.compute.ComputeStack;
import io.launchcast.infra.config.StageSettings;
import io.launchcast.infra.data.DataStack;
import io.launchcast.infra.identity.IdentityStack;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigateway.ApiKeyOptions;
import software.amazon.awscdk.services.apigateway.ApiKeySourceType;
import software.amazon.awscdk.services.apigateway.AuthorizationType;
import software.amazon.awscdk.services.apigateway.CognitoUserPoolsAuthorizer;
import software.amazon.awscdk.services.apigateway.ConnectionType;
import software.amazon.awscdk.services.apigateway.EndpointType;
import software.amazon.awscdk.services.apigateway.IApiKey;
import software.amazon.awscdk.services.apigateway.Integration;
import software.amazon.awscdk.services.apigateway.IntegrationOptions;
import software.amazon.awscdk.services.apigateway.IntegrationType;
import software.amazon.awscdk.services.apigateway.JsonSchema;
import software.amazon.awscdk.services.apigateway.JsonSchemaType;
import software.amazon.awscdk.services.apigateway.JsonWithStandardFieldProps;
import software.amazon.awscdk.services.apigateway.LogGroupLogDestination;
import software.amazon.awscdk.services.apigateway.MethodLoggingLevel;
import software.amazon.awscdk.services.apigateway.MethodOptions;
import software.amazon.awscdk.services.apigateway.Model;
import software.amazon.awscdk.services.apigateway.Period;
import software.amazon.awscdk.services.apigateway.QuotaSettings;
import software.amazon.awscdk.services.apigateway.RequestValidator;
import software.amazon.awscdk.services.apigateway.Resource;
import software.amazon.awscdk.services.apigateway.RestApi;
import software.amazon.awscdk.services.apigateway.StageOptions;
import software.amazon.awscdk.services.apigateway.ThrottleSettings;
import software.amazon.awscdk.services.apigateway.UsagePlan;
import software.amazon.awscdk.services.apigateway.UsagePlanPerApiStage;
import software.amazon.awscdk.services.apigateway.UsagePlanProps;
import software.amazon.awscdk.services.apigateway.VpcLink;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.ssm.StringParameter;
import software.constructs.Construct;

/**
 * The API: an API Gateway REST API, the suite's only door. The forecasting API ({@code /forecasts},
 * {@code /batch-forecasts}, reading {@code /models}) is for planning apps: Cognito JWT plus an API key of a usage
 * plan (throttle and monthly quota per app), requests validated before they reach the service. Every other path goes
 * to the services with a Cognito JWT (ML engineers, approvers, operators); the services check the role from
 * the same token. All of it through a VPC link to the internal load balancers, with access logs.
 */
public class ApiStack extends Stack {

    /** Stage name, the first segment of every URL. */
    public static final String STAGE = "v1";

    private final RestApi api;
    private final UsagePlan planningApps;

    public ApiStack(Construct scope, String id, StackProps props, StageSettings stage, DataStack data,
            IdentityStack identity, ComputeStack compute) {
        super(scope, id, props);

        VpcLink link = VpcLink.Builder.create(this, "VpcLink")
                .vpcLinkName("launchcast-services")
                .targets(List.of(compute.networkLoadBalancer()))
                .build();

        LogGroup accessLogs = LogGroup.Builder.create(this, "AccessLogs")
                .logGroupName("/launchcast/api-access")
                .retention(RetentionDays.ONE_YEAR)
                .encryptionKey(data.dataKey())
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();

        api = RestApi.Builder.create(this, "Api")
                .restApiName("launchcast")
                .description("Launchcast: forecasting API for planning apps, and the services for their operators")
                .endpointTypes(List.of(EndpointType.REGIONAL))
                .apiKeySourceType(ApiKeySourceType.HEADER)
                .cloudWatchRole(true)
                .cloudWatchRoleRemovalPolicy(RemovalPolicy.DESTROY)
                .deployOptions(StageOptions.builder()
                        .stageName(STAGE)
                        .accessLogDestination(new LogGroupLogDestination(accessLogs))
                        .accessLogFormat(AccessLogFormat.jsonWithStandardFields(JsonWithStandardFieldProps.builder()
                                .caller(true).httpMethod(true).ip(true).protocol(true).requestTime(true)
                                .resourcePath(true).responseLength(true).status(true).user(true).build()))
                        // errors only: INFO would log request details, and bodies are never logged (dataTrace off)
                        .loggingLevel(MethodLoggingLevel.ERROR)
                        .dataTraceEnabled(false)
                        .tracingEnabled(true)
                        .metricsEnabled(true)
                        // the whole API; each planning app is further limited by the usage plan
                        .throttlingRateLimit(200)
                        .throttlingBurstLimit(400)
                        .build())
                .build();

        CognitoUserPoolsAuthorizer authorizer = CognitoUserPoolsAuthorizer.Builder.create(this, "Authorizer")
                .authorizerName("launchcast-users")
                .cognitoUserPools(List.of(identity.userPool()))
                .build();
        RequestValidator validator = RequestValidator.Builder.create(this, "Validator")
                .restApi(api)
                .requestValidatorName("body-and-parameters")
                .validateRequestBody(true)
                .validateRequestParameters(true)
                .build();
        String services = "https://" + stage.serviceDomainName();

        MethodOptions planningApp = MethodOptions.builder()
                .authorizer(authorizer).authorizationType(AuthorizationType.COGNITO)
                .apiKeyRequired(true)
                .requestValidator(validator)
                .build();
        Model forecastRequest = api.addModel("ForecastRequest", software.amazon.awscdk.services.apigateway.ModelOptions.builder()
                .modelName("ForecastRequest")
                .contentType("application/json")
                .schema(forecastRequestSchema())
                .build());
        Resource forecasts = api.getRoot().addResource("forecasts");
        forecasts.addMethod("POST", proxy(services + "/forecasts", link, false), MethodOptions.builder()
                .authorizer(authorizer).authorizationType(AuthorizationType.COGNITO)
                .apiKeyRequired(true)
                .requestValidator(validator)
                .requestModels(Map.of("application/json", forecastRequest))
                .build());
        Resource batchForecasts = api.getRoot().addResource("batch-forecasts");
        batchForecasts.addMethod("ANY", proxy(services + "/batch-forecasts", link, false), planningApp);
        batchForecasts.addResource("{proxy+}").addMethod("ANY",
                proxy(services + "/batch-forecasts/{proxy}", link, true), withProxyParameter(planningApp));

        // everything else: the services decide by role (ADR 0093); no API key, as people call these
        MethodOptions person = MethodOptions.builder()
                .authorizer(authorizer).authorizationType(AuthorizationType.COGNITO)
                .requestValidator(validator)
                .build();
        // planning apps read models with their key; approvers and operators approve and roll back without one
        Resource models = api.getRoot().addResource("models");
        models.addMethod("GET", proxy(services + "/models", link, false), planningApp);
        Resource model = models.addResource("{proxy+}");
        model.addMethod("GET", proxy(services + "/models/{proxy}", link, true), withProxyParameter(planningApp));
        model.addMethod("POST", proxy(services + "/models/{proxy}", link, true), withProxyParameter(person));
        api.getRoot().addResource("{proxy+}").addMethod("ANY", proxy(services + "/{proxy}", link, true),
                withProxyParameter(person));

        planningApps = api.addUsagePlan("PlanningApps", UsagePlanProps.builder()
                .name("launchcast-planning-apps")
                .description("One API key per planning app: throttled and with a monthly quota")
                .throttle(ThrottleSettings.builder().rateLimit(50).burstLimit(100).build())
                .quota(QuotaSettings.builder().limit(1_000_000).period(Period.MONTH).build())
                .apiStages(List.of(UsagePlanPerApiStage.builder().api(api).stage(api.getDeploymentStage()).build()))
                .build());
        IApiKey firstKey = api.addApiKey("PlanningAppKey", ApiKeyOptions.builder()
                .apiKeyName("launchcast-planning-app")
                .description("The first planning app's key; add one key per app to the usage plan")
                .build());
        planningApps.addApiKey(firstKey);

        StringParameter.Builder.create(this, "ApiUrlParameter")
                .parameterName("/launchcast/api/url")
                .stringValue(api.getUrl())
                .description("Base URL of the Launchcast API")
                .build();

        NagSuppressions.addResourceSuppressions(api, List.of(
                NagPackSuppression.builder().id("AwsSolutions-APIG3").reason("No WAF web ACL: every method needs a "
                        + "Cognito JWT, the forecasting methods an API key with a usage-plan throttle and quota, and "
                        + "the stage is throttled; a web ACL (about 6 USD a month at rest) is the next step if the "
                        + "API is opened to third parties.").build(),
                NagPackSuppression.builder().id("AwsSolutions-IAM4").reason("API Gateway's account-level CloudWatch "
                        + "role uses the AWS managed AmazonAPIGatewayPushToCloudWatchLogs policy, which is the "
                        + "documented, minimal policy for it.")
                        .appliesTo(List.of("Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/"
                                + "AmazonAPIGatewayPushToCloudWatchLogs")).build()), true);
    }

    /** The body of POST /forecasts, as forecast-service's {@code ForecastRequest} constrains it. */
    private static JsonSchema forecastRequestSchema() {
        return JsonSchema.builder()
                .type(JsonSchemaType.OBJECT)
                .required(List.of("products"))
                .properties(Map.of(
                        "products", JsonSchema.builder().type(JsonSchemaType.ARRAY).minItems(1).maxItems(1000)
                                .items(JsonSchema.builder().type(JsonSchemaType.OBJECT).build()).build(),
                        "horizon", JsonSchema.builder().type(JsonSchemaType.INTEGER).minimum(1).maximum(520).build(),
                        "quantiles", JsonSchema.builder().type(JsonSchemaType.ARRAY)
                                .items(JsonSchema.builder().type(JsonSchemaType.NUMBER).minimum(0).maximum(1).build())
                                .build(),
                        "explain", JsonSchema.builder().type(JsonSchemaType.BOOLEAN).build()))
                .build();
    }

    private static Integration proxy(String uri, VpcLink link, boolean withProxyPath) {
        IntegrationOptions.Builder options = IntegrationOptions.builder()
                .connectionType(ConnectionType.VPC_LINK)
                .vpcLink(link);
        if (withProxyPath) {
            options.requestParameters(Map.of("integration.request.path.proxy", "method.request.path.proxy"));
        }
        return Integration.Builder.create()
                .type(IntegrationType.HTTP_PROXY)
                .integrationHttpMethod("ANY")
                .uri(uri)
                .options(options.build())
                .build();
    }

    private static MethodOptions withProxyParameter(MethodOptions options) {
        return MethodOptions.builder()
                .authorizer(options.getAuthorizer())
                .authorizationType(options.getAuthorizationType())
                .apiKeyRequired(options.getApiKeyRequired())
                .requestValidator(options.getRequestValidator())
                .requestParameters(Map.of("method.request.path.proxy", true))
                .build();
    }

    public RestApi api() {
        return api;
    }

    public UsagePlan planningApps() {
        return planningApps;
    }
}
