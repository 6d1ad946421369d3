package com.fxbank.security;

import java.time.Clock;
import java.util.Collection;
import java.util.List;

import javax.crypto.spec.SecretKeySpec;

import com.fxbank.common.posture.DevelopmentMode;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

/**
 * The decoding half of the token scheme, the same in every service: signature, expiry and issuer are
 * checked; the {@code roles} claim becomes {@code ROLE_*} authorities. Each service writes its own
 * {@code SecurityFilterChain} saying which role may call which endpoint.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration")
@EnableConfigurationProperties(JwtProperties.class)
public class FxBankSecurityAutoConfiguration {

    static final String ROLES_CLAIM = "roles";
    private static final java.util.regex.Pattern SUBJECT = java.util.regex.Pattern.compile("[A-Za-z0-9._@:+-]{1,64}");

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(JwtProperties properties, Environment environment) {
        if (properties.isDevelopmentSecret() && !DevelopmentMode.isDeclared(environment)) {
            throw new IllegalStateException("refusing to start: tokens would be checked against the development "
                    + "secret, which anyone who read the repository can sign with. Set FXBANK_JWT_SECRET (32 bytes or "
                    + "more), " + DevelopmentMode.howToDeclare());
        }
        if (properties.isDevelopmentSecret()) {
            LoggerFactory.getLogger(FxBankSecurityAutoConfiguration.class)
                    .warn("tokens are signed with the development secret; set FXBANK_JWT_SECRET outside a developer's machine");
        }
        NimbusJwtDecoder decoder = NimbusJwtDecoder
                .withSecretKey(new SecretKeySpec(properties.secretBytes(), "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256)
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.issuer()),
                new JwtClaimValidator<String>(JwtClaimNames.SUB, FxBankSecurityAutoConfiguration::isSubject)));
        return decoder;
    }

    @Bean
    @ConditionalOnMissingBean
    JwtAuthenticationConverter jwtAuthenticationConverter() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(FxBankSecurityAutoConfiguration::roles);
        return converter;
    }

    @Bean
    @ConditionalOnMissingBean
    TokenIssuer tokenIssuer(JwtProperties properties, ObjectProvider<Clock> clock) {
        return new TokenIssuer(properties, clock.getIfAvailable(Clock::systemUTC));
    }

    /**
     * Every service keys data by the token's subject (owner columns are VARCHAR(64)): a token without one, or
     * with one no column can hold, is not a token of this scheme — a 401, never a 500 further in.
     */
    static boolean isSubject(String subject) {
        return subject != null && SUBJECT.matcher(subject).matches();
    }

    private static Collection<GrantedAuthority> roles(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList(ROLES_CLAIM);
        if (roles == null) {
            return List.of();
        }
        return roles.stream()
                .filter(role -> List.of(Role.values()).stream().anyMatch(known -> known.name().equals(role)))
                .map(role -> (GrantedAuthority) new SimpleGrantedAuthority(Role.valueOf(role).authority()))
                .toList();
    }
}
