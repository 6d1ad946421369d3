package com.fxbank.devkafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;

/**
 * The main class of a node that {@link KafkaProcessCluster} runs as an OS process of its own.
 * The parent has already written and formatted the node's storage; this only starts it.
 *
 * <p>The parent keeps this process's standard input open. When the parent dies, even by {@code kill -9},
 * standard input reaches end-of-file and the node shuts down, so no orphan broker keeps its port.
 */
public final class KafkaNodeMain {

    private KafkaNodeMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: KafkaNodeMain <server.properties>");
            System.exit(2);
        }
        Properties config = load(Path.of(args[0]));
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config, false), Time.SYSTEM);
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdown, "kafka-node-shutdown"));
        exitWhenParentIsGone();
        server.startup();
        server.awaitShutdown();
        System.exit(0);
    }

    private static Properties load(Path file) {
        Properties config = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            config.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return config;
    }

    private static void exitWhenParentIsGone() {
        Thread watcher = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // the parent never writes; we only wait for the pipe to close
                }
            } catch (IOException ignored) {
                // a broken pipe means the same: the parent is gone
            }
            System.exit(0);
        }, "parent-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }
}
