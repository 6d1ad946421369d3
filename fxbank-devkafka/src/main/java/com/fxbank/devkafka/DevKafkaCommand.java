package com.fxbank.devkafka;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./fxbank kafka}: runs a development Kafka cluster in the foreground until Ctrl-C.
 * Each node is its own JVM; the printed pids are there to be killed.
 */
@Command(name = "fxbank kafka", mixinStandardHelpOptions = true,
        description = "Runs Apache Kafka (KRaft) from its Maven Central jars, each node an OS process, until Ctrl-C.")
public final class DevKafkaCommand implements Callable<Integer> {

    @Option(names = "--brokers", defaultValue = "1",
            description = "1 (a combined broker+controller) or 3 and more (one controller beside them; RF 3, min.insync.replicas 2). Default: ${DEFAULT-VALUE}")
    int brokers;

    @Option(names = "--port", defaultValue = "9092",
            description = "Port of the first broker; the next ones follow, the controller listens on port+100. Default: ${DEFAULT-VALUE}")
    int port;

    @Option(names = "--dir", defaultValue = ".fxbank/kafka", description = "Data directory, kept across runs. Default: ${DEFAULT-VALUE}")
    Path dir;

    @Option(names = "--fresh", description = "Delete the data directory first.")
    boolean fresh;

    @Option(names = "--secure", description = "SASL/SCRAM-SHA-512 users (admin, exchange-service, krw-account, fx-account) "
            + "and ACLs: each service may touch only its own topics. Prints each service's settings.")
    boolean secure;

    public static void main(String[] args) {
        System.exit(new CommandLine(new DevKafkaCommand()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (brokers < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--brokers must be at least 1");
        }
        Path clusterDir = dir.resolve((brokers == 1 ? "single" : "cluster-" + brokers) + (secure ? "-secure" : ""));
        if (fresh) {
            Directories.deleteRecursively(clusterDir);
        }
        KafkaTopology topology = KafkaTopology.onPorts(brokers, port, clusterDir);
        if (secure) {
            topology = topology.secured();
        }
        System.out.printf("Starting %d broker(s) in %s ...%n", brokers, clusterDir.toAbsolutePath());
        KafkaProcessCluster cluster = KafkaProcessCluster.start(topology);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping Kafka ...");
            cluster.close();
            stopped.countDown();
        }));
        System.out.printf("Kafka is up. bootstrap.servers=%s  replication.factor=%d  min.insync.replicas=%d%n",
                topology.bootstrapServers(), topology.replicationFactor(), topology.minInSyncReplicas());
        for (KafkaNodeProcess node : cluster.nodes()) {
            System.out.printf("  node %-3d %-10s pid %-7d %s  log %s%n", node.node().nodeId(), node.node().role(),
                    node.pid(), node.node().isBroker() ? node.node().bootstrapAddress() : "controller",
                    node.node().logFile());
        }
        topology.security().ifPresent(users -> {
            System.out.println("Secured: SASL_PLAINTEXT with SCRAM-SHA-512 and ACLs. Each service's settings "
                    + "(passwords kept in " + clusterDir.resolve("scram-credentials.properties") + "):");
            for (String user : KafkaSecurity.USERS) {
                System.out.printf("  %-17s FXBANK_KAFKA_SECURITY_PROTOCOL=SASL_PLAINTEXT FXBANK_KAFKA_USERNAME=%s "
                        + "FXBANK_KAFKA_PASSWORD=%s%s%n", user, user, users.password(user),
                        KafkaSecurity.ADMIN.equals(user) ? "   (super user: ./fxbank audit, tools)" : "");
            }
        });
        System.out.println("kill -9 a pid to take a broker down. Ctrl-C stops them all (data is kept in " + clusterDir + ").");
        stopped.await();
        return 0;
    }
}
