package com.fxbank.faults;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

import com.fxbank.faults.FaultBank.Customer;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Customers exchanging while faults happen: each worker quotes and exchanges in a loop against the
 * exchange-service instances, the way clients behind a load balancer would — an instance that cannot be
 * reached is skipped, and an exchange whose answer was lost is sent again with the same Idempotency-Key.
 * Counts what was attempted, what was answered (201/202) and what got no answer or an error.
 */
final class CustomerLoad implements AutoCloseable {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() { };

    private final List<RestClient> instances;
    private final List<Customer> customers;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger nextInstance = new AtomicInteger();
    private final LongAdder attempted = new LongAdder();
    private final LongAdder answered = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    /** The share of rounds in which the customer only asks for a quote and walks away. */
    private final double quoteOnly;

    private CustomerLoad(List<ServiceProcess> instances, List<Customer> customers, double quoteOnly) {
        this.quoteOnly = quoteOnly;
        // One client per instance, shared by the workers; each request carries its customer's token.
        this.instances = instances.stream().map(instance -> RestClient.create(instance.url())).toList();
        this.customers = customers;
    }

    static CustomerLoad start(List<ServiceProcess> exchangeInstances, List<Customer> customers, int workers) {
        return start(exchangeInstances, customers, workers, 0);
    }

    /** As {@link #start}, with {@code quoteOnly} of the rounds a quote nobody uses (what quote retention deletes). */
    static CustomerLoad start(List<ServiceProcess> exchangeInstances, List<Customer> customers, int workers, double quoteOnly) {
        CustomerLoad load = new CustomerLoad(exchangeInstances, customers, quoteOnly);
        for (int i = 0; i < workers; i++) {
            load.workers.submit(load::run);
        }
        return load;
    }

    private void run() {
        while (running.get()) {
            Customer customer = customers.get(ThreadLocalRandom.current().nextInt(customers.size()));
            attempted.increment();
            try {
                exchangeOnce(customer);
                answered.increment();
            } catch (RuntimeException noAnswer) {
                failed.increment();
                pauseBeforeTryingAgain();
            }
        }
    }

    /**
     * A customer whose request got no answer (every instance down, the database restarting) waits a moment
     * before the next one, as a real client backs off; without it the workers spin on refused connections.
     */
    private static void pauseBeforeTryingAgain() {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
    }

    private void exchangeOnce(Customer customer) {
        String side = switch (customer.kind()) {
            case REFUSED_BUY -> "BUY";
            case REFUSED_SELL -> "SELL";
            case NORMAL -> ThreadLocalRandom.current().nextBoolean() ? "BUY" : "SELL";
        };
        String amount = ThreadLocalRandom.current().nextInt(1, 50) + "." + ThreadLocalRandom.current().nextInt(10, 100);
        String bearer = "Bearer " + customer.token();
        Map<String, Object> quote = onAnyInstance(client -> client.post().uri("/api/v1/quotes")
                .header("Authorization", bearer).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("side", side, "currency", "USD", "amount", amount)).retrieve().body(JSON));
        if (quoteOnly > 0 && ThreadLocalRandom.current().nextDouble() < quoteOnly) {
            return;
        }
        String idempotencyKey = UUID.randomUUID().toString();
        onAnyInstance(client -> client.post().uri("/api/v1/exchanges").contentType(MediaType.APPLICATION_JSON)
                .header("Authorization", bearer).header("Idempotency-Key", idempotencyKey)
                .body(Map.of("quoteId", quote.get("quoteId"))).retrieve().toBodilessEntity());
    }

    /** Round-robin; an instance that is down or lost the answer is skipped, the same request goes to the next. */
    private <T> T onAnyInstance(Function<RestClient, T> call) {
        int first = Math.floorMod(nextInstance.getAndIncrement(), instances.size());
        ResourceAccessException last = null;
        for (int i = 0; i < instances.size(); i++) {
            try {
                return call.apply(instances.get((first + i) % instances.size()));
            } catch (ResourceAccessException unreachable) {
                last = unreachable;
            }
        }
        throw last;
    }

    long attempted() {
        return attempted.sum();
    }

    long answered() {
        return answered.sum();
    }

    long failed() {
        return failed.sum();
    }

    /**
     * Waits until {@code more} exchanges were answered after this call; fails when no customer got an answer for
     * {@code stall} (however slowly answers come, as long as they come).
     */
    void awaitAnswered(long more, Duration stall) {
        long from = answered();
        Progress.await(more + " more answers to customers", () -> answered() >= from + more, this::answered, stall,
                Duration.ofMinutes(30), () -> false);
    }

    @Override
    public void close() {
        running.set(false);
        workers.close();
    }
}
