package com.fxbank.account.config;

import com.fxbank.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * DESIGN B6 for a ledger: customers read their own accounts; the saga endpoints that move money take the
 * exchange service's service credential only; operator operations need the operator role.
 */
@Configuration
class SecurityConfig {

    @Bean
    SecurityFilterChain ledgerSecurity(HttpSecurity http, JwtAuthenticationConverter tokens) throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info",
                                "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error").permitAll()
                        .requestMatchers("/internal/**").hasRole(Role.SERVICE.name())
                        .requestMatchers("/ops/**", "/actuator/**").hasRole(Role.OPERATOR.name())
                        .requestMatchers("/api/**").hasRole(Role.CUSTOMER.name())
                        .anyRequest().denyAll())
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.jwtAuthenticationConverter(tokens)))
                .build();
    }
}
