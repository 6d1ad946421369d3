package com.fxbank.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the topics FxBank declares are laid out. Development runs one broker (RF 1); production runs
 * RF 3 with {@code min.insync.replicas=2}, or {@code acks=all} protects nothing.
 *
 * @param partitions        partitions of every topic and of its dead-letter twin (they must match)
 * @param replicationFactor replicas of every topic
 * @param minInsyncReplicas {@code min.insync.replicas} of every topic FxBank creates: how many replicas must have
 *                          a write before {@code acks=all} acknowledges it
 */
@ConfigurationProperties("fxbank.kafka")
public record FxBankKafkaProperties(
        @DefaultValue("3") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("1") int minInsyncReplicas) {

    public FxBankKafkaProperties {
        if (partitions < 1) {
            throw new IllegalArgumentException("fxbank.kafka.partitions must be at least 1");
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("fxbank.kafka.replication-factor must be at least 1");
        }
        if (minInsyncReplicas < 1 || minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException("fxbank.kafka.min-insync-replicas must be 1 to the replication factor");
        }
    }
}
