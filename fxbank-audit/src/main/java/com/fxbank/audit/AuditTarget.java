package com.fxbank.audit;

/**
 * Where the bank's state lives: the three databases (JDBC URL, user, password) and the Kafka cluster.
 */
public record AuditTarget(Database exchange, Database krwAccount, Database fxAccount, String kafkaBootstrapServers) {

    public record Database(String url, String user, String password) {
    }
}
