package com.fxbank.launcher;

import static org.awaitility.Awaitility.await;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fxbank.audit.AuditReport;
import com.fxbank.audit.MoneyAudit;
import com.fxbank.issuer.IssuerTokens;
import com.fxbank.messaging.Ledger;
import com.fxbank.messaging.SeedKafkaSettings;
import com.fxbank.security.Role;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * {@code ./fxbank demo}: the seed's story told with real messages on a bank of its own — an exchange that
 * completes; one whose deposit is refused and whose refund arrives through Kafka; the account service down
 * while refunds are pending, exchanges still answered, the refunds applied once it is back — each exchange
 * printed as a timeline, the audit, and the bank's positions and spread at the end.
 */
final class Demo {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };
    private static final ParameterizedTypeReference<List<Map<String, Object>>> JSON_LIST = new ParameterizedTypeReference<>() { };
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final RunningBank bank;
    private final LaunchSettings settings;
    private final IssuerTokens tokens;
    private final PrintStream out;

    private Demo(RunningBank bank, IssuerTokens tokens, PrintStream out) {
        this.bank = bank;
        this.settings = bank.settings();
        this.tokens = tokens;
        this.out = out;
    }

    /** @return whether the audit at the end was clean */
    static boolean run(LaunchSettings settings, PrintStream out) {
        out.println("Starting a bank of the demo's own (embedded Kafka and databases in " + settings.home() + ") ...");
        try (RunningBank bank = RunningBank.start(settings)) {
            DemoCustomers.seed(settings, bank.tokens());
            Demo demo = new Demo(bank, bank.tokens(), out);
            demo.anExchangeThatCompletes();
            demo.aRefusedDepositRefundedThroughKafka();
            demo.refundsWaitWhileTheAccountServiceIsDown();
            boolean clean = demo.audit();
            demo.theBanksBooks();
            return clean;
        }
    }

    private void anExchangeThatCompletes() {
        scene("1. alice buys 100.00 USD with KRW");
        balances("alice");
        String id = exchange("alice", "BUY", "100.00");
        balances("alice");
        timeline("alice", id);
    }

    private void aRefusedDepositRefundedThroughKafka() {
        scene("2. bob buys 50.00 USD, but the bank has frozen his USD account: the deposit is refused");
        freeze("bob", "USD");
        balances("bob");
        String id = exchange("bob", "BUY", "50.00");
        ConsumerRecord<String, String> request = firstRecord(Ledger.KRW_ACCOUNT.withdrawalCancelRequestTopic(), id);
        say("the compensation, published asynchronously: topic " + request.topic() + ", key " + request.key()
                + ", REPLY_TOPIC " + header(request, "kafka_replyTopic"));
        say("  " + request.value());
        awaitState("bob", id, "FAILED_REFUNDED", Duration.ofSeconds(30));
        balances("bob");
        timeline("bob", id);
    }

    private void refundsWaitWhileTheAccountServiceIsDown() {
        scene("3. krw-account goes down while refunds are pending");
        say("krw-account stops consuming cancel requests, then three of bob's exchanges are refused at the deposit ...");
        bank.stopCancelConsumer(Ledger.KRW_ACCOUNT);
        List<String> ids = new ArrayList<>();
        for (String usd : List.of("10.00", "20.00", "30.00")) {
            ids.add(exchange("bob", "BUY", usd));
        }
        say("krw-account is stopped. The refunds wait in Kafka; the exchange service still answers:");
        bank.stopLedger(Ledger.KRW_ACCOUNT);
        for (String id : ids) {
            say("  exchange " + id + ": " + read("bob", id).get("outcome"));
        }
        Map<String, Object> quote = customer("alice").post().uri("/api/v1/quotes").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("side", "SELL", "currency", "EUR", "amount", "10.00")).retrieve().body(JSON);
        say("  and prices new quotes: alice may sell 10.00 EUR at " + quote.get("rate"));
        say("krw-account starts again on its data ...");
        Instant back = Instant.now();
        bank.startLedger(Ledger.KRW_ACCOUNT);
        for (String id : ids) {
            awaitState("bob", id, "FAILED_REFUNDED", Duration.ofSeconds(60));
        }
        say("the queued refunds were applied within " + Duration.between(back, Instant.now()).toMillis()
                + " ms of the restart (start-up included)");
        balances("bob");
        timeline("bob", ids.getFirst());
    }

    private boolean audit() {
        scene("4. the audit: the money invariant across the three databases and Kafka");
        AuditReport report;
        try {
            report = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> MoneyAudit.run(BankAudit.targetOf(settings, bank.bootstrapServers())), AuditReport::clean);
        } catch (ConditionTimeoutException notAtRest) {
            report = MoneyAudit.run(BankAudit.targetOf(settings, bank.bootstrapServers()));
        }
        out.print(report.render());
        return report.clean();
    }

    private String exchange(String owner, String side, String usd) {
        RestClient customer = customer(owner);
        Map<String, Object> quote = customer.post().uri("/api/v1/quotes").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("side", side, "currency", "USD", "amount", usd)).retrieve().body(JSON);
        say(owner + " is quoted " + quote.get("rate") + " KRW/USD: pays " + amount(quote.get("youPay"))
                + ", gets " + amount(quote.get("youGet")) + ", valid until " + clock(quote.get("expiresAt")));
        long started = System.nanoTime();
        var response = customer.post().uri("/api/v1/exchanges").contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", "demo-" + quote.get("quoteId"))
                .body(Map.of("quoteId", quote.get("quoteId"))).retrieve().toEntity(JSON);
        Map<String, Object> exchange = response.getBody();
        say("exchange " + exchange.get("id") + " answered in " + (System.nanoTime() - started) / 1_000_000 + " ms: HTTP "
                + response.getStatusCode().value() + " " + exchange.get("outcome"));
        return (String) exchange.get("id");
    }

    private void awaitState(String owner, String id, String state, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> state.equals(read(owner, id).get("state")));
    }

    private void timeline(String owner, String id) {
        say("timeline of " + id + ":");
        for (Object step : (List<?>) read(owner, id).get("history")) {
            Map<?, ?> s = (Map<?, ?>) step;
            say(String.format("  %s  %-22s %s", clock(s.get("at")), s.get("to"), s.get("reason")));
        }
    }

    private void balances(String owner) {
        List<String> held = new ArrayList<>();
        for (Ledger ledger : Ledger.values()) {
            for (Map<String, Object> account : ledgerOperator(ledger).get().uri("/ops/v1/accounts?owner={o}", owner)
                    .retrieve().body(JSON_LIST)) {
                held.add(account.get("balance") + " " + account.get("currency") + (Boolean.TRUE.equals(account.get("frozen")) ? " (frozen)" : ""));
            }
        }
        say(owner + " holds " + String.join(", ", held));
    }

    private void freeze(String owner, String currency) {
        RestClient fx = ledgerOperator(Ledger.FX_ACCOUNT);
        String id = fx.get().uri("/ops/v1/accounts?owner={o}", owner).retrieve().body(JSON_LIST).stream()
                .filter(a -> currency.equals(a.get("currency"))).map(a -> (String) a.get("id")).findFirst().orElseThrow();
        fx.put().uri("/ops/v1/accounts/{id}/frozen", id).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("frozen", true, "reason", "demo: refuse the deposit to show a refund")).retrieve().toBodilessEntity();
        say("an operator freezes " + owner + "'s " + currency + " account");
    }

    private Map<String, Object> read(String owner, String id) {
        return customer(owner).get().uri("/api/v1/exchanges/{id}", id).retrieve().body(JSON);
    }

    /** What the FX desk reads at the end of the day: its positions across both ledgers and the spread earned. */
    @SuppressWarnings("unchecked")
    private void theBanksBooks() {
        scene("5. the bank's books: the desk's positions (what it holds from exchanges; negative is short) and the spread");
        Map<String, Object> books = client(settings.exchangePort(), tokens.mint("demo-operator", Role.OPERATOR)).get()
                .uri("/ops/v1/positions").retrieve().body(JSON);
        for (Map<String, Object> position : (List<Map<String, Object>>) books.get("positions")) {
            say(String.format("  %s %18s   at mid %-10s = %16s KRW", position.get("currency"), position.get("amount"),
                    position.get("midRate"), position.get("valueKrw")));
        }
        say("spread earned by " + books.get("completedExchanges") + " completed exchange(s): " + books.get("spreadEarnedKrw")
                + " KRW (GET /ops/v1/positions on the exchange service)");
    }

    private RestClient customer(String owner) {
        return client(settings.exchangePort(), tokens.mint(owner, Role.CUSTOMER));
    }

    private RestClient ledgerOperator(Ledger ledger) {
        return client(ledger == Ledger.KRW_ACCOUNT ? settings.krwAccountPort() : settings.fxAccountPort(),
                tokens.mint("demo-operator", Role.OPERATOR));
    }

    private static RestClient client(int port, String token) {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port).defaultHeader("Authorization", "Bearer " + token)
                .build();
    }

    private void scene(String title) {
        out.println();
        out.println("── " + title);
    }

    private void say(String line) {
        out.println(LocalTime.now().format(TIME) + "  " + line);
    }

    private static String amount(Object money) {
        Map<?, ?> m = (Map<?, ?>) money;
        return m.get("amount") + " " + m.get("currency");
    }

    private static String clock(Object instant) {
        return LocalTime.ofInstant(Instant.parse((String) instant), ZoneId.systemDefault()).format(TIME);
    }

    /** Reads the topic from the start, as any client could, until the exchange's record shows up. */
    private ConsumerRecord<String, String> firstRecord(String topic, String key) {
        Map<String, Object> config = new HashMap<>(SeedKafkaSettings.consumer());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bank.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "demo-reader-" + UUID.randomUUID());
        try (var consumer = new KafkaConsumer<String, String>(config)) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> found = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (key.equals(record.key())) {
                        found.add(record);
                    }
                });
                return !found.isEmpty();
            });
            return found.getFirst();
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? "-" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
