package io.launchcast.platform.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Access control of a service.
 *
 * @param mode {@code tokens}: bearer tokens per role from {@code tokens} and {@code tokensFile} (local mode);
 *             {@code jwt}: JWTs from the issuer at {@code spring.security.oauth2.resourceserver.jwt.issuer-uri}
 *             (aws mode, Cognito in the CDK app)
 * @param tokens role id to token (tests set these; {@code ./launchcast run} writes a file instead)
 * @param tokensFile a properties file {@code <role>=<token>}, readable only by its owner
 * @param rolesClaim the JWT claim listing the caller's roles (Cognito puts its groups in {@code cognito:groups})
 * @param roleScopePrefix a machine client's scope {@code <prefix><role>} grants it that role (Cognito names a
 *        resource server's scope {@code <identifier>/<scope>}; the infra app's resource server is {@code launchcast})
 * @param access the service's rules, first match wins; anything no rule names needs the admin role
 */
@Validated
@ConfigurationProperties("launchcast.security")
public record SecurityProperties(@DefaultValue("tokens") Mode mode, @DefaultValue Map<String, String> tokens,
        Path tokensFile, @DefaultValue("cognito:groups") @NotBlank String rolesClaim,
        @DefaultValue("launchcast/") @NotBlank String roleScopePrefix, @DefaultValue List<@Valid AccessRule> access) {

    public enum Mode { TOKENS, JWT }

    /**
     * Callers with any of {@code roles} may call {@code paths} (Spring path patterns) with {@code methods}
     * (all methods when empty).
     */
    public record AccessRule(@DefaultValue List<String> methods, @NotEmpty List<String> paths,
            @NotEmpty List<Role> roles) {
    }
}
