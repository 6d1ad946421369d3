package com.fxbank.devkafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * One real Kafka broker (combined broker and controller) inside the current JVM, with its data kept in
 * a directory across restarts: what the quick start runs so that a new user needs nothing but a JDK.
 * Messages still waiting for a consumer survive a restart of the launcher.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private final KafkaTopology topology;
    private final KafkaNodeServer server;

    private EmbeddedKafka(KafkaTopology topology, KafkaNodeServer server) {
        this.topology = topology;
        this.server = server;
    }

    /** Starts the broker on {@code port} (controller on {@code port + 100}) and waits until it serves. */
    public static EmbeddedKafka start(int port, Path dir) {
        return start(KafkaTopology.onPorts(1, port, dir));
    }

    public static EmbeddedKafka start(KafkaTopology topology) {
        if (topology.nodes().size() != 1) {
            throw new IllegalArgumentException("the embedded broker is a single node; use KafkaProcessCluster for more");
        }
        KafkaNodeServer server = KafkaNodeServer.start(topology, topology.nodes().getFirst());
        try {
            KafkaReadiness.awaitBrokers(topology.bootstrapServers(), topology.adminSettings(), Set.of(topology.nodes().getFirst().nodeId()),
                    Duration.ofSeconds(60), () -> true, topology.nodes().getFirst().dataDir().toString());
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return new EmbeddedKafka(topology, server);
    }

    public String bootstrapServers() {
        return topology.bootstrapServers();
    }

    @Override
    public void close() {
        server.close();
    }
}
