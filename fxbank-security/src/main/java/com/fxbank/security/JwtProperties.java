package com.fxbank.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The token scheme shared by every service: HS256 with a shared secret, issued by {@code issuer}.
 * The default secret is for a developer's machine only; production sets {@code FXBANK_JWT_SECRET}
 * (or replaces the decoder with the bank's identity provider's JWK set).
 *
 * @param secret   at least 32 bytes
 * @param issuer   the {@code iss} every token must carry
 * @param lifetime how long a token minted by {@link TokenIssuer} lives
 */
@ConfigurationProperties("fxbank.security.jwt")
public record JwtProperties(
        @DefaultValue(DEVELOPMENT_SECRET) String secret,
        @DefaultValue("fxbank") String issuer,
        @DefaultValue("1h") Duration lifetime) {

    public static final String DEVELOPMENT_SECRET = "fxbank-development-secret-change-me-in-production!";

    public JwtProperties {
        if (secret == null || secret.getBytes(StandardCharsets.UTF_8).length < 32) {
            throw new IllegalArgumentException("fxbank.security.jwt.secret must be at least 32 bytes");
        }
    }

    public boolean isDevelopmentSecret() {
        return DEVELOPMENT_SECRET.equals(secret);
    }

    byte[] secretBytes() {
        return secret.getBytes(StandardCharsets.UTF_8);
    }
}
