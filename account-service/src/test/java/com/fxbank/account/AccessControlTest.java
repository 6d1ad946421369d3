package com.fxbank.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.fxbank.security.Role;
import com.fxbank.testsupport.DevelopmentTokens;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.web.client.RestClient;

/** DESIGN B6 on a ledger: who may read, who may move money. */
class AccessControlTest extends KrwLedgerIntegrationTest {

    @Autowired
    ApplicationContext context;

    @Test
    void a_customer_opens_and_reads_only_their_own_accounts() {
        String alice = newOwner();
        String bob = newOwner();
        ResponseEntity<Map<String, Object>> opened = as(Role.CUSTOMER, alice).post().uri("/api/v1/accounts")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("currency", "KRW")).retrieve().toEntity(JSON);
        assertThat(opened.getStatusCode().value()).isEqualTo(201);
        assertThat(opened.getBody()).containsEntry("owner", alice).containsEntry("balance", "0");
        String aliceAccount = (String) opened.getBody().get("id");

        assertThat(as(Role.CUSTOMER, alice).get().uri("/api/v1/accounts/{id}", aliceAccount).retrieve()
                .toEntity(JSON).getStatusCode().value()).isEqualTo(200);
        assertThat(as(Role.CUSTOMER, alice).get().uri("/api/v1/accounts").retrieve().toEntity(JSON_LIST).getBody())
                .extracting(a -> a.get("id")).containsExactly(aliceAccount);
        assertThat(as(Role.CUSTOMER, alice).get().uri("/api/v1/accounts/{id}/entries", aliceAccount).retrieve()
                .toEntity(JSON_LIST).getStatusCode().value()).isEqualTo(200);

        assertThat(as(Role.CUSTOMER, bob).get().uri("/api/v1/accounts/{id}", aliceAccount).retrieve()
                .toEntity(JSON).getStatusCode().value()).as("another's account does not exist for bob").isEqualTo(404);
        assertThat(as(Role.CUSTOMER, bob).get().uri("/api/v1/accounts/{id}/entries", aliceAccount).retrieve()
                .toEntity(JSON).getStatusCode().value()).isEqualTo(404);
        assertThat(as(Role.CUSTOMER, bob).get().uri("/api/v1/accounts").retrieve().toEntity(JSON_LIST).getBody()).isEmpty();
    }

    @Test
    void a_second_account_in_the_same_currency_is_a_conflict() {
        String owner = newOwner();
        RestClient customer = as(Role.CUSTOMER, owner);
        String first = (String) customer.post().uri("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("currency", "KRW")).retrieve().toEntity(JSON).getBody().get("id");

        ResponseEntity<Map<String, Object>> again = customer.post().uri("/api/v1/accounts")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("currency", "KRW")).retrieve().toEntity(JSON);

        assertThat(again.getStatusCode().value()).isEqualTo(409);
        assertThat(again.getBody()).containsEntry("accountId", first);
        ResponseEntity<Map<String, Object>> usd = customer.post().uri("/api/v1/accounts")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("currency", "USD")).retrieve().toEntity(JSON);
        assertThat(usd.getStatusCode().value()).isEqualTo(400);
        assertThat((String) usd.getBody().get("detail")).contains("does not hold USD");
    }

    @Test
    void money_moving_and_operator_endpoints_are_closed_to_customers() {
        String owner = newOwner();
        String account = openFundedAccount(owner, 1_000);
        RestClient customer = as(Role.CUSTOMER, owner);

        assertThat(customer.put().uri("/internal/v1/withdrawals/{id}", newExchangeId()).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("owner", owner, "amount", 1, "currency", "KRW")).retrieve().toEntity(JSON)
                .getStatusCode().value()).isEqualTo(403);
        assertThat(customer.post().uri("/ops/v1/accounts/{id}/top-ups", account).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("amount", 1_000_000, "currency", "KRW", "reference", "self-service")).retrieve().toEntity(JSON)
                .getStatusCode().value()).isEqualTo(403);
        assertThat(as(Role.OPERATOR, "staff").put().uri("/internal/v1/deposits/{id}", newExchangeId())
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("owner", owner, "amount", 1, "currency", "KRW"))
                .retrieve().toEntity(JSON).getStatusCode().value()).as("saga steps are the exchange service's").isEqualTo(403);
        assertThat(balance(account)).isEqualByComparingTo("1000");
    }

    /** Stateless bearer tokens: there is no session to log out of, so /logout is a path like any other not named. */
    @Test
    void logout_is_denied_like_any_path_not_named() {
        RestClient customer = as(Role.CUSTOMER, newOwner());
        for (String path : new String[] {"/logout", "/no/such/path"}) {
            assertThat(customer.post().uri(path).retrieve().toBodilessEntity().getStatusCode().value()).as(path)
                    .isEqualTo(403);
        }
        assertThat(client(null).post().uri("/logout").retrieve().toBodilessEntity().getStatusCode().value())
                .as("without a token").isEqualTo(401);
    }

    /** The outbox's parked rows (issue 13): an operator's matter; a release says why, and bad input changes nothing. */
    @Test
    void parked_outbox_rows_are_for_operators_and_a_release_needs_a_reason() {
        RestClient customer = as(Role.CUSTOMER, newOwner());
        assertThat(customer.get().uri("/ops/v1/outbox/parked").retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(403);
        assertThat(customer.post().uri("/ops/v1/outbox/parked/1/release").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("reason", "mine")).retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(403);

        RestClient operator = as(Role.OPERATOR, "staff");
        assertThat(operator.get().uri("/ops/v1/outbox/parked").retrieve().toEntity(JSON_LIST).getStatusCode().value()).isEqualTo(200);
        for (String limit : List.of("0", "501", "-1", "9".repeat(30), "x")) {
            assertThat(operator.get().uri("/ops/v1/outbox/parked?limit={limit}", limit).retrieve().toBodilessEntity()
                    .getStatusCode().value()).as("limit %s", limit.length() > 5 ? "of 30 digits" : limit).isEqualTo(400);
        }
        for (Object body : List.of(Map.of(), Map.of("reason", " "), Map.of("reason", "fixed\u0000"), Map.of("reason", "x".repeat(501)))) {
            assertThat(operator.post().uri("/ops/v1/outbox/parked/1/release").contentType(MediaType.APPLICATION_JSON)
                    .body(body).retrieve().toEntity(JSON).getStatusCode().value()).isEqualTo(400);
        }
        assertThat(operator.post().uri("/ops/v1/outbox/parked/1/release").retrieve().toBodilessEntity().getStatusCode().value())
                .as("no body").isEqualTo(400);
        assertThat(operator.post().uri("/ops/v1/outbox/parked/x/release").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("reason", "fixed")).retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(400);
        ResponseEntity<Map<String, Object>> none = operator.post().uri("/ops/v1/outbox/parked/{seq}/release", Long.MAX_VALUE)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("reason", "fixed")).retrieve().toEntity(JSON);
        assertThat(none.getStatusCode().value()).isEqualTo(404);
        assertThat((String) none.getBody().get("detail")).contains("no parked outbox row");
    }

    @Test
    void no_token_an_expired_token_or_a_forged_token_is_refused() throws Exception {
        RestClient anonymous = client(null);
        assertThat(anonymous.get().uri("/api/v1/accounts").retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(401);

        String expired = DevelopmentTokens.signedByTheIssuer(claims(newOwner(), "CUSTOMER")
                .issuedAt(Instant.now().minusSeconds(3600)).expiresAt(Instant.now().minusSeconds(120)).build());
        assertThat(status(expired, "/api/v1/accounts")).as("expired").isEqualTo(401);

        String otherIssuer = DevelopmentTokens.signedByTheIssuer(claims(newOwner(), "CUSTOMER")
                .issuer("https://attacker.example").build());
        assertThat(status(otherIssuer, "/api/v1/accounts")).as("the issuer's key, another iss").isEqualTo(401);

        // What an attacker who read the repository could sign: a key of their own with the right issuer and kid
        // style, the development secret of old (HS256), or no signature at all.
        JwtClaimsSet service = claims("exchange-service", "SERVICE").build();
        RSAKey attackerKey = new RSAKeyGenerator(2048).keyID("fxbank").generate();
        String ownKey = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(attackerKey)))
                .encode(JwtEncoderParameters.from(service)).getTokenValue();
        JWTClaimsSet sameClaims = new JWTClaimsSet.Builder().issuer(DevelopmentTokens.issuerUri()).subject("exchange-service")
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600)))
                .claim("roles", List.of("SERVICE")).build();
        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), sameClaims);
        hmac.sign(new MACSigner("fxbank-development-secret-change-me-in-production!".getBytes(StandardCharsets.UTF_8)));
        String unsigned = new PlainJWT(sameClaims).serialize();
        for (String forged : List.of(ownKey, hmac.serialize(), unsigned)) {
            assertThat(status(forged, "/internal/v1/withdrawals/" + newExchangeId())).isEqualTo(401);
        }
    }

    /** A token the issuer signed but whose subject no column or rule could hold was a 500 (NPE, overflow). */
    @Test
    void a_token_without_a_subject_or_with_an_absurd_one_is_refused_and_changes_nothing() {
        for (String subject : new String[] {null, "", "x".repeat(65), "alice\nbob", "<script>"}) {
            String token = DevelopmentTokens.signedByTheIssuer(claims(subject, "CUSTOMER").build());
            assertThat(status(token, "/api/v1/accounts"))
                    .as("subject %s", subject == null ? "absent" : subject.length() + " chars").isEqualTo(401);
            assertThat(client(token).post().uri("/api/v1/accounts").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("currency", "KRW")).retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(401);
        }
        assertThat(status(tokens.mint("x".repeat(64), Role.CUSTOMER), "/api/v1/accounts"))
                .as("64 characters fit the columns").isEqualTo(200);
    }

    /**
     * A ledger verifies tokens and can sign none: the issuer's library is on this classpath (the tests and the
     * one-JVM launcher carry it), yet the ledger's context holds no key, no encoder and no client it could mint with.
     */
    @Test
    void the_ledger_holds_nothing_that_could_mint_a_token() {
        assertThat(context.getBeanNamesForType(JWKSource.class)).isEmpty();
        assertThat(context.getBeanNamesForType(JwtEncoder.class)).isEmpty();
        assertThat(context.getBeanNamesForType(RegisteredClientRepository.class)).isEmpty();
        assertThat(context.getEnvironment().getProperty("fxbank.security.client.secret")).isNull();
    }

    private JwtClaimsSet.Builder claims(String subject, String role) {
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder().issuer(DevelopmentTokens.issuerUri())
                .issuedAt(Instant.now()).expiresAt(Instant.now().plusSeconds(600)).claim("roles", List.of(role));
        return subject == null ? claims : claims.subject(subject);
    }

    private int status(String token, String path) {
        return client(token).get().uri(path).retrieve().toBodilessEntity().getStatusCode().value();
    }

    @Test
    void readiness_liveness_and_the_openapi_document_are_public() {
        RestClient anonymous = client(null);
        assertThat(anonymous.get().uri("/readyz").retrieve().toEntity(String.class).getBody()).contains("UP");
        assertThat(anonymous.get().uri("/livez").retrieve().toEntity(String.class).getBody()).contains("UP");
        String api = anonymous.get().uri("/v3/api-docs").retrieve().toEntity(String.class).getBody();
        assertThat(api).contains("/internal/v1/withdrawals/{exchangeId}", "/api/v1/accounts", "/ops/v1/accounts/{id}/top-ups");
        assertThat(anonymous.get().uri("/swagger-ui/index.html").retrieve().toEntity(String.class).getStatusCode().value())
                .isEqualTo(200);
    }

    private RestClient client(String token) {
        RestClient.Builder builder = RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { });
        if (token != null) {
            builder.defaultHeader("Authorization", "Bearer " + token);
        }
        return builder.build();
    }
}
