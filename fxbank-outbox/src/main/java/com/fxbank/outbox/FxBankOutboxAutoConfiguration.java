package com.fxbank.outbox;

import java.time.Clock;
import javax.sql.DataSource;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
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
     * (Its V7 also holds the operations module's two tables, {@code operator_action} and {@code dead_letter_replay}:
     * applied migrations are never moved or edited, their checksums are in every database's history.)
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

    /** Marks that the outbox's tables exist; whatever reads or writes them needs it before its first statement. */
    public static final class OutboxSchema {
        private OutboxSchema() {
        }
    }

    /** Every statement on the outbox's table. */
    @Bean
    OutboxRows outboxRows(OutboxSchema schema, JdbcClient jdbc, NamedParameterJdbcOperations batches) {
        return new OutboxRows(jdbc, batches);
    }

    @Bean
    OutboxRelay outboxRelay(OutboxRows rows, PlatformTransactionManager transactions, KafkaTemplate<String, String> kafka,
                            ObjectProvider<Clock> clock, OutboxProperties properties,
                            ObjectProvider<MeterRegistry> meters, ObjectProvider<ObservationRegistry> observations) {
        OutboxRelay relay = new OutboxRelay(rows, new TransactionTemplate(transactions), kafka,
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
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class OutboxHealthConfiguration {

        @Bean
        HealthIndicator outboxHealthIndicator(OutboxRelay relay) {
            return () -> {
                Health.Builder health = relay.isRelaying() || !relay.isRunning() ? Health.up() : Health.down();
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
    OutboxParking outboxParking(OutboxRows rows, OutboxRelay relay) {
        return new OutboxParking(rows, relay);
    }

    @Bean
    OutboxLog outboxLog(OutboxRows rows) {
        return new OutboxLog(rows);
    }

    @Bean
    Outbox outbox(OutboxRows rows, OutboxRelay relay, ObjectProvider<Clock> clock,
                  ObjectProvider<ObservationRegistry> observations) {
        return new Outbox(rows, relay, clock.getIfAvailable(Clock::systemUTC),
                observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }
}
