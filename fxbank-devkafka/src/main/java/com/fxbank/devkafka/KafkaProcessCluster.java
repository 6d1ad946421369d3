package com.fxbank.devkafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;


/**
 * A development Kafka cluster whose every node is an OS process of its own on loopback, so that a test
 * can {@code kill -9} a broker and start it again on its kept data.
 */
public final class KafkaProcessCluster implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final KafkaTopology topology;
    private final List<KafkaNodeProcess> processes;
    private final Thread shutdownHook = new Thread(this::stopAll, "kafka-cluster-shutdown");

    private KafkaProcessCluster(KafkaTopology topology) {
        this.topology = topology;
        this.processes = topology.nodes().stream().map(node -> new KafkaNodeProcess(topology, node)).toList();
    }

    /** Starts every node and returns once every broker is registered and serving. */
    public static KafkaProcessCluster start(KafkaTopology topology) {
        KafkaProcessCluster cluster = new KafkaProcessCluster(topology);
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            cluster.processes.forEach(KafkaNodeProcess::start);
            cluster.awaitBrokers(topology.brokers().stream().map(KafkaNode::nodeId).collect(Collectors.toSet()));
            topology.security().ifPresent(users -> KafkaAcls.grant(topology.bootstrapServers(), users));
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    public KafkaTopology topology() {
        return topology;
    }

    public String bootstrapServers() {
        return topology.bootstrapServers();
    }

    public KafkaNodeProcess node(int nodeId) {
        return processes.stream().filter(p -> p.node().nodeId() == nodeId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + nodeId));
    }

    public List<KafkaNodeProcess> nodes() {
        return processes;
    }

    /** Starts a killed or stopped broker again and waits until the cluster sees it. */
    public void restart(int nodeId) {
        node(nodeId).start();
        awaitBrokers(Set.of(nodeId));
    }

    /** Waits until the controller lists every given broker as registered and reachable. */
    public void awaitBrokers(Set<Integer> brokerIds) {
        String running = processes.stream()
                .filter(p -> p.node().isBroker() && p.isAlive())
                .map(p -> p.node().bootstrapAddress())
                .collect(Collectors.joining(","));
        KafkaReadiness.awaitBrokers(running.isEmpty() ? topology.bootstrapServers() : running, topology.adminSettings(),
                brokerIds, READY_TIMEOUT,
                () -> processes.stream().filter(p -> brokerIds.contains(p.node().nodeId())).allMatch(KafkaNodeProcess::isAlive),
                "the node.log files under " + topology.nodes().getFirst().dataDir().getParent());
    }

    /** Brokers first, while the controller can still take their controlled shutdown; the controller last. */
    private void stopAll() {
        processes.parallelStream().filter(p -> p.node().isBroker()).forEach(KafkaNodeProcess::stop);
        processes.stream().filter(p -> !p.node().isBroker()).forEach(KafkaNodeProcess::stop);
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run: nothing left to remove
        }
    }

    /** Where a cluster keeps its data when nobody says otherwise. */
    public static Path defaultDirectory() {
        return Path.of(".fxbank", "kafka");
    }
}
