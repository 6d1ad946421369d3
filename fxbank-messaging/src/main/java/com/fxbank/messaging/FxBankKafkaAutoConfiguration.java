package com.fxbank.messaging;

import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fxbank.common.posture.DevelopmentMode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.ContainerProperties.AckMode;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Applies the seed's Kafka rules to every FxBank service that has this module on its classpath, so
 * that no service can forget one: the producer settings (R4), manual acknowledgement (R6) and retry
 * then dead-letter (R7). Values in a service's {@code application.yml} cannot weaken them.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(FxBankKafkaProperties.class)
public class FxBankKafkaAutoConfiguration {

    /**
     * Fails closed (DESIGN §9): without RF 3 and {@code min.insync.replicas} 2, {@code acks=all} is acknowledged by
     * one broker, and its death loses cancels the saga counted on. Only development mode may run on less.
     */
    @Bean
    InitializingBean durableTopicsOrNothing(FxBankKafkaProperties properties, Environment environment) {
        return () -> {
            if (!DevelopmentMode.isDeclared(environment)
                    && (properties.replicationFactor() < 3 || properties.minInsyncReplicas() < 2)) {
                throw new IllegalStateException("refusing to start: topics with replication factor "
                        + properties.replicationFactor() + " and min.insync.replicas " + properties.minInsyncReplicas()
                        + " lose acknowledged messages when a broker dies. Set FXBANK_KAFKA_REPLICATION_FACTOR to 3 or "
                        + "more and FXBANK_KAFKA_MIN_INSYNC_REPLICAS to 2 or more, " + DevelopmentMode.howToDeclare());
            }
        };
    }

    /**
     * Fails closed on an open cluster: whoever reaches PLAINTEXT brokers can publish a cancel request for their own
     * completed exchange (a refund of money they spent) or a reply for someone else's. Outside development mode the
     * services authenticate (SASL_PLAINTEXT or SASL_SSL), and the brokers' ACLs say what each may do.
     */
    @Bean
    InitializingBean authenticatedKafkaOrNothing(Environment environment) {
        return () -> {
            String protocol = environment.getProperty("spring.kafka.security.protocol", "PLAINTEXT");
            if (!DevelopmentMode.isDeclared(environment) && !protocol.toUpperCase(Locale.ROOT).startsWith("SASL_")) {
                throw new IllegalStateException("refusing to start: Kafka security protocol " + protocol
                        + " authenticates no one, so anyone who reaches the brokers could publish a refund. Set "
                        + "FXBANK_KAFKA_SECURITY_PROTOCOL to SASL_SSL (or SASL_PLAINTEXT on a private network) with "
                        + "FXBANK_KAFKA_USERNAME and FXBANK_KAFKA_PASSWORD, " + DevelopmentMode.howToDeclare());
            }
        };
    }

    @Bean
    DeadLetterPartitionsCheck deadLetterPartitionsCheck(ObjectProvider<KafkaAdmin> admin,
                                                        ObjectProvider<KafkaAdmin.NewTopics> declared) {
        return new DeadLetterPartitionsCheck(admin, declared);
    }

    /** Dead letters and consumer lag of what this service consumes, as gauges. */
    @Bean
    KafkaBacklogGauges kafkaBacklogGauges(ObjectProvider<KafkaAdmin> admin,
                                          ObjectProvider<KafkaAdmin.NewTopics> declared,
                                          ObjectProvider<MeterRegistry> meters,
                                          Environment environment) {
        List<String> consumed = new ArrayList<>();
        declared.orderedStream().filter(TopicDeclarations.Declared.class::isInstance)
                .flatMap(topics -> ((TopicDeclarations.Declared) topics).names().stream())
                .filter(name -> name.endsWith(Topics.DEAD_LETTER_SUFFIX))
                .forEach(name -> consumed.add(name.substring(0, name.length() - Topics.DEAD_LETTER_SUFFIX.length())));
        KafkaAdmin kafkaAdmin = admin.getIfAvailable();
        return new KafkaBacklogGauges(kafkaAdmin == null ? Map.of() : kafkaAdmin.getConfigurationProperties(),
                environment.getProperty("spring.kafka.consumer.group-id", "none"),
                kafkaAdmin == null ? List.of() : consumed,
                environment.getProperty("fxbank.kafka.backlog-interval", Duration.class, Duration.ofSeconds(15)),
                meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    @ConditionalOnMissingBean
    MessageCodec messageCodec() {
        return new MessageCodec();
    }

    @Bean
    DefaultKafkaProducerFactoryCustomizer seedProducerSettings() {
        return factory -> {
            factory.updateConfigs(SeedKafkaSettings.producer());
            // send() waits for a topic's metadata on the caller's thread; for a topic that is gone (auto-create off)
            // that is 60 s by default, during which the outbox relay would send nothing else. Five seconds, then
            // the record fails alone and is retried (the outbox keeps it).
            factory.updateConfigs(Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000));
        };
    }

    @Bean
    DefaultKafkaConsumerFactoryCustomizer seedConsumerSettings() {
        return factory -> factory.updateConfigs(SeedKafkaSettings.consumer());
    }

    /** R6: the listener acknowledges after its transaction committed; only then is the offset committed. */
    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> manualAcknowledgement() {
        return container -> container.getContainerProperties().setAckMode(AckMode.MANUAL);
    }

    /**
     * R7: a failing record is retried 3 times 1 s apart, then published to {@code <topic>.DLT} (same
     * partition) with the exception in its headers, and its offset committed; the partition moves on.
     * A {@link PoisonMessageException} skips the retries. If the dead-letter publish itself fails, the
     * record is not committed and is tried again: it is never dropped.
     */
    @Bean
    @ConditionalOnMissingBean(CommonErrorHandler.class)
    DefaultErrorHandler retryThenDeadLetter(KafkaTemplate<?, ?> template) {
        // Spelled out: Spring Kafka 4's default suffix is "-dlt"; the seed and our topics use ".DLT".
        var recoverer = new DeadLetterPublishingRecoverer(template,
                (record, exception) -> new TopicPartition(Topics.deadLetterOf(record.topic()), record.partition()));
        recoverer.setFailIfSendResultIsError(true);
        // Every dead letter is logged once it is in the DLT: an operator reading the logs sees it at once.
        // A batch listener names its failed record with a BatchListenerFailedException: the dead letter's headers carry
        // the record's own failure, as a record listener's do, not the wrapper's.
        ConsumerRecordRecoverer logged = (record, thrown) -> {
            Exception exception = ofTheRecord(thrown);
            recoverer.accept(record, exception);
            DEAD_LETTERS.warn("dead-lettered {}-{}@{} (key {}) to {}: {}", record.topic(), record.partition(),
                    record.offset(), printable(record.key()), Topics.deadLetterOf(record.topic()), reason(exception));
        };
        var handler = new DefaultErrorHandler(logged,
                new FixedBackOff(SeedKafkaSettings.RETRY_INTERVAL_MS, SeedKafkaSettings.RETRY_ATTEMPTS));
        handler.addNotRetryableExceptions(PoisonMessageException.class);
        // The database being away (a failover, a restart) is not the record's fault: the listener waits, pausing
        // up to 30 s between tries, until the database answers, and spends none of the record's 3 retries.
        handler.setBackOffFunction((record, exception) -> isInfrastructure(exception) ? untilTheDatabaseIsBack() : null);
        handler.setResetStateOnExceptionChange(true);
        handler.setCommitRecovered(true);
        // A batch listener's failed record makes the handler seek back to the records after it, which Spring Kafka
        // signals with an exception the container logs at this level: a routine redelivery, not an ERROR (a record's
        // own failure is logged by the retries and, when dead-lettered, by the WARN above).
        handler.setLogLevel(KafkaException.Level.WARN);
        return handler;
    }

    static Exception ofTheRecord(Exception thrown) {
        for (Throwable cause = thrown; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof BatchListenerFailedException named
                    && named.getCause() instanceof Exception recordFailure) {
                return recordFailure;
            }
        }
        return thrown;
    }

    private static final Logger DEAD_LETTERS = LoggerFactory.getLogger("com.fxbank.messaging.DeadLetters");

    /** A key as a log line may show it: printable, at most 80 characters (keys come from other services' records). */
    static String printable(Object key) {
        if (key == null) {
            return "none";
        }
        String text = key.toString().replaceAll("[^\\x20-\\x7e]", "?");
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }

    /** The innermost cause, as the DLT's headers also say it; one line, at most 200 characters. */
    static String reason(Throwable exception) {
        Throwable root = exception;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = (root.getClass().getSimpleName() + ": " + root.getMessage()).replaceAll("[\\r\\n]+", " ");
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }

    /** Failures of the database connection itself, as opposed to a record the service cannot process. */
    static boolean isInfrastructure(Throwable exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static BackOff untilTheDatabaseIsBack() {
        var backOff = new ExponentialBackOff(1000, 2.0);
        backOff.setMaxInterval(30_000);
        return backOff; // no max attempts, no max elapsed time: it waits for as long as the database is away
    }
}
