package com.fxbank.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fxbank.messaging.Ledger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 15: an operator finds exchanges without SQL — by customer, state, direction, age, a refund pending too long —
 * newest first, a page at a time, with the counts per state; what the search is given is checked before anything is
 * read.
 */
class OperatorSearchTest {

    private final Bank bank = Bank.get();

    @Test
    void an_operator_finds_a_customers_exchanges_by_state_direction_and_a_refund_pending_too_long() {
        String owner = Bank.newCustomer();
        bank.openAccount(owner, "KRW", "10000000");
        bank.openAccount(owner, "USD", "1000.00");
        String bought = exchange(owner, "BUY", "10.00");
        String sold = exchange(owner, "SELL", "20.00");
        // Deposit refused; its refund held back while krw-account is down.
        bank.freeze(owner, "USD");
        Object quoteId = bank.quote(owner, "BUY", "USD", "30.00", null).get("quoteId");
        bank.fxProxy.swallowAnswers();
        String refused = (String) bank.exchange(owner, quoteId, "k-refused").getBody().get("id");
        bank.stopLedger(Ledger.KRW_ACCOUNT);
        try {
            bank.fxProxy.passAnswers();
            await().atMost(Duration.ofSeconds(60)).until(() -> "CANCELING_WITHDRAWAL".equals(bank.read(owner, refused).get("state")));

            assertThat(ids(search("customer=" + owner))).as("newest first").containsExactly(refused, sold, bought);
            assertThat(ids(search("customer=" + owner + "&direction=SELL"))).containsExactly(sold);
            assertThat(ids(search("customer=" + owner + "&state=COMPLETED"))).containsExactly(sold, bought);
            assertThat(ids(search("customer=" + owner + "&refundPendingLongerThan=PT0S"))).containsExactly(refused);
            assertThat(ids(search("customer=" + owner + "&refundPendingLongerThan=1h"))).isEmpty();
            assertThat(ids(search("customer=" + owner + "&olderThan=1h"))).isEmpty();

            Map<String, Object> first = search("customer=" + owner + "&size=2");
            assertThat(ids(first)).containsExactly(refused, sold);
            assertThat(first).containsEntry("more", true);
            Map<String, Object> second = search("customer=" + owner + "&size=2&page=1");
            assertThat(ids(second)).containsExactly(bought);
            assertThat(second).containsEntry("more", false);

            Map<?, ?> counts = (Map<?, ?>) first.get("counts");
            assertThat(((Number) ((Map<?, ?>) counts.get("unfinished")).get("CANCELING_WITHDRAWAL")).longValue()).isPositive();
            assertThat(((Number) ((Map<?, ?>) counts.get("finalLast24Hours")).get("COMPLETED")).longValue()).isGreaterThanOrEqualTo(2);
        } finally {
            bank.startLedger(Ledger.KRW_ACCOUNT);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> "FAILED_REFUNDED".equals(bank.read(owner, refused).get("state")));
        assertThat(ids(search("customer=" + owner + "&state=FAILED_REFUNDED"))).containsExactly(refused);
    }

    @ParameterizedTest
    @ValueSource(strings = {"state=NOPE", "state=completed", "direction=UP", "olderThan=abc", "olderThan=-PT1M",
            "refundPendingLongerThan=PT", "size=0", "size=101", "size=x", "page=-1", "page=100&size=100",
            "page=2147483647&size=100", "page=99999999999", "attention=maybe",
            "customer=%00", "customer=a%20b", "customer=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void a_search_it_cannot_run_is_a_400_that_says_why(String query) {
        // Sent as written (a URI template would encode the % of %00 again).
        var response = bank.operator().get().uri(URI.create(bank.exchangeUrl() + "/ops/v1/exchanges?" + query))
                .retrieve().toEntity(Bank.JSON);
        assertThat(response.getStatusCode().value()).as(query).isEqualTo(400);
        assertThat(response.getBody()).as(query).containsKey("detail");
    }

    @Test
    void customers_cannot_search() {
        assertThat(bank.customer(Bank.newCustomer()).get().uri("/ops/v1/exchanges").retrieve().toBodilessEntity()
                .getStatusCode().value()).isEqualTo(403);
    }

    private String exchange(String owner, String side, String amount) {
        Object quoteId = bank.quote(owner, side, "USD", amount, null).get("quoteId");
        Map<String, Object> body = bank.exchange(owner, quoteId, "k-" + side).getBody();
        assertThat(body).containsEntry("outcome", "COMPLETED");
        return (String) body.get("id");
    }

    private Map<String, Object> search(String query) {
        var response = bank.operator().get().uri("/ops/v1/exchanges?" + query).retrieve().toEntity(Bank.JSON);
        assertThat(response.getStatusCode().value()).as("%s: %s", query, response.getBody()).isEqualTo(200);
        return response.getBody();
    }

    private static List<Object> ids(Map<String, Object> page) {
        return ((List<?>) page.get("exchanges")).stream().<Object>map(exchange -> ((Map<?, ?>) exchange).get("id")).toList();
    }
}
