package io.launchcast.infra.identity;

import java.util.Arrays;
import java.util.List;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.launchcast.platform.security.Role;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cognito.AccountRecovery;
import software.amazon.awscdk.services.cognito.AuthFlow;
import software.amazon.awscdk.services.cognito.CfnUserPoolGroup;
import software.amazon.awscdk.services.cognito.Mfa;
import software.amazon.awscdk.services.cognito.MfaSecondFactor;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.amazon.awscdk.services.ssm.StringParameter;
import software.constructs.Construct;

/**
 * Who may call the suite: a Cognito user pool whose groups are the services' roles ({@link Role}: the services
 * read them from the {@code cognito:groups} claim, docs/adr/0093), and the app client planning apps and
 * operators sign in with. The issuer URI is what every service validates JWTs against.
 */
public class IdentityStack extends Stack {

    private final UserPool userPool;
    private final UserPoolClient appClient;

    public IdentityStack(Construct scope, String id, StackProps props) {
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
