package com.fxbank.exchange.config;

import com.fxbank.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;

/** DESIGN B6 for the public face: customers under /api, operators under /ops, health open to all. */
@Configuration
class SecurityConfig {

    @Bean
    SecurityFilterChain exchangeSecurity(HttpSecurity http, JwtAuthenticationConverter tokens) throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info",
                                "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html", "/error").permitAll()
                        .requestMatchers("/ops/**", "/actuator/**").hasRole(Role.OPERATOR.name())
                        .requestMatchers("/api/**").hasRole(Role.CUSTOMER.name())
                        .anyRequest().denyAll())
                .oauth2ResourceServer(server -> server.jwt(jwt -> jwt.jwtAuthenticationConverter(tokens)))
                .build();
    }
}
