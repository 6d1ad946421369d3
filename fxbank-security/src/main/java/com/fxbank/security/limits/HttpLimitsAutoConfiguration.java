package com.fxbank.security.limits;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * The body cap on every FxBank service's public port ({@link ManagementHttpLimits} puts it on the management port).
 * It runs right after the request's observation starts, so a refused request is still counted and traced, and
 * before security: an over-cap body costs no token verification either.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(HttpLimits.class)
public class HttpLimitsAutoConfiguration {

    /** After Spring's {@code CharacterEncodingFilter} and {@code ServerHttpObservationFilter}, before everything else. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

    @Bean
    FilterRegistrationBean<RequestBodyCap> requestBodyCap(HttpLimits limits) {
        return registration(limits);
    }

    static FilterRegistrationBean<RequestBodyCap> registration(HttpLimits limits) {
        FilterRegistrationBean<RequestBodyCap> registration = new FilterRegistrationBean<>(new RequestBodyCap(limits));
        registration.setOrder(ORDER);
        registration.setName("requestBodyCap");
        return registration;
    }
}
