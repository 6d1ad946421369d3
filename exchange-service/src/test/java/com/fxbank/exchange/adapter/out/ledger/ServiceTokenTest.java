package com.fxbank.exchange.adapter.out.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import com.fxbank.security.TokenVerification;
import com.fxbank.testsupport.DevelopmentTokens;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The exchange service's SERVICE token from the real development issuer: the token in hand is used again while it is
 * fresh, and asked for anew in its last minute, before a ledger could refuse it as expired.
 */
class ServiceTokenTest {

    /** A clock a test moves by hand. */
    static final class MovingClock extends Clock {
        private volatile Instant now = Instant.now();

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private final MovingClock clock = new MovingClock();
    private final ServiceToken token = new ServiceToken(new ServiceClientProperties("exchange-service", null, null, null),
            new TokenVerification(DevelopmentTokens.issuerUri(), null),
            new MockEnvironment().withProperty("fxbank.development-mode", "true"), clock);
    private final JwtDecoder issuers = NimbusJwtDecoder.withIssuerLocation(DevelopmentTokens.issuerUri()).build();

    @Test
    void theTokenInHandIsUsedAgainWhileFreshAndRenewedInItsLastMinute() {
        String first = token.value();
        Instant expiresAt = issuers.decode(first).getExpiresAt();
        assertThat(issuers.decode(first).getClaimAsString("sub")).isEqualTo("exchange-service");

        clock.advance(Duration.between(clock.instant(), expiresAt).minus(ServiceToken.RENEW_BEFORE_EXPIRY).minusSeconds(5));
        assertThat(token.value()).as("still more than a minute to live: the same token").isEqualTo(first);

        clock.advance(Duration.ofSeconds(10));
        String renewed = token.value();
        assertThat(renewed).as("within its last minute: a new token from the issuer").isNotEqualTo(first);
        assertThat(issuers.decode(renewed).getClaimAsString("sub")).isEqualTo("exchange-service");
        assertThat(issuers.decode(renewed).getId()).as("the issuer's new token, not the first again")
                .isNotEqualTo(issuers.decode(first).getId());
    }
}
