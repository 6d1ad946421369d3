package com.fxbank.account.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fxbank.messaging.FxBankKafkaProperties;
import com.fxbank.messaging.TopicDeclarations;
import com.fxbank.messaging.Topics;
import com.fxbank.operations.DeadLetterTopics;
import com.fxbank.operations.Redelivery;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** The topics this ledger consumes, with their dead-letter twins, and the one it answers on. */
@Configuration
class KafkaTopicsConfig {

    @Bean
    KafkaAdmin.NewTopics ledgerTopics(LedgerProperties ledger, FxBankKafkaProperties kafka) {
        TopicDeclarations declare = new TopicDeclarations(kafka);
        List<NewTopic> topics = new ArrayList<>(declare.consumed(ledger.ledger().withdrawalCancelRequestTopic()));
        topics.add(declare.produced(ledger.ledger().withdrawalCancelResponseTopic()));
        return TopicDeclarations.bean(topics);
    }

    /**
     * Operators read and replay the dead letters of this ledger's cancel requests (the outbox library's office); a
     * replayed request is handled in-process by the request consumer.
     */
    @Bean
    DeadLetterTopics deadLetterTopics(LedgerProperties ledger, Redelivery cancelRequests) {
        return new DeadLetterTopics(List.of(Topics.deadLetterOf(ledger.ledger().withdrawalCancelRequestTopic())),
                Optional.of(cancelRequests));
    }
}
