package com.fxbank.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.TopicDescription;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Refuses to start when a consumed topic has more partitions than its {@code .DLT}: the recoverer dead-letters a
 * record to the same partition number, so a failing record on a higher partition could never leave and would block
 * its partition for good. (Partition counts can differ when another service created the topic with other
 * settings.) Runs after the topics were declared and before any listener starts.
 */
public class DeadLetterPartitionsCheck implements SmartLifecycle {

    private final ObjectProvider<KafkaAdmin> admins;
    private final ObjectProvider<KafkaAdmin.NewTopics> declared;

    private volatile boolean running;

    public DeadLetterPartitionsCheck(ObjectProvider<KafkaAdmin> admins, ObjectProvider<KafkaAdmin.NewTopics> declared) {
        this.admins = admins;
        this.declared = declared;
    }

    @Override
    public void start() {
        running = true;
        KafkaAdmin admin = admins.getIfAvailable();
        if (admin == null) {
            return;
        }
        List<String> consumed = new ArrayList<>();
        for (KafkaAdmin.NewTopics topics : declared) {
            if (!(topics instanceof TopicDeclarations.Declared ours)) {
                continue;
            }
            for (String name : ours.names()) {
                if (name.endsWith(Topics.DEAD_LETTER_SUFFIX)) {
                    consumed.add(name.substring(0, name.length() - Topics.DEAD_LETTER_SUFFIX.length()));
                }
            }
        }
        if (!consumed.isEmpty()) {
            List<String> names = new ArrayList<>(consumed);
            consumed.forEach(topic -> names.add(Topics.deadLetterOf(topic)));
            Map<String, TopicDescription> described = describe(admin, names);
            for (String topic : consumed) {
                int partitions = described.get(topic).partitions().size();
                int deadLetterPartitions = described.get(Topics.deadLetterOf(topic)).partitions().size();
                if (deadLetterPartitions < partitions) {
                    throw new IllegalStateException("refusing to start: " + topic + " has " + partitions
                            + " partitions but " + Topics.deadLetterOf(topic) + " has " + deadLetterPartitions
                            + ", so a failing record of partition " + deadLetterPartitions + " or above could never be "
                            + "dead-lettered and would block its partition. Give " + Topics.deadLetterOf(topic) + " "
                            + partitions + " partitions (kafka-topics.sh --alter --topic " + Topics.deadLetterOf(topic)
                            + " --partitions " + partitions + ")");
                }
            }
        }
    }

    /**
     * Topics just created are not known to every broker at once (the metadata spreads in the background): a broker
     * may answer "unknown topic" for a few seconds. Asked again every half second for up to 30 s.
     */
    private static Map<String, TopicDescription> describe(KafkaAdmin admin, List<String> names) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                return admin.describeTopics(names.toArray(String[]::new));
            } catch (KafkaException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("refusing to start: cannot describe the topics this service consumes "
                            + names + " (were they created, and may this service describe them?)", notYet);
                }
                try {
                    Thread.sleep(500); // polls the brokers' state with a deadline, not a guess at how long it takes
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while checking the dead-letter topics", e);
                }
            }
        }
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the listener containers (Spring Kafka's registry starts late). */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
