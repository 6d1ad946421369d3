package com.fxbank.launcher;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.fxbank.audit.AuditReport;
import com.fxbank.audit.MoneyAudit;
import com.fxbank.issuer.IssuerTokens;
import com.fxbank.messaging.Ledger;
import com.fxbank.messaging.MessageCodec;
import com.fxbank.messaging.SeedKafkaSettings;
import com.fxbank.messaging.WithdrawalCancelResponse;
import com.fxbank.security.Role;
import com.sun.management.OperatingSystemMXBean;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ./fxbank load}: a fresh bank of its own, virtual customers (a share with a frozen USD account, so that their
 * deposits are refused and refunded through Kafka), and the load itself from {@link LoadClient} in a JVM of its own,
 * closed loop or open loop. This process runs the bank, measures the database's own limit (pgbench) and the commits
 * the bank makes, times each refund from the customer's answer to the ledger's reply on Kafka, optionally stops
 * krw-account's refunds for an outage and times the backlog's drain, and ends with the audit. Prints the figures and,
 * with {@code --json}, writes them machine-readable. A benchmark that prints figures, not a test with a time limit.
 */
final class LoadBenchmark {

    /**
     * @param rate   open loop: flows per second (0: closed loop at {@code concurrency})
     * @param outage when positive: krw-account's cancel consumer stops as measuring starts, refunds queue in
     *               Kafka for this long, then krw-account restarts and the backlog's drain rate is measured
     * @param json   where to write the figures as JSON, if anywhere
     */
    record Options(int customers, int concurrency, double rate, Duration duration, Duration warmup, double refusedShare,
                   Duration outage, Optional<Path> json, boolean seedSend) {
        Options(int customers, int concurrency, double rate, Duration duration, Duration warmup, double refusedShare,
                Duration outage, Optional<Path> json) {
            this(customers, concurrency, rate, duration, warmup, refusedShare, outage, json, false);
        }

        Options {
            if (customers < 1 || concurrency < 1 || rate < 0 || refusedShare < 0 || refusedShare > 1) {
                throw new IllegalArgumentException("customers and concurrency at least 1, rate not negative, refused share "
                        + "between 0 and 1");
            }
        }
    }

    private final RunningBank bank;
    private final IssuerTokens tokens;
    private final Options options;
    private final PrintStream out;
    private final JsonMapper json = new JsonMapper();
    private final Map<String, Long> requestedAt = new ConcurrentHashMap<>();
    private final Map<String, Long> refundedAt = new ConcurrentHashMap<>();
    private final Map<String, Object> figures = new LinkedHashMap<>();

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
        Path work = Files.createTempDirectory("fxbank-load-client");
        List<String> customers = seed();
        Files.write(work.resolve("customers"), customers);
        AtomicBoolean listening = new AtomicBoolean(true);
        Thread refunds = Thread.ofPlatform().name("load-refund-listener").start(() -> listenForRefunds(listening));
        String mode = options.rate() > 0 ? String.format("open loop at %.0f exchanges/s", options.rate())
                : "closed loop, concurrency " + options.concurrency();
        out.printf("%d customers (%d with a frozen USD account), %s, warm-up until the bank is steady (at most %ds), "
                        + "measuring %ds; the load runs in a JVM of its own%n",
                customers.size(), refusedCustomers(), mode, options.warmup().toSeconds(), options.duration().toSeconds());

        Optional<DatabaseLimit> database = bank.settings().postgresUrl()
                .map(url -> new DatabaseLimit(bank.settings(), List.of("exchange", "krw_account", "fx_account")));
        Optional<Double> pgbenchTps = database.flatMap(limit -> {
            out.println("pgbench -b simple-update, 15 s, 8 clients: the database's own limit on this machine ...");
            return limit.simpleUpdateTps(15, 8);
        });

        Path marker = work.resolve("measuring");
        Path steady = work.resolve("steady");
        Path result = work.resolve("result.json");
        Process client = startClient(work.resolve("customers"), result, marker, steady);
        warmUp(client, steady);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20))
                .until(() -> Files.exists(marker) || !client.isAlive());
        Map<String, Long> commitsBefore = database.map(DatabaseLimit::commits).orElse(Map.of());
        long cpuBefore = processCpuNanos();
        BankThreads.Snapshot threadsBefore = BankThreads.snapshot(cpuBefore);
        Outage outage = options.outage().isZero() ? null : new Outage();
        Thread outageThread = outage == null ? null : Thread.ofPlatform().name("load-outage").start(outage);
        int exit = client.waitFor();
        Map<String, Long> commits = new TreeMap<>(database.map(DatabaseLimit::commits).orElse(Map.of()));
        commits.replaceAll((service, total) -> total - commitsBefore.getOrDefault(service, 0L));
        long cpuAfter = processCpuNanos();
        BankThreads.Split threads = BankThreads.between(threadsBefore, BankThreads.snapshot(cpuAfter));
        long bankCpuNanos = cpuAfter - cpuBefore;
        if (exit != 0 || !Files.exists(result)) {
            throw new IllegalStateException("the load client failed (exit " + exit + ")");
        }
        if (outageThread != null) {
            outageThread.join();
        }
        JsonNode load = json.readTree(result.toFile());

        Map<String, Long> refused = new HashMap<>();
        load.get("refusedAnsweredAtEpochMs").properties().forEach(entry -> refused.put(entry.getKey(), entry.getValue().asLong()));
        out.println("waiting for the refunds still on their way ...");
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                    .until(() -> refundedAt.keySet().containsAll(refused.keySet()));
        } catch (ConditionTimeoutException e) {
            out.println("not every refund arrived within 120 s; the audit will say more");
        }
        listening.set(false);
        refunds.join();
        Histogram refundMillis = new Histogram(3);
        refused.forEach((id, answered) -> {
            Long applied = refundedAt.get(id);
            if (applied != null) {
                refundMillis.recordValue(Math.max(0, applied - answered));
            }
        });
        report(load, refundMillis, outage, commits, pgbenchTps, database.isPresent());
        long answeredCount = load.get("answered").asLong();
        double cpuPerExchange = answeredCount == 0 ? 0 : bankCpuNanos / 1e6 / answeredCount;
        figures.put("bankCpuMsPerExchange", cpuPerExchange);
        out.printf("  bank CPU              %.2f ms per exchange answered (this JVM: the three services and the broker, "
                + "while measuring; %.2f cores busy)%n", cpuPerExchange, bankCpuNanos / 1e9 / load.get("seconds").asDouble());
        double seconds = load.get("seconds").asDouble();
        String collectors = BankThreads.garbageCollectors();
        figures.put("garbageCollectors", collectors);
        if (BankThreads.available()) {
            figures.put("bankCpuSplit", threads.figures(seconds));
            out.printf("  bank CPU by thread    (from /proc/self/task while measuring; GC in use: %s)%n%s", collectors,
                    threads.render(seconds));
        }
        figures.put("cancels", options.seedSend() ? "seed-send" : "outbox");
        if (options.seedSend()) {
            long lost = seedCancelsLost();
            figures.put("seedCancelsLost", lost);
            out.printf("  cancels               published with the seed's plain send (benchmark only): %d lost (sends that failed)%n", lost);
        }
        boolean clean = audit();
        figures.put("auditClean", clean);
        if (options.json().isPresent()) {
            Files.writeString(options.json().get(), json.writerWithDefaultPrettyPrinter().writeValueAsString(figures));
            out.println("figures written to " + options.json().get());
        }
        return clean;
    }

    /** The exchange service's count of cancel requests whose plain send failed (fxbank.seed.cancels.lost). */
    private long seedCancelsLost() {
        return exchangeServiceMetric(line -> line.startsWith("fxbank_seed_cancels_lost_total"));
    }

    /** The sum of the exchange service's Prometheus samples whose lines {@code sample} accepts. */
    private long exchangeServiceMetric(Predicate<String> sample) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            String scrape = http.send(HttpRequest.newBuilder(URI.create(bank.metricsUrl("exchange-service"))).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return scrape.lines().filter(sample)
                    .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** CPU time of this JVM (the bank and its broker): the work it did, whatever the machine's speed today. */
    private static long processCpuNanos() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private long refusedCustomers() {
        return Math.round(options.customers() * options.refusedShare());
    }

    /**
     * Loads the bank until it is steady ({@link WarmUpRule}) or until the longest warm-up ({@code --warmup}) is over,
     * then tells the client to start measuring (the marker), and says which it was.
     */
    private void warmUp(Process client, Path steadyMarker) throws Exception {
        WarmUpRule rule = WarmUpRule.DEFAULT;
        long start = System.nanoTime();
        long longest = options.warmup().toNanos();
        List<Double> rates = new ArrayList<>();
        double compilerCores = Double.NaN;
        boolean steady = false;
        long answered = answeredExchanges();
        BankThreads.Snapshot before = BankThreads.snapshot(processCpuNanos());
        while (client.isAlive() && !steady) {
            long left = start + longest - System.nanoTime();
            if (left <= 0) {
                break;
            }
            long window = Math.min(left, rule.window().toNanos());
            // A measurement window: the bank is loaded for this long, then its counters are read.
            TimeUnit.NANOSECONDS.sleep(window);
            long answeredNow = answeredExchanges();
            BankThreads.Snapshot now = BankThreads.snapshot(processCpuNanos());
            double rate = (answeredNow - answered) / (window / 1e9);
            compilerCores = BankThreads.between(before, now).byGroup().get(BankThreads.Group.COMPILER) / (window / 1e9);
            answered = answeredNow;
            before = now;
            if (window == rule.window().toNanos()) {
                rates.add(rate);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            out.printf("  warm-up %3d s: %5.0f exchanges/s, JIT compiler %.2f cores%n", elapsed.toSeconds(), rate,
                    compilerCores);
            steady = BankThreads.available() && rule.steady(rates, compilerCores, elapsed);
        }
        Files.writeString(steadyMarker, "steady=" + steady);
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Object> warm = new LinkedHashMap<>();
        warm.put("seconds", seconds);
        warm.put("steady", steady);
        warm.put("rule", rule.describe());
        warm.put("windowExchangesPerSecond", rates);
        warm.put("compilerCoresLastWindow", compilerCores);
        figures.put("warmUp", warm);
        out.printf(steady ? "warm after %.0f s (%s); measuring from %s%n"
                        : "not steady after %.0f s, the longest warm-up (steady: %s): measuring anyway, from %s%n",
                seconds, rule.describe(), LocalTime.now().withNano(0));
    }

    /** The exchange service's count of exchange requests answered so far (its HTTP server's own timer). */
    private long answeredExchanges() {
        return exchangeServiceMetric(line -> line.startsWith("http_server_requests_seconds_count{")
                && line.contains("uri=\"/api/v1/exchanges\"") && line.contains("method=\"POST\""));
    }

    /** The client: this same program (jar or class path) with the hidden {@code load-client} command, in a new JVM. */
    private Process startClient(Path customers, Path result, Path marker, Path steadyMarker) throws Exception {
        String javaBinary = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classPath = System.getProperty("java.class.path");
        List<String> command = new ArrayList<>(List.of(javaBinary, "-Xmx1g", "-XX:+UseParallelGC"));
        if (classPath.endsWith(".jar") && !classPath.contains(File.pathSeparator)) {
            command.addAll(List.of("-jar", classPath));
        } else {
            command.addAll(List.of("-cp", classPath, FxBankCommand.class.getName()));
        }
        command.addAll(List.of("load-client",
                "--exchange-url", "http://127.0.0.1:" + bank.settings().exchangePort(),
                "--issuer", bank.settings().issuerUri(),
                "--customers-file", customers.toString(),
                "--concurrency", Integer.toString(options.concurrency()),
                "--rate", Double.toString(options.rate()),
                "--warmup", options.warmup().toMillis() + "ms",
                "--duration", options.duration().toMillis() + "ms",
                "--result", result.toString(),
                "--measuring-marker", marker.toString(),
                "--steady-marker", steadyMarker.toString()));
        return new ProcessBuilder(command).inheritIO().start();
    }

    /** krw-account's cancels wait in Kafka for the outage, then it restarts and the queued refunds drain. */
    private final class Outage implements Runnable {
        private volatile String drain = "";
        private volatile double refundsPerSecond;

        @Override
        public void run() {
            try {
                bank.stopCancelConsumer(Ledger.KRW_ACCOUNT);
                TimeUnit.MILLISECONDS.sleep(options.outage().toMillis()); // the outage itself: a length, not a wait for a condition
                bank.stopLedger(Ledger.KRW_ACCOUNT);
                Set<String> queued = new HashSet<>(requestedAt.keySet());
                queued.removeAll(refundedAt.keySet());
                bank.startLedger(Ledger.KRW_ACCOUNT);
                long back = System.currentTimeMillis();
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                        .until(() -> refundedAt.keySet().containsAll(queued));
                long last = queued.stream().mapToLong(refundedAt::get).max().orElse(back);
                long first = queued.stream().mapToLong(refundedAt::get).min().orElse(back);
                refundsPerSecond = queued.size() * 1000.0 / Math.max(1, last - first);
                drain = String.format("%d refunds queued during a %ds outage of krw-account's consumer; after its restart "
                                + "they were applied in %d ms from the first to the last (%.0f refunds/s), %d ms after the restart returned",
                        queued.size(), options.outage().toSeconds(), last - first, refundsPerSecond, last - back);
            } catch (Exception e) {
                drain = "outage measurement failed: " + e;
            }
        }
    }

    private List<String> seed() {
        long refused = refusedCustomers();
        List<String> customers = new ArrayList<>();
        RestClient krw = client(bank.settings().krwAccountPort(), tokens.mint("load-seed", Role.OPERATOR));
        RestClient fx = client(bank.settings().fxAccountPort(), tokens.mint("load-seed", Role.OPERATOR));
        for (int i = 0; i < options.customers(); i++) {
            String name = "load-" + i;
            String krwAccount = open(krw, name, "KRW");
            krw.post().uri("/ops/v1/accounts/{id}/top-ups", krwAccount).contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("amount", "100000000000", "currency", "KRW", "reference", "load-seed-" + name))
                    .retrieve().toBodilessEntity();
            String usdAccount = open(fx, name, "USD");
            if (i < refused) {
                fx.put().uri("/ops/v1/accounts/{id}/frozen", usdAccount).contentType(MediaType.APPLICATION_JSON)
                        .body(Map.of("frozen", true, "reason", "load: a share of deposits refused")).retrieve().toBodilessEntity();
            }
            customers.add(name);
        }
        return customers;
    }

    private static String open(RestClient ledger, String owner, String currency) {
        Map<?, ?> account = ledger.post().uri("/ops/v1/accounts").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("owner", owner, "currency", currency)).retrieve().body(Map.class);
        return (String) account.get("id");
    }

    /**
     * A cancel request is published when the exchange service asks krw-account for a refund; a refund is applied when
     * krw-account answers REFUNDED: the records' timestamps are the moments.
     */
    private void listenForRefunds(AtomicBoolean listening) {
        Map<String, Object> config = new HashMap<>(SeedKafkaSettings.consumer());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bank.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "load-benchmark-" + UUID.randomUUID());
        MessageCodec codec = new MessageCodec();
        String requests = Ledger.KRW_ACCOUNT.withdrawalCancelRequestTopic();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(requests, Ledger.KRW_ACCOUNT.withdrawalCancelResponseTopic()));
            while (listening.get()) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (requests.equals(record.topic())) {
                        requestedAt.putIfAbsent(record.key(), record.timestamp());
                    } else if (codec.decode(record.value(), WithdrawalCancelResponse.class).outcome()
                            == WithdrawalCancelResponse.Outcome.REFUNDED) {
                        refundedAt.putIfAbsent(record.key(), record.timestamp());
                    }
                }
            }
        }
    }

    private void report(JsonNode load, Histogram refundMillis, Outage outage, Map<String, Long> commitsByService,
                        Optional<Double> pgbenchTps,
                        boolean onPostgres) {
        double seconds = load.get("seconds").asDouble();
        long answered = load.get("answered").asLong();
        long completed = load.path("outcomes").path("COMPLETED").asLong(0);
        double completedPerSecond = completed / seconds;
        JsonNode kept = load.deepCopy();
        ((ObjectNode) kept).remove("refusedAnsweredAtEpochMs");
        figures.put("load", kept);
        figures.put("answeredPerSecond", answered / seconds);
        figures.put("completedPerSecond", completedPerSecond);
        JsonNode latency = load.get("latencyMs");
        out.println();
        out.println("── figures (" + load.get("mode").asString() + " loop; latency from " + load.get("latencyFrom").asString() + ")");
        out.printf("  exchanges answered    %d in %.1f s: %.0f/s (%d completed: %.0f/s), outcomes %s, client errors %d%s%n",
                answered, seconds, answered / seconds, completed, completedPerSecond, load.get("outcomes"),
                load.get("errors").asLong(), load.get("overload").asLong() > 0
                        ? ", not started (over " + LoadClient.MAX_IN_FLIGHT + " in flight) " + load.get("overload").asLong() : "");
        out.printf("  exchange latency ms   p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f%n", latency.get("p50").asDouble(),
                latency.get("p90").asDouble(), latency.get("p99").asDouble(), latency.get("p99.9").asDouble(),
                latency.get("max").asDouble());
        JsonNode call = load.get("exchangeCallMs");
        out.printf("  exchange request ms   p50 %.1f  p90 %.1f  p99 %.1f  max %.1f  (the exchange request alone: sent -> answered)%n",
                call.get("p50").asDouble(), call.get("p90").asDouble(), call.get("p99").asDouble(), call.get("max").asDouble());
        Map<String, Object> refund = new LinkedHashMap<>();
        for (double p : new double[] {50, 95, 99}) {
            refund.put("p" + (int) p, refundMillis.getValueAtPercentile(p));
        }
        refund.put("max", refundMillis.getMaxValue());
        refund.put("count", refundMillis.getTotalCount());
        figures.put("refundLatencyMs", refund);
        out.printf("  refund latency ms     p50 %d  p95 %d  p99 %d  max %d  (%d refunds: deposit refused -> refund applied)%n",
                refund.get("p50"), refund.get("p95"), refund.get("p99"), refund.get("max"), refund.get("count"));
        if (outage != null) {
            out.println("  backlog drain         " + outage.drain);
            figures.put("drainRefundsPerSecond", outage.refundsPerSecond);
        }
        out.printf("  load client JVM       heap used %d MB%n", load.get("clientHeapUsedMb").asLong());
        if (onPostgres) {
            long commits = commitsByService.values().stream().mapToLong(Long::longValue).sum();
            double perExchange = answered == 0 ? 0 : (double) commits / answered;
            figures.put("commitsPerExchange", perExchange);
            Map<String, Double> byService = new TreeMap<>();
            commitsByService.forEach((service, n) -> byService.put(service, answered == 0 ? 0 : (double) n / answered));
            figures.put("commitsPerExchangeByDatabase", byService);
            out.printf("  database commits      %d while measuring: %.1f per exchange (all three databases, reads included: %s)%n",
                    commits, perExchange, byService.entrySet().stream()
                            .map(e -> String.format("%s %.2f", e.getKey(), e.getValue())).collect(Collectors.joining(", ")));
            pgbenchTps.ifPresentOrElse(tps -> {
                double bound = tps / perExchange;
                figures.put("pgbenchTps", tps);
                figures.put("completedPerPgbenchTps", completedPerSecond / tps);
                figures.put("completedPerDatabaseBound", completedPerSecond / bound);
                out.printf("  database limit        pgbench simple-update %.0f TPS / %.1f commits = %.0f exchanges/s%n", tps,
                        perExchange, bound);
                out.printf("  ratios                completed/s ÷ pgbench TPS = %.4f; completed/s ÷ database bound = %.2f%n",
                        completedPerSecond / tps, completedPerSecond / bound);
                if (outage != null) {
                    figures.put("drainPerPgbenchTps", outage.refundsPerSecond / tps);
                    out.printf("                        drained refunds/s ÷ pgbench TPS = %.3f%n", outage.refundsPerSecond / tps);
                }
            }, () -> out.println("  database limit        pgbench not found on PATH: not measured"));
        }
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
