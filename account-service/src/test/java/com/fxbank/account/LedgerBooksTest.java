package com.fxbank.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fxbank.security.Role;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;

/**
 * The KRW ledger's own books: every movement a customer sees has its counter-leg on the bank's account, the books
 * balance, a statement reconciles, and the bank's accounts are no lock one exchange waits on for another.
 */
class LedgerBooksTest extends KrwLedgerIntegrationTest {

    @Test
    void every_movement_has_its_counter_leg_and_the_books_balance() {
        BigDecimal positionBefore = bankBalance("POSITION");
        BigDecimal fundingBefore = bankBalance("FUNDING");
        String owner = newOwner();
        String account = openFundedAccount(owner, 1_000_000);

        String withdrawn = newExchangeId();
        assertThat(withdraw(withdrawn, owner, 300_000).getBody()).containsEntry("state", "APPLIED");
        assertThat(withdraw(withdrawn, owner, 300_000).getBody()).containsEntry("state", "APPLIED"); // a repeat moves nothing
        String deposited = newExchangeId();
        assertThat(deposit(deposited, owner, 50_000).getBody()).containsEntry("state", "APPLIED");
        String refunded = newExchangeId();
        assertThat(withdraw(refunded, owner, 20_000).getBody()).containsEntry("state", "APPLIED");
        publishCancel(refunded);
        awaitRecords(RESPONSES, refunded, 1);
        String refused = newExchangeId();
        assertThat(withdraw(refused, owner, 5_000_000).getBody()).containsEntry("state", "REFUSED");
        String tombstoned = newExchangeId();
        publishCancel(tombstoned);
        awaitRecords(RESPONSES, tombstoned, 1);
        assertThat(withdraw(tombstoned, owner, 1_000).getBody()).containsEntry("state", "REFUSED");

        // The desk received 300,000 and paid out 50,000; the refund gave the 20,000 back; a top-up is the outside world's.
        assertThat(bankBalance("POSITION").subtract(positionBefore)).isEqualByComparingTo("250000");
        assertThat(bankBalance("FUNDING").subtract(fundingBefore)).isEqualByComparingTo("-1000000");
        assertThat(balance(account)).isEqualByComparingTo("750000");
        assertThat(jdbc.sql("""
                        SELECT count(*) FROM ledger_entry e LEFT JOIN posting_leg l ON l.entry_id = e.id
                        WHERE l.entry_id IS NULL OR l.amount <> -e.amount""").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT (SELECT COALESCE(SUM(amount), 0) FROM ledger_entry) + (SELECT COALESCE(SUM(amount), 0) FROM posting_leg)")
                .query(BigDecimal.class).single()).isEqualByComparingTo("0");

        // What an operator reads: the bank's accounts, negative where they are short.
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> books = (List<Map<String, Object>>) operator().get().uri("/ops/v1/books").retrieve()
                .body(JSON).get("accounts");
        assertThat(books).hasSize(2);
        for (String bankAccount : List.of("POSITION", "FUNDING")) {
            assertThat(books).filteredOn(line -> bankAccount.equals(line.get("account"))).singleElement().satisfies(line -> {
                assertThat(line).containsEntry("currency", "KRW").containsEntry("legs", legs(bankAccount));
                assertThat(new BigDecimal((String) line.get("balance"))).isEqualByComparingTo(bankBalance(bankAccount));
            });
        }
        assertThat(as(Role.CUSTOMER, owner).get().uri("/ops/v1/books").retrieve().toBodilessEntity().getStatusCode().value())
                .isEqualTo(403);
    }

    @Test
    void a_statement_reconciles_and_one_period_closes_where_the_next_opens() {
        String owner = newOwner();
        String account = openFundedAccount(owner, 500_000);
        withdraw(newExchangeId(), owner, 100_000);
        // A bound the database's microseconds cannot straddle: the withdrawal was booked before it, the deposit after.
        Instant middle = Instant.now().truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
        await().pollInterval(Duration.ofMillis(1)).until(() -> Instant.now().isAfter(middle));
        String exchange = newExchangeId();
        deposit(exchange, owner, 7_000);

        Map<String, Object> first = statement(owner, account, null, middle.toString());
        Map<String, Object> second = statement(owner, account, middle.toString(), null);
        assertThat(new BigDecimal((String) first.get("openingBalance"))).isZero();
        assertThat(entries(first)).extracting(line -> line.get("kind")).containsExactly("TOP_UP", "WITHDRAWAL");
        assertThat(entries(second)).singleElement().satisfies(line -> {
            assertThat(line).containsEntry("kind", "DEPOSIT").containsEntry("exchangeId", exchange);
            assertThat(new BigDecimal((String) line.get("amount"))).isEqualByComparingTo("7000");
        });
        for (Map<String, Object> statement : List.of(first, second)) {
            BigDecimal sum = new BigDecimal((String) statement.get("openingBalance"));
            for (Map<String, Object> line : entries(statement)) {
                sum = sum.add(new BigDecimal((String) line.get("amount")));
            }
            assertThat(sum).isEqualByComparingTo((String) statement.get("closingBalance"));
        }
        assertThat(second.get("openingBalance")).isEqualTo(first.get("closingBalance"));
        assertThat(new BigDecimal((String) second.get("closingBalance"))).isEqualByComparingTo(balance(account));
        assertThat(operator().get().uri("/ops/v1/accounts/{id}/statement?to={to}", account, middle.toString())
                .retrieve().body(JSON)).isEqualTo(first);

        // Someone else's account is not there; a bound that is not a time is a short 400.
        assertThat(as(Role.CUSTOMER, newOwner()).get().uri("/api/v1/accounts/{id}/statement", account).retrieve()
                .toBodilessEntity().getStatusCode().value()).isEqualTo(404);
        ResponseEntity<Map<String, Object>> bad = as(Role.CUSTOMER, owner).get()
                .uri("/api/v1/accounts/{id}/statement?from={from}", account, "x".repeat(5000)).retrieve().toEntity(JSON);
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat((String) bad.getBody().get("detail")).contains("from must be an instant").hasSizeLessThan(200);
        assertThat(as(Role.CUSTOMER, owner).get().uri("/api/v1/accounts/{id}/statement?from={from}&to={to}", account,
                middle.toString(), middle.minusSeconds(60).toString()).retrieve().toBodilessEntity().getStatusCode().value())
                .isEqualTo(400);
        // Instants Java parses but no database timestamp holds are a 400 too, never a database error.
        for (String far : List.of("-290000-01-01T00:00:00Z", "+200000-01-01T00:00:00Z", "1969-12-31T23:59:59Z")) {
            assertThat(as(Role.CUSTOMER, owner).get().uri("/api/v1/accounts/{id}/statement?from={from}", account, far)
                    .retrieve().toBodilessEntity().getStatusCode().value()).as(far).isEqualTo(400);
        }
    }

    /**
     * How the test knows the bank's account is no lock: it holds open, uncommitted, what an exchange's transaction
     * writes on the desk's position (an entry and its leg on POSITION KRW) and locks every leg the bank's accounts
     * already have. If the bank's balance were a row each movement updated, or if writing a leg waited on other legs,
     * the 50 withdrawals and deposits of 50 customers would wait for this transaction; they all complete while it is
     * still open.
     */
    @Test
    void fifty_concurrent_saga_steps_of_different_customers_never_wait_on_the_banks_account() throws Exception {
        List<String> owners = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String owner = newOwner();
            openFundedAccount(owner, 10_000);
            owners.add(owner);
        }
        String holder = newOwner();
        String holderAccount = openFundedAccount(holder, 10_000);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try (Connection held = database.connect()) {
            held.setAutoCommit(false);
            try (PreparedStatement entry = held.prepareStatement("""
                    INSERT INTO ledger_entry (account_id, kind, amount, balance_after, reference, created_at)
                    VALUES (?, 'WITHDRAWAL', -1, 9999, ?, CURRENT_TIMESTAMP)""")) {
                entry.setObject(1, UUID.fromString(holderAccount));
                entry.setString(2, newExchangeId());
                entry.executeUpdate();
            }
            try (var leg = held.createStatement()) {
                leg.executeUpdate("INSERT INTO posting_leg (entry_id, bank_account, currency, amount, created_at) "
                        + "SELECT max(id), 'POSITION', 'KRW', 1, CURRENT_TIMESTAMP FROM ledger_entry");
                try (ResultSet locked = leg.executeQuery("SELECT entry_id FROM posting_leg FOR UPDATE")) {
                    assertThat(locked.next()).isTrue();
                }
            }
            // Both halves of exchanges: 25 withdrawals credit the position, 25 deposits debit it.
            List<Future<ResponseEntity<Map<String, Object>>>> answers = new ArrayList<>();
            for (int i = 0; i < owners.size(); i++) {
                String owner = owners.get(i);
                answers.add(pool.submit(i % 2 == 0 ? () -> withdraw(newExchangeId(), owner, 1_000)
                        : () -> deposit(newExchangeId(), owner, 1_000)));
            }
            for (Future<ResponseEntity<Map<String, Object>>> answer : answers) {
                assertThat(answer.get(30, TimeUnit.SECONDS).getBody()).containsEntry("state", "APPLIED");
            }
            held.rollback();
        } finally {
            pool.shutdownNow();
        }
        for (int i = 0; i < owners.size(); i++) {
            assertThat(jdbc.sql("SELECT balance FROM account WHERE owner = :owner").param("owner", owners.get(i))
                    .query(BigDecimal.class).single()).isEqualByComparingTo(i % 2 == 0 ? "9000" : "11000");
        }
    }

    private Map<String, Object> statement(String owner, String account, String from, String to) {
        StringBuilder uri = new StringBuilder("/api/v1/accounts/" + account + "/statement?");
        if (from != null) {
            uri.append("from=").append(from).append('&');
        }
        if (to != null) {
            uri.append("to=").append(to);
        }
        ResponseEntity<Map<String, Object>> answer = as(Role.CUSTOMER, owner).get().uri(uri.toString()).retrieve().toEntity(JSON);
        assertThat(answer.getStatusCode().value()).as(answer.toString()).isEqualTo(200);
        return answer.getBody();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> entries(Map<String, Object> statement) {
        return (List<Map<String, Object>>) statement.get("entries");
    }

    private BigDecimal bankBalance(String account) {
        return jdbc.sql("SELECT COALESCE(SUM(amount), 0) FROM posting_leg WHERE bank_account = :account AND currency = 'KRW'")
                .param("account", account).query(BigDecimal.class).single();
    }

    private int legs(String account) {
        return jdbc.sql("SELECT count(*) FROM posting_leg WHERE bank_account = :account AND currency = 'KRW'")
                .param("account", account).query(Integer.class).single();
    }
}
