package com.fxbank.launcher;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import com.fxbank.audit.AuditReport;
import com.fxbank.audit.MoneyAudit;
import com.fxbank.messaging.Ledger;
import com.fxbank.messaging.MessageCodec;
import com.fxbank.messaging.SeedKafkaSettings;
import com.fxbank.messaging.WithdrawalCancelResponse;
import com.fxbank.security.Role;
import com.fxbank.issuer.IssuerTokens;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.awaitility.Awaitility.await;

/**
 * {@code ./fxbank load}: virtual customers buy USD over HTTP at a fixed concurrency for a fixed time, a
 * share of them with a frozen USD account so that their deposits are refused and refunded through Kafka.
 * A client of ours on the JDK's HttpClient (a quote then the exchange of that quote is a two-step flow
 * with per-customer tokens, which a generic HTTP load tool would need scripting for); HdrHistogram for
 * the percentiles. Prints throughput, exchange and refund latency percentiles, and the audit. A benchmark
 * that prints figures, not a test with a time limit.
 */
final class LoadBenchmark {

    /**
     * @param outage when positive: krw-account's cancel consumer stops as measuring starts, refunds queue in
     *               Kafka for this long, then krw-account restarts and the backlog's drain rate is measured
     */
    record Options(int customers, int concurrency, Duration duration, Duration warmup, double refusedShare,
                   Duration outage) {
        Options {
            if (customers < 1 || concurrency < 1 || refusedShare < 0 || refusedShare > 1) {
                throw new IllegalArgumentException("customers and concurrency at least 1, refused share between 0 and 1");
            }
        }
    }

    private record Customer(String name, String token, boolean refused) {
    }

    private final RunningBank bank;
    private final IssuerTokens tokens;
    private final Options options;
    private final PrintStream out;
    private final JsonMapper json = new JsonMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();

    private final Histogram exchangeLatencyMicros = new ConcurrentHistogram(3);
    private final Histogram refundLatencyMillis = new ConcurrentHistogram(3);
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final LongAdder errors = new LongAdder();
    private final Map<String, Long> refusedAnsweredAt = new ConcurrentHashMap<>();
    private final Map<String, Long> refundedAt = new ConcurrentHashMap<>();

    private LoadBenchmark(RunningBank bank, IssuerTokens tokens, Options options, PrintStream out) {
        this.bank = bank;
        this.tokens = tokens;
        this.options = options;
        this.out = out;
    }

    /** @return whether the audit after the run was clean */
    static boolean run(RunningBank bank, IssuerTokens tokens, Options options, PrintStream out) throws Exception {
        return new LoadBenchmark(bank, tokens, options, out).run();
    }

    private boolean run() throws Exception {
        List<Customer> customers = seed();
        AtomicBoolean listening = new AtomicBoolean(true);
        Thread refunds = Thread.ofPlatform().name("load-refund-listener").start(() -> listenForRefunds(listening));
        out.printf("%d customers (%d with a frozen USD account), concurrency %d, warm-up %ds, measuring %ds%n",
                customers.size(), customers.stream().filter(Customer::refused).count(), options.concurrency(),
                options.warmup().toSeconds(), options.duration().toSeconds());

        Optional<DatabaseLimit> database = bank.settings().postgresUrl()
                .map(url -> new DatabaseLimit(bank.settings(), List.of("exchange", "krw_account", "fx_account")));
        Optional<Double> pgbenchTps = database.flatMap(limit -> {
            out.println("pgbench -b simple-update, 15 s, 8 clients: the database's own limit on this machine ...");
            return limit.simpleUpdateTps(15, 8);
        });

        drive(customers, options.warmup(), false, "warm-up");
        exchangeLatencyMicros.reset();
        outcomes.clear();
        refusedAnsweredAt.clear();
        long commitsBefore = database.map(DatabaseLimit::commits).orElse(0L);
        long started = System.nanoTime();
        Thread outage = options.outage().isZero() ? null : Thread.ofPlatform().name("load-outage").start(this::outage);
        drive(customers, options.duration(), true, "load");
        if (outage != null) {
            outage.join();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long commits = database.map(DatabaseLimit::commits).orElse(0L) - commitsBefore;

        out.println("waiting for the refunds still on their way ...");
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                    .until(() -> refundedAt.keySet().containsAll(refusedAnsweredAt.keySet()));
        } catch (ConditionTimeoutException e) {
            out.println("not every refund arrived within 120 s; the audit will say more");
        }
        listening.set(false);
        refunds.join();
        for (var refused : refusedAnsweredAt.entrySet()) {
            Long refundedMillis = refundedAt.get(refused.getKey());
            if (refundedMillis != null) {
                refundLatencyMillis.recordValue(Math.max(0, refundedMillis - refused.getValue()));
            }
        }
        report(seconds);
        database.ifPresent(limit -> {
            long answered = outcomes.values().stream().mapToLong(LongAdder::sum).sum();
            double perExchange = answered == 0 ? 0 : (double) commits / answered;
            out.printf("  database commits      %d while measuring: %.1f per exchange (all three databases, reads included)%n",
                    commits, perExchange);
            pgbenchTps.ifPresentOrElse(tps -> out.printf(
                    "  database limit        pgbench simple-update %.0f TPS / %.1f commits = %.0f exchanges/s; measured %.0f/s = %.0f%% of it%n",
                    tps, perExchange, tps / perExchange, answered / seconds, 100 * (answered / seconds) / (tps / perExchange)),
                    () -> out.println("  database limit        pgbench not found on PATH: not measured"));
        });
        return audit();
    }

    private volatile String drain = "";

    /** krw-account's cancels wait in Kafka for the outage, then it restarts and the queued refunds drain. */
    private void outage() {
        try {
            bank.stopCancelConsumer(Ledger.KRW_ACCOUNT);
            TimeUnit.MILLISECONDS.sleep(options.outage().toMillis()); // the outage itself: a length, not a wait for a condition
            bank.stopLedger(Ledger.KRW_ACCOUNT);
            java.util.Set<String> queued = new java.util.HashSet<>(refusedAnsweredAt.keySet());
            queued.removeAll(refundedAt.keySet());
            bank.startLedger(Ledger.KRW_ACCOUNT);
            long back = System.currentTimeMillis();
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                    .until(() -> refundedAt.keySet().containsAll(queued));
            long last = queued.stream().mapToLong(refundedAt::get).max().orElse(back);
            long first = queued.stream().mapToLong(refundedAt::get).min().orElse(back);
            drain = String.format("%d refunds queued during a %ds outage of krw-account's consumer; after its restart "
                            + "they were applied in %d ms from the first to the last (%.0f refunds/s), %d ms after the restart returned",
                    queued.size(), options.outage().toSeconds(), last - first,
                    queued.size() * 1000.0 / Math.max(1, last - first), last - back);
        } catch (Exception e) {
            drain = "outage measurement failed: " + e;
        }
    }

    private List<Customer> seed() {
        int refused = (int) Math.round(options.customers() * options.refusedShare());
        List<Customer> customers = new ArrayList<>();
        RestClient krw = client(bank.settings().krwAccountPort(), tokens.mint("load-seed", Role.OPERATOR));
        RestClient fx = client(bank.settings().fxAccountPort(), tokens.mint("load-seed", Role.OPERATOR));
        for (int i = 0; i < options.customers(); i++) {
            String name = "load-" + i;
            String krwAccount = open(krw, name, "KRW");
            krw.post().uri("/ops/v1/accounts/{id}/top-ups", krwAccount).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("amount", "100000000000", "currency", "KRW", "reference", "load-seed-" + name))
                    .retrieve().toBodilessEntity();
            String usdAccount = open(fx, name, "USD");
            boolean frozen = i < refused;
            if (frozen) {
                fx.put().uri("/ops/v1/accounts/{id}/frozen", usdAccount).contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("frozen", true, "reason", "load: a share of deposits refused")).retrieve().toBodilessEntity();
            }
            customers.add(new Customer(name, tokens.mint(name, Role.CUSTOMER), frozen));
        }
        return customers;
    }

    private static String open(RestClient ledger, String owner, String currency) {
        Map<?, ?> account = ledger.post().uri("/ops/v1/accounts").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("owner", owner, "currency", currency)).retrieve().body(Map.class);
        return (String) account.get("id");
    }

    private void drive(List<Customer> customers, Duration length, boolean measured, String phase) throws Exception {
        long end = System.nanoTime() + length.toNanos();
        LongAdder answered = new LongAdder();
        try (ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
             ProgressBar bar = new ProgressBarBuilder().setTaskName(phase).setInitialMax(length.toSeconds())
                     .setStyle(ProgressBarStyle.ASCII).setUnit("s", 1).continuousUpdate().build()) {
            for (int i = 0; i < options.concurrency(); i++) {
                workers.submit(() -> {
                    while (System.nanoTime() < end) {
                        Customer customer = customers.get(ThreadLocalRandom.current().nextInt(customers.size()));
                        oneExchange(customer, measured);
                        answered.increment();
                    }
                    return null;
                });
            }
            long start = System.nanoTime();
            while (System.nanoTime() < end) {
                TimeUnit.MILLISECONDS.sleep(250);
                double elapsed = (System.nanoTime() - start) / 1e9;
                bar.stepTo(Math.min(length.toSeconds(), (long) elapsed));
                bar.setExtraMessage(String.format(" %5.0f exchanges/s", answered.sum() / Math.max(elapsed, 0.001)));
            }
        }
    }

    private void oneExchange(Customer customer, boolean measured) {
        try {
            String usd = ThreadLocalRandom.current().nextInt(1, 100) + ".00";
            JsonNode quote = post(customer, "/api/v1/quotes",
                    "{\"side\":\"BUY\",\"currency\":\"USD\",\"amount\":\"" + usd + "\"}", null);
            long before = System.nanoTime();
            JsonNode exchange = post(customer, "/api/v1/exchanges",
                    "{\"quoteId\":\"" + quote.get("quoteId").asString() + "\"}", UUID.randomUUID().toString());
            long micros = (System.nanoTime() - before) / 1_000;
            String outcome = exchange.path("outcome").asString("ERROR");
            if (measured) {
                exchangeLatencyMicros.recordValue(micros);
                outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
            }
            if ("FAILED_REFUND_PENDING".equals(outcome) || "FAILED_REFUNDED".equals(outcome)) {
                refusedAnsweredAt.put(exchange.get("id").asString(), System.currentTimeMillis());
            }
        } catch (Exception e) {
            errors.increment();
        }
    }

    private JsonNode post(Customer customer, String path, String body, String idempotencyKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + bank.settings().exchangePort() + path))
                .header("Authorization", "Bearer " + customer.token())
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300 && response.statusCode() != 202) {
            throw new IllegalStateException("HTTP " + response.statusCode() + " " + response.body());
        }
        return json.readTree(response.body());
    }

    /** A refund is applied when the ledger answers REFUNDED: its reply's timestamp is the moment. */
    private void listenForRefunds(AtomicBoolean listening) {
        Map<String, Object> config = new HashMap<>(SeedKafkaSettings.consumer());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bank.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "load-benchmark-" + UUID.randomUUID());
        MessageCodec codec = new MessageCodec();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(Ledger.KRW_ACCOUNT.withdrawalCancelResponseTopic()));
            while (listening.get()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (codec.decode(record.value(), WithdrawalCancelResponse.class).outcome()
                            == WithdrawalCancelResponse.Outcome.REFUNDED) {
                        refundedAt.putIfAbsent(record.key(), record.timestamp());
                    }
                }
            }
        }
    }

    private void report(double seconds) {
        long answered = outcomes.values().stream().mapToLong(LongAdder::sum).sum();
        long completed = count("COMPLETED");
        out.println();
        out.println("── figures");
        out.printf("  exchanges answered    %d in %.1f s: %.0f/s (%d completed: %.0f/s), outcomes %s, client errors %d%n",
                answered, seconds, answered / seconds, completed, completed / seconds, outcomes, errors.sum());
        out.printf("  exchange latency ms   p50 %.1f  p95 %.1f  p99 %.1f  max %.1f%n",
                micros(50), micros(95), micros(99), exchangeLatencyMicros.getMaxValue() / 1000.0);
        out.printf("  refund latency ms     p50 %d  p95 %d  p99 %d  max %d  (%d refunds: deposit refused -> refund applied)%n",
                refundLatencyMillis.getValueAtPercentile(50), refundLatencyMillis.getValueAtPercentile(95),
                refundLatencyMillis.getValueAtPercentile(99), refundLatencyMillis.getMaxValue(),
                refundLatencyMillis.getTotalCount());
        if (!drain.isEmpty()) {
            out.println("  backlog drain         " + drain);
        }
        Runtime runtime = Runtime.getRuntime();
        out.printf("  this JVM (bank + load) heap used %d MB of %d MB%n",
                (runtime.totalMemory() - runtime.freeMemory()) >> 20, runtime.totalMemory() >> 20);
    }

    private long count(String outcome) {
        LongAdder adder = outcomes.get(outcome);
        return adder == null ? 0 : adder.sum();
    }

    private double micros(double percentile) {
        return exchangeLatencyMicros.getValueAtPercentile(percentile) / 1000.0;
    }

    private boolean audit() {
        AuditReport report;
        try {
            report = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> MoneyAudit.run(BankAudit.targetOf(bank.settings(), bank.bootstrapServers())), AuditReport::clean);
        } catch (ConditionTimeoutException notAtRest) {
            report = MoneyAudit.run(BankAudit.targetOf(bank.settings(), bank.bootstrapServers()));
        }
        out.println("── audit");
        out.print(report.render());
        return report.clean();
    }

    private static RestClient client(int port, String token) {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port).defaultHeader("Authorization", "Bearer " + token).build();
    }
}
