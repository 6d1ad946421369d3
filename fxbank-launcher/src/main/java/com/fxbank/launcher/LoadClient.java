package com.fxbank.launcher;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import com.fxbank.issuer.IssuerTokens;
import com.fxbank.security.Role;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The load of {@code ./fxbank load}, in a JVM of its own (so that it takes nothing from the bank's process but the
 * two cores they share): virtual customers ask a quote and exchange it over HTTP, either <b>closed loop</b> (a fixed
 * number of exchanges in flight, each customer waiting for the last answer) or <b>open loop</b> (a constant arrival
 * rate whatever the answers do). In open loop each flow's latency is measured from the moment it was due to start,
 * not from when it could start, so a stalled bank shows as a tail (no coordinated omission). Writes its figures as
 * JSON for {@link LoadBenchmark}; creates the marker file when measuring starts.
 */
final class LoadClient {

    /**
     * @param rate flows per second in open loop; 0 means closed loop at {@code concurrency}
     */
    record Settings(String exchangeUrl, String issuerUri, Path customers, int concurrency, double rate, Duration warmup,
                    Duration duration, Path result, Path measuringMarker, Optional<Path> steadyMarker) {
        boolean openLoop() {
            return rate > 0;
        }
    }

    /** Open loop: flows in flight beyond this are not started (counted as overload) so that a dead bank cannot exhaust memory. */
    static final int MAX_IN_FLIGHT = 20_000;

    private record Customer(String name, String token) {
    }

    private final Settings settings;
    private final JsonMapper json = new JsonMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private final Histogram latencyMicros = new ConcurrentHistogram(3);
    /** The exchange request alone, from sent to answered, in both modes (its service time, not the customer's wait). */
    private final Histogram exchangeCallMicros = new ConcurrentHistogram(3);
    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final LongAdder errors = new LongAdder();
    private final LongAdder overload = new LongAdder();
    private final LongAdder inFlight = new LongAdder();
    private final Map<String, Long> refusedAnsweredAt = new ConcurrentHashMap<>();
    private volatile boolean measuring;

    LoadClient(Settings settings) {
        this.settings = settings;
    }

    int run() throws Exception {
        IssuerTokens tokens = IssuerTokens.of(settings.issuerUri());
        List<Customer> customers = Files.readAllLines(settings.customers()).stream()
                .filter(line -> !line.isBlank())
                .map(name -> new Customer(name, tokens.mint(name, Role.CUSTOMER))).toList();
        // The warm-up ends when the bank says it is steady (it creates the marker), or after settings.warmup() at most.
        drive(customers, settings.warmup(), "warm-up", settings.steadyMarker());
        latencyMicros.reset();
        exchangeCallMicros.reset();
        outcomes.clear();
        errors.reset();
        overload.reset();
        refusedAnsweredAt.clear();
        measuring = true;
        long from = System.currentTimeMillis();
        Files.writeString(settings.measuringMarker(), Long.toString(from));
        long started = System.nanoTime();
        drive(customers, settings.duration(), "load", Optional.empty());
        double seconds = (System.nanoTime() - started) / 1e9;
        measuring = false;
        Files.writeString(settings.result(), json.writerWithDefaultPrettyPrinter().writeValueAsString(result(seconds, from)));
        return 0;
    }

    private Map<String, Object> result(double seconds, long from) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("mode", settings.openLoop() ? "open" : "closed");
        result.put("rate", settings.openLoop() ? settings.rate() : null);
        result.put("concurrency", settings.openLoop() ? null : settings.concurrency());
        result.put("latencyFrom", settings.openLoop() ? "the flow's intended start (quote + exchange)"
                : "the exchange request (quote excluded)");
        result.put("seconds", seconds);
        result.put("answered", outcomes.values().stream().mapToLong(LongAdder::sum).sum());
        result.put("outcomes", new TreeMap<>(outcomes.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().sum()))));
        result.put("errors", errors.sum());
        result.put("overload", overload.sum());
        Map<String, Object> latency = new LinkedHashMap<>();
        for (double p : new double[] {50, 90, 95, 99, 99.9}) {
            latency.put("p" + (p == Math.rint(p) ? Integer.toString((int) p) : Double.toString(p)),
                    latencyMicros.getValueAtPercentile(p) / 1000.0);
        }
        latency.put("max", latencyMicros.getMaxValue() / 1000.0);
        result.put("latencyMs", latency);
        Map<String, Object> call = new LinkedHashMap<>();
        for (int p : new int[] {50, 90, 99}) {
            call.put("p" + p, exchangeCallMicros.getValueAtPercentile(p) / 1000.0);
        }
        call.put("max", exchangeCallMicros.getMaxValue() / 1000.0);
        result.put("exchangeCallMs", call);
        result.put("measuringFromEpochMs", from);
        result.put("refusedAnsweredAtEpochMs", new TreeMap<>(refusedAnsweredAt));
        Runtime runtime = Runtime.getRuntime();
        result.put("clientHeapUsedMb", (runtime.totalMemory() - runtime.freeMemory()) >> 20);
        return result;
    }

    private void drive(List<Customer> customers, Duration length, String phase, Optional<Path> endMarker)
            throws Exception {
        long start = System.nanoTime();
        AtomicLong endAt = new AtomicLong(start + length.toNanos());
        Thread watcher = endMarker.map(marker -> Thread.ofVirtual().start(() -> {
            while (!Files.exists(marker) && !Thread.currentThread().isInterrupted()) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
            }
            endAt.set(Math.min(endAt.get(), System.nanoTime()));
        })).orElse(null);
        LongAdder answered = new LongAdder();
        try (ExecutorService flows = Executors.newVirtualThreadPerTaskExecutor();
             ProgressBar bar = new ProgressBarBuilder().setTaskName(phase).setInitialMax(Math.max(1, length.toSeconds()))
                     .setStyle(ProgressBarStyle.ASCII).setUnit("s", 1).continuousUpdate().build()) {
            Thread progress = Thread.ofVirtual().start(() -> {
                while (System.nanoTime() < endAt.get() && !Thread.currentThread().isInterrupted()) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(250));
                    double elapsed = (System.nanoTime() - start) / 1e9;
                    bar.stepTo(Math.min(length.toSeconds(), (long) elapsed));
                    bar.setExtraMessage(String.format(" %5.0f exchanges/s", answered.sum() / Math.max(elapsed, 0.001)));
                }
            });
            if (settings.openLoop()) {
                long interval = (long) (1e9 / settings.rate());
                for (long due = start; due < endAt.get(); due += interval) {
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    if (inFlight.sum() >= MAX_IN_FLIGHT) {
                        overload.increment();
                        continue;
                    }
                    long intended = due;
                    Customer customer = customers.get(ThreadLocalRandom.current().nextInt(customers.size()));
                    inFlight.increment();
                    flows.submit(() -> {
                        try {
                            oneFlow(customer, intended);
                            answered.increment();
                        } finally {
                            inFlight.decrement();
                        }
                    });
                }
            } else {
                for (int i = 0; i < settings.concurrency(); i++) {
                    flows.submit(() -> {
                        while (System.nanoTime() < endAt.get()) {
                            oneFlow(customers.get(ThreadLocalRandom.current().nextInt(customers.size())), -1);
                            answered.increment();
                        }
                        return null;
                    });
                }
            }
            flows.shutdown();
            flows.awaitTermination(5, TimeUnit.MINUTES);
            progress.interrupt();
            if (watcher != null) {
                watcher.interrupt();
            }
        }
    }

    /** A quote, then its exchange; {@code intended} the moment it was due (open loop), or -1 (closed loop). */
    private void oneFlow(Customer customer, long intended) {
        try {
            String usd = ThreadLocalRandom.current().nextInt(1, 100) + ".00";
            JsonNode quote = post(customer, "/api/v1/quotes",
                    "{\"side\":\"BUY\",\"currency\":\"USD\",\"amount\":\"" + usd + "\"}", null);
            long exchangeSent = System.nanoTime();
            JsonNode exchange = post(customer, "/api/v1/exchanges",
                    "{\"quoteId\":\"" + quote.get("quoteId").asString() + "\"}", UUID.randomUUID().toString());
            long answeredAt = System.nanoTime();
            long micros = (answeredAt - (intended >= 0 ? intended : exchangeSent)) / 1_000;
            exchangeCallMicros.recordValue((answeredAt - exchangeSent) / 1_000);
            String outcome = exchange.path("outcome").asString("ERROR");
            latencyMicros.recordValue(micros);
            outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
            if (measuring && ("FAILED_REFUND_PENDING".equals(outcome) || "FAILED_REFUNDED".equals(outcome))) {
                refusedAnsweredAt.put(exchange.get("id").asString(), System.currentTimeMillis());
            }
        } catch (Exception e) {
            errors.increment();
        }
    }

    private JsonNode post(Customer customer, String path, String body, String idempotencyKey) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.exchangeUrl() + path))
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
}
