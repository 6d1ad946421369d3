package com.fxbank.security;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

import com.fxbank.common.posture.DevelopmentMode;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

/**
 * The verifying half of the token scheme, the same in every service: Spring Security's resource server checks
 * the signature against the issuer's published public keys (RS256 or ES256 only: an HS256 token or an unsigned
 * one is refused whatever it says), the expiry, the issuer and the subject; the {@code roles} claim becomes
 * {@code ROLE_*} authorities. No service holds a key that could sign a token. Each service writes its own
 * {@code SecurityFilterChain} saying which role may call which endpoint.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration")
@EnableConfigurationProperties(TokenVerification.class)
public class FxBankSecurityAutoConfiguration {

    /** The claim an issuer puts a principal's FxBank roles in (Keycloak: a realm-role mapper named {@code roles}). */
    public static final String ROLES_CLAIM = "roles";
    private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9._@:+-]{1,64}");

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(TokenVerification issuer, Environment environment) {
        if (!issuer.hasIssuer()) {
            throw new IllegalStateException("refusing to start: no token issuer is configured. Set FXBANK_ISSUER_URI "
                    + "(fxbank.security.issuer-uri) to the bank's identity provider, e.g. "
                    + "https://idp.bank.example/realms/fxbank (./fxbank up runs a development issuer and sets it)");
        }
        if (!issuer.issuerUri().startsWith("https://") && !DevelopmentMode.isDeclared(environment)) {
            throw new IllegalStateException("refusing to start: the token issuer " + issuer.issuerUri() + " is not "
                    + "https, so its keys could be replaced on the way. Use the identity provider's https address, "
                    + DevelopmentMode.howToDeclare());
        }
        // Built on first use, not at start: a service may start before its issuer does, and retries until it answers.
        JwtDecoder verifier = new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = (issuer.hasJwkSetUri()
                    ? NimbusJwtDecoder.withJwkSetUri(issuer.jwkSetUri())
                    : NimbusJwtDecoder.withIssuerLocation(issuer.issuerUri()))
                    .jwsAlgorithm(SignatureAlgorithm.RS256)
                    .jwsAlgorithm(SignatureAlgorithm.ES256)
                    .build();
            decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                    JwtValidators.createDefaultWithIssuer(issuer.issuerUri()),
                    new JwtClaimValidator<String>(JwtClaimNames.SUB, FxBankSecurityAutoConfiguration::isSubject)));
            return decoder;
        });
        return new VerifiedTokens(verifier, new JwtTimestampValidator(), 10_000,
                Duration.ofMinutes(5));
    }

    /**
     * No Spring Security observations at all while {@code management.observations.enable.spring.security} is false
     * (fxbank-service.yml). The property alone leaves every filter, every authentication and every authorization
     * wrapped in an observation that then does nothing, a few per cent of a request's CPU (docs/benchmarks.md); with
     * these settings nothing is wrapped. Setting the property to true brings both back.
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(name = "management.observations.enable.spring.security", havingValue = "false")
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @ConditionalOnMissingBean
    JwtAuthenticationConverter jwtAuthenticationConverter() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(FxBankSecurityAutoConfiguration::roles);
        return converter;
    }

    /**
     * Every service keys data by the token's subject (owner columns are VARCHAR(64)): a token without one, or
     * with one no column can hold, is not a token of this scheme — a 401, never a 500 further in.
     */
    public static boolean isSubject(String subject) {
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
