package com.fxbank.devkafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

import org.apache.kafka.common.Uuid;

/**
 * The shape of a development Kafka cluster and the broker configuration of each node.
 *
 * <p>One broker runs as a single combined broker+controller node. Several brokers run beside one
 * dedicated controller: when brokers die the controller stays up, shrinks the ISR and the partition
 * leaders refuse {@code acks=all} writes with NOT_ENOUGH_REPLICAS. In combined mode, losing two of
 * three nodes would also lose the controller quorum, and writes would hang until they time out
 * instead of being refused.
 *
 * <p>With three or more brokers topics default to replication factor 3 and {@code min.insync.replicas=2};
 * without those two, {@code acks=all} protects nothing.
 *
 * <p>{@link #secured()} gives the same cluster with SASL/SCRAM on the client listener and ACLs
 * ({@link KafkaSecurity}, {@link KafkaAcls}): the shape the fault suite runs on.
 */
public final class KafkaTopology {

    static final int CONTROLLER_NODE_ID = 100;

    private final String clusterId;
    private final List<KafkaNode> nodes;
    private final int brokerCount;
    private final Optional<KafkaSecurity> security;

    private KafkaTopology(String clusterId, List<KafkaNode> nodes, Optional<KafkaSecurity> security) {
        this.clusterId = clusterId;
        this.nodes = List.copyOf(nodes);
        this.brokerCount = (int) nodes.stream().filter(KafkaNode::isBroker).count();
        this.security = security;
    }

    /**
     * The same cluster with authentication and authorization: clients log in with SASL/SCRAM-SHA-512 as one of
     * {@link KafkaSecurity#USERS} and may do only what {@link KafkaAcls} grants. Set before the first start: the
     * users are written when the storage is formatted.
     */
    public KafkaTopology secured() {
        Path dir = nodes.getFirst().dataDir().getParent();
        return new KafkaTopology(clusterId, nodes, Optional.of(KafkaSecurity.in(dir)));
    }

    public Optional<KafkaSecurity> security() {
        return security;
    }

    /** What an operator's client (admin on a secured cluster) adds to {@code bootstrap.servers}. */
    public Map<String, Object> adminSettings() {
        return security.map(s -> s.clientSettings(KafkaSecurity.ADMIN)).orElse(Map.of());
    }

    /** Brokers on {@code basePort, basePort+1, …}; the controller on {@code basePort+100}. */
    public static KafkaTopology onPorts(int brokers, int basePort, Path dir) {
        List<Integer> brokerPorts = new ArrayList<>();
        for (int i = 0; i < brokers; i++) {
            brokerPorts.add(basePort + i);
        }
        return create(brokerPorts, basePort + 100, dir);
    }

    /** Ports picked from the free ones of this machine, for tests that must not meet a developer's broker. */
    public static KafkaTopology onFreePorts(int brokers, Path dir) {
        List<Integer> brokerPorts = new ArrayList<>();
        for (int i = 0; i < brokers; i++) {
            brokerPorts.add(freePort());
        }
        return create(brokerPorts, freePort(), dir);
    }

    private static KafkaTopology create(List<Integer> brokerPorts, int controllerPort, Path dir) {
        if (brokerPorts.isEmpty()) {
            throw new IllegalArgumentException("a cluster needs at least one broker");
        }
        List<KafkaNode> nodes = new ArrayList<>();
        if (brokerPorts.size() == 1) {
            nodes.add(new KafkaNode(1, KafkaNode.Role.COMBINED, brokerPorts.getFirst(), controllerPort, dir.resolve("node-1")));
        } else {
            nodes.add(new KafkaNode(CONTROLLER_NODE_ID, KafkaNode.Role.CONTROLLER, 0, controllerPort,
                    dir.resolve("controller-" + CONTROLLER_NODE_ID)));
            for (int i = 0; i < brokerPorts.size(); i++) {
                nodes.add(new KafkaNode(i + 1, KafkaNode.Role.BROKER, brokerPorts.get(i), 0, dir.resolve("broker-" + (i + 1))));
            }
        }
        return new KafkaTopology(clusterId(dir), nodes, Optional.empty());
    }

    /** The cluster id is kept beside the data, so a restarted cluster finds its own formatted storage. */
    private static String clusterId(Path dir) {
        try {
            Files.createDirectories(dir);
            Path idFile = dir.resolve("cluster.id");
            if (Files.exists(idFile)) {
                return Files.readString(idFile).strip();
            }
            String id = Uuid.randomUuid().toString();
            Files.writeString(idFile, id);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the cluster id in " + dir, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String clusterId() {
        return clusterId;
    }

    public List<KafkaNode> nodes() {
        return nodes;
    }

    public List<KafkaNode> brokers() {
        return nodes.stream().filter(KafkaNode::isBroker).toList();
    }

    public KafkaNode node(int nodeId) {
        return nodes.stream().filter(n -> n.nodeId() == nodeId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + nodeId + " in " + nodes));
    }

    public String bootstrapServers() {
        return brokers().stream().map(KafkaNode::bootstrapAddress).collect(Collectors.joining(","));
    }

    public int replicationFactor() {
        return Math.min(3, brokerCount);
    }

    public int minInSyncReplicas() {
        return brokerCount >= 3 ? 2 : 1;
    }

    /** The server.properties of one node. */
    public Properties configOf(KafkaNode node) {
        KafkaNode controller = nodes.stream().filter(n -> n.role().isController()).findFirst().orElseThrow();
        Properties p = new Properties();
        p.setProperty("node.id", String.valueOf(node.nodeId()));
        p.setProperty("process.roles", node.role().processRoles);
        p.setProperty("controller.quorum.voters",
                controller.nodeId() + "@127.0.0.1:" + controller.controllerPort());
        p.setProperty("controller.listener.names", "CONTROLLER");
        String client = security.isPresent() ? "SASL_PLAINTEXT" : "PLAINTEXT";
        p.setProperty("listener.security.protocol.map", "CONTROLLER:PLAINTEXT," + client + ":" + client);
        List<String> listeners = new ArrayList<>();
        if (node.role().isBroker()) {
            listeners.add(client + "://127.0.0.1:" + node.brokerPort());
            p.setProperty("advertised.listeners", client + "://127.0.0.1:" + node.brokerPort());
            p.setProperty("inter.broker.listener.name", client);
        }
        security.ifPresent(users -> {
            p.setProperty("sasl.enabled.mechanisms", KafkaSecurity.MECHANISM);
            p.setProperty("sasl.mechanism.inter.broker.protocol", KafkaSecurity.MECHANISM);
            p.setProperty("listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config", users.jaas(KafkaSecurity.ADMIN));
            p.setProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
            p.setProperty("allow.everyone.if.no.acl.found", "false");
            // SCRAM cannot authenticate the controller listener (its users live in the metadata the controller
            // serves), so brokers reach the controller as ANONYMOUS over loopback. That listener is not a client
            // listener: clients are only ever given the brokers' SASL ports.
            p.setProperty("super.users", "User:" + KafkaSecurity.ADMIN + ";User:ANONYMOUS");
        });
        if (node.role().isController()) {
            listeners.add("CONTROLLER://127.0.0.1:" + node.controllerPort());
        }
        p.setProperty("listeners", String.join(",", listeners));
        p.setProperty("log.dirs", node.dataDir().resolve("logs").toAbsolutePath().toString());

        // Topics are declared by the services (with their .DLT twins); a typo must not create a topic.
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("num.partitions", "3");
        p.setProperty("default.replication.factor", String.valueOf(replicationFactor()));
        p.setProperty("min.insync.replicas", String.valueOf(minInSyncReplicas()));
        p.setProperty("offsets.topic.replication.factor", String.valueOf(replicationFactor()));
        p.setProperty("transaction.state.log.replication.factor", String.valueOf(replicationFactor()));
        p.setProperty("transaction.state.log.min.isr", String.valueOf(minInSyncReplicas()));
        p.setProperty("share.coordinator.state.topic.replication.factor", String.valueOf(replicationFactor()));
        p.setProperty("share.coordinator.state.topic.min.isr", String.valueOf(minInSyncReplicas()));
        p.setProperty("unclean.leader.election.enable", "false");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // A killed broker must be noticed within seconds, so that the ISR shrinks and leaders move.
        p.setProperty("broker.session.timeout.ms", "6000");
        p.setProperty("broker.heartbeat.interval.ms", "1000");
        p.setProperty("replica.lag.time.max.ms", "6000");
        return p;
    }
}
