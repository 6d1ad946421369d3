package com.fxbank.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fxbank.messaging.ExchangeAlert;
import com.fxbank.messaging.Ledger;
import com.fxbank.messaging.MessageCodec;
import com.fxbank.messaging.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * Unknown outcomes and crashes (DESIGN B3, B4, R8): every exchange still ends final with the money
 * invariant intact. Answers that never come are caused by the {@link com.fxbank.testsupport.SilentProxy};
 * everything else is the real services being stopped and started.
 */
class ExchangeFaultsTest {

    private final Bank bank = Bank.get();

    @AfterEach
    void answersFlowAgain() {
        bank.krwProxy.passAnswers();
        bank.fxProxy.passAnswers();
        bank.closeCircuitBreakers();
    }

    @Test
    void a_deposit_whose_answer_never_comes_is_resolved_forward_and_applied_once() {
        String owner = customerWith("1000000", "0");
        Object quoteId = bank.quote(owner, "BUY", "USD", "100.00", null).get("quoteId");

        bank.fxProxy.swallowAnswers();
        ResponseEntity<Map<String, Object>> answered = bank.exchange(owner, quoteId, "k1");

        assertThat(answered.getStatusCode().value()).isEqualTo(202);
        assertThat(answered.getHeaders().getLocation()).hasPath("/api/v1/exchanges/" + answered.getBody().get("id"));
        assertThat(answered.getBody()).containsEntry("outcome", "PENDING").containsEntry("state", "DEPOSIT_UNKNOWN");
        // What the customer reads is short and says nothing of the bank's insides (once: an exception and a URL).
        assertThat((String) answered.getBody().get("reason")).isEqualTo("no answer to the deposit: fx-account did not answer in time");
        String id = (String) answered.getBody().get("id");

        bank.fxProxy.passAnswers();
        awaitState(owner, id, "COMPLETED");
        assertThat(bank.balance(owner, "KRW")).isEqualByComparingTo("861310");
        assertThat(bank.balance(owner, "USD")).isEqualByComparingTo("100.00");
        assertThat(bank.ledgerEntries(Ledger.FX_ACCOUNT, id, "DEPOSIT")).isOne();
        assertThat(bank.states(bank.read(owner, id))).containsExactly("STARTED", "WITHDRAWN", "DEPOSIT_UNKNOWN", "COMPLETED");
    }

    @Test
    void a_withdrawal_whose_answer_never_comes_is_rechecked_and_the_exchange_completes() {
        String owner = customerWith("1000000", "0");
        Object quoteId = bank.quote(owner, "BUY", "USD", "100.00", null).get("quoteId");

        bank.krwProxy.swallowAnswers();
        ResponseEntity<Map<String, Object>> answered = bank.exchange(owner, quoteId, "k1");
        assertThat(answered.getStatusCode().value()).isEqualTo(202);
        assertThat(answered.getBody()).containsEntry("state", "WITHDRAWAL_UNKNOWN");
        String id = (String) answered.getBody().get("id");

        bank.krwProxy.passAnswers();
        awaitState(owner, id, "COMPLETED");
        assertThat(bank.balance(owner, "KRW")).isEqualByComparingTo("861310");
        assertThat(bank.balance(owner, "USD")).isEqualByComparingTo("100.00");
    }

    @Test
    void a_withdrawal_applied_right_before_a_crash_is_refunded_when_recovery_cannot_send_it_again() {
        String owner = customerWith("1000000", "0");
        Object quoteId = bank.quote(owner, "BUY", "USD", "100.00", null).get("quoteId");
        // krw-account applies the withdrawal; its answer never reaches the exchange service.
        bank.krwProxy.swallowAnswers();
        String id = (String) bank.exchange(owner, quoteId, "k1").getBody().get("id");
        assertThat(bank.ledgerEntries(Ledger.KRW_ACCOUNT, id, "WITHDRAWAL")).isOne();
        // What a crash right after the ledger's commit leaves: the exchange still STARTED (an instance killed between
        // the answer and the move to WITHDRAWN, or whose lease ran out while it waited for the answer), held for now.
        assertThat(bank.exchangeJdbc().sql("UPDATE exchange SET state = 'STARTED', reason = NULL, "
                        + "next_attempt_at = now() + interval '1 hour' WHERE id = :id AND state = 'WITHDRAWAL_UNKNOWN'")
                .param("id", UUID.fromString(id)).update()).isOne();
        bank.exchangeJdbc().sql("DELETE FROM exchange_history WHERE exchange_id = :id AND to_state <> 'STARTED'")
                .param("id", UUID.fromString(id)).update();
        bank.krwProxy.passAnswers();

        // Recovery finds it while krw-account's breaker is open: its withdrawal is not sent. Nothing says the first
        // one was not: the exchange must not end FAILED with the customer's won gone.
        bank.holdCircuitBreakerOpen(Ledger.KRW_ACCOUNT);
        bank.exchangeJdbc().sql("UPDATE exchange SET next_attempt_at = now() WHERE id = :id")
                .param("id", UUID.fromString(id)).update();

        awaitState(owner, id, "FAILED_REFUNDED");
        assertThat(bank.states(bank.read(owner, id))).containsExactly("STARTED", "CANCELING_WITHDRAWAL", "FAILED_REFUNDED");
        assertThat(bank.balance(owner, "KRW")).isEqualByComparingTo("1000000");
        assertThat(bank.balance(owner, "USD")).isEqualByComparingTo("0");
        assertThat(bank.ledgerEntries(Ledger.KRW_ACCOUNT, id, "WITHDRAWAL_REFUND")).isOne();
    }

    @Test
    void a_withdrawal_the_first_drive_could_not_send_fails_the_exchange_at_once_and_moves_nothing() {
        String owner = customerWith("1000000", "0");
        Object quoteId = bank.quote(owner, "BUY", "USD", "100.00", null).get("quoteId");
        bank.holdCircuitBreakerOpen(Ledger.KRW_ACCOUNT);

        Map<String, Object> answered = bank.exchange(owner, quoteId, "k1").getBody();

        assertThat(answered).containsEntry("state", "FAILED")
                .containsEntry("reason", "nothing withdrawn: krw-account is unavailable (not called while it recovers)");
        assertThat(bank.balance(owner, "KRW")).isEqualByComparingTo("1000000");
        assertThat(bank.ledgerEntries(Ledger.KRW_ACCOUNT, (String) answered.get("id"), "WITHDRAWAL")).isZero();
    }

    @Test
    void an_exchange_service_restart_in_the_middle_of_a_saga_ends_in_a_final_state() {
        String owner = customerWith("1000000", "0");
        Object quoteId = bank.quote(owner, "BUY", "USD", "100.00", null).get("quoteId");
        bank.fxProxy.swallowAnswers();
        String id = (String) bank.exchange(owner, quoteId, "k1").getBody().get("id");

        bank.stopExchange();
        bank.fxProxy.passAnswers();
        bank.startExchange();

        awaitState(owner, id, "COMPLETED");
        assertThat(bank.balance(owner, "KRW")).isEqualByComparingTo("861310");
        assertThat(bank.balance(owner, "USD")).isEqualByComparingTo("100.00");
    }

    @Test
    void with_the_source_ledger_stopped_during_the_compensation_exchanges_are_answered_and_the_refund_lands_after_its_restart() {
        String owner = customerWith("1000000", "0");
        bank.freeze(owner, "USD");
        Object quoteId = bank.quote(owner, "BUY", "USD", "100.00", null).get("quoteId");
        // The ledger's answer to the deposit is held back until krw-account is down; the deposit is refused.
        bank.fxProxy.swallowAnswers();
        String id = (String) bank.exchange(owner, quoteId, "k1").getBody().get("id");
        bank.stopLedger(Ledger.KRW_ACCOUNT);
        bank.fxProxy.passAnswers();

        awaitState(owner, id, "CANCELING_WITHDRAWAL");
        Map<String, Object> answered = bank.read(owner, id);
        assertThat(answered).containsEntry("outcome", "FAILED_REFUND_PENDING");

        // Meanwhile the bank still answers customers.
        String other = Bank.newCustomer();
        assertThat(bank.customer(other).get().uri("/api/v1/exchanges").retrieve().toBodilessEntity()
                .getStatusCode().value()).isEqualTo(200);

        bank.startLedger(Ledger.KRW_ACCOUNT);
        awaitState(owner, id, "FAILED_REFUNDED");
        assertThat(bank.balance(owner, "KRW")).isEqualByComparingTo("1000000");
        assertThat(bank.ledgerEntries(Ledger.KRW_ACCOUNT, id, "WITHDRAWAL_REFUND")).isOne();
    }

    @Test
    void an_exchange_out_of_attempts_is_flagged_with_an_alert_and_still_completes_later() {
        String owner = customerWith("1000000", "0");
        Object quoteId = bank.quote(owner, "BUY", "USD", "1.00", null).get("quoteId");
        bank.fxProxy.swallowAnswers();
        String id = (String) bank.exchange(owner, quoteId, "k1").getBody().get("id");

        await().atMost(Duration.ofSeconds(60)).until(() -> bank.operator().get().uri("/ops/v1/exchanges/attention")
                .retrieve().body(Bank.JSON_LIST).stream().anyMatch(e -> id.equals(e.get("id"))));
        String alert = bank.rawKafka.awaitRecords(Topics.ALERTS, id, 1).getFirst().value();
        assertThat(new MessageCodec().decode(alert, ExchangeAlert.class).state()).isEqualTo("DEPOSIT_UNKNOWN");

        bank.fxProxy.passAnswers();
        awaitState(owner, id, "COMPLETED");
        assertThat(bank.balance(owner, "USD")).isEqualByComparingTo("1.00");
    }

    @Test
    void two_instances_recover_side_by_side_and_no_exchange_is_driven_twice() {
        String owner = customerWith("10000000", "0");
        List<String> ids = new ArrayList<>();
        bank.fxProxy.swallowAnswers();
        for (int i = 0; i < 4; i++) {
            Object quoteId = bank.quote(owner, "BUY", "USD", "10.00", null).get("quoteId");
            ids.add((String) bank.exchange(owner, quoteId, "k" + i).getBody().get("id"));
        }
        var second = bank.startSecondExchangeInstance();
        try {
            bank.fxProxy.passAnswers();
            for (String id : ids) {
                awaitState(owner, id, "COMPLETED");
                assertThat(bank.states(bank.read(owner, id)))
                        .containsExactly("STARTED", "WITHDRAWN", "DEPOSIT_UNKNOWN", "COMPLETED");
                assertThat(bank.ledgerEntries(Ledger.FX_ACCOUNT, id, "DEPOSIT")).isOne();
            }
            assertThat(bank.balance(owner, "USD")).isEqualByComparingTo("40.00");
        } finally {
            second.close();
        }
    }

    private String customerWith(String krw, String usd) {
        String owner = Bank.newCustomer();
        bank.openAccount(owner, "KRW", krw);
        bank.openAccount(owner, "USD", usd);
        return owner;
    }

    private void awaitState(String owner, String id, String state) {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(bank.read(owner, id)).containsEntry("state", state));
    }
}
