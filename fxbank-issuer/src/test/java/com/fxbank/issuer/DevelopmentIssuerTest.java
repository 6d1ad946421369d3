package com.fxbank.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;

import com.fxbank.security.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;

/** The development issuer, running for real: what it gives, to whom, and what it refuses. */
class DevelopmentIssuerTest {

    static ConfigurableApplicationContext issuer;
    static String issuerUri;
    static JwtDecoder decoder;

    @BeforeAll
    static void start() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        issuer = DevelopmentIssuerApplication.application().run("--server.port=" + port, "--fxbank.development-mode=true");
        issuerUri = "http://127.0.0.1:" + port;
        // As a service finds the keys: from the issuer's published metadata.
        decoder = JwtDecoders.fromIssuerLocation(issuerUri);
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    @Test
    void a_developer_client_gets_a_signed_token_for_its_own_name_and_the_roles_it_asked_for() {
        Jwt customer = decoder.decode(IssuerTokens.of(issuerUri).mint("alice", Role.CUSTOMER));
        assertThat(customer.getSubject()).isEqualTo("alice");
        assertThat(customer.getIssuer().toString()).isEqualTo(issuerUri);
        assertThat(customer.getClaimAsStringList("roles")).containsExactly("CUSTOMER");
        assertThat(customer.getHeaders()).containsEntry("alg", "RS256");

        Jwt operator = decoder.decode(IssuerTokens.of(issuerUri).mint("ops", Role.OPERATOR));
        assertThat(operator.getClaimAsStringList("roles")).containsExactly("OPERATOR");
    }

    @Test
    void only_the_exchange_service_gets_the_service_role_and_only_with_its_secret() {
        Jwt service = decoder.decode(IssuerTokens.of(issuerUri).mint("exchange-service", Role.SERVICE));
        assertThat(service.getSubject()).isEqualTo("exchange-service");
        assertThat(service.getClaimAsStringList("roles")).containsExactly("SERVICE");

        assertThatThrownBy(() -> IssuerTokens.of(issuerUri).mint("exchange-service", Role.CUSTOMER))
                .as("the exchange service's client is not a customer").isInstanceOf(OAuth2AuthorizationException.class)
                .hasMessageContaining("invalid_scope");
        assertThatThrownBy(() -> IssuerTokens.of(issuerUri).mint("mallory", Role.SERVICE))
                .as("no one else may even ask").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new IssuerTokens(issuerUri, "guessed", "development").mint("exchange-service", Role.SERVICE))
                .isInstanceOf(OAuth2AuthorizationException.class).hasMessageContaining("invalid_client");
        assertThatThrownBy(() -> new IssuerTokens(issuerUri, "development", "guessed").mint("alice", Role.CUSTOMER))
                .isInstanceOf(OAuth2AuthorizationException.class).hasMessageContaining("invalid_client");
    }

    @Test
    void a_name_no_service_could_hold_gets_no_token() {
        assertThatThrownBy(() -> IssuerTokens.of(issuerUri).mint("x".repeat(65), Role.CUSTOMER))
                .isInstanceOf(OAuth2AuthorizationException.class).hasMessageContaining("invalid_client");
    }

    @Test
    void outside_development_mode_it_refuses_to_start() {
        assertThatThrownBy(() -> DevelopmentIssuerApplication.application().run("--server.port=0",
                "--fxbank.development-mode=false"))
                .hasRootCauseMessage("refusing to start: the development issuer gives a token for any name to whoever "
                        + "knows its public client secret. Point the services at the bank's identity provider "
                        + "(FXBANK_ISSUER_URI) instead, or, on a developer's machine only, declare development mode "
                        + "(fxbank.development-mode=true or FXBANK_DEVELOPMENT_MODE=true, as ./fxbank up and the tests do)");
    }
}
