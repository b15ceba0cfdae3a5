package io.launchcast.monitor.dashboard;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

import static org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher.pathPattern;

/**
 * The dashboard page's shell (HTML, script, style, the chart library's WebJar) is readable without a token: a
 * browser cannot send a bearer token when it navigates, and the shell holds no data. Everything it shows comes
 * from {@code /dashboard-data}, which the platform's chain guards like every other endpoint; the page sends the
 * operator's token from the address's fragment, which never leaves the browser (docs/adr/0098).
 */
@Configuration(proxyBeanMethods = false)
class DashboardSecurityConfiguration {

    @Bean
    @Order(0) // before the platform's chain, which matches every request
    SecurityFilterChain dashboardShell(HttpSecurity http) throws Exception {
        http.securityMatcher(new OrRequestMatcher(pathPattern(HttpMethod.GET, "/dashboard"),
                        pathPattern(HttpMethod.GET, "/dashboard/"), pathPattern(HttpMethod.GET, "/dashboard/*"),
                        pathPattern(HttpMethod.GET, "/webjars/**")))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(
                        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                                + " connect-src 'self'; frame-ancestors 'none'")));
        return http.build();
    }
}
