package com.fxbank.issuer;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fxbank.common.posture.DevelopmentMode;
import com.fxbank.security.FxBankSecurityAutoConfiguration;
import com.fxbank.security.Role;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
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
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

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

    @Bean
    RegisteredClientRepository developmentClients(IssuerProperties properties, Environment environment) {
        if (!DevelopmentMode.isDeclared(environment)) {
            throw new IllegalStateException("refusing to start: the development issuer gives a token for any name to "
                    + "whoever knows its public client secret. Point the services at the bank's identity provider "
                    + "(FXBANK_ISSUER_URI) instead, " + DevelopmentMode.howToDeclare());
        }
        return new DevelopmentClients(properties);
    }

    /** Puts the roles a client was granted (its authorized scopes) in the {@code roles} claim the services read. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> rolesClaim() {
        return context -> {
            if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                Set<String> roles = context.getAuthorizedScopes().stream()
                        .flatMap(scope -> java.util.Arrays.stream(Role.values()).filter(role -> role.scope().equals(scope)))
                        .map(Role::name)
                        .collect(Collectors.toCollection(java.util.TreeSet::new));
                context.getClaims().claim(FxBankSecurityAutoConfiguration.ROLES_CLAIM, roles);
            }
        };
    }
}
