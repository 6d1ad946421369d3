package com.fxbank.security;

import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * What every FxBank service's security has in common: stateless bearer tokens, health and the API
 * documents public, Prometheus's scrape public on the management port only, operators on {@code /ops/**} and the
 * rest of actuator, customers on {@code /api/**},
 * everything not named denied. A service adds only its own rules (the ledgers: {@code /internal/**}).
 */
public final class FxBankHttpSecurity {

    private FxBankHttpSecurity() {
    }

    public static SecurityFilterChain build(HttpSecurity http, JwtAuthenticationConverter tokens,
            Customizer<AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> serviceRules)
            throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                // Stateless bearer tokens: no request is saved for after a login, and there is no session to log out of
                // (two filters fewer on every request; /logout is then denied like any path not named).
                .requestCache(cache -> cache.disable())
                .logout(logout -> logout.disable())
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info", "/livez", "/readyz",
                            "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error").permitAll();
                    // Prometheus scrapes without a token, on the management port only (loopback unless opened);
                    // on the public port the metrics stay an operator's.
                    requests.requestMatchers(new AndRequestMatcher(
                            onManagementPort(http), request -> "/actuator/prometheus".equals(request.getRequestURI())))
                            .permitAll();
                    serviceRules.customize(requests);
                    requests.requestMatchers("/ops/**", "/actuator/**").hasRole(Role.OPERATOR.name())
                            .requestMatchers("/api/**").hasRole(Role.CUSTOMER.name())
                            .anyRequest().denyAll();
                })
                .oauth2ResourceServer(server -> server.bearerTokenResolver(new HeaderBearerToken())
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(tokens)))
                .build();
    }

    /**
     * A request that reached the service on another port than its public one: actuator's own port
     * ({@code management.server.port}). When both are the same port, nothing matches.
     */
    private static RequestMatcher onManagementPort(HttpSecurity http) {
        Environment environment =
                http.getSharedObject(ApplicationContext.class).getEnvironment();
        return request -> {
            String publicPort = environment.getProperty("local.server.port");
            return publicPort != null && !publicPort.equals(Integer.toString(request.getLocalPort()));
        };
    }
}
