package com.fxbank.exchange.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.Optional;

import com.fxbank.common.money.Money;
import org.junit.jupiter.api.Test;

/** The rounding rule of {@link Pricing}, case by case; {@link PricingPropertiesTest} proves it in general. */
class PricingTest {

    private static final Currency USD = Currency.getInstance("USD");
    private static final Currency JPY = Currency.getInstance("JPY");
    private static final Instant NOW = Instant.parse("2026-11-25T00:00:00Z");

    @Test
    void the_spread_is_added_for_a_buy_and_taken_off_for_a_sell_and_the_rate_rounds_for_the_bank() {
        assertThat(Pricing.customerRate(Direction.BUY, new BigDecimal("1380.00"), 50)).isEqualByComparingTo("1386.90");
        assertThat(Pricing.customerRate(Direction.SELL, new BigDecimal("1380.00"), 50)).isEqualByComparingTo("1373.10");
        // 1377.123456 × 1.005 = 1384.00907328: a BUY rounds up, 1384.0091; × 0.995 = 1370.23783872: a SELL down.
        assertThat(Pricing.customerRate(Direction.BUY, new BigDecimal("1377.123456"), 50)).isEqualByComparingTo("1384.0091");
        assertThat(Pricing.customerRate(Direction.SELL, new BigDecimal("1377.123456"), 50)).isEqualByComparingTo("1370.2378");
    }

    @Test
    void what_the_customer_pays_is_rounded_up_and_what_the_customer_gets_is_rounded_down() {
        // BUY 0.50 USD at 1001: 500.5 KRW to pay, rounded up to 501 (half-even gave 500).
        assertThat(quote(Direction.BUY, Money.of("0.50", "USD"), "1001").orElseThrow().krwAmount()).isEqualTo(Money.of("501", "KRW"));
        // SELL 1.50 USD at 1001: 1501.5 KRW to get, rounded down to 1501 (half-even gave 1502).
        assertThat(quote(Direction.SELL, Money.of("1.50", "USD"), "1001").orElseThrow().krwAmount()).isEqualTo(Money.of("1501", "KRW"));
        // BUY with 100,000 KRW at 1001: 99.9000999 USD to get, rounded down to 99.90.
        assertThat(quote(Direction.BUY, Money.of("100000", "KRW"), "1001").orElseThrow().fxAmount()).isEqualTo(Money.of("99.90", "USD"));
        // SELL for 100,000 KRW at 1001: 99.9000999 USD to pay, rounded up to 99.91.
        assertThat(quote(Direction.SELL, Money.of("100000", "KRW"), "1001").orElseThrow().fxAmount()).isEqualTo(Money.of("99.91", "USD"));
    }

    @Test
    void the_round_trips_of_the_review_now_gain_nothing() {
        MidRate usd = new MidRate(USD, new BigDecimal("1380.00"), "test", NOW);
        // Was: 7 KRW bought 0.01 USD. Now 7 KRW buy nothing at all.
        assertThat(Pricing.quote("o", Direction.BUY, Money.of("7", "KRW"), usd, 50, NOW, Duration.ofSeconds(30))).isEmpty();
        // Was: 20 KRW cost 0.01 USD to receive. Now 20 KRW cost 0.02 USD.
        assertThat(Pricing.quote("o", Direction.SELL, Money.of("20", "KRW"), usd, 50, NOW, Duration.ofSeconds(30))
                .orElseThrow().fxAmount()).isEqualTo(Money.of("0.02", "USD"));
        // Buying 0.01 USD costs 14 KRW; selling it back brings 13.
        Money paid = Pricing.quote("o", Direction.BUY, Money.of("0.01", "USD"), usd, 50, NOW, Duration.ofSeconds(30))
                .orElseThrow().krwAmount();
        Money got = Pricing.quote("o", Direction.SELL, Money.of("0.01", "USD"), usd, 50, NOW, Duration.ofSeconds(30))
                .orElseThrow().krwAmount();
        assertThat(paid).isEqualTo(Money.of("14", "KRW"));
        assertThat(got).isEqualTo(Money.of("13", "KRW"));
        // Was: 5 KRW bought 1 JPY that sold for 13 KRW. Now 1 JPY costs 10 KRW and sells for 9.
        MidRate jpy = new MidRate(JPY, new BigDecimal("9.2000"), "test", NOW);
        assertThat(Pricing.quote("o", Direction.BUY, Money.of("5", "KRW"), jpy, usd, 50, NOW, Duration.ofSeconds(30))).isEmpty();
        assertThat(Pricing.quote("o", Direction.BUY, Money.of("1", "JPY"), jpy, usd, 50, NOW, Duration.ofSeconds(30))
                .orElseThrow().krwAmount()).isEqualTo(Money.of("10", "KRW"));
        assertThat(Pricing.quote("o", Direction.SELL, Money.of("1", "JPY"), jpy, usd, 50, NOW, Duration.ofSeconds(30))
                .orElseThrow().krwAmount()).isEqualTo(Money.of("9", "KRW"));
    }

    @Test
    void the_quote_records_its_price_and_keeps_the_named_amount_exactly() {
        Quote quote = quote(Direction.SELL, Money.of("12.34", "USD"), "1380").orElseThrow();
        assertThat(quote.fxAmount()).isEqualTo(Money.of("12.34", "USD"));
        assertThat(quote.named()).isEqualTo(Quote.Named.FX_AMOUNT);
        assertThat(quote.mid().krwPerUnit()).isEqualByComparingTo("1380");
        assertThat(quote.mid().source()).isEqualTo("test");
        assertThat(quote.sourceAmount()).isEqualTo(quote.fxAmount());
        assertThat(quote.targetAmount()).isEqualTo(quote.krwAmount());
        assertThat(quote.expiresAt()).isEqualTo(NOW.plusSeconds(30));
    }

    @Test
    void a_rate_older_than_the_allowed_age_is_stale() {
        MidRate rate = new MidRate(USD, BigDecimal.TEN, "test", NOW);
        assertThat(rate.isStaleAt(NOW.plus(Duration.ofDays(4)), Duration.ofDays(4))).isFalse();
        assertThat(rate.isStaleAt(NOW.plus(Duration.ofDays(4)).plusMillis(1), Duration.ofDays(4))).isTrue();
    }

    @Test
    void a_quote_counts_against_the_limits_in_usd_at_the_mid_rates_rounded_up_to_the_cent() {
        MidRate usd = new MidRate(USD, new BigDecimal("1380.00"), "test", NOW);
        assertThat(Pricing.usdEquivalent(Money.of("100.00", "USD"), usd, usd)).isEqualTo(Money.of("100.00", "USD"));
        // 100 EUR at 1500 KRW = 150,000 KRW = 108.6956... USD: 108.70.
        assertThat(Pricing.usdEquivalent(Money.of("100.00", "EUR"),
                new MidRate(Currency.getInstance("EUR"), new BigDecimal("1500.00"), "test", NOW), usd))
                .isEqualTo(Money.of("108.70", "USD"));
        // 100,000 JPY at 9.2 KRW = 920,000 KRW = 666.666... USD: 666.67.
        assertThat(Pricing.quote("o", Direction.SELL, Money.of("100000", "JPY"), new MidRate(JPY, new BigDecimal("9.2000"),
                "test", NOW), usd, 50, NOW, Duration.ofSeconds(30)).orElseThrow().usdEquivalent())
                .isEqualTo(Money.of("666.67", "USD"));
    }

    private static Optional<Quote> quote(Direction direction, Money amount, String midWithoutSpread) {
        return Pricing.quote("o", direction, amount, new MidRate(USD, new BigDecimal(midWithoutSpread), "test", NOW), 0,
                NOW, Duration.ofSeconds(30));
    }
}
