package com.fxbank.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.fxbank.messaging.Ledger;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Issue 16's baseline: the seed's plain {@code kafkaTemplate.send()} of cancel requests, for the benchmark only. It
 * still refunds a refused deposit when nothing fails, with no outbox row (SeedPlainCancelPublisherTest: refused outside
 * development mode).
 */
class SeedPlainSendTest {

    private final Bank bank = Bank.get();

    @Test
    void with_the_seed_switch_a_refused_deposit_is_refunded_through_a_plain_send_and_no_outbox_row() {
        ConfigurableApplicationContext seed = bank.startExchangeInstance("--fxbank.benchmark.seed-plain-send=true");
        try {
            String owner = bank.customerWithFrozenUsd("500000");
            RestClient api = bank.customer(seed, owner);
            Map<String, Object> quote = api.post().uri("/api/v1/quotes").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("side", "BUY", "currency", "USD", "amount", "20.00")).retrieve().body(Bank.JSON);
            Map<String, Object> exchanged = api.post().uri("/api/v1/exchanges").contentType(MediaType.APPLICATION_JSON)
                    .header("Idempotency-Key", "k-" + UUID.randomUUID()).body(Map.of("quoteId", quote.get("quoteId")))
                    .retrieve().body(Bank.JSON);
            assertThat(exchanged).containsEntry("outcome", "FAILED_REFUND_PENDING");
            String id = (String) exchanged.get("id");

            await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED_REFUNDED".equals(bank.read(owner, id).get("state")));
            assertThat(bank.balance(owner, "KRW")).isEqualByComparingTo("500000");
            assertThat(bank.rawKafka.awaitRecords(Ledger.KRW_ACCOUNT.withdrawalCancelRequestTopic(), id, 1)).hasSize(1);
            assertThat(bank.exchangeJdbc().sql("SELECT count(*) FROM outbox_message WHERE message_key = :id AND topic = :topic")
                    .param("id", id).param("topic", Ledger.KRW_ACCOUNT.withdrawalCancelRequestTopic()).query(Long.class).single())
                    .as("the cancel went by plain send, not through the outbox").isZero();
        } finally {
            seed.close();
        }
    }
}
