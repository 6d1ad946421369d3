package com.fxbank.issuer;

import java.time.Duration;
import java.util.Set;

import com.fxbank.security.FxBankSecurityAutoConfiguration;
import com.fxbank.security.Role;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * Who may ask the development issuer for a token, by client credentials:
 * <ul>
 *   <li>{@value #EXCHANGE_SERVICE}, the exchange service, for scope {@code service} (role SERVICE) — no one else
 *       can get that role;</li>
 *   <li>{@value #CONSOLE}, the operator console, which signs a person in (authorization code with PKCE, OpenID
 *       Connect) for scope {@code operator} — the token carries the role only if the person has it
 *       ({@link DevelopmentUsers});</li>
 *   <li>any other valid subject name (alice, ops, load-17, …) as a developer client of its own, for scopes
 *       {@code customer} and {@code operator}: the token's subject is the client's name. This is what makes the
 *       issuer a development tool only — whoever knows the public secret is anyone they like — and why it
 *       refuses to start outside development mode.</li>
 * </ul>
 * Nothing is stored: a client is derived from its name on every lookup.
 */
final class DevelopmentClients implements RegisteredClientRepository {

    static final String DEVELOPMENT_SECRET = "development";
    static final String EXCHANGE_SERVICE = "exchange-service";
    /** The operator console: signs people in with the authorization code flow (and PKCE), never by client credentials. */
    static final String CONSOLE = "fxbank-console";

    private final IssuerProperties properties;

    DevelopmentClients(IssuerProperties properties) {
        this.properties = properties;
    }

    /** Called when the issuer would re-encode a client's secret; the clients are derived, so there is nothing to keep. */
    @Override
    public void save(RegisteredClient registeredClient) {
    }

    @Override
    public RegisteredClient findById(String id) {
        return findByClientId(id);
    }

    @Override
    public RegisteredClient findByClientId(String clientId) {
        if (EXCHANGE_SERVICE.equals(clientId)) {
            return client(clientId, properties.serviceClientSecret(), Set.of(Role.SERVICE), properties.serviceTokenLifetime());
        }
        if (CONSOLE.equals(clientId)) {
            return console();
        }
        if (FxBankSecurityAutoConfiguration.isSubject(clientId)) {
            return client(clientId, properties.subjectClientSecret(), Set.of(Role.CUSTOMER, Role.OPERATOR),
                    properties.subjectTokenLifetime());
        }
        return null;
    }

    private RegisteredClient console() {
        return RegisteredClient.withId(CONSOLE)
                .clientId(CONSOLE)
                .clientSecret("{noop}" + properties.consoleClientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUris(uris -> uris.addAll(properties.consoleRedirectUris()))
                .scope(OidcScopes.OPENID)
                .scope(Role.OPERATOR.scope())
                .clientSettings(ClientSettings.builder()
                        .requireProofKey(true).requireAuthorizationConsent(false).build())
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(properties.consoleTokenLifetime()).build())
                .build();
    }

    private static RegisteredClient client(String clientId, String secret, Set<Role> roles, Duration lifetime) {
        return RegisteredClient.withId(clientId)
                .clientId(clientId)
                .clientSecret("{noop}" + secret)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scopes(scopes -> roles.forEach(role -> scopes.add(role.scope())))
                .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(lifetime).build())
                .build();
    }
}
