package com.fxbank.testsupport;

import java.time.Clock;
import java.time.Duration;

import com.fxbank.security.JwtProperties;
import com.fxbank.security.TokenIssuer;

/** Tokens as the services under test accept them: signed with the development secret they start with in tests. */
public final class DevelopmentTokens {

    private DevelopmentTokens() {
    }

    public static TokenIssuer issuer() {
        return new TokenIssuer(new JwtProperties(JwtProperties.DEVELOPMENT_SECRET, "fxbank", Duration.ofHours(1)),
                Clock.systemUTC());
    }
}
