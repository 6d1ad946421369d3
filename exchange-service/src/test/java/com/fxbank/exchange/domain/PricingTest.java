package com.fxbank.exchange.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;

import com.fxbank.common.money.Money;
import org.junit.jupiter.api.Test;

/** The rounding rule of {@link Pricing}, case by case. */
class PricingTest {

    private static final Currency USD = Currency.getInstance("USD");
    private static final Currency JPY = Currency.getInstance("JPY");
    private static final Instant NOW = Instant.parse("2026-11-25T00:00:00Z");

    @Test
    void the_spread_is_added_for_a_buy_and_taken_off_for_a_sell() {
        assertThat(Pricing.customerRate(Direction.BUY, new BigDecimal("1380.00"), 50)).isEqualByComparingTo("1386.90");
        assertThat(Pricing.customerRate(Direction.SELL, new BigDecimal("1380.00"), 50)).isEqualByComparingTo("1373.10");
    }

    @Test
    void the_computed_amount_is_rounded_half_even_to_its_minor_unit() {
        // 0.50 USD at 1001 KRW/USD = 500.5 KRW: a tie, rounded to the even 500.
        assertThat(quote(Direction.BUY, Money.of("0.50", "USD"), "1001").krwAmount()).isEqualTo(Money.of("500", "KRW"));
        // 1.50 USD at 1001 = 1501.5: a tie, rounded to the even 1502.
        assertThat(quote(Direction.BUY, Money.of("1.50", "USD"), "1001").krwAmount()).isEqualTo(Money.of("1502", "KRW"));
        // 1.01 USD at 1001 = 1011.01: not a tie, the nearest 1011.
        assertThat(quote(Direction.BUY, Money.of("1.01", "USD"), "1001").krwAmount()).isEqualTo(Money.of("1011", "KRW"));
        // 100,000 KRW / 1001 = 99.9000999 USD: the nearest cent, 99.90.
        assertThat(quote(Direction.BUY, Money.of("100000", "KRW"), "1001").fxAmount()).isEqualTo(Money.of("99.90", "USD"));
    }

    @Test
    void the_amount_the_customer_named_is_kept_exactly() {
        Quote quote = quote(Direction.SELL, Money.of("12.34", "USD"), "1380");
        assertThat(quote.fxAmount()).isEqualTo(Money.of("12.34", "USD"));
        assertThat(quote.sourceAmount()).isEqualTo(quote.fxAmount());
        assertThat(quote.targetAmount()).isEqualTo(quote.krwAmount());
        assertThat(quote.expiresAt()).isEqualTo(NOW.plusSeconds(30));
    }

    @Test
    void an_amount_that_rounds_to_nothing_is_refused() {
        assertThatThrownBy(() -> Pricing.quote("o", Direction.BUY, JPY, Money.of("4", "KRW"), new BigDecimal("9.2"), 0,
                NOW, Duration.ofSeconds(30))).hasMessageContaining("too small");
    }

    private static Quote quote(Direction direction, Money amount, String rateWithoutSpread) {
        return Pricing.quote("o", direction, USD, amount, new BigDecimal(rateWithoutSpread), 0, NOW, Duration.ofSeconds(30));
    }
}
