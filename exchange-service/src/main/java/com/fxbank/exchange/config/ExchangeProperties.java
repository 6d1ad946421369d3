package com.fxbank.exchange.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import com.fxbank.exchange.domain.RetryPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param midRates      KRW per unit of each foreign currency FxBank trades (the configured rate source)
 * @param spreadBasisPoints the bank's margin on each side of the mid rate
 * @param quoteValidity how long a quote can be executed
 * @param maxKrw        the largest exchange, in KRW, either side
 * @param lease         how long one instance owns an exchange it drives before another may take over
 */
@ConfigurationProperties("fxbank.exchange")
public record ExchangeProperties(
        Map<String, BigDecimal> midRates,
        @DefaultValue("50") int spreadBasisPoints,
        @DefaultValue("30s") Duration quoteValidity,
        @DefaultValue("100000000") BigDecimal maxKrw,
        @DefaultValue("60s") Duration lease,
        @DefaultValue Retry retry,
        @DefaultValue Ledgers ledgers) {

    /** @param recoveryInterval how often due exchanges are looked for */
    public record Retry(@DefaultValue("8") int maxAttempts, @DefaultValue("1s") Duration first,
                        @DefaultValue("60s") Duration longest, @DefaultValue("60s") Duration slow,
                        @DefaultValue("1s") Duration recoveryInterval) {
        public RetryPolicy policy() {
            return new RetryPolicy(maxAttempts, first, longest, slow);
        }
    }

    public record Ledgers(@DefaultValue("http://127.0.0.1:8081") String krwAccountUrl,
                          @DefaultValue("http://127.0.0.1:8082") String fxAccountUrl,
                          @DefaultValue("1s") Duration connectTimeout,
                          @DefaultValue("3s") Duration readTimeout) {
    }
}
