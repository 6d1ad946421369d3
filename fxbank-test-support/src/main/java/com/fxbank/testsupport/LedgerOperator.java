package com.fxbank.testsupport;

import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

import com.fxbank.issuer.IssuerTokens;
import com.fxbank.security.Role;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * Bank staff at one ledger (krw-account or fx-account), through its operator API as a person would use it:
 * open a customer's account, top it up, freeze it. Each call fails the test unless the ledger agreed.
 */
public final class LedgerOperator {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };

    private final RestClient http;

    public LedgerOperator(String baseUrl, IssuerTokens tokens) {
        this.http = RestClient.builder().baseUrl(baseUrl)
                .defaultHeader("Authorization", "Bearer " + tokens.mint("operator", Role.OPERATOR))
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { })
                .build();
    }

    public static LedgerOperator at(int port, IssuerTokens tokens) {
        return new LedgerOperator("http://127.0.0.1:" + port, tokens);
    }

    /** Opens the owner's account in {@code currency}; returns its id. */
    public String open(String owner, String currency) {
        ResponseEntity<Map<String, Object>> opened = http.post().uri("/ops/v1/accounts").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("owner", owner, "currency", currency)).retrieve().toEntity(JSON);
        require(opened, 201, "open " + currency + " for " + owner);
        return (String) opened.getBody().get("id");
    }

    /** Credits the account once per {@code reference}. */
    public void topUp(String accountId, String amount, String currency, String reference) {
        ResponseEntity<Map<String, Object>> topUp = http.post().uri("/ops/v1/accounts/{id}/top-ups", accountId)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("amount", amount, "currency", currency, "reference", reference)).retrieve().toEntity(JSON);
        if (topUp.getStatusCode().value() != 201 && topUp.getStatusCode().value() != 200) {
            throw new AssertionError("top-up of " + amount + " " + currency + " refused: " + topUp);
        }
    }

    /** Opens the owner's account and, unless {@code amount} is zero, funds it; returns its id. */
    public String openFunded(String owner, String currency, String amount) {
        String accountId = open(owner, currency);
        if (new BigDecimal(amount).signum() > 0) {
            topUp(accountId, amount, currency, "seed-" + UUID.randomUUID());
        }
        return accountId;
    }

    public void freeze(String accountId) {
        ResponseEntity<Map<String, Object>> frozen = http.put().uri("/ops/v1/accounts/{id}/frozen", accountId)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("frozen", true, "reason", "test: a frozen account refuses deposits")).retrieve().toEntity(JSON);
        require(frozen, 200, "freeze " + accountId);
    }

    private static void require(ResponseEntity<?> answer, int status, String what) {
        if (answer.getStatusCode().value() != status) {
            throw new AssertionError(what + ": expected HTTP " + status + ", got " + answer);
        }
    }
}
