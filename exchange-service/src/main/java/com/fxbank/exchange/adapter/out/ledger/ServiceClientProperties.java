package com.fxbank.exchange.adapter.out.ledger;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The exchange service's own client at the token issuer: it asks for its SERVICE token by OAuth2 client credentials.
 *
 * @param id       its client id at the issuer
 * @param secret   its client secret ({@code FXBANK_CLIENT_SECRET}); required outside development mode
 * @param tokenUri the issuer's token endpoint; blank means the development issuer's ({@code <issuer-uri>/oauth2/token}).
 *                 Keycloak: {@code <issuer-uri>/protocol/openid-connect/token}
 * @param scope    the scope to ask for, if the issuer wants one (the development issuer: {@code service})
 */
@ConfigurationProperties("fxbank.security.client")
public record ServiceClientProperties(
        @DefaultValue("exchange-service") String id,
        String secret,
        String tokenUri,
        String scope) {
}
