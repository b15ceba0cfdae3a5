package io.launchcast.monitor.retraining;

import io.launchcast.platform.security.SecurityProperties;
import io.launchcast.platform.security.ServiceTokens;
import java.net.http.HttpClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.web.client.RestClient;

/**
 * The client that starts retraining runs. In aws mode ({@code launchcast.monitor.retraining.client-registration}
 * set) Spring Security's OAuth2 client obtains a token with the client-credentials grant from the identity
 * provider's token endpoint, keeps it until it expires and sends it as the bearer token; the client secret is
 * bound from the environment into the registration and never leaves it. In local mode the suite's generated
 * {@code data} token is sent, read on each call (the suite may write its file after this service started).
 */
@Configuration(proxyBeanMethods = false)
class RetrainingConfiguration {

    static final String ROLE = "data";

    @Bean
    RetrainingTrigger httpRetrainingTrigger(RetrainingProperties properties, SecurityProperties security,
            ObjectProvider<ClientRegistrationRepository> registrations,
            ObjectProvider<OAuth2AuthorizedClientService> authorizedClients) {
        ClientHttpRequestInterceptor authentication = properties.clientRegistration().isBlank()
                ? localToken(properties, security)
                : clientCredentials(properties.clientRegistration(), registrations.getObject(),
                        authorizedClients.getObject());
        return new HttpRetrainingTrigger(client(properties).requestInterceptor(authentication).build());
    }

    /** A client-credentials token of {@code registration}, requested when there is none or it has expired. */
    static ClientHttpRequestInterceptor clientCredentials(String registration, ClientRegistrationRepository registrations,
            OAuth2AuthorizedClientService authorizedClients) {
        if (registrations.findByRegistrationId(registration) == null) {
            throw new IllegalStateException("launchcast.monitor.retraining.client-registration names '" + registration
                    + "', which is no spring.security.oauth2.client.registration");
        }
        var manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations, authorizedClients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder().clientCredentials().build());
        var interceptor = new OAuth2ClientHttpRequestInterceptor(manager);
        interceptor.setClientRegistrationIdResolver(request -> registration);
        return interceptor;
    }

    /** Local mode: the configured token, else the suite's generated one for the data role. */
    static ClientHttpRequestInterceptor localToken(RetrainingProperties properties, SecurityProperties security) {
        return (request, body, execution) -> {
            request.getHeaders().setBearerAuth(ServiceTokens.token(security, ROLE, properties.token()));
            return execution.execute(request, body);
        };
    }

    /**
     * HTTP/1.1: the services speak nothing else, and the JDK client's h2c upgrade attempt on a POST with a body is
     * refused by some servers.
     */
    static RestClient.Builder client(RetrainingProperties properties) {
        return RestClient.builder().baseUrl(properties.forecastUrl().toString()).requestFactory(
                new JdkClientHttpRequestFactory(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()));
    }
}
