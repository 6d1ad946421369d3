package com.fxbank.outbox;

import java.time.Clock;

import javax.sql.DataSource;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
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
                            ObjectProvider<MeterRegistry> meters) {
        OutboxRelay relay = new OutboxRelay(jdbc, new TransactionTemplate(transactions), kafka,
                clock.getIfAvailable(Clock::systemUTC), properties);
        meters.ifAvailable(registry -> Gauge.builder("fxbank.outbox.pending", relay, OutboxRelay::pending)
                .description("outbox rows not yet acknowledged by Kafka")
                .register(registry));
        return relay;
    }

    @Bean
    Outbox outbox(OutboxSchema schema, JdbcClient jdbc, OutboxRelay relay, ObjectProvider<Clock> clock) {
        return new Outbox(jdbc, relay, clock.getIfAvailable(Clock::systemUTC));
    }
}
