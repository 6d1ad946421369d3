package com.fxbank.exchange.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fxbank.messaging.FxBankKafkaProperties;
import com.fxbank.messaging.Ledger;
import com.fxbank.messaging.TopicDeclarations;
import com.fxbank.messaging.Topics;
import com.fxbank.operations.DeadLetterTopics;
import com.fxbank.operations.Redelivery;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The exchange service consumes both ledgers' cancel responses (seed R3) and publishes to both ledgers'
 * cancel requests (R1). It declares the request topics too: a cancel must be publishable while an
 * account service has never started (R8).
 */
@Configuration
class KafkaTopicsConfig {

    @Bean
    KafkaAdmin.NewTopics exchangeTopics(FxBankKafkaProperties kafka) {
        TopicDeclarations declare = new TopicDeclarations(kafka);
        List<NewTopic> topics = new ArrayList<>();
        for (Ledger ledger : Ledger.values()) {
            topics.addAll(declare.consumed(ledger.withdrawalCancelResponseTopic()));
            topics.add(declare.produced(ledger.withdrawalCancelRequestTopic()));
        }
        topics.add(declare.produced(Topics.ALERTS));
        return TopicDeclarations.bean(topics);
    }

    /**
     * Operators read and replay the dead letters of the replies this service consumes (the outbox library's office);
     * a replayed reply is handled in-process by the reply consumer.
     */
    @Bean
    DeadLetterTopics deadLetterTopics(Redelivery replies) {
        return new DeadLetterTopics(List.of(Ledger.values()).stream()
                .map(ledger -> Topics.deadLetterOf(ledger.withdrawalCancelResponseTopic())).toList(),
                Optional.of(replies));
    }
}
