package com.fxbank.exchange.adapter.out.ledger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.fxbank.common.posture.DevelopmentMode;
import com.fxbank.security.TokenVerification;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.stereotype.Component;

/**
 * The exchange service's SERVICE token, asked of the issuer by OAuth2 client credentials. Spring Security's
 * client keeps it and asks again a minute before it expires, so a token lives only as long as the issuer says
 * and the exchange service holds a secret that lets it ask, never a key that lets it sign. The token in hand is kept
 * here too, so that a ledger call outside that last minute reads a field instead of going through the client's
 * manager (a context, its attributes and a provider's look at the token on every call).
 */
@Component
class ServiceToken {

    /** The development issuer's public client secret: accepted in development mode only. */
    static final String DEVELOPMENT_SECRET = "development";
    private static final String REGISTRATION = "ledgers";
    /** Asked again this long before it expires: Spring Security's client's own default clock skew. */
    static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(1);

    private final AuthorizedClientServiceOAuth2AuthorizedClientManager manager;
    private final OAuth2AuthorizeRequest request;
    private final Clock clock;
    private volatile OAuth2AccessToken current;

    ServiceToken(ServiceClientProperties client, TokenVerification issuer, Environment environment, Clock clock) {
        this.clock = clock;
        boolean development = DevelopmentMode.isDeclared(environment);
        String secret = client.secret() == null || client.secret().isBlank()
                ? (development ? DEVELOPMENT_SECRET : null) : client.secret();
        if (secret == null || (secret.equals(DEVELOPMENT_SECRET) && !development)) {
            throw new IllegalStateException("refusing to start: the exchange service has no client secret of its own at "
                    + "the token issuer. Set FXBANK_CLIENT_SECRET (fxbank.security.client.secret) to the secret the "
                    + "identity provider gave client '" + client.id() + "', " + DevelopmentMode.howToDeclare());
        }
        String tokenUri = client.tokenUri() == null || client.tokenUri().isBlank()
                ? issuer.issuerUri() + "/oauth2/token" : client.tokenUri();
        ClientRegistration.Builder registration = ClientRegistration.withRegistrationId(REGISTRATION)
                .clientId(client.id())
                .clientSecret(secret)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .tokenUri(tokenUri);
        if (client.scope() != null && !client.scope().isBlank()) {
            registration.scope(client.scope().split("[ ,]+"));
        }
        InMemoryClientRegistrationRepository registrations = new InMemoryClientRegistrationRepository(registration.build());
        manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations,
                new InMemoryOAuth2AuthorizedClientService(registrations));
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .clientCredentials(credentials -> credentials.clock(clock).clockSkew(RENEW_BEFORE_EXPIRY)).build());
        request = OAuth2AuthorizeRequest.withClientRegistrationId(REGISTRATION).principal(client.id()).build();
    }

    /** The current token; throws when the issuer gives none (the ledger call then never leaves). */
    String value() {
        OAuth2AccessToken token = current;
        if (token != null && isFresh(token, clock.instant())) {
            return token.getTokenValue();
        }
        OAuth2AuthorizedClient authorized = manager.authorize(request);
        if (authorized == null) {
            throw new IllegalStateException("the token issuer gave the exchange service no token");
        }
        current = authorized.getAccessToken();
        return current.getTokenValue();
    }

    /** A token that expires more than {@link #RENEW_BEFORE_EXPIRY} after {@code now} (one without an expiry is asked again). */
    static boolean isFresh(OAuth2AccessToken token, Instant now) {
        Instant expiresAt = token.getExpiresAt();
        return expiresAt != null && now.plus(RENEW_BEFORE_EXPIRY).isBefore(expiresAt);
    }
}
