package com.fxbank.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The saga steps over HTTP: idempotent by exchangeId, refusals as answers, status reads (DESIGN B2). */
class LedgerSagaEndToEndTest extends KrwLedgerIntegrationTest {

    @Test
    void the_same_withdrawal_sent_twice_moves_money_once_and_answers_the_same() {
        String owner = newOwner();
        String account = openFundedAccount(owner, 100_000);
        String exchangeId = newExchangeId();

        ResponseEntity<Map<String, Object>> first = withdraw(exchangeId, owner, 30_000);
        ResponseEntity<Map<String, Object>> second = withdraw(exchangeId, owner, 30_000);

        assertThat(first.getStatusCode().value()).isEqualTo(200);
        assertThat(first.getBody()).containsEntry("state", "APPLIED").containsEntry("amount", "30000");
        assertThat(second.getBody()).isEqualTo(first.getBody());
        assertThat(balance(account)).isEqualByComparingTo("70000");
        assertThat(entries(exchangeId, "WITHDRAWAL")).isOne();
        assertBalanceIsSumOfEntries(account);
    }

    @Test
    void the_same_deposit_sent_twice_moves_money_once() {
        String owner = newOwner();
        String account = openFundedAccount(owner, 0);
        String exchangeId = newExchangeId();

        assertThat(deposit(exchangeId, owner, 12_345).getBody()).containsEntry("state", "APPLIED");
        assertThat(deposit(exchangeId, owner, 12_345).getBody()).containsEntry("state", "APPLIED");

        assertThat(balance(account)).isEqualByComparingTo("12345");
        assertThat(entries(exchangeId, "DEPOSIT")).isOne();
        assertBalanceIsSumOfEntries(account);
    }

    @Test
    void a_repeat_with_another_amount_is_a_conflict_and_changes_nothing() {
        String owner = newOwner();
        String account = openFundedAccount(owner, 50_000);
        String exchangeId = newExchangeId();
        withdraw(exchangeId, owner, 10_000);

        ResponseEntity<Map<String, Object>> conflicting = withdraw(exchangeId, owner, 20_000);

        assertThat(conflicting.getStatusCode().value()).isEqualTo(409);
        assertThat(balance(account)).isEqualByComparingTo("40000");
    }

    @Test
    void a_withdrawal_beyond_the_balance_is_refused_and_stays_refused_after_a_top_up() {
        String owner = newOwner();
        String account = openFundedAccount(owner, 1_000);
        String exchangeId = newExchangeId();

        ResponseEntity<Map<String, Object>> refused = withdraw(exchangeId, owner, 5_000);
        assertThat(refused.getStatusCode().value()).isEqualTo(200);
        assertThat(refused.getBody()).containsEntry("state", "REFUSED").containsEntry("reason", "INSUFFICIENT_FUNDS");

        topUp(account, 10_000);
        assertThat(withdraw(exchangeId, owner, 5_000).getBody())
                .as("the first result stands").containsEntry("reason", "INSUFFICIENT_FUNDS");
        assertThat(balance(account)).isEqualByComparingTo("11000");
        assertThat(entries(exchangeId, "WITHDRAWAL")).isZero();
    }

    @Test
    void a_frozen_account_refuses_deposits_and_withdrawals() {
        String owner = newOwner();
        String account = openFundedAccount(owner, 10_000);
        ResponseEntity<Map<String, Object>> unexplained = operator().put().uri("/ops/v1/accounts/{id}/frozen", account)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("frozen", true)).retrieve().toEntity(JSON);
        assertBadRequest(unexplained, "a freeze needs a reason");
        assertThat(deposit(newExchangeId(), owner, 1).getBody()).as("nothing frozen without a reason")
                .containsEntry("state", "APPLIED");

        ResponseEntity<Map<String, Object>> frozen = operator().put().uri("/ops/v1/accounts/{id}/frozen", account)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("frozen", true, "reason", "INC-42: card reported stolen"))
                .retrieve().toEntity(JSON);
        assertThat(frozen.getBody()).containsEntry("frozen", true);
        List<Map<String, Object>> journal = operator().get().uri("/ops/v1/actions?target={id}", account).retrieve()
                .body(new ParameterizedTypeReference<List<Map<String, Object>>>() { });
        assertThat(journal).singleElement().satisfies(action -> assertThat(action)
                .containsEntry("action", "FREEZE").containsEntry("reason", "INC-42: card reported stolen")
                .containsEntry("target", account).containsKeys("operator", "at", "result"));

        assertThat(deposit(newExchangeId(), owner, 1_000).getBody())
                .containsEntry("state", "REFUSED").containsEntry("reason", "ACCOUNT_FROZEN");
        assertThat(withdraw(newExchangeId(), owner, 1_000).getBody())
                .containsEntry("state", "REFUSED").containsEntry("reason", "ACCOUNT_FROZEN");
        assertThat(balance(account)).isEqualByComparingTo("10001");
    }

    @Test
    void limits_refuse_a_deposit_above_the_maximum_balance_and_a_withdrawal_above_the_maximum() {
        String owner = newOwner();
        String account = openFundedAccount(owner, 10_000);
        operator().put().uri("/ops/v1/accounts/{id}/limits", account).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("maxBalance", 15_000, "maxWithdrawal", 2_000, "reason", "test: limits")).retrieve().toEntity(JSON);

        assertThat(deposit(newExchangeId(), owner, 5_001).getBody()).containsEntry("reason", "LIMIT_EXCEEDED");
        assertThat(deposit(newExchangeId(), owner, 5_000).getBody()).containsEntry("state", "APPLIED");
        assertThat(withdraw(newExchangeId(), owner, 2_001).getBody()).containsEntry("reason", "LIMIT_EXCEEDED");
        assertThat(withdraw(newExchangeId(), owner, 2_000).getBody()).containsEntry("state", "APPLIED");
        assertThat(balance(account)).isEqualByComparingTo("13000");
        assertBalanceIsSumOfEntries(account);
    }

    @Test
    void an_owner_without_an_account_in_that_currency_is_refused() {
        assertThat(withdraw(newExchangeId(), newOwner(), 1_000).getBody())
                .containsEntry("state", "REFUSED").containsEntry("reason", "NO_SUCH_ACCOUNT");
        ResponseEntity<Map<String, Object>> usd = service().put().uri("/internal/v1/deposits/{id}", newExchangeId())
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("owner", newOwner(), "amount", "10.00", "currency", "USD")).retrieve().toEntity(JSON);
        assertThat(usd.getBody()).containsEntry("reason", "NO_SUCH_ACCOUNT");
    }

    @Test
    void status_reads_say_not_found_then_what_was_done() {
        String owner = newOwner();
        openFundedAccount(owner, 5_000);
        String exchangeId = newExchangeId();

        ResponseEntity<Map<String, Object>> before = service().get().uri("/internal/v1/withdrawals/{id}", exchangeId)
                .retrieve().toEntity(JSON);
        assertThat(before.getStatusCode().value()).isEqualTo(404);
        assertThat(before.getBody()).containsEntry("state", "NOT_FOUND");

        withdraw(exchangeId, owner, 1_000);

        assertThat(service().get().uri("/internal/v1/withdrawals/{id}", exchangeId).retrieve().toEntity(JSON).getBody())
                .containsEntry("state", "APPLIED").containsEntry("owner", owner);
        assertThat(service().get().uri("/internal/v1/deposits/{id}", exchangeId).retrieve().toEntity(JSON)
                .getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void bad_input_is_a_400_that_says_why_and_moves_nothing() {
        String owner = newOwner();
        String account = openFundedAccount(owner, 5_000);
        BigDecimal before = balance(account);

        assertBadRequest(service().put().uri("/internal/v1/withdrawals/{id}", "not-a-uuid")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("owner", owner, "amount", 1, "currency", "KRW"))
                .retrieve().toEntity(JSON), "exchangeId must be");
        assertBadRequest(stepBody(Map.of("owner", owner, "amount", "10.5", "currency", "KRW")), "minor unit");
        assertBadRequest(stepBody(Map.of("owner", owner, "amount", -5, "currency", "KRW")), "no sign");
        assertBadRequest(stepBody(Map.of("owner", owner, "amount", 0, "currency", "KRW")), "positive");
        assertBadRequest(stepBody(Map.of("owner", owner, "currency", "KRW")), "amount is required");
        assertBadRequest(stepBody(Map.of("owner", owner, "amount", 5, "currency", "XYZ")), "unknown currency");
        assertBadRequest(stepBody(Map.of("owner", owner, "amount", "1000000000001", "currency", "KRW")), "at most");
        assertBadRequest(stepBody(Map.of("amount", 5, "currency", "KRW")), "owner is required");
        ResponseEntity<Map<String, Object>> notJson = service().put().uri("/internal/v1/withdrawals/{id}", newExchangeId())
                .contentType(MediaType.APPLICATION_JSON).body("{amount:").retrieve().toEntity(JSON);
        assertThat(notJson.getStatusCode().value()).isEqualTo(400);

        assertThat(balance(account)).isEqualByComparingTo(before);
    }

    /**
     * Amounts that once reached {@code BigDecimal} arithmetic unchecked (seconds of CPU, a 100 MB error body,
     * an OutOfMemoryError), sent to every endpoint of this service that takes one: each is a short 400, answered
     * at once, and no balance, limit or entry changes.
     */
    @Test
    void amounts_no_server_should_compute_with_are_a_short_400_on_every_money_endpoint() {
        String owner = newOwner();
        String account = openFundedAccount(owner, 5_000);
        long rowsBefore = rowsOf(owner);
        String digits = "9".repeat(10_000);
        List<String> hostile = List.of("1e3000000", "\"1e3000000\"", "1e999999999", "1e-100000000", "1e-1000000000",
                digits, "\"" + digits + "\"", "0." + digits, "\"NaN\"", "NaN", "\"Infinity\"", "-0", "\"-0\"", "-0.0",
                "\"0x10\"", "\" 100\"", "true", "{}", "[1]");
        for (String amount : hostile) {
            String shown = amount.length() > 30 ? amount.substring(0, 30) + "…" : amount;
            Map<String, String> endpoints = Map.of(
                    "withdrawal", "PUT /internal/v1/withdrawals/" + newExchangeId(),
                    "deposit", "PUT /internal/v1/deposits/" + newExchangeId(),
                    "top-up", "POST /ops/v1/accounts/" + account + "/top-ups",
                    "limits", "PUT /ops/v1/accounts/" + account + "/limits");
            for (var endpoint : endpoints.entrySet()) {
                String[] call = endpoint.getValue().split(" ");
                String body = switch (endpoint.getKey()) {
                    case "top-up" -> "{\"currency\":\"KRW\",\"reference\":\"r-" + newExchangeId() + "\",\"amount\":" + amount + "}";
                    case "limits" -> "{\"reason\":\"hostile amounts\",\"maxBalance\":" + amount + "}";
                    default -> "{\"owner\":\"" + owner + "\",\"currency\":\"KRW\",\"amount\":" + amount + "}";
                };
                var client = endpoint.getKey().startsWith("top") || endpoint.getKey().equals("limits") ? operator() : service();
                long started = System.nanoTime();
                ResponseEntity<String> answer = client.method(HttpMethod.valueOf(call[0]))
                        .uri(call[1]).contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(String.class);
                long millis = (System.nanoTime() - started) / 1_000_000;
                assertThat(answer.getStatusCode().value()).as("%s with %s", endpoint.getKey(), shown).isEqualTo(400);
                assertThat(answer.getBody()).as("%s with %s", endpoint.getKey(), shown).hasSizeLessThan(600);
                // A second is far above what refusing any of these costs now, and far below what they cost before.
                assertThat(millis).as("milliseconds of %s with %s", endpoint.getKey(), shown).isLessThan(1_000);
            }
        }
        assertThat(balance(account)).isEqualByComparingTo("5000");
        assertThat(rowsOf(owner)).isEqualTo(rowsBefore);
        assertThat(operator().get().uri("/ops/v1/accounts/{id}", account).retrieve().body(JSON))
                .containsEntry("maxBalance", null);
    }

    /** Repeated top-ups once overflowed NUMERIC(19, 4) into a 500; now the ceiling stops them with a 422. */
    @Test
    void top_ups_stop_at_the_balance_ceiling_with_a_422_and_a_deposit_there_is_refused() {
        String owner = newOwner();
        String account = openFundedAccount(owner, 0);
        for (int i = 0; i < 100; i++) {
            topUp(account, 1_000_000_000_000L);
        }
        assertThat(balance(account)).isEqualByComparingTo("100000000000000");

        ResponseEntity<Map<String, Object>> above = operator().post().uri("/ops/v1/accounts/{id}/top-ups", account)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("amount", "1", "currency", "KRW", "reference", "one-too-many-" + newExchangeId()))
                .retrieve().toEntity(JSON);
        assertThat(above.getStatusCode().value()).isEqualTo(422);
        assertThat((String) above.getBody().get("detail")).contains("100000000000000");
        assertThat(deposit(newExchangeId(), owner, 1).getBody())
                .containsEntry("state", "REFUSED").containsEntry("reason", "LIMIT_EXCEEDED");
        assertThat(balance(account)).isEqualByComparingTo("100000000000000");
        assertBalanceIsSumOfEntries(account);
    }

    @Test
    void a_top_up_with_the_same_reference_is_applied_once() {
        String account = openFundedAccount(newOwner(), 0);
        Map<String, Object> body = Map.of("amount", 700, "currency", "KRW", "reference", "topup-" + newExchangeId());

        ResponseEntity<Map<String, Object>> first = operator().post().uri("/ops/v1/accounts/{id}/top-ups", account)
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(JSON);
        ResponseEntity<Map<String, Object>> again = operator().post().uri("/ops/v1/accounts/{id}/top-ups", account)
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(JSON);

        assertThat(first.getStatusCode().value()).isEqualTo(201);
        assertThat(again.getStatusCode().value()).isEqualTo(200);
        assertThat(balance(account)).isEqualByComparingTo("700");
    }

    private ResponseEntity<Map<String, Object>> stepBody(Map<String, Object> body) {
        return service().put().uri("/internal/v1/withdrawals/{id}", newExchangeId())
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(JSON);
    }

    private void topUp(String account, long krw) {
        operator().post().uri("/ops/v1/accounts/{id}/top-ups", account).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("amount", krw, "currency", "KRW", "reference", "t-" + newExchangeId())).retrieve().toEntity(JSON);
    }

    private static void assertBadRequest(ResponseEntity<Map<String, Object>> response, String reason) {
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat((String) response.getBody().get("detail")).contains(reason);
    }
}
