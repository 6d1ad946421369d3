package com.fxbank.audit;

import java.time.ZoneId;

import java.util.Map;

/**
 * Where the bank's state lives: the three databases (JDBC URL, user, password) and the Kafka cluster, with the
 * client settings it asks for (SASL credentials of an operator on a secured cluster); and the zone whose calendar the
 * exchange service counts customer limits in ({@code fxbank.exchange.business-zone}).
 */
public record AuditTarget(Database exchange, Database krwAccount, Database fxAccount, String kafkaBootstrapServers,
                          Map<String, Object> kafkaSettings, ZoneId businessZone) {

    /** The exchange service's default business zone. */
    public static final ZoneId DEFAULT_BUSINESS_ZONE = ZoneId.of("Asia/Seoul");

    public AuditTarget(Database exchange, Database krwAccount, Database fxAccount, String kafkaBootstrapServers,
                       Map<String, Object> kafkaSettings) {
        this(exchange, krwAccount, fxAccount, kafkaBootstrapServers, kafkaSettings, DEFAULT_BUSINESS_ZONE);
    }

    /** On a cluster that asks for no credentials. */
    public AuditTarget(Database exchange, Database krwAccount, Database fxAccount, String kafkaBootstrapServers) {
        this(exchange, krwAccount, fxAccount, kafkaBootstrapServers, Map.of());
    }

    public record Database(String url, String user, String password) {
    }
}
