package com.fxbank.account.config;

import com.fxbank.security.FxBankHttpSecurity;
import com.fxbank.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;

/**
 * DESIGN B6 for a ledger: customers read their own accounts (/api); the saga endpoints that move money
 * (/internal) take the exchange service's service credential only; operator operations (/ops) need the
 * operator role.
 */
@Configuration
class SecurityConfig {

    @Bean
    SecurityFilterChain ledgerSecurity(HttpSecurity http, JwtAuthenticationConverter tokens) throws Exception {
        return FxBankHttpSecurity.build(http, tokens,
                requests -> requests.requestMatchers("/internal/**").hasRole(Role.SERVICE.name()));
    }
}
