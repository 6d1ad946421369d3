package com.fxbank.exchange.adapter.out.rates;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where {@link EcbRateSource} reads the ECB's reference rates ({@code fxbank.exchange.rates.ecb.*}).
 *
 * @param url     the feed's address (the ECB's, or a mirror the bank runs)
 * @param refresh how often it is read
 * @param timeout how long one read may take, connection included
 */
public record EcbFeed(@DefaultValue("https://www.ecb.europa.eu/stats/eurofxref/eurofxref-daily.xml") URI url,
                      @DefaultValue("10m") Duration refresh, @DefaultValue("5s") Duration timeout) {
}
