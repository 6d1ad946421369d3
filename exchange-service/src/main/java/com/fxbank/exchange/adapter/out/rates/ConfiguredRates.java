package com.fxbank.exchange.adapter.out.rates;

import java.math.BigDecimal;
import java.util.Map;

/** What {@link ConfiguredRateSource} quotes on: KRW per one unit of each foreign currency, by its code. */
public record ConfiguredRates(Map<String, BigDecimal> krwPerUnit) {

    public ConfiguredRates {
        krwPerUnit = krwPerUnit == null ? Map.of() : Map.copyOf(krwPerUnit);
    }
}
