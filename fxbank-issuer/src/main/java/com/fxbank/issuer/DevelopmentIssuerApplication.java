package com.fxbank.issuer;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.fxbank.common.posture.DevelopmentMode;
import com.fxbank.security.FxBankSecurityAutoConfiguration;
import com.fxbank.security.Role;
import com.fxbank.security.limits.HttpLimitsAutoConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration;
import org.springframework.boot.servlet.autoconfigure.HttpEncodingAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;

/**
 * FxBank's development token issuer: Spring Authorization Server with the clients of {@link DevelopmentClients}
 * and a signing key it generates at start (Spring Boot's default), so no key exists anywhere but in its memory.
 * {@code ./fxbank up} and the tests run it; it refuses to start outside development mode, because its clients'
 * secrets are public. In production every service points at the bank's own identity provider instead.
 *
 * <p>It names its auto-configurations rather than taking the classpath's: in the one-JVM launcher and in the
 * tests it shares a classpath with the services (databases, Kafka, the outbox), none of which it has.
 */
@SpringBootConfiguration
@ImportAutoConfiguration({
        PropertyPlaceholderAutoConfiguration.class, ConfigurationPropertiesAutoConfiguration.class,
        HttpLimitsAutoConfiguration.class,
        TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
        WebMvcAutoConfiguration.class, ErrorMvcAutoConfiguration.class, HttpEncodingAutoConfiguration.class,
        JacksonAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
        SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class, SecurityFilterAutoConfiguration.class,
        OAuth2AuthorizationServerAutoConfiguration.class, OAuth2AuthorizationServerJwtAutoConfiguration.class})
@EnableConfigurationProperties(IssuerProperties.class)
public class DevelopmentIssuerApplication {

    public static final String CONFIG_NAME = "fxbank-issuer";

    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(DevelopmentIssuerApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        return application;
    }

    /**
     * The development secrets are public and kept as {@code {noop}} (clients and users are derived on every lookup:
     * {@link DevelopmentClients}, {@link DevelopmentUsers}), so nothing a hash would protect. Without this bean
     * Spring Authorization Server "upgrades" such a secret to BCrypt on every token request and saves it — into a
     * repository that keeps nothing — about 70 ms of CPU per token: the load tool's 200 customers cost 18 s of the
     * bank's CPU at every start (a profile of {@code ./fxbank load}). Matching is unchanged.
     */
    @Bean
    PasswordEncoder developmentSecrets() {
        PasswordEncoder delegate = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        return new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return delegate.encode(raw);
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                return delegate.matches(raw, encoded);
            }

            @Override
            public boolean upgradeEncoding(String encoded) {
                return false;
            }
        };
    }

    @Bean
    RegisteredClientRepository developmentClients(IssuerProperties properties, Environment environment) {
        if (!DevelopmentMode.isDeclared(environment)) {
            throw new IllegalStateException("refusing to start: the development issuer gives a token for any name to "
                    + "whoever knows its public client secret. Point the services at the bank's identity provider "
                    + "(FXBANK_ISSUER_URI) instead, " + DevelopmentMode.howToDeclare());
        }
        return new DevelopmentClients(properties);
    }

    @Bean
    UserDetailsService developmentUsers(IssuerProperties properties) {
        return new DevelopmentUsers(properties);
    }

    /**
     * One chain: the authorization server's endpoints (token, JWKS, metadata, OpenID Connect) and the login page where a
     * person signs in for the console; everything else needs a signed-in person.
     */
    @Bean
    SecurityFilterChain issuerSecurity(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests.requestMatchers("/error").permitAll().anyRequest().authenticated())
                .oauth2AuthorizationServer(server -> server.oidc(Customizer.withDefaults()))
                .formLogin(Customizer.withDefaults())
                .build();
    }

    /**
     * Puts the roles in the {@code roles} claim the services (access token) and the console (ID token) read. A client
     * signing in for itself gets the roles of the scopes it was granted; a person signed in through the console gets
     * those of the granted scopes that the person has — asking for {@code operator} does not make a customer one.
     */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> rolesClaim() {
        return context -> {
            boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
            boolean idToken = OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue());
            if (!accessToken && !idToken) {
                return;
            }
            boolean person = !AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType());
            Set<String> held = context.getPrincipal().getAuthorities().stream()
                    .map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
            Set<String> roles = context.getAuthorizedScopes().stream()
                    .flatMap(scope -> Arrays.stream(Role.values()).filter(role -> role.scope().equals(scope)))
                    .filter(role -> !person || held.contains(role.authority()))
                    .map(Role::name)
                    .collect(Collectors.toCollection(TreeSet::new));
            context.getClaims().claim(FxBankSecurityAutoConfiguration.ROLES_CLAIM, roles);
        };
    }
}
