package com.fxbank.exchange.adapter.out.rates;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Currency;
import java.util.Map;
import java.util.TreeMap;

import com.fxbank.common.stereotype.ExternalSystemAdapter;
import com.fxbank.exchange.application.port.out.RateSource;
import com.fxbank.exchange.domain.MidRate;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Mid rates from configuration ({@code fxbank.exchange.rates.configured.USD=1380.00}): the embedded default,
 * so that FxBank quotes offline. They are current by declaration (as of the moment they are read); a bank
 * that prices for real money reads a feed ({@link EcbRateSource}).
 */
@ExternalSystemAdapter
@ConditionalOnProperty(name = "fxbank.exchange.rates.source", havingValue = "configured", matchIfMissing = true)
class ConfiguredRateSource implements RateSource {

    static final String SOURCE = "configured";

    private final Map<String, BigDecimal> rates;
    private final Clock clock;

    ConfiguredRateSource(ConfiguredRates configured, Clock clock) {
        this.rates = new TreeMap<>(configured.krwPerUnit());
        this.clock = clock;
    }

    @Override
    public RateLookup midRate(Currency currency) {
        BigDecimal rate = rates.get(currency.getCurrencyCode());
        if (rate == null || rate.signum() <= 0) {
            return new RateLookup.NotListed(SOURCE + " rates");
        }
        return new RateLookup.Found(new MidRate(currency, rate, SOURCE, clock.instant()));
    }

    @Override
    public String description() {
        StringBuilder text = new StringBuilder("configured in fxbank.exchange.rates.configured (offline, KRW per unit):");
        rates.forEach((code, rate) -> text.append(' ').append(code).append(' ').append(rate.toPlainString()));
        return text.toString();
    }
}
