package com.fxbank.launcher;

import java.util.List;
import java.util.Map;

import com.fxbank.issuer.IssuerTokens;
import com.fxbank.security.Role;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Funds the demo customers through the ledgers' operator API, like a bank clerk would. Idempotent: an
 * existing account is a 409, a top-up's reference is applied once, so every start may run it.
 */
final class DemoCustomers {

    record Holding(String owner, String currency, String amount) {
    }

    static final List<Holding> HOLDINGS = List.of(
            new Holding("alice", "KRW", "10000000"), new Holding("alice", "USD", "1000.00"),
            new Holding("alice", "EUR", "1000.00"), new Holding("alice", "JPY", "100000"),
            new Holding("bob", "KRW", "5000000"), new Holding("bob", "USD", "0.00"));

    private DemoCustomers() {
    }

    static void seed(LaunchSettings settings, IssuerTokens tokens) {
        String operator = tokens.mint("demo-seed", Role.OPERATOR);
        for (Holding holding : HOLDINGS) {
            int port = "KRW".equals(holding.currency()) ? settings.krwAccountPort() : settings.fxAccountPort();
            RestClient ledger = RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                    .defaultHeader("Authorization", "Bearer " + operator)
                    .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { })
                    .build();
            ledger.post().uri("/ops/v1/accounts").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("owner", holding.owner(), "currency", holding.currency())).retrieve().toBodilessEntity();
            List<Map<String, Object>> accounts = ledger.get().uri("/ops/v1/accounts?owner={owner}", holding.owner())
                    .retrieve().body(new ParameterizedTypeReference<>() { });
            String accountId = accounts.stream().filter(a -> holding.currency().equals(a.get("currency")))
                    .map(a -> (String) a.get("id")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("could not open " + holding));
            ledger.post().uri("/ops/v1/accounts/{id}/top-ups", accountId).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("amount", holding.amount(), "currency", holding.currency(),
                            "reference", "demo-seed-" + holding.owner() + "-" + holding.currency()))
                    .retrieve().toBodilessEntity();
        }
    }
}
