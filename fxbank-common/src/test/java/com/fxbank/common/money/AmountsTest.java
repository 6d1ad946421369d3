package com.fxbank.common.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The one rule by which client text becomes an amount, before any arithmetic. */
class AmountsTest {

    @Test
    void plain_decimals_within_bounds_are_amounts() {
        assertThat(Amounts.parse("0", "amount")).isEqualByComparingTo("0");
        assertThat(Amounts.parse("100.50", "amount")).isEqualByComparingTo("100.50");
        assertThat(Amounts.parse("999999999999999.9999", "amount")).isEqualByComparingTo("999999999999999.9999");
    }

    @Test
    void signs_exponents_words_and_absurd_lengths_are_refused_without_echoing_them() {
        for (String hostile : List.of("-1", "+1", "-0", "1e3", "1E+5", "NaN", "Infinity", "0x10", " 1", "1.", ".5",
                "1,000", "1_000", "١٠٠", "1000000000000000", "1.00001", "")) {
            assertThatThrownBy(() -> Amounts.parse(hostile, "amount")).as(hostile)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plain decimal");
        }
        assertThatThrownBy(() -> Amounts.parse("9".repeat(10_000), "amount"))
                .hasMessageContaining("an input of 10000 characters").message().hasSizeLessThan(200);
        assertThatThrownBy(() -> Amounts.parse(null, "maxBalance")).hasMessage("maxBalance is required");
    }
}
