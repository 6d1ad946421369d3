package com.fxbank.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fxbank.common.exchange.ExchangeId;
import com.fxbank.exchange.application.port.out.ExchangeStore;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * The attention alert was raised once: an exchange stuck for hours after it raised nothing more. Now whoever claims
 * it raises it again after the re-alert interval, one instance at a time, on the real exchange table.
 */
class AttentionRealertTest {

    private final Bank bank = Bank.get();

    @Test
    void an_exchange_needing_attention_is_alerted_once_per_interval_and_never_when_it_needs_none() {
        ExchangeId id = anExchange();
        ExchangeStore store = bank.exchangeBean(ExchangeStore.class);
        Instant now = Instant.now();
        Instant anHourAgo = now.minus(Duration.ofHours(1));

        assertThat(store.claimAttentionAlert(id, now, anHourAgo)).as("not flagged").isFalse();

        bank.exchangeJdbc().sql("UPDATE exchange SET needs_attention = TRUE WHERE id = ?").param(id.value()).update();
        assertThat(store.claimAttentionAlert(id, now, anHourAgo)).as("first alert").isTrue();
        assertThat(store.claimAttentionAlert(id, now.plusSeconds(1), anHourAgo.plusSeconds(1)))
                .as("again within the interval, e.g. by another instance").isFalse();
        Instant later = now.plus(Duration.ofHours(1)).plusSeconds(1);
        assertThat(store.claimAttentionAlert(id, later, later.minus(Duration.ofHours(1)))).as("an hour later").isTrue();
    }

    private ExchangeId anExchange() {
        String owner = Bank.newCustomer();
        bank.openAccount(owner, "KRW", "1000000");
        bank.openAccount(owner, "USD", "0");
        RestClient customer = bank.customer(owner);
        Object quoteId = customer.post().uri("/api/v1/quotes").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("side", "BUY", "currency", "USD", "amount", "10.00")).retrieve().body(Bank.JSON).get("quoteId");
        Map<String, Object> exchange = customer.post().uri("/api/v1/exchanges").contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", "k-" + UUID.randomUUID()).body(Map.of("quoteId", quoteId)).retrieve().body(Bank.JSON);
        return ExchangeId.parse((String) exchange.get("id"));
    }
}
