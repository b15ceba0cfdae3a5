package io.launchcast.platform.web;

import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.json.JsonMapper;

/** Request ids, bounded bodies and problem answers for requests refused before they reach a controller. */
@AutoConfiguration(afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class WebHardeningConfiguration {

    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(
            @Value("${launchcast.http.max-request-size:16MB}") DataSize max, ObjectProvider<JsonMapper> json) {
        FilterRegistrationBean<RequestBodyLimitFilter> registration = new FilterRegistrationBean<>(
                new RequestBodyLimitFilter(max.toBytes(), json.getIfAvailable(() -> JsonMapper.builder().build())));
        registration.setOrder(0); // after security: an unauthenticated caller learns nothing about limits
        return registration;
    }

    /** First of all filters, so that even a refused request's log lines carry its id. */
    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    RequestRejectedHandler problemRequestRejectedHandler(ObjectProvider<JsonMapper> json) {
        return new ProblemRequestRejectedHandler(json.getIfAvailable(() -> JsonMapper.builder().build()));
    }

    /**
     * Tomcat answers an encoded slash ({@code %2F}) in a path itself, with an HTML page; passed through, it
     * reaches Spring Security's firewall, whose rejection is a problem (above).
     */
    @Bean
    @ConditionalOnClass(name = "org.apache.catalina.connector.Connector")
    TomcatConnectorCustomizer encodedSlashToTheFirewall() {
        return connector -> connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue());
    }
}
