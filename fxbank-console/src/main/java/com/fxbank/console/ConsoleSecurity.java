package com.fxbank.console;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fxbank.security.FxBankSecurityAutoConfiguration;
import com.fxbank.security.Role;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Operators only: a person signs in at the issuer (OpenID Connect, PKCE) and is an operator when the issuer's ID token
 * says so in its {@code roles} claim — the same claim the services read from the access token. A customer who signs in
 * gets a 403 page and nothing else. Forms carry Spring Security's CSRF token; the session cookie is the only state.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurity {

    static final String REGISTRATION = "fxbank";

    @Bean
    SecurityFilterChain consoleChain(HttpSecurity http, ClientRegistrationRepository registrations) throws Exception {
        DefaultOAuth2AuthorizationRequestResolver withPkce = new DefaultOAuth2AuthorizationRequestResolver(registrations,
                "/oauth2/authorization");
        withPkce.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/webjars/**", "/console.css", "/error", "/signed-out").permitAll()
                        .anyRequest().hasRole(Role.OPERATOR.name()))
                .oauth2Login(login -> login
                        .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(withPkce))
                        .userInfoEndpoint(userInfo -> userInfo.userAuthoritiesMapper(rolesFromIdToken())))
                .logout(logout -> logout.logoutSuccessUrl("/signed-out"))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; frame-ancestors 'none'")))
                .build();
    }

    /** The FxBank roles in the ID token's {@code roles} claim become the signed-in person's authorities. */
    private static GrantedAuthoritiesMapper rolesFromIdToken() {
        return authorities -> {
            Set<GrantedAuthority> mapped = new HashSet<>();
            for (GrantedAuthority authority : authorities) {
                if (authority instanceof OidcUserAuthority oidc) {
                    List<String> roles = oidc.getIdToken().getClaimAsStringList(FxBankSecurityAutoConfiguration.ROLES_CLAIM);
                    for (Role role : Role.values()) {
                        if (roles != null && roles.contains(role.name())) {
                            mapped.add(new SimpleGrantedAuthority(role.authority()));
                        }
                    }
                }
            }
            return mapped;
        };
    }

    /** Gives the operator's access token to the calls to the services, refreshing it when it expires. */
    @Bean
    OAuth2AuthorizedClientManager authorizedClients(ClientRegistrationRepository registrations,
                                                   OAuth2AuthorizedClientRepository authorized) {
        DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(registrations, authorized);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode().refreshToken().build());
        return manager;
    }
}
