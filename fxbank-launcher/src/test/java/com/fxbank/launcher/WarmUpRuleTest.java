package com.fxbank.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** When {@code ./fxbank load} starts measuring: a steady bank, not a fixed number of seconds. */
class WarmUpRuleTest {

    private final WarmUpRule rule = WarmUpRule.DEFAULT;
    private final Duration late = Duration.ofSeconds(90);

    @Test
    void three_windows_within_four_per_cent_with_the_compiler_quiet_are_steady() {
        assertThat(rule.steady(List.of(80.0, 150.0, 152.0, 155.0), 0.06, late)).isTrue();
    }

    @Test
    void a_bank_still_getting_faster_is_not_steady() {
        assertThat(rule.steady(List.of(140.0, 150.0, 160.0), 0.06, late)).isFalse();
        assertThat(rule.steady(List.of(150.0, 152.0), 0.06, late)).as("two windows are not three").isFalse();
    }

    @Test
    void a_bank_whose_compiler_is_busy_is_not_steady_however_flat_its_rate() {
        assertThat(rule.steady(List.of(150.0, 151.0, 150.0), 0.25, late)).isFalse();
        assertThat(rule.steady(List.of(150.0, 151.0, 150.0), Double.NaN, late)).isFalse();
    }

    @Test
    void nothing_is_steady_before_thirty_seconds_nor_a_bank_that_answers_nothing() {
        assertThat(rule.steady(List.of(150.0, 151.0, 150.0), 0.0, Duration.ofSeconds(29))).isFalse();
        assertThat(rule.steady(List.of(0.0, 0.0, 0.0), 0.0, late)).isFalse();
    }
}
