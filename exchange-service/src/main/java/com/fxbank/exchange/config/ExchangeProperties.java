package com.fxbank.exchange.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;

import com.fxbank.common.money.Money;
import com.fxbank.exchange.adapter.out.ledger.LedgerEndpoints;
import com.fxbank.exchange.adapter.out.rates.EcbFeed;
import com.fxbank.exchange.domain.AmountLimits;
import com.fxbank.exchange.domain.CustomerLimits;
import com.fxbank.exchange.domain.LimitTerms;
import com.fxbank.exchange.domain.Pricing;
import com.fxbank.exchange.domain.PricingTerms;
import com.fxbank.exchange.domain.ReportingTerms;
import com.fxbank.exchange.domain.RetryPolicy;
import com.fxbank.exchange.domain.SagaTimings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param currencies    what FxBank trades, with the limits of one exchange in each (KRW included) and the
 *                      spread of each foreign currency
 * @param rates         where mid rates come from and how old they may be
 * @param quoteValidity how long a quote can be executed
 * @param lease         how long one instance owns an exchange it drives before another may take over
 * @param quoteRetention how long a quote nobody exchanged is kept after it expired, then deleted
 * @param attentionRealert how often the alert of an exchange still needing an operator is raised again
 * @param customerLimits   what one customer may exchange per business day and year, in USD equivalent
 * @param businessZone     whose calendar says what a business day and year are
 * @param reporting        which completed exchanges are reported to the authorities, in USD equivalent
 */
@ConfigurationProperties("fxbank.exchange")
public record ExchangeProperties(
        Map<String, CurrencyTerms> currencies,
        @DefaultValue Rates rates,
        @DefaultValue("30s") Duration quoteValidity,
        @DefaultValue("60s") Duration lease,
        @DefaultValue Retry retry,
        @DefaultValue LedgerEndpoints ledgers,
        @DefaultValue("1d") Duration quoteRetention,
        @DefaultValue("1h") Duration attentionRealert,
        @DefaultValue CustomerLimitSettings customerLimits,
        @DefaultValue("Asia/Seoul") ZoneId businessZone,
        @DefaultValue ReportingSettings reporting) {

    public ExchangeProperties {
        currencies = currencies == null ? Map.of() : Map.copyOf(currencies);
        if (!currencies.containsKey("KRW")) {
            throw new IllegalArgumentException("fxbank.exchange.currencies.KRW (min and max of one exchange) is required");
        }
        currencies.forEach((code, terms) -> terms.limits(Money.currency(code)));
    }

    /**
     * @param spreadBasisPoints the bank's margin on each side of the mid rate (foreign currencies only)
     * @param min               the smallest amount of this currency one exchange may move
     * @param max               the largest
     * @param positionLimit     how large the desk's position in this currency may grow, long or short, before the
     *                          alert FxBankPositionBeyondLimit fires; none when absent
     */
    public record CurrencyTerms(@DefaultValue("50") int spreadBasisPoints, BigDecimal min, BigDecimal max,
                                BigDecimal positionLimit) {
        public CurrencyTerms {
            if (spreadBasisPoints < 0 || spreadBasisPoints >= 10_000) {
                throw new IllegalArgumentException("spread-basis-points must be 0 to 9999, got " + spreadBasisPoints);
            }
            if (positionLimit != null && positionLimit.signum() <= 0) {
                throw new IllegalArgumentException("position-limit must be positive, got " + positionLimit.toPlainString());
            }
        }

        AmountLimits.Range limits(Currency currency) {
            if (min == null || max == null) {
                throw new IllegalArgumentException("fxbank.exchange.currencies." + currency + ": min and max are required");
            }
            return new AmountLimits.Range(new Money(min, currency), new Money(max, currency));
        }
    }

    /** What these settings decide about prices, as the domain reads it. */
    public PricingTerms pricingTerms() {
        Map<Currency, Integer> spreads = new HashMap<>();
        Map<Currency, AmountLimits.Range> ranges = new HashMap<>();
        currencies.forEach((code, terms) -> {
            Currency currency = Money.currency(code);
            ranges.put(currency, terms.limits(currency));
            if (!currency.equals(Pricing.KRW)) {
                spreads.put(currency, terms.spreadBasisPoints());
            }
        });
        return new PricingTerms(spreads, new AmountLimits(ranges), rates.maxAge(), quoteValidity);
    }

    /** The configured limit of the desk's position per currency (where one is set). */
    public Map<Currency, BigDecimal> positionLimits() {
        Map<Currency, BigDecimal> limits = new HashMap<>();
        currencies.forEach((code, terms) -> {
            if (terms.positionLimit() != null) {
                limits.put(Money.currency(code), terms.positionLimit());
            }
        });
        return Map.copyOf(limits);
    }

    /** @param daily USD equivalent a customer may exchange per business day; {@code yearly} per business year */
    public record CustomerLimitSettings(@DefaultValue("50000.00") BigDecimal daily,
                                        @DefaultValue("500000.00") BigDecimal yearly) {
    }

    public LimitTerms limitTerms() {
        return new LimitTerms(new CustomerLimits(new Money(customerLimits.daily(), CustomerLimits.USD),
                new Money(customerLimits.yearly(), CustomerLimits.USD)), businessZone);
    }

    /**
     * @param singleExchange an exchange worth more than this (USD equivalent) is reported
     * @param customerDay    every exchange of a customer whose completed exchanges in a business day come to more than
     *                       this is reported
     */
    public record ReportingSettings(@DefaultValue("10000.00") BigDecimal singleExchange,
                                    @DefaultValue("10000.00") BigDecimal customerDay) {
    }

    public ReportingTerms reportingTerms() {
        return new ReportingTerms(new Money(reporting.singleExchange(), CustomerLimits.USD),
                new Money(reporting.customerDay(), CustomerLimits.USD));
    }

    public SagaTimings sagaTimings() {
        return new SagaTimings(lease, retry.policy(), attentionRealert);
    }

    /**
     * @param source     {@code configured} (the table below, for offline use) or {@code ecb} (the European Central
     *                   Bank's daily euro reference rates)
     * @param maxAge     a rate older than this is never priced on: quotes are refused until a fresher one arrives
     * @param configured KRW per one unit of each foreign currency, for the configured source
     */
    public record Rates(@DefaultValue("configured") String source, @DefaultValue("4d") Duration maxAge,
                        Map<String, BigDecimal> configured, @DefaultValue EcbFeed ecb) {
    }

    /** @param recoveryInterval how often due exchanges are looked for */
    public record Retry(@DefaultValue("8") int maxAttempts, @DefaultValue("1s") Duration first,
                        @DefaultValue("60s") Duration longest, @DefaultValue("60s") Duration slow,
                        @DefaultValue("1s") Duration recoveryInterval) {
        public RetryPolicy policy() {
            return new RetryPolicy(maxAttempts, first, longest, slow);
        }
    }
}
