package com.fxbank.devkafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.utils.Time;

/**
 * Runs one KRaft node inside the current JVM, exactly as {@code kafka-server-start.sh} would:
 * writes its server.properties, formats its storage the first time, and starts {@link KafkaRaftServer}.
 */
public final class KafkaNodeServer implements AutoCloseable {

    private final KafkaNode node;
    private final KafkaRaftServer server;

    private KafkaNodeServer(KafkaNode node, KafkaRaftServer server) {
        this.node = node;
        this.server = server;
    }

    public static KafkaNodeServer start(KafkaTopology topology, KafkaNode node) {
        Properties config = prepare(topology, node);
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
        server.startup();
        return new KafkaNodeServer(node, server);
    }

    /** Writes the node's configuration and formats its storage unless a previous run already did. */
    static Properties prepare(KafkaTopology topology, KafkaNode node) {
        Properties config = topology.configOf(node);
        try {
            Files.createDirectories(node.dataDir());
            try (OutputStream out = Files.newOutputStream(node.configFile())) {
                config.store(out, "FxBank development Kafka node " + node.nodeId());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + node.configFile(), e);
        }
        format(topology, node);
        return config;
    }

    private static void format(KafkaTopology topology, KafkaNode node) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of(
                "format", "--cluster-id", topology.clusterId(),
                "--config", node.configFile().toString(), "--ignore-formatted"));
        topology.security().ifPresent(users -> args.addAll(users.formatArguments()));
        int exit = StorageTool.execute(args.toArray(String[]::new), new PrintStream(output, true, StandardCharsets.UTF_8));
        if (exit != 0) {
            throw new IllegalStateException("formatting the storage of node " + node.nodeId() + " failed: "
                    + output.toString(StandardCharsets.UTF_8));
        }
    }

    public KafkaNode node() {
        return node;
    }

    public void awaitShutdown() {
        server.awaitShutdown();
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
