package com.fxbank.messaging;

import java.util.List;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The topics a service touches, laid out by {@link FxBankKafkaProperties}. A consumed topic comes with
 * its dead-letter twin of the same partition count, so that the recoverer can always publish a failed
 * record to the same partition of {@code <topic>.DLT}. Spring's {@link KafkaAdmin} creates what is
 * missing at start-up and leaves existing topics alone.
 */
public final class TopicDeclarations {

    private final FxBankKafkaProperties properties;

    public TopicDeclarations(FxBankKafkaProperties properties) {
        this.properties = properties;
    }

    /** A topic the service consumes, and its dead-letter twin. */
    public List<NewTopic> consumed(String topic) {
        return List.of(topic(topic), topic(Topics.deadLetterOf(topic)));
    }

    /** A topic the service only produces to; declared so that it can publish before its consumer ever ran. */
    public NewTopic produced(String topic) {
        return topic(topic);
    }

    public static KafkaAdmin.NewTopics bean(List<NewTopic> topics) {
        return new Declared(topics);
    }

    /** Spring's declaration bean, which also says what it declares (for {@link DeadLetterPartitionsCheck}). */
    public static final class Declared extends KafkaAdmin.NewTopics {

        private final List<String> names;

        Declared(List<NewTopic> topics) {
            super(topics.toArray(NewTopic[]::new));
            this.names = topics.stream().map(NewTopic::name).toList();
        }

        public List<String> names() {
            return names;
        }
    }

    private NewTopic topic(String name) {
        return TopicBuilder.name(name)
                .partitions(properties.partitions())
                .replicas(properties.replicationFactor())
                .config(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(properties.minInsyncReplicas()))
                .build();
    }
}
