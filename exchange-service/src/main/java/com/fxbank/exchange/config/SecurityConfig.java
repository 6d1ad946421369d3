package com.fxbank.exchange.config;

import com.fxbank.security.FxBankHttpSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;

/** DESIGN B6 for the public face: customers under /api, operators under /ops, health open to all. */
@Configuration
class SecurityConfig {

    @Bean
    SecurityFilterChain exchangeSecurity(HttpSecurity http, JwtAuthenticationConverter tokens) throws Exception {
        return FxBankHttpSecurity.build(http, tokens, requests -> { });
    }
}
