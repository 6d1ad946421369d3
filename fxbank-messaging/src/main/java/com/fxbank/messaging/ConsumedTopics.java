package com.fxbank.messaging;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Declares topics a service consumes together with their dead-letter twins, same partition count, so
 * that the recoverer can always publish a failed record to the same partition of {@code <topic>.DLT}.
 * A service registers one of these as a bean; Spring's {@link KafkaAdmin} creates what is missing.
 */
public final class ConsumedTopics {

    private ConsumedTopics() {
    }

    public static KafkaAdmin.NewTopics withDeadLetters(FxBankKafkaProperties properties, String... topics) {
        List<NewTopic> declared = new ArrayList<>();
        for (String topic : topics) {
            declared.add(topic(topic, properties));
            declared.add(topic(Topics.deadLetterOf(topic), properties));
        }
        return new KafkaAdmin.NewTopics(declared.toArray(NewTopic[]::new));
    }

    /** A topic the service only produces to; its consumer declares the dead-letter twin. */
    public static NewTopic produced(FxBankKafkaProperties properties, String topic) {
        return topic(topic, properties);
    }

    private static NewTopic topic(String name, FxBankKafkaProperties properties) {
        return TopicBuilder.name(name)
                .partitions(properties.partitions())
                .replicas(properties.replicationFactor())
                .build();
    }
}
