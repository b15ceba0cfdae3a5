package io.launchcast.infra.identity;

import java.util.Arrays;
import java.util.List;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.launchcast.infra.config.ServiceConfiguration;
import io.launchcast.platform.security.Role;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cognito.AccountRecovery;
import software.amazon.awscdk.services.cognito.AuthFlow;
import software.amazon.awscdk.services.cognito.CfnUserPoolClient;
import software.amazon.awscdk.services.cognito.CfnUserPoolGroup;
import software.amazon.awscdk.services.cognito.CognitoDomainOptions;
import software.amazon.awscdk.services.cognito.Mfa;
import software.amazon.awscdk.services.cognito.MfaSecondFactor;
import software.amazon.awscdk.services.cognito.OAuthFlows;
import software.amazon.awscdk.services.cognito.OAuthScope;
import software.amazon.awscdk.services.cognito.OAuthSettings;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.ResourceServerScope;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.amazon.awscdk.services.cognito.UserPoolDomain;
import software.amazon.awscdk.services.cognito.UserPoolDomainOptions;
import software.amazon.awscdk.services.cognito.UserPoolResourceServer;
import software.amazon.awscdk.services.cognito.UserPoolResourceServerOptions;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.ssm.StringParameter;
import software.constructs.Construct;

/**
 * Who may call the suite: a Cognito user pool whose groups are the services' roles ({@link Role}: the services
 * read them from the {@code cognito:groups} claim, docs/adr/0093), and the app client planning apps and
 * operators sign in with. The issuer URI is what every service validates JWTs against.
 *
 * <p>Service-to-service calls (monitor-service starting a retraining run on forecast-service) use the
 * client-credentials grant (docs/adr/0102): a resource server whose identifier is the services' role-scope prefix
 * ({@code launchcast.security.role-scope-prefix}) with the scopes the monitor's client registration asks for, a
 * confidential app client allowed that flow and those scopes only, a hosted domain for the token endpoint, and
 * the client's secret in Secrets Manager for the monitor's task.
 */
public class IdentityStack extends Stack {

    /** The secret holding the monitor client's Cognito-generated client secret. */
    public static final String MONITOR_CLIENT_SECRET_NAME = "launchcast/monitor/oauth2-client-secret";

    private final UserPool userPool;
    private final UserPoolClient appClient;
    private final UserPoolClient monitorClient;
    private final UserPoolDomain domain;
    private final Secret monitorClientSecret;

    public IdentityStack(Construct scope, String id, StackProps props, ServiceConfiguration services) {
        super(scope, id, props);

        userPool = UserPool.Builder.create(this, "Users")
                .userPoolName("launchcast")
                .selfSignUpEnabled(false)
                .signInAliases(SignInAliases.builder().email(true).build())
                .passwordPolicy(PasswordPolicy.builder().minLength(14).requireDigits(true).requireLowercase(true)
                        .requireUppercase(true).requireSymbols(true).tempPasswordValidity(Duration.days(3)).build())
                .mfa(Mfa.REQUIRED)
                .mfaSecondFactor(MfaSecondFactor.builder().otp(true).sms(false).build())
                .accountRecovery(AccountRecovery.EMAIL_ONLY)
                .deletionProtection(true)
                // the users and their groups are the audit trail of approvals (who approved which model)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        NagSuppressions.addResourceSuppressions(userPool, List.of(NagPackSuppression.builder().id("AwsSolutions-COG3")
                .reason("Threat protection (advanced security) is a paid Cognito plan billed per active user; the pool "
                        + "has no self sign-up, requires MFA and a 14-character password, and API Gateway throttles "
                        + "every caller. Enable it when the pool serves people outside the team.")
                .build()));

        for (Role role : Role.values()) {
            CfnUserPoolGroup.Builder.create(this, "Group" + capitalized(role.id()))
                    .userPoolId(userPool.getUserPoolId())
                    .groupName(role.id())
                    .description(description(role))
                    .build();
        }

        appClient = userPool.addClient("AppClient", UserPoolClientOptions.builder()
                .userPoolClientName("launchcast-apps")
                .authFlows(AuthFlow.builder().userSrp(true).build())
                .generateSecret(false)
                .preventUserExistenceErrors(true)
                .idTokenValidity(Duration.hours(1))
                .accessTokenValidity(Duration.hours(1))
                .refreshTokenValidity(Duration.days(1))
                .build());

        // the token endpoint of the client-credentials grant lives on the pool's hosted domain
        domain = userPool.addDomain("Domain", UserPoolDomainOptions.builder()
                .cognitoDomain(CognitoDomainOptions.builder().domainPrefix("launchcast-" + getAccount()).build())
                .build());
        String prefix = services.roleScopePrefix();
        List<ResourceServerScope> scopes = services.monitorClientScopes().stream()
                .map(name -> scopeOf(prefix, name)).toList();
        UserPoolResourceServer resourceServer = userPool.addResourceServer("Services", UserPoolResourceServerOptions.builder()
                .identifier(prefix.substring(0, prefix.length() - 1))
                .userPoolResourceServerName("launchcast-services")
                .scopes(scopes)
                .build());
        monitorClient = userPool.addClient("MonitorClient", UserPoolClientOptions.builder()
                .userPoolClientName("launchcast-monitor")
                .generateSecret(true)
                // a machine client: no user sign-in flow at all
                .authFlows(AuthFlow.builder().build())
                .oAuth(OAuthSettings.builder()
                        .flows(OAuthFlows.builder().clientCredentials(true).build())
                        .scopes(scopes.stream().map(granted -> OAuthScope.resourceServer(resourceServer, granted)).toList())
                        .build())
                .accessTokenValidity(Duration.hours(1))
                .preventUserExistenceErrors(true)
                .build());
        monitorClientSecret = Secret.Builder.create(this, "MonitorClientSecret")
                .secretName(MONITOR_CLIENT_SECRET_NAME)
                .description("Client secret of the Cognito app client launchcast-monitor (client-credentials grant for "
                        + "monitor-service's retraining calls)")
                // CloudFormation's own attribute: no custom resource reads the secret back from Cognito
                .secretStringValue(SecretValue.resourceAttribute(
                        ((CfnUserPoolClient) monitorClient.getNode().getDefaultChild()).getAttrClientSecret()))
                .build();
        NagSuppressions.addResourceSuppressions(monitorClientSecret, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-SMG4")
                .reason("The value is the secret Cognito generated for the app client; Cognito cannot change an app "
                        + "client's secret in place, so it is rotated by replacing the client (a new logical id), "
                        + "which deploys a new secret value and restarts the monitor's tasks.")
                .build()));

        // for operators and scripts: where the issuer is, without reading stack outputs
        StringParameter.Builder.create(this, "IssuerUriParameter")
                .parameterName("/launchcast/identity/issuer-uri")
                .stringValue(issuerUri())
                .description("OIDC issuer the services validate JWTs against")
                .build();
        StringParameter.Builder.create(this, "AppClientIdParameter")
                .parameterName("/launchcast/identity/app-client-id")
                .stringValue(appClient.getUserPoolClientId())
                .description("Cognito app client id for planning apps and operators")
                .build();
    }

    /** The OIDC issuer of the pool: {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} of every service. */
    public String issuerUri() {
        return "https://cognito-idp." + getRegion() + ".amazonaws.com/" + userPool.getUserPoolId();
    }

    public UserPool userPool() {
        return userPool;
    }

    public UserPoolClient appClient() {
        return appClient;
    }

    /** The machine client monitor-service authenticates its retraining calls with. */
    public UserPoolClient monitorClient() {
        return monitorClient;
    }

    public Secret monitorClientSecret() {
        return monitorClientSecret;
    }

    /** The token endpoint of the client-credentials grant. */
    public String tokenUri() {
        return domain.baseUrl() + "/oauth2/token";
    }

    /** A scope the monitor asks for ({@code <prefix><name>}) as the resource server's scope {@code <name>}. */
    private static ResourceServerScope scopeOf(String prefix, String scope) {
        if (!scope.startsWith(prefix)) {
            throw new IllegalStateException("the monitor's scope " + scope + " is not of the resource server " + prefix);
        }
        return ResourceServerScope.Builder.create().scopeName(scope.substring(prefix.length()))
                .scopeDescription("The " + scope.substring(prefix.length()) + " role, for machine clients").build();
    }

    /** The groups, one per role, in the order of {@link Role}. */
    public static List<String> groupNames() {
        return Arrays.stream(Role.values()).map(Role::id).toList();
    }

    private static String description(Role role) {
        return switch (role) {
            case FORECASTING -> "Planning apps and batch jobs: forecasts, batch forecasts, reading models";
            case DATA -> "ML engineers: ingestions, mappings, datasets, training sets, pipeline runs";
            case APPROVAL -> "Model approval, rejection and rollback";
            case OPERATIONS -> "Operators: monitoring, alarms, actuals, dead-lettered events, metrics";
            case ADMIN -> "Every role";
        };
    }

    private static String capitalized(String id) {
        return Character.toUpperCase(id.charAt(0)) + id.substring(1);
    }
}
