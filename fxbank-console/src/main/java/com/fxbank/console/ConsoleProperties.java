package com.fxbank.console;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the console finds the services' operator APIs.
 *
 * @param exchangeUrl  the exchange service
 * @param krwAccountUrl the KRW ledger
 * @param fxAccountUrl  the FX ledger
 * @param refresh       how often an open list or exchange page asks for what changed
 */
@ConfigurationProperties("fxbank.console")
public record ConsoleProperties(
        @DefaultValue("http://127.0.0.1:8080") String exchangeUrl,
        @DefaultValue("http://127.0.0.1:8081") String krwAccountUrl,
        @DefaultValue("http://127.0.0.1:8082") String fxAccountUrl,
        @DefaultValue("3s") Duration refresh) {
}
