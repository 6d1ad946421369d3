package com.fxbank.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.fxbank.testsupport.DevelopmentTokens;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.web.client.RestClient;

/**
 * The exchange service, like the ledgers (AccessControlTest), takes only tokens its issuer signed: a key of the
 * attacker's own, the shared development secret of old, an unsigned token and the issuer's key with another
 * {@code iss} are all a 401 on the customer and operator APIs, and nothing is quoted.
 */
class ForgedTokensTest {

    private final Bank bank = Bank.get();

    @Test
    void a_token_signed_by_anyone_but_the_issuer_is_refused() throws Exception {
        JWTClaimsSet operator = new JWTClaimsSet.Builder().issuer(DevelopmentTokens.issuerUri()).subject("mallory")
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(600)))
                .claim("roles", List.of("CUSTOMER", "OPERATOR")).build();
        RSAKey attackerKey = new RSAKeyGenerator(2048).keyID("fxbank").generate();
        SignedJWT ownKey = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("fxbank").build(), operator);
        ownKey.sign(new RSASSASigner(attackerKey));
        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), operator);
        hmac.sign(new MACSigner("fxbank-development-secret-change-me-in-production!".getBytes(StandardCharsets.UTF_8)));
        String otherIssuer = DevelopmentTokens.signedByTheIssuer(JwtClaimsSet.builder()
                .issuer("https://attacker.example").subject("mallory").issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(600)).claim("roles", List.of("CUSTOMER", "OPERATOR")).build());

        for (String forged : List.of(ownKey.serialize(), hmac.serialize(), new PlainJWT(operator).serialize(), otherIssuer)) {
            RestClient client = RestClient.builder().baseUrl(bank.exchangeUrl())
                    .defaultHeader("Authorization", "Bearer " + forged)
                    .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { }).build();
            assertThat(client.post().uri("/api/v1/quotes").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("side", "BUY", "currency", "USD", "amount", "10.00")).retrieve().toBodilessEntity()
                    .getStatusCode().value()).isEqualTo(401);
            assertThat(client.get().uri("/ops/v1/exchanges/attention").retrieve().toBodilessEntity()
                    .getStatusCode().value()).isEqualTo(401);
        }
        assertThat(bank.exchangeJdbc().sql("SELECT count(*) FROM quote WHERE owner = 'mallory'").query(Long.class).single())
                .isZero();
    }
}
