package com.fxbank.devkafka;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;

/** Waits until brokers are registered with the controller and answer clients. */
final class KafkaReadiness {

    private KafkaReadiness() {
    }

    /**
     * @param stillStarting false as soon as waiting is pointless (a node process died), to fail fast
     */
    static void awaitBrokers(String bootstrapServers, Map<String, Object> clientSettings, Set<Integer> brokerIds,
                             Duration timeout,
                             BooleanSupplier stillStarting, String whereToLook) {
        Instant deadline = Instant.now().plus(timeout);
        Set<Integer> seen = Set.of();
        while (Instant.now().isBefore(deadline)) {
            if (!stillStarting.getAsBoolean()) {
                throw new IllegalStateException("a Kafka node exited while starting; see " + whereToLook);
            }
            seen = registeredBrokers(bootstrapServers, clientSettings);
            if (seen.containsAll(brokerIds)) {
                return;
            }
            pause();
        }
        throw new IllegalStateException("Kafka brokers " + brokerIds + " not ready within " + timeout
                + " (registered: " + seen + "); see " + whereToLook);
    }

    private static Set<Integer> registeredBrokers(String bootstrapServers, Map<String, Object> clientSettings) {
        Map<String, Object> settings = new HashMap<>(clientSettings);
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
        try (Admin admin = Admin.create(settings)) {
            return admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).stream()
                    .map(Node::id).collect(Collectors.toSet());
        } catch (ExecutionException | TimeoutException e) {
            return Set.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A poll interval, not a guess at how long something takes: the loop checks the real state each time. */
    private static void pause() {
        try {
            Thread.sleep(Duration.ofMillis(250));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
