package com.fxbank.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * Mints tokens of FxBank's scheme: the exchange service's service credential, the launcher's demo tokens,
 * tests. Uses Nimbus JOSE, the library Spring Security decodes with.
 */
public final class TokenIssuer {

    private final JwtProperties properties;
    private final Clock clock;

    public TokenIssuer(JwtProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    public String mint(String subject, Role... roles) {
        return mint(subject, properties.lifetime(), roles);
    }

    public String mint(String subject, Duration lifetime, Role... roles) {
        Instant now = clock.instant();
        List<String> roleNames = Arrays.stream(roles).map(Role::name).toList();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(properties.issuer())
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .claim(FxBankSecurityAutoConfiguration.ROLES_CLAIM, roleNames)
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(properties.secretBytes()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return jwt.serialize();
    }
}
