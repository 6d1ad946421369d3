package com.fxbank.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fxbank.messaging.Topics;
import com.fxbank.messaging.WithdrawalCancelRequest;
import com.fxbank.messaging.WithdrawalCancelResponse;
import com.fxbank.security.Role;
import com.fxbank.testsupport.RawKafka;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Issue 15: a ledger serves the dead letters of its own cancel requests (the exchange service, the replies'), and an
 * operator replays one with a reason: handled in-process by the ledger (which may not publish to its own request
 * topic), at most once, in the actions log; a request still poison is refused again and nothing is recorded.
 */
class RequestDeadLettersTest extends KrwLedgerIntegrationTest {

    private static final String DEAD_LETTERS = Topics.deadLetterOf(REQUESTS);
    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() { };
    private static final String REPLAY = "/ops/v1/dead-letters/{topic}/{partition}/{offset}/replay";

    @Test
    void a_poison_request_is_listed_by_its_ledger_and_a_replay_is_refused_again_without_a_trace() {
        String exchangeId = newExchangeId();
        publishRaw(exchangeId, codec.encode(new WithdrawalCancelRequest(exchangeId)), null);

        Map<String, Object> letter = awaitLetter(exchangeId);
        assertThat(letter.get("headers")).asString().contains("no kafka_replyTopic header");
        assertThat(letter.get("replayedAt")).isNull();

        ResponseEntity<Map<String, Object>> replay = operator().post()
                .uri(REPLAY, DEAD_LETTERS, letter.get("partition"), letter.get("offset"))
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("reason", "INC-9: try again")).retrieve().toEntity(JSON);
        assertThat(replay.getStatusCode().value()).isEqualTo(422);
        assertThat((String) replay.getBody().get("detail")).contains("no kafka_replyTopic header", "nothing was recorded");
        assertThat(awaitLetter(exchangeId).get("replayedAt")).as("still replayable").isNull();
        assertThat(operator().get().uri("/ops/v1/actions?target={id}", exchangeId).retrieve().body(LIST)).isEmpty();
        assertThat(operator().get().uri("/ops/v1/dead-letters").retrieve().toEntity(JSON).getBody())
                .containsEntry("topics", List.of(DEAD_LETTERS));
        assertThat(operator().get().uri("/ops/v1/dead-letters/{topic}", Topics.deadLetterOf(RESPONSES)).retrieve()
                .toBodilessEntity().getStatusCode().value()).as("not a topic this ledger consumes").isEqualTo(400);
        assertThat(as(Role.CUSTOMER, newOwner()).get().uri("/ops/v1/dead-letters/{topic}", DEAD_LETTERS)
                .retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void a_request_dead_lettered_while_its_cause_lasted_is_replayed_once_and_refunds_once() {
        String owner = newOwner();
        String account = openFundedAccount(owner, 10_000);
        String exchangeId = newExchangeId();
        withdraw(exchangeId, owner, 4_000);
        // As the consumer's recoverer leaves a request it gave up on: the record, its headers and the original topic.
        new RawKafka(broker.getBrokersAsString()).publish(DEAD_LETTERS, exchangeId,
                codec.encode(new WithdrawalCancelRequest(exchangeId)), RESPONSES, Map.of("kafka_dlt-original-topic", REQUESTS,
                        "kafka_dlt-exception-message", "the database was down"));
        Map<String, Object> letter = awaitLetter(exchangeId);

        ResponseEntity<Map<String, Object>> unexplained = operator().post()
                .uri(REPLAY, DEAD_LETTERS, letter.get("partition"), letter.get("offset")).retrieve().toEntity(JSON);
        assertThat(unexplained.getStatusCode().value()).as("a replay needs a reason").isEqualTo(400);
        assertThat(balance(account)).isEqualByComparingTo("6000");

        Map<String, String> reason = Map.of("reason", "INC-10: database restored");
        ResponseEntity<Map<String, Object>> replay = operator().post()
                .uri(REPLAY, DEAD_LETTERS, letter.get("partition"), letter.get("offset"))
                .contentType(MediaType.APPLICATION_JSON).body(reason).retrieve().toEntity(JSON);
        assertThat(replay.getStatusCode().value()).isEqualTo(202);
        assertThat(balance(account)).as("refunded by the replay itself").isEqualByComparingTo("10000");
        assertThat(codec.decode(awaitRecords(RESPONSES, exchangeId, 1).getFirst().value(), WithdrawalCancelResponse.class)
                .outcome()).isEqualTo(WithdrawalCancelResponse.Outcome.REFUNDED);

        assertThat(operator().post().uri(REPLAY, DEAD_LETTERS, letter.get("partition"), letter.get("offset"))
                .contentType(MediaType.APPLICATION_JSON).body(reason).retrieve().toBodilessEntity().getStatusCode().value())
                .as("at most once").isEqualTo(409);
        assertThat(entries(exchangeId, "WITHDRAWAL_REFUND")).isOne();
        assertThat(operator().get().uri("/ops/v1/actions?target={id}", exchangeId).retrieve().body(LIST))
                .singleElement().satisfies(action -> assertThat(action).containsEntry("action", "REPLAY_DEAD_LETTER")
                        .containsEntry("reason", "INC-10: database restored").containsEntry("operator", "operator-1"));
        assertThat(awaitLetter(exchangeId).get("replayedAt")).isNotNull();
    }

    private Map<String, Object> awaitLetter(String exchangeId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> operator().get()
                        .uri("/ops/v1/dead-letters/{topic}?key={key}", DEAD_LETTERS, exchangeId).retrieve().body(LIST),
                letters -> !letters.isEmpty()).getFirst();
    }
}
