package com.fxbank.audit;

import java.util.Map;

/**
 * Where the bank's state lives: the three databases (JDBC URL, user, password) and the Kafka cluster, with the
 * client settings it asks for (SASL credentials of an operator on a secured cluster).
 */
public record AuditTarget(Database exchange, Database krwAccount, Database fxAccount, String kafkaBootstrapServers,
                          Map<String, Object> kafkaSettings) {

    /** On a cluster that asks for no credentials. */
    public AuditTarget(Database exchange, Database krwAccount, Database fxAccount, String kafkaBootstrapServers) {
        this(exchange, krwAccount, fxAccount, kafkaBootstrapServers, Map.of());
    }

    public record Database(String url, String user, String password) {
    }
}
