package com.fxbank.common.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void an_amount_is_held_at_its_currencys_minor_unit() {
        assertThat(Money.of("10", "USD").amount()).isEqualTo(new BigDecimal("10.00"));
        assertThat(Money.of("1000.0", "KRW").amount()).isEqualTo(new BigDecimal("1000"));
        assertThat(Money.of("5", "JPY").amount().scale()).isZero();
    }

    @Test
    void more_decimals_than_the_minor_unit_are_refused_never_rounded() {
        assertThatThrownBy(() -> Money.of("10.001", "USD")).hasMessageContaining("minor unit (2)");
        assertThatThrownBy(() -> Money.of("1000.5", "KRW")).hasMessageContaining("minor unit (0)");
    }

    @Test
    void unknown_or_malformed_currencies_and_amounts_are_refused() {
        assertThatThrownBy(() -> Money.of("1", "usd")).hasMessageContaining("ISO 4217");
        assertThatThrownBy(() -> Money.of("1", "ZZZ")).hasMessageContaining("unknown currency");
        assertThatThrownBy(() -> Money.of("1", "XAU")).hasMessageContaining("no minor unit");
        assertThatThrownBy(() -> Money.of("1e", "USD")).hasMessageContaining("not a number");
        assertThatThrownBy(() -> Money.of("0", "USD").requirePositive()).hasMessageContaining("positive");
    }

    @Test
    void currencies_do_not_mix() {
        assertThatThrownBy(() -> Money.of("1", "USD").plus(Money.of("1", "EUR"))).hasMessageContaining("cannot combine");
        assertThat(Money.of("1.50", "USD").plus(Money.of("2", "USD"))).isEqualTo(Money.of("3.5", "USD"));
    }
}
