package io.launchcast.platform.security;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.json.JsonMapper;

/**
 * The security of every service, from {@link SecurityProperties}: open are the health probes and the SageMaker
 * container contract ({@code /ping}, {@code /invocations}, {@code /execution-parameters}, which SageMaker calls
 * without credentials inside its own network); each service's rules name the roles of its endpoints; the
 * dead-letter records and the actuator belong to operations; anything else needs admin. Stateless bearer
 * authentication, so no session and no CSRF token (there is no cookie to forge a request with).
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@EnableConfigurationProperties(SecurityProperties.class)
public class LaunchcastSecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LaunchcastSecurityConfiguration.class);

    /** Reachable without credentials. */
    static final String[] OPEN = {"/actuator/health", "/actuator/health/**", "/ping", "/invocations",
            "/execution-parameters", "/error"};

    @Bean
    @ConditionalOnProperty(name = "launchcast.security.mode", havingValue = "tokens", matchIfMissing = true)
    LocalTokens localTokens(SecurityProperties properties) {
        LocalTokens tokens = new LocalTokens(properties.tokens(), properties.tokensFile());
        if (tokens.isEmpty()) {
            log.warn("no access token is configured (launchcast.security.tokens-file): every endpoint but health and"
                    + " the SageMaker contract answers 401; ./launchcast run generates the tokens");
        }
        return tokens;
    }

    @Bean
    SecurityFilterChain launchcastSecurityFilterChain(HttpSecurity http, SecurityProperties properties,
            ObjectProvider<LocalTokens> localTokens, ObjectProvider<JsonMapper> json) throws Exception {
        ProblemSecurityHandlers problems = new ProblemSecurityHandlers(
                json.getIfAvailable(() -> JsonMapper.builder().build()));
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(authorize -> {
                    authorize.requestMatchers(OPEN).permitAll();
                    for (SecurityProperties.AccessRule rule : properties.access()) {
                        String[] roles = rule.roles().stream().map(Role::id).toArray(String[]::new);
                        String[] paths = rule.paths().toArray(String[]::new);
                        if (rule.methods().isEmpty()) {
                            authorize.requestMatchers(paths).hasAnyRole(roles);
                        } else {
                            for (String method : rule.methods()) {
                                authorize.requestMatchers(HttpMethod.valueOf(method), paths).hasAnyRole(roles);
                            }
                        }
                    }
                    authorize.requestMatchers("/event-failures", "/event-failures/**", "/actuator/**")
                            .hasRole(Role.OPERATIONS.id());
                    authorize.anyRequest().hasRole(Role.ADMIN.id());
                })
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .oauth2ResourceServer(resourceServer -> {
                    resourceServer.authenticationEntryPoint(problems).accessDeniedHandler(problems);
                    if (properties.mode() == SecurityProperties.Mode.TOKENS) {
                        resourceServer.opaqueToken(token -> token.introspector(localTokens.getObject()));
                    } else {
                        resourceServer.jwt(jwt -> jwt.jwtAuthenticationConverter(
                                rolesFrom(properties.rolesClaim(), properties.roleScopePrefix())));
                    }
                });
        return http.build();
    }

    /**
     * A JWT's roles: a user's from its groups claim (Cognito: {@code cognito:groups}), a machine client's from
     * the scopes {@code <scopePrefix><role>} of its {@code scope} claim (a client-credentials token carries no
     * groups, only the scopes its app client was granted). Names that are no role are ignored.
     */
    static JwtAuthenticationConverter rolesFrom(String claim, String scopePrefix) {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            List<String> groups = new ArrayList<>(jwt.hasClaim(claim) ? jwt.getClaimAsStringList(claim) : List.of());
            for (String scope : scopes(jwt.getClaim("scope"))) {
                if (scope.startsWith(scopePrefix)) {
                    groups.add(scope.substring(scopePrefix.length()));
                }
            }
            Set<GrantedAuthority> authorities = new LinkedHashSet<>();
            for (String group : groups) {
                try {
                    authorities.addAll(LocalTokens.authorities(Role.of(group)));
                } catch (IllegalArgumentException notARole) {
                    // a group of the user pool that grants nothing here
                }
            }
            return new ArrayList<>(authorities);
        });
        return converter;
    }

    /** OAuth2's {@code scope} claim: one space-separated string (Cognito), or a list. */
    private static List<String> scopes(Object claim) {
        if (claim instanceof String text) {
            return List.of(text.trim().split("\\s+"));
        }
        if (claim instanceof java.util.Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
