package io.launchcast.infra.identity;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.launchcast.infra.SynthesizedApp;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class IdentityStackTest {

    @Test
    void theUserPoolIsClosedToSignUpRequiresMfaAndHasOneGroupPerRole() {
        Template identity = SynthesizedApp.template(SynthesizedApp.staging().identity());
        identity.hasResourceProperties("AWS::Cognito::UserPool", Map.of(
                "MfaConfiguration", "ON",
                "AdminCreateUserConfig", Map.of("AllowAdminCreateUserOnly", true),
                "Policies", Map.of("PasswordPolicy", Match.objectLike(Map.of("MinimumLength", 14)))));
        identity.resourceCountIs("AWS::Cognito::UserPoolGroup", IdentityStack.groupNames().size());
        for (String group : IdentityStack.groupNames()) {
            identity.hasResourceProperties("AWS::Cognito::UserPoolGroup", Map.of("GroupName", group));
        }
        identity.hasResourceProperties("AWS::SSM::Parameter", Map.of("Name", "/launchcast/identity/issuer-uri"));
    }

    @Test
    void theMonitorsMachineClientHasTheClientCredentialsFlowOnlyAndItsSecretIsInSecretsManager() {
        Template identity = SynthesizedApp.template(SynthesizedApp.staging().identity());
        identity.hasResourceProperties("AWS::Cognito::UserPoolClient", Map.of(
                "ClientName", "launchcast-monitor",
                "GenerateSecret", true,
                "AllowedOAuthFlows", List.of("client_credentials"),
                "AllowedOAuthFlowsUserPoolClient", true));
        identity.resourceCountIs("AWS::Cognito::UserPoolDomain", 1);
        identity.hasResourceProperties("AWS::SecretsManager::Secret", Map.of(
                "Name", IdentityStack.MONITOR_CLIENT_SECRET_NAME,
                "SecretString", Map.of("Fn::GetAtt", List.of(Match.anyValue(), "ClientSecret"))));
    }
}
