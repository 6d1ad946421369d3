package com.fxbank.outbox;

import java.time.Clock;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import com.fxbank.outbox.ops.DeadLetterOffice;
import com.fxbank.outbox.ops.DeadLetterTopics;
import com.fxbank.outbox.ops.OperatorJournal;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Gives every service with a database and Kafka an {@link Outbox} and its {@link OutboxRelay}. */
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration"})
@EnableConfigurationProperties(OutboxProperties.class)
public class FxBankOutboxAutoConfiguration {

    /**
     * The outbox table is the outbox's own schema, versioned apart from the service's (its own history
     * table), so that every service gets the same table from one migration. It runs after the service's
     * own Flyway, which would otherwise find a non-empty schema without its history and refuse to start.
     */
    @Bean
    @DependsOnDatabaseInitialization
    OutboxSchema outboxSchema(DataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/outbox")
                .table("outbox_schema_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        return new OutboxSchema();
    }

    /** Marks that the outbox table exists; the relay and the outbox need it before their first statement. */
    static final class OutboxSchema {
    }

    @Bean
    OutboxRelay outboxRelay(OutboxSchema schema, JdbcClient jdbc, PlatformTransactionManager transactions, KafkaTemplate<String, String> kafka,
                            ObjectProvider<Clock> clock, OutboxProperties properties,
                            ObjectProvider<MeterRegistry> meters, ObjectProvider<ObservationRegistry> observations) {
        OutboxRelay relay = new OutboxRelay(jdbc, new TransactionTemplate(transactions), kafka,
                clock.getIfAvailable(Clock::systemUTC), properties, observations.getIfAvailable(() -> ObservationRegistry.NOOP));
        meters.ifAvailable(registry -> {
            Gauge.builder("fxbank.outbox.pending", relay, OutboxRelay::pending)
                    .description("outbox rows not yet acknowledged by Kafka, parked ones included")
                    .register(registry);
            Gauge.builder("fxbank.outbox.parked", relay, OutboxRelay::parked)
                    .description("outbox rows the relay gave up on after repeated failures while others flowed")
                    .register(registry);
            Gauge.builder("fxbank.outbox.oldest.unsent.age", relay, r -> r.oldestUnsentAge().toMillis() / 1000.0)
                    .baseUnit("seconds")
                    .description("how long the oldest outbox row still to be sent has waited")
                    .register(registry);
        });
        return relay;
    }

    /** The relay in the service's health: DOWN only when its thread is gone; the backlog is in the details. */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @org.springframework.boot.autoconfigure.condition.ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class OutboxHealthConfiguration {

        @Bean
        org.springframework.boot.health.contributor.HealthIndicator outboxHealthIndicator(OutboxRelay relay) {
            return () -> {
                var health = relay.isRelaying() || !relay.isRunning()
                        ? org.springframework.boot.health.contributor.Health.up()
                        : org.springframework.boot.health.contributor.Health.down();
                health.withDetail("pending", relay.pending())
                        .withDetail("parked", relay.parked())
                        .withDetail("oldestUnsentSeconds", relay.oldestUnsentAge().toSeconds());
                if (relay.lastCrash() != null) {
                    health.withDetail("lastFailure", relay.lastCrash());
                }
                return health.build();
            };
        }
    }

    @Bean
    ParkedMessages parkedMessages(OutboxSchema schema, JdbcClient jdbc, OutboxRelay relay, ObjectProvider<Clock> clock,
                                  OperatorJournal journal, PlatformTransactionManager transactions) {
        return new ParkedMessages(jdbc, relay, clock.getIfAvailable(Clock::systemUTC), journal,
                new TransactionTemplate(transactions));
    }

    /** What operators did in this service, append-only (issue 15). */
    @Bean
    OperatorJournal operatorJournal(OutboxSchema schema, JdbcClient jdbc) {
        return new OperatorJournal(jdbc);
    }

    /**
     * The dead letters of the topics this service consumes, where the service names them ({@link DeadLetterTopics}).
     */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnBean(DeadLetterTopics.class)
    DeadLetterOffice deadLetterOffice(DeadLetterTopics topics, org.springframework.kafka.core.ConsumerFactory<String, String> consumers,
                                      Outbox outbox, OperatorJournal journal, JdbcClient jdbc,
                                      PlatformTransactionManager transactions, ObjectProvider<Clock> clock) {
        return new DeadLetterOffice(topics.topics(), consumers,
                topics.redelivery().orElseGet(() -> com.fxbank.outbox.ops.Redelivery.republish(outbox)), journal, jdbc,
                new TransactionTemplate(transactions),
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    OutboxLog outboxLog(OutboxSchema schema, JdbcClient jdbc) {
        return new OutboxLog(jdbc);
    }

    /** The operator's endpoints for parked rows, in every service that serves HTTP. */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication(
            type = org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type.SERVLET)
    @org.springframework.boot.autoconfigure.condition.ConditionalOnClass(name = "org.springframework.web.servlet.DispatcherServlet")
    static class ParkedMessagesWebConfiguration {

        @Bean
        com.fxbank.outbox.web.ParkedMessagesController parkedMessagesController(ParkedMessages parked) {
            return new com.fxbank.outbox.web.ParkedMessagesController(parked);
        }

        @Bean
        com.fxbank.outbox.web.OperatorActionController operatorActionController(OperatorJournal journal) {
            return new com.fxbank.outbox.web.OperatorActionController(journal);
        }

        @Bean
        @org.springframework.boot.autoconfigure.condition.ConditionalOnBean(DeadLetterTopics.class)
        com.fxbank.outbox.web.DeadLetterController deadLetterController(DeadLetterOffice office) {
            return new com.fxbank.outbox.web.DeadLetterController(office);
        }
    }

    @Bean
    Outbox outbox(OutboxSchema schema, JdbcClient jdbc, org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations batches,
                  OutboxRelay relay, ObjectProvider<Clock> clock, ObjectProvider<ObservationRegistry> observations) {
        return new Outbox(jdbc, batches, relay, clock.getIfAvailable(Clock::systemUTC),
                observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }
}
