package com.fxbank.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fxbank.audit.AuditReport;
import com.fxbank.audit.AuditTarget;
import com.fxbank.audit.MoneyAudit;
import com.fxbank.issuer.IssuerTokens;
import com.fxbank.security.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * The launcher's bank with its demo customers: one exchange completes, one is refunded through Kafka,
 * the audit comes out clean — and names the exchange as soon as a ledger holds one cent too many.
 */
class AuditTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };
    private static final ParameterizedTypeReference<List<Map<String, Object>>> JSON_LIST = new ParameterizedTypeReference<>() { };

    @TempDir
    Path home;

    /** This bank's issuer: the tokens of one test's bank are no good at another's. */
    private IssuerTokens tokens;

    @Test
    void a_completed_and_a_refunded_exchange_leave_a_clean_audit_and_money_created_afterwards_is_named() throws Exception {
        LaunchSettings settings = embeddedBank();
        try (RunningBank bank = RunningBank.start(settings)) {
            tokens = bank.tokens();
            DemoCustomers.seed(settings, tokens);
            DemoCustomers.seed(settings, tokens); // a second start seeds nothing twice

            String completed = exchange(settings, "alice", "100.00");
            assertThat(read(settings, "alice", completed)).containsEntry("outcome", "COMPLETED");

            RestClient fxOps = client(settings.fxAccountPort(), tokens.mint("ops", Role.OPERATOR));
            String bobsUsd = (String) fxOps.get().uri("/ops/v1/accounts?owner=bob").retrieve().body(JSON_LIST).getFirst().get("id");
            fxOps.put().uri("/ops/v1/accounts/{id}/frozen", bobsUsd).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("frozen", true, "reason", "test: a frozen account refuses deposits")).retrieve().toBodilessEntity();
            String refunded = exchange(settings, "bob", "10.00");
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    "FAILED_REFUNDED".equals(read(settings, "bob", refunded).get("state")));

            AuditReport clean = await().atMost(Duration.ofSeconds(30))
                    .until(() -> MoneyAudit.run(BankAudit.targetOf(settings, bank.bootstrapServers())), AuditReport::clean);
            assertThat(clean.facts()).anySatisfy(fact -> assertThat(fact).contains("COMPLETED=1", "FAILED_REFUNDED=1"));
            assertThat(balance(settings, "krw_account", "alice")).isEqualByComparingTo("9861310");
            assertThat(balance(settings, "krw_account", "bob")).isEqualByComparingTo("5000000");

            // A refund that never should have been: alice's fx ledger holds 0.01 USD too many for her exchange.
            try (Connection fx = DriverManager.getConnection(new ServiceDatabases(settings).urlOf("fx_account"), "sa", "");
                 Statement sql = fx.createStatement()) {
                sql.executeUpdate("INSERT INTO ledger_entry (account_id, kind, amount, balance_after, reference, created_at) "
                        + "SELECT id, 'WITHDRAWAL_REFUND', 0.01, balance + 0.01, '" + completed + "', CURRENT_TIMESTAMP "
                        + "FROM account WHERE owner = 'alice' AND currency = 'USD'");
                sql.executeUpdate("UPDATE account SET balance = balance + 0.01 WHERE owner = 'alice' AND currency = 'USD'");
            }
            AuditReport tampered = MoneyAudit.run(BankAudit.targetOf(settings, bank.bootstrapServers()));
            assertThat(tampered.clean()).isFalse();
            assertThat(tampered.violations())
                    .anySatisfy(v -> assertThat(v).contains("exchange " + completed, "the target ledger moved 100.01"))
                    .anySatisfy(v -> assertThat(v).contains("fx-account: the WITHDRAWAL_REFUND of exchange " + completed,
                            "has no counter-leg on the bank's POSITION account"))
                    .anySatisfy(v -> assertThat(v).contains("fx-account USD: debits and credits differ by 0.01"));
        }
    }

    /**
     * Two frauds the sums alone cannot see: a quote edited after the fact (the customer got more than the rate
     * gives), and a deposit booked into another customer's account or into an account of another currency.
     * The audit names the exchange and says what is wrong each time.
     */
    @Test
    void an_edited_quote_and_an_entry_booked_in_the_wrong_account_are_named() throws Exception {
        LaunchSettings settings = embeddedBank();
        try (RunningBank bank = RunningBank.start(settings)) {
            tokens = bank.tokens();
            DemoCustomers.seed(settings, tokens);
            String exchanged = exchange(settings, "alice", "100.00");
            AuditTarget target = BankAudit.targetOf(settings, bank.bootstrapServers());
            AuditReport clean = await().atMost(Duration.ofSeconds(30)).until(() -> MoneyAudit.run(target), AuditReport::clean);
            assertThat(clean.facts()).contains("prices checked: 1");

            String quote = "(SELECT quote_id FROM exchange WHERE id = '" + exchanged + "')";
            sql(settings, "exchange", "UPDATE quote SET rate = rate - 100 WHERE id = " + quote);
            assertThat(MoneyAudit.run(target).violations())
                    .anySatisfy(v -> assertThat(v).contains("exchange " + exchanged, "customer rate is not the mid rate plus 50 bp"))
                    .anySatisfy(v -> assertThat(v).contains("exchange " + exchanged, "KRW amount does not follow"));
            sql(settings, "exchange", "UPDATE quote SET rate = rate + 100, mid_rate = 1390 WHERE id = " + quote);
            assertThat(MoneyAudit.run(target).violations())
                    .anySatisfy(v -> assertThat(v).contains("exchange " + exchanged, "on the customer's side of the mid rate"));
            sql(settings, "exchange", "UPDATE quote SET mid_rate = 1380 WHERE id = " + quote);
            assertThat(MoneyAudit.run(target).clean()).isTrue();

            // A customer's usage of their limits, counted short by an insider: named with the day it is wrong on.
            // (alice's day, her year, and what her exchanges that completed came to that day)
            assertThat(clean.facts()).anySatisfy(fact -> assertThat(fact).startsWith("customer usage: 3 counter(s)"));
            sql(settings, "exchange", "UPDATE customer_usage SET used = used - 50 WHERE owner = 'alice' AND period = 'DAY'");
            assertThat(MoneyAudit.run(target).violations()).singleElement().satisfies(v -> assertThat(v)
                    .startsWith("customer usage alice DAY ").contains("counted 50.00 USD", "add up to 100.00 USD"));
            sql(settings, "exchange", "UPDATE customer_usage SET used = used + 50 WHERE owner = 'alice' AND period = 'DAY'");
            assertThat(MoneyAudit.run(target).clean()).isTrue();
            // The day's completed total, which decides the large-exchange report, lowered to keep her out of it.
            sql(settings, "exchange", "UPDATE customer_usage SET completed = 0 WHERE owner = 'alice' AND period = 'DAY'");
            assertThat(MoneyAudit.run(target).violations()).singleElement().satisfies(v -> assertThat(v)
                    .startsWith("customer usage alice COMPLETED ").contains("counted 0.00 USD", "add up to 100.00 USD"));
            sql(settings, "exchange", "UPDATE customer_usage SET completed = 100 WHERE owner = 'alice' AND period = 'DAY'");
            assertThat(MoneyAudit.run(target).clean()).isTrue();

            String deposit = "UPDATE ledger_entry SET account_id = (SELECT id FROM account WHERE owner = '%s' AND currency = '%s') "
                    + "WHERE reference = '" + exchanged + "' AND kind = 'DEPOSIT'";
            sql(settings, "fx_account", deposit.formatted("bob", "USD"));
            assertThat(MoneyAudit.run(target).violations()).anySatisfy(v -> assertThat(v)
                    .contains("exchange " + exchanged + " of alice: its DEPOSIT on fx-account", "of bob in USD, not in alice's USD account"));
            sql(settings, "fx_account", deposit.formatted("alice", "EUR"));
            assertThat(MoneyAudit.run(target).violations()).anySatisfy(v -> assertThat(v)
                    .contains("exchange " + exchanged + " of alice: its DEPOSIT on fx-account", "of alice in EUR, not in alice's USD account"));
        }
    }

    /**
     * The books tampered with as an insider could: a counter-leg deleted, one edited, one moved to the wrong bank
     * account, one added with no entry. Each is named with its exchange or top-up; the books and positions say so too.
     */
    @Test
    void a_deleted_an_edited_a_misplaced_and_a_one_sided_leg_are_named_with_their_exchange() throws Exception {
        LaunchSettings settings = embeddedBank();
        try (RunningBank bank = RunningBank.start(settings)) {
            tokens = bank.tokens();
            DemoCustomers.seed(settings, tokens);
            String exchanged = exchange(settings, "alice", "100.00");
            AuditTarget target = BankAudit.targetOf(settings, bank.bootstrapServers());
            AuditReport clean = await().atMost(Duration.ofSeconds(30)).until(() -> MoneyAudit.run(target), AuditReport::clean);
            assertThat(clean.positions().get("USD")).isEqualByComparingTo("-100.00");
            assertThat(clean.spreadEarnedKrw()).isPositive();

            String leg = "(SELECT id FROM ledger_entry WHERE reference = '" + exchanged + "' AND kind = '%s')";
            sql(settings, "krw_account", "DELETE FROM posting_leg WHERE entry_id = " + leg.formatted("WITHDRAWAL"));
            assertThat(MoneyAudit.run(target).violations())
                    .anySatisfy(v -> assertThat(v).contains("krw-account: the WITHDRAWAL of exchange " + exchanged,
                            "has no counter-leg on the bank's POSITION account: one side of a posting"))
                    .anySatisfy(v -> assertThat(v).contains("krw-account KRW: debits and credits differ"))
                    .anySatisfy(v -> assertThat(v).contains("the desk's KRW position is 0, but the completed exchanges moved 138690"));

            sql(settings, "fx_account", "UPDATE posting_leg SET amount = amount + 1 WHERE entry_id = " + leg.formatted("DEPOSIT"));
            assertThat(MoneyAudit.run(target).violations())
                    .anySatisfy(v -> assertThat(v).contains("fx-account: the DEPOSIT of exchange " + exchanged,
                            "has its counter-leg -99.0000 USD on POSITION, not -100.0000 USD on POSITION"));

            sql(settings, "fx_account", "UPDATE posting_leg SET amount = amount - 1, bank_account = 'FUNDING' WHERE entry_id = "
                    + leg.formatted("DEPOSIT"));
            assertThat(MoneyAudit.run(target).violations())
                    .anySatisfy(v -> assertThat(v).contains("fx-account: the DEPOSIT of exchange " + exchanged,
                            "on FUNDING, not -100.0000 USD on POSITION"))
                    .anySatisfy(v -> assertThat(v).contains("the desk's USD position is 0, but the completed exchanges moved -100.00"));
            sql(settings, "fx_account", "UPDATE posting_leg SET bank_account = 'POSITION' WHERE entry_id = " + leg.formatted("DEPOSIT"));

            sql(settings, "fx_account", "ALTER TABLE posting_leg DROP CONSTRAINT \"" + foreignKey(settings) + "\"");
            sql(settings, "fx_account", "INSERT INTO posting_leg (entry_id, bank_account, currency, amount, created_at) "
                    + "VALUES (999999, 'POSITION', 'USD', 5, CURRENT_TIMESTAMP)");
            assertThat(MoneyAudit.run(target).violations())
                    .anySatisfy(v -> assertThat(v).contains("fx-account: a leg of 5", "names entry 999999, which does not exist"))
                    .anySatisfy(v -> assertThat(v).contains("fx-account USD: debits and credits differ by 5"));
        }
    }

    /** A bank of this test's own: embedded Kafka and H2 in its temporary directory. */
    private LaunchSettings embeddedBank() {
        return LaunchSettings.onFreePorts(home);
    }

    private static String foreignKey(LaunchSettings settings) throws Exception {
        try (Connection db = DriverManager.getConnection(new ServiceDatabases(settings).urlOf("fx_account"), "sa", "");
             var rs = db.createStatement().executeQuery("SELECT constraint_name FROM information_schema.table_constraints "
                     + "WHERE table_name = 'posting_leg' AND constraint_type = 'FOREIGN KEY'")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void sql(LaunchSettings settings, String database, String update) throws Exception {
        try (Connection db = DriverManager.getConnection(new ServiceDatabases(settings).urlOf(database), "sa", "");
             Statement sql = db.createStatement()) {
            int rows = sql.executeUpdate(update);
            if (!update.startsWith("ALTER")) {
                assertThat(rows).as(update).isEqualTo(1);
            }
        }
    }

    private String exchange(LaunchSettings settings, String owner, String usd) {
        return new BankCalls(settings, tokens).buyUsd(owner, usd);
    }

    private Map<String, Object> read(LaunchSettings settings, String owner, String id) {
        return new BankCalls(settings, tokens).read(owner, id);
    }

    private static BigDecimal balance(LaunchSettings settings, String database, String owner) throws Exception {
        try (Connection db = DriverManager.getConnection(new ServiceDatabases(settings).urlOf(database), "sa", "");
             var rs = db.createStatement().executeQuery("SELECT balance FROM account WHERE owner = '" + owner + "'")) {
            rs.next();
            return rs.getBigDecimal(1);
        }
    }

    private static RestClient client(int port, String token) {
        return BankCalls.client(port, token);
    }

}
