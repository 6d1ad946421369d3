package com.fxbank.exchange.adapter.out.ledger;

import java.time.Duration;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where {@link LedgerHttpClient} finds the ledgers ({@code fxbank.exchange.ledgers.*}).
 *
 * @param krwAccountUrl the krw-account instances, comma-separated; calls go round-robin
 * @param fxAccountUrl  the fx-account instances, likewise
 */
public record LedgerEndpoints(@DefaultValue("http://127.0.0.1:8081") String krwAccountUrl,
                              @DefaultValue("http://127.0.0.1:8082") String fxAccountUrl,
                              @DefaultValue("1s") Duration connectTimeout,
                              @DefaultValue("3s") Duration readTimeout) {
}
