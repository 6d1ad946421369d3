package com.fxbank.operations;

import java.time.Clock;

import com.fxbank.operations.web.DeadLetterController;
import com.fxbank.operations.web.OperatorActionController;
import com.fxbank.operations.web.ParkedMessagesController;
import com.fxbank.outbox.FxBankOutboxAutoConfiguration;
import com.fxbank.outbox.FxBankOutboxAutoConfiguration.OutboxSchema;
import com.fxbank.outbox.Outbox;
import com.fxbank.outbox.OutboxParking;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What every service gives its operators: the journal of their actions (append-only), the outbox's parked rows and
 * their release, and the dead letters of the topics the service consumes with their replay; over HTTP under
 * {@code /ops/v1} in every service that serves it.
 */
@AutoConfiguration(after = FxBankOutboxAutoConfiguration.class)
public class FxBankOperationsAutoConfiguration {

    /** What operators did in this service, append-only. Its table is in the outbox's schema (V7). */
    @Bean
    OperatorJournal operatorJournal(OutboxSchema schema, JdbcClient jdbc) {
        return new OperatorJournal(jdbc);
    }

    @Bean
    ParkedMessages parkedMessages(OutboxParking parking, OperatorJournal journal, PlatformTransactionManager transactions,
                                  ObjectProvider<Clock> clock) {
        return new ParkedMessages(parking, journal, new TransactionTemplate(transactions),
                clock.getIfAvailable(Clock::systemUTC));
    }

    /** The dead letters of the topics this service consumes, where the service names them ({@link DeadLetterTopics}). */
    @Bean
    @ConditionalOnBean(DeadLetterTopics.class)
    DeadLetterOffice deadLetterOffice(DeadLetterTopics topics, ConsumerFactory<String, String> consumers, Outbox outbox,
                                      OperatorJournal journal, JdbcClient jdbc, PlatformTransactionManager transactions,
                                      ObjectProvider<Clock> clock) {
        return new DeadLetterOffice(topics.topics(), consumers, topics.redelivery().orElseGet(() -> Redelivery.republish(outbox)),
                journal, jdbc, new TransactionTemplate(transactions), clock.getIfAvailable(Clock::systemUTC));
    }

    /** The operators' endpoints, in every service that serves HTTP. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
    static class OperationsWebConfiguration {

        @Bean
        ParkedMessagesController parkedMessagesController(ParkedMessages parked) {
            return new ParkedMessagesController(parked);
        }

        @Bean
        OperatorActionController operatorActionController(OperatorJournal journal) {
            return new OperatorActionController(journal);
        }

        @Bean
        @ConditionalOnBean(DeadLetterTopics.class)
        DeadLetterController deadLetterController(DeadLetterOffice office) {
            return new DeadLetterController(office);
        }
    }
}
