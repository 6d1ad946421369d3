package com.fxbank.exchange.domain;

import java.time.Duration;

/**
 * How long a quote nobody exchanged is kept after it expired. A quote an exchange used is kept with the exchange.
 *
 * @param keepUnused after expiry; then the quote is deleted
 * @param batch      quotes deleted per statement, so that retention never holds long locks
 */
public record QuoteRetention(Duration keepUnused, int batch) {

    public QuoteRetention {
        if (keepUnused.isNegative() || batch < 1) {
            throw new IllegalArgumentException("quote retention must be positive, got " + keepUnused + " / " + batch);
        }
    }
}
