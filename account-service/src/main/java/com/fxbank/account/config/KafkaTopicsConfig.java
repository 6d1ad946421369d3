package com.fxbank.account.config;

import java.util.ArrayList;
import java.util.List;

import com.fxbank.messaging.FxBankKafkaProperties;
import com.fxbank.messaging.TopicDeclarations;
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
}
