package com.fxbank.issuer;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import com.fxbank.security.Role;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * Asks the development issuer for tokens by client credentials, as {@code ./fxbank token}, the demo, the load tool
 * and the tests need them: SERVICE as the exchange service's client, any other role as the subject's developer
 * client (see {@link DevelopmentClients}). Uses Spring Security's own client-credentials client. A token is reused
 * until a minute before it expires.
 */
public final class IssuerTokens {

    private final String tokenUri;
    private final String serviceSecret;
    private final String subjectSecret;
    private final RestClientClientCredentialsTokenResponseClient client = new RestClientClientCredentialsTokenResponseClient();
    private final Map<String, OAuth2AccessToken> issued = new ConcurrentHashMap<>();

    public IssuerTokens(String issuerUri, String serviceSecret, String subjectSecret) {
        this.tokenUri = issuerUri + "/oauth2/token";
        this.serviceSecret = serviceSecret;
        this.subjectSecret = subjectSecret;
    }

    /** With the development issuer's default secrets. */
    public static IssuerTokens of(String issuerUri) {
        return new IssuerTokens(issuerUri, DevelopmentClients.DEVELOPMENT_SECRET, DevelopmentClients.DEVELOPMENT_SECRET);
    }

    /** A bearer token for {@code subject} with {@code roles}; SERVICE only for the exchange service's own name. */
    public String mint(String subject, Role... roles) {
        boolean service = Arrays.asList(roles).contains(Role.SERVICE);
        if (service && !DevelopmentClients.EXCHANGE_SERVICE.equals(subject)) {
            throw new IllegalArgumentException("only " + DevelopmentClients.EXCHANGE_SERVICE + " has the SERVICE role");
        }
        String scopes = Arrays.stream(roles).map(Role::scope).sorted().collect(Collectors.joining(" "));
        String key = subject + " " + scopes;
        OAuth2AccessToken token = issued.get(key);
        if (token == null || token.getExpiresAt() == null || token.getExpiresAt().isBefore(Instant.now().plusSeconds(60))) {
            ClientRegistration registration = ClientRegistration.withRegistrationId(subject)
                    .clientId(subject)
                    .clientSecret(service ? serviceSecret : subjectSecret)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .scope(scopes.split(" "))
                    .tokenUri(tokenUri)
                    .build();
            token = client.getTokenResponse(new OAuth2ClientCredentialsGrantRequest(registration)).getAccessToken();
            issued.put(key, token);
        }
        return token.getTokenValue();
    }
}
