package com.fxbank.devkafka;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** One node of a {@link KafkaProcessCluster}: its own JVM, which a test may kill and start again. */
public final class KafkaNodeProcess {

    private static final List<String> JVM_OPTIONS = List.of(
            "-Xms64m", "-Xmx512m", "-XX:+UseSerialGC",
            "-Dlogback.configurationFile=fxbank-devkafka-logback.xml");

    private final KafkaTopology topology;
    private final KafkaNode node;
    private Process process;

    KafkaNodeProcess(KafkaTopology topology, KafkaNode node) {
        this.topology = topology;
        this.node = node;
    }

    public KafkaNode node() {
        return node;
    }

    public synchronized void start() {
        if (isAlive()) {
            throw new IllegalStateException("node " + node.nodeId() + " is already running, pid " + process.pid());
        }
        KafkaNodeServer.prepare(topology, node);
        process = ChildJvm.start(JVM_OPTIONS, KafkaNodeMain.class.getName(),
                List.of(node.configFile().toString()), node.logFile());
    }

    /** {@code kill -9}: no shutdown hook, no controlled shutdown; the data on disk stays. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitForExit(Duration.ofSeconds(30));
        }
    }

    /** A controlled shutdown (SIGTERM), falling back to {@link #kill()} if it takes too long. */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!waitForExit(Duration.ofSeconds(30))) {
                kill();
            }
        }
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException("node " + node.nodeId() + " was never started");
        }
        return process.pid();
    }

    private boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
