package com.fxbank.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where a service's tokens come from. Services verify only: they hold the issuer's address, never a signing key.
 * The issuer is the bank's identity provider in production (Keycloak, Entra ID, Okta, …) and the development
 * issuer that {@code ./fxbank up} starts on a developer's machine.
 *
 * @param issuerUri the {@code iss} every token must carry, e.g. {@code https://idp.bank.example/realms/fxbank};
 *                  required. Outside development mode it must be https.
 * @param jwkSetUri where the issuer publishes its public keys; when blank it is discovered from the issuer's
 *                  metadata ({@code /.well-known/openid-configuration}) on the first request
 */
@ConfigurationProperties("fxbank.security")
public record TokenVerification(String issuerUri, String jwkSetUri) {

    public boolean hasIssuer() {
        return issuerUri != null && !issuerUri.isBlank();
    }

    public boolean hasJwkSetUri() {
        return jwkSetUri != null && !jwkSetUri.isBlank();
    }
}
