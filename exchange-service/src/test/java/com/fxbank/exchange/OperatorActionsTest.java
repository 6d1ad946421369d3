package com.fxbank.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Issue 15: an operator's "retry now" brings an unfinished exchange's next step forward, with a reason, and is kept in
 * the append-only actions log; what it cannot do (a final exchange, an unknown one, no reason) changes nothing and
 * records nothing.
 */
class OperatorActionsTest {

    private final Bank bank = Bank.get();

    @Test
    void retry_now_makes_a_waiting_exchange_due_at_once_and_is_logged_with_who_why_and_result() {
        String owner = Bank.newCustomer();
        bank.openAccount(owner, "KRW", "1000000");
        bank.openAccount(owner, "USD", "0");
        Object quoteId = bank.quote(owner, "BUY", "USD", "10.00", null).get("quoteId");
        bank.fxProxy.swallowAnswers();
        String id;
        try {
            id = (String) bank.exchange(owner, quoteId, "k1").getBody().get("id");
            // Waiting: the deposit's outcome is unknown.
            var answer = retry(id, "{\"reason\":\"fx-account answers again, INC-42\"}");
            assertThat(answer.getStatusCode().value()).isEqualTo(202);
            assertThat(answer.getBody()).containsEntry("operator", "operator").containsEntry("action", "RETRY_NOW")
                    .containsEntry("target", id).containsEntry("reason", "fx-account answers again, INC-42");
            assertThat((String) answer.getBody().get("result")).startsWith("due now in DEPOSIT_UNKNOWN");
        } finally {
            bank.fxProxy.passAnswers();
        }
        // (This test bank retries every second anyway, so how soon is not what this shows: that the saga takes it on.)
        await().atMost(Duration.ofSeconds(30)).until(() -> "COMPLETED".equals(bank.read(owner, id).get("state")));

        List<Map<String, Object>> logged = bank.operator().get().uri("/ops/v1/actions?target={id}", id).retrieve()
                .body(Bank.JSON_LIST);
        assertThat(logged).singleElement().satisfies(action -> assertThat(action)
                .containsEntry("action", "RETRY_NOW").containsEntry("reason", "fx-account answers again, INC-42"));
        assertThat(bank.operator().get().uri("/ops/v1/actions").retrieve().body(Bank.JSON_LIST))
                .anySatisfy(action -> assertThat(action).containsEntry("target", id));

        // Final now: a retry is a 409 and adds nothing to the log.
        assertThat(retry(id, "{\"reason\":\"again\"}").getStatusCode().value()).isEqualTo(409);
        assertThat(bank.operator().get().uri("/ops/v1/actions?target={id}", id).retrieve().body(Bank.JSON_LIST)).hasSize(1);
    }

    @Test
    void a_retry_it_cannot_do_is_refused_and_records_nothing() {
        String unknown = UUID.randomUUID().toString();
        assertThat(retry(unknown, "{\"reason\":\"x\"}").getStatusCode().value()).isEqualTo(404);
        for (String body : new String[] {"{}", "{\"reason\":\"\"}", "{\"reason\":\"   \"}", "{\"reason\":\"a\\u0000b\"}",
                "{\"reason\":\"" + "r".repeat(501) + "\"}"}) {
            assertThat(retry(unknown, body).getStatusCode().value()).as(body).isEqualTo(400);
        }
        assertThat(retry("not-an-id", "{\"reason\":\"x\"}").getStatusCode().value()).isEqualTo(400);
        assertThat(bank.operator().get().uri("/ops/v1/actions?target={id}", unknown).retrieve().body(Bank.JSON_LIST)).isEmpty();
        assertThat(bank.operator().get().uri("/ops/v1/actions?limit=0").retrieve().toBodilessEntity().getStatusCode().value())
                .isEqualTo(400);
        assertThat(bank.customer(Bank.newCustomer()).post().uri("/ops/v1/exchanges/{id}/retry", unknown)
                .contentType(MediaType.APPLICATION_JSON).body("{\"reason\":\"x\"}").retrieve().toBodilessEntity()
                .getStatusCode().value()).isEqualTo(403);
        assertThat(bank.customer(Bank.newCustomer()).get().uri("/ops/v1/actions").retrieve().toBodilessEntity()
                .getStatusCode().value()).isEqualTo(403);
    }

    private ResponseEntity<Map<String, Object>> retry(String id, String body) {
        return bank.operator().post().uri("/ops/v1/exchanges/{id}/retry", id).contentType(MediaType.APPLICATION_JSON)
                .body(body).retrieve().toEntity(Bank.JSON);
    }
}
