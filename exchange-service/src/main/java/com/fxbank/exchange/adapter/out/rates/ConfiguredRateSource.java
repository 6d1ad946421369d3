package com.fxbank.exchange.adapter.out.rates;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Optional;

import com.fxbank.common.stereotype.PersistenceAdapter;
import com.fxbank.exchange.application.port.out.RateSource;
import com.fxbank.exchange.config.ExchangeProperties;

/** Mid rates from configuration ({@code fxbank.exchange.mid-rates.USD=1380.00}); a live feed would replace this. */
@PersistenceAdapter
class ConfiguredRateSource implements RateSource {

    private final ExchangeProperties properties;

    ConfiguredRateSource(ExchangeProperties properties) {
        this.properties = properties;
    }

    @Override
    public Optional<BigDecimal> midRate(Currency currency) {
        return properties.midRates() == null ? Optional.empty()
                : Optional.ofNullable(properties.midRates().get(currency.getCurrencyCode())).filter(rate -> rate.signum() > 0);
    }
}
