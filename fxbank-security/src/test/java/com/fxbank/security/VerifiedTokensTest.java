package com.fxbank.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/** A token's signature is verified once; its time claims on every use; a token that failed is never remembered. */
class VerifiedTokensTest {

    private final Instant now = Instant.parse("2026-11-26T12:00:00Z");
    private final AtomicInteger verifications = new AtomicInteger();
    private final JwtTimestampValidator timeClaims = new JwtTimestampValidator(Duration.ZERO);

    private VerifiedTokens tokens() {
        timeClaims.setClock(Clock.fixed(now, ZoneOffset.UTC));
        return new VerifiedTokens(token -> {
            verifications.incrementAndGet();
            if (!token.startsWith("good")) {
                throw new BadJwtException("signature");
            }
            return Jwt.withTokenValue(token).header("alg", "RS256").subject("alice")
                    .issuedAt(now.minusSeconds(10)).expiresAt(now.plusSeconds(30)).build();
        }, timeClaims, 100, Duration.ofMinutes(5));
    }

    @Test
    void a_token_is_verified_once_and_refused_the_moment_it_expires() {
        VerifiedTokens tokens = tokens();
        assertThat(tokens.decode("good-1").getSubject()).isEqualTo("alice");
        assertThat(tokens.decode("good-1").getSubject()).isEqualTo("alice");
        assertThat(verifications).hasValue(1);

        timeClaims.setClock(Clock.fixed(now.plusSeconds(31), ZoneOffset.UTC));
        assertThatThrownBy(() -> tokens.decode("good-1")).isInstanceOf(JwtValidationException.class);
    }

    @Test
    void a_token_that_fails_verification_is_verified_again_every_time() {
        VerifiedTokens tokens = tokens();
        assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThat(verifications).hasValue(2);
    }
}
