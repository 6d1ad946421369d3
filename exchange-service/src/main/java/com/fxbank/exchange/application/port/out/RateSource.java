package com.fxbank.exchange.application.port.out;

import java.util.Currency;

import com.fxbank.exchange.domain.MidRate;

/** Where mid rates come from: the configured table (offline, the default) or a live feed. */
public interface RateSource {

    /** The latest mid rate of {@code currency} this source has, however old: the caller decides on its age. */
    RateLookup midRate(Currency currency);

    /** One line for people: which source, where it reads from. */
    String description();

    sealed interface RateLookup {
        record Found(MidRate rate) implements RateLookup {
        }

        /** The source answers but does not list this currency. */
        record NotListed(String source) implements RateLookup {
        }

        /** The source has no usable rates: it never answered, or answered with something unusable. */
        record Unavailable(String why) implements RateLookup {
        }
    }
}
