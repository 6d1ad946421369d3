package com.fxbank.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fxbank.messaging.Ledger;
import com.fxbank.messaging.MessageCodec;
import com.fxbank.messaging.Topics;
import com.fxbank.messaging.WithdrawalCancelResponse;
import org.junit.jupiter.api.Test;

/**
 * Operators read the exchange service's dead letters with their reason; a replay hands the record to the reply consumer
 * again (the browser test replays one that is accepted, once).
 */
class DeadLetterOperationsTest {

    private static final String RESPONSES = Ledger.FX_ACCOUNT.withdrawalCancelResponseTopic();
    private static final String DEAD_LETTERS = Topics.deadLetterOf(RESPONSES);

    private static final Map<String, String> REASON = Map.of("reason", "INC-7: the exchange was restored, reply again");

    private final Bank bank = Bank.get();

    @Test
    void a_dead_letter_is_listed_with_its_reason_and_refused_again_by_its_consumer_without_a_trace() {
        String unknownExchange = UUID.randomUUID().toString();
        String reply = new MessageCodec().encode(
                new WithdrawalCancelResponse(unknownExchange, WithdrawalCancelResponse.Outcome.REFUNDED));
        bank.rawKafka.publish(RESPONSES, unknownExchange, reply, null);

        Map<String, Object> deadLetter = await().atMost(Duration.ofSeconds(30)).until(() -> find(unknownExchange),
                letter -> letter != null);
        @SuppressWarnings("unchecked")
        Map<String, String> headers = (Map<String, String>) deadLetter.get("headers");
        assertThat(headers).containsEntry("kafka_dlt-original-topic", RESPONSES);
        assertThat(headers.get("kafka_dlt-exception-message")).contains("no exchange " + unknownExchange);
        assertThat(deadLetter).containsEntry("value", reply);

        String replay = "/ops/v1/dead-letters/{topic}/{partition}/{offset}/replay";
        Object partition = deadLetter.get("partition");
        Object offset = deadLetter.get("offset");
        assertThat(bank.operator().post().uri(replay, DEAD_LETTERS, partition, offset).retrieve().toBodilessEntity()
                .getStatusCode().value()).as("a replay without a reason").isEqualTo(400);
        // Replayed in-process (the exchange service may not publish a ledger's reply): still no such exchange, so the
        // consumer refuses it again and nothing is recorded; it stays replayable.
        var refusedAgain = bank.operator().post().uri(replay, DEAD_LETTERS, partition, offset).body(REASON).retrieve()
                .toEntity(Map.class);
        assertThat(refusedAgain.getStatusCode().value()).isEqualTo(422);
        assertThat(String.valueOf(refusedAgain.getBody().get("detail"))).contains("no exchange " + unknownExchange,
                "nothing was recorded");
        assertThat(bank.operator().get().uri("/ops/v1/actions?target={key}", unknownExchange).retrieve().body(Bank.JSON_LIST))
                .isEmpty();
        assertThat(find(unknownExchange).get("replayedAt")).isNull();

        assertThat(bank.operator().post().uri(replay, DEAD_LETTERS, partition, 1_000_000).body(REASON).retrieve().toBodilessEntity()
                .getStatusCode().value()).isEqualTo(404);
        // A partition the topic does not have was 10 s of waiting, then a 500.
        for (int missing : new int[] {99, -1}) {
            long started = System.nanoTime();
            assertThat(bank.operator().post().uri(replay, DEAD_LETTERS, missing, 0).body(REASON).retrieve().toBodilessEntity()
                    .getStatusCode().value()).as("partition %d", missing).isEqualTo(404);
            assertThat((System.nanoTime() - started) / 1_000_000).as("ms for partition %d", missing).isLessThan(5_000);
        }
        assertThat(bank.operator().get().uri("/ops/v1/dead-letters/{topic}", "krw-account.withdrawal-cancel.request.DLT")
                .retrieve().toBodilessEntity().getStatusCode().value()).as("not the exchange service's").isEqualTo(400);
        assertThat(bank.customer("someone").get().uri("/ops/v1/dead-letters/{topic}", DEAD_LETTERS)
                .retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(403);
    }

    private Map<String, Object> find(String key) {
        List<Map<String, Object>> letters = bank.operator().get().uri("/ops/v1/dead-letters/{topic}?limit=500", DEAD_LETTERS)
                .retrieve().body(Bank.JSON_LIST);
        return letters.stream().filter(letter -> key.equals(letter.get("key"))).findFirst().orElse(null);
    }
}
