package com.fxbank.launcher;

import java.util.Map;

import com.fxbank.audit.AuditTarget;

/** Where the audit looks for the bank the launcher runs (embedded files, or PostgreSQL) and its Kafka. */
final class BankAudit {

    private BankAudit() {
    }

    static AuditTarget targetOf(LaunchSettings settings, String kafkaBootstrapServers) {
        ServiceDatabases databases = new ServiceDatabases(settings);
        return new AuditTarget(
                database(databases, "exchange"),
                database(databases, "krw_account"),
                database(databases, "fx_account"),
                kafkaBootstrapServers, kafkaCredentials());
    }

    /**
     * On a secured cluster the audit logs in as an operator: FXBANK_KAFKA_USERNAME and FXBANK_KAFKA_PASSWORD (SCRAM,
     * the same variables a service reads), e.g. the admin user {@code ./fxbank kafka --secure} prints.
     */
    private static Map<String, Object> kafkaCredentials() {
        String user = System.getenv("FXBANK_KAFKA_USERNAME");
        if (user == null || user.isBlank()) {
            return Map.of();
        }
        return Map.of("security.protocol", System.getenv().getOrDefault("FXBANK_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT"),
                "sasl.mechanism", System.getenv().getOrDefault("FXBANK_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512"),
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                        + "\" password=\"" + System.getenv().getOrDefault("FXBANK_KAFKA_PASSWORD", "") + "\";");
    }

    private static AuditTarget.Database database(ServiceDatabases databases, String name) {
        return new AuditTarget.Database(databases.urlOf(name), databases.user(), databases.password());
    }
}
