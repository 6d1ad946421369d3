package com.fxbank.exchange.application.port.out;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Optional;

/** Where mid rates come from: configuration today, a live feed tomorrow. */
public interface RateSource {

    /** KRW per one unit of {@code currency}, if this source prices it. */
    Optional<BigDecimal> midRate(Currency currency);
}
