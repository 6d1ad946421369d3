package com.fxbank.security;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Verifies each distinct token's signature once (RSA verification was a tenth of the services' CPU under
 * load, every request of a customer or of the exchange service carrying the same token again). A token string already
 * verified is answered from a bounded cache — after checking its time claims again, so an expired token is refused
 * the moment it expires, as before. Only tokens that passed verification are kept, for at most {@code keep}; a token
 * is its own key, so no other string can reach a cached answer. Nothing else about a token can change: its signature
 * covers all of it.
 */
final class VerifiedTokens implements JwtDecoder {

    private final JwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> timeClaims;
    private final Cache<String, Jwt> verified;

    VerifiedTokens(JwtDecoder verifier, OAuth2TokenValidator<Jwt> timeClaims, long maximumTokens, Duration keep) {
        this.verifier = verifier;
        this.timeClaims = timeClaims;
        this.verified = Caffeine.newBuilder().maximumSize(maximumTokens).expireAfterWrite(keep).build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.getIfPresent(token);
        if (known != null) {
            OAuth2TokenValidatorResult stillValid = timeClaims.validate(known);
            if (!stillValid.hasErrors()) {
                return known;
            }
            verified.invalidate(token);
            throw new JwtValidationException("the token is no longer valid", stillValid.getErrors());
        }
        Jwt jwt = verifier.decode(token);
        verified.put(token, jwt);
        return jwt;
    }
}
