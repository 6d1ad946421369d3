package com.fxbank.launcher;

import java.util.Map;

import com.fxbank.issuer.IssuerTokens;
import com.fxbank.security.Role;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/** What the launcher's tests ask a running bank over HTTP, as a customer or an operator would. */
final class BankCalls {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };

    private final LaunchSettings settings;
    private final IssuerTokens tokens;

    BankCalls(LaunchSettings settings, IssuerTokens tokens) {
        this.settings = settings;
        this.tokens = tokens;
    }

    /** {@code owner} buys {@code usd} USD: a quote, then its exchange; the exchange's id. */
    String buyUsd(String owner, String usd) {
        return exchange(owner, "BUY", "USD", usd);
    }

    /** {@code owner} buys or sells {@code amount} of {@code currency}: a quote, then its exchange; the exchange's id. */
    String exchange(String owner, String side, String currency, String amount) {
        RestClient customer = client(settings.exchangePort(), tokens.mint(owner, Role.CUSTOMER));
        Map<String, Object> quote = customer.post().uri("/api/v1/quotes").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("side", side, "currency", currency, "amount", amount)).retrieve().body(JSON);
        return (String) customer.post().uri("/api/v1/exchanges").contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", "k-" + quote.get("quoteId")).body(Map.of("quoteId", quote.get("quoteId")))
                .retrieve().body(JSON).get("id");
    }

    /** The exchange as its customer reads it. */
    Map<String, Object> read(String owner, String id) {
        return client(settings.exchangePort(), tokens.mint(owner, Role.CUSTOMER)).get().uri("/api/v1/exchanges/{id}", id)
                .retrieve().body(JSON);
    }

    static RestClient client(int port, String token) {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port).defaultHeader("Authorization", "Bearer " + token).build();
    }
}
