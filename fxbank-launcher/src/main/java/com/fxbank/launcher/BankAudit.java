package com.fxbank.launcher;

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
                kafkaBootstrapServers);
    }

    private static AuditTarget.Database database(ServiceDatabases databases, String name) {
        return new AuditTarget.Database(databases.urlOf(name), databases.user(), databases.password());
    }
}
