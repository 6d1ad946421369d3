package com.fxbank.exchange.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;

import com.fxbank.common.money.Money;
import org.junit.jupiter.api.Test;

class ExchangeStateTest {

    private static final Instant NOW = Instant.parse("2026-11-25T00:00:00Z");

    @Test
    void final_states_lead_nowhere_and_a_deposit_is_never_compensated_from_an_unknown_withdrawal_state() {
        assertThat(ExchangeState.COMPLETED.isFinal()).isTrue();
        assertThat(ExchangeState.FAILED_REFUNDED.isFinal()).isTrue();
        assertThat(ExchangeState.COMPLETED.canMoveTo(ExchangeState.CANCELING_WITHDRAWAL)).isFalse();
        assertThat(ExchangeState.STARTED.canMoveTo(ExchangeState.COMPLETED)).as("no deposit before a withdrawal").isFalse();
        assertThat(ExchangeState.DEPOSIT_UNKNOWN.canMoveTo(ExchangeState.FAILED)).isFalse();
    }

    @Test
    void an_exchange_refuses_a_transition_the_state_machine_does_not_allow() {
        Exchange exchange = Exchange.start(quote(), "key", NOW);
        assertThatThrownBy(() -> exchange.moveTo(ExchangeState.COMPLETED, "skip", NOW))
                .hasMessageContaining("cannot go from STARTED to COMPLETED");
    }

    @Test
    void retries_back_off_then_flag_the_exchange_and_go_on_slowly() {
        RetryPolicy policy = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofMinutes(5));
        Exchange exchange = Exchange.start(quote(), "key", NOW);

        Exchange first = exchange.retryLater(policy, NOW);
        Exchange second = first.retryLater(policy, NOW);
        Exchange third = second.retryLater(policy, NOW);

        assertThat(first.nextAttemptAt()).contains(NOW.plusSeconds(1));
        assertThat(second.nextAttemptAt()).contains(NOW.plusSeconds(2));
        assertThat(second.needsAttention()).isFalse();
        assertThat(third.needsAttention()).isTrue();
        assertThat(third.nextAttemptAt()).contains(NOW.plus(Duration.ofMinutes(5)));
    }

    @Test
    void a_move_is_stored_from_the_state_it_was_decided_in_with_its_one_history_line() {
        Exchange started = Exchange.start(quote(), "key", NOW);
        Exchange.Transition withdrawn = started.moveTo(ExchangeState.WITHDRAWN, "withdrawn", NOW.plusMillis(5));

        assertThat(withdrawn.from()).isEqualTo(started);
        assertThat(withdrawn.to().state()).isEqualTo(ExchangeState.WITHDRAWN);
        assertThat(withdrawn.at()).isEqualTo(NOW.plusMillis(5));
        assertThat(withdrawn.change())
                .isEqualTo(new StateChange(ExchangeState.STARTED, ExchangeState.WITHDRAWN, "withdrawn", NOW.plusMillis(5)));
        assertThatThrownBy(() -> started.moveTo(ExchangeState.COMPLETED, "deposited", NOW))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_reason_longer_than_its_column_is_cut_where_it_is_made_so_that_the_answer_shows_what_is_stored() {
        String long_ = "deposit refused: " + "x".repeat(400);
        Exchange.Transition refused = Exchange.start(quote(), "key", NOW).moveTo(ExchangeState.FAILED, long_, NOW);

        assertThat(refused.to().reason()).hasValueSatisfying(reason ->
                assertThat(reason).hasSize(StateChange.REASON_LENGTH).startsWith("deposit refused: x").endsWith("…"));
        assertThat(refused.change().reason()).isEqualTo(refused.to().reason().orElseThrow());
        assertThat(StateChange.fit("short")).isEqualTo("short");
        assertThat(StateChange.fit(null)).isNull();
    }

    @Test
    void the_attention_flag_stays_while_the_exchange_is_unfinished_and_goes_when_it_ends() {
        RetryPolicy policy = new RetryPolicy(1, Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofMinutes(5));
        Exchange flagged = Exchange.start(quote(), "key", NOW).retryLater(policy, NOW);
        assertThat(flagged.needsAttention()).isTrue();

        Exchange withdrawn = flagged.moveTo(ExchangeState.WITHDRAWN, "withdrew", NOW).to();
        assertThat(withdrawn.needsAttention()).as("not final yet").isTrue();
        assertThat(withdrawn.moveTo(ExchangeState.COMPLETED, "deposited", NOW).to().needsAttention()).isFalse();
    }

    private static Quote quote() {
        return Pricing.quote("owner", Direction.BUY, Money.of("10.00", "USD"),
                new MidRate(Currency.getInstance("USD"), new BigDecimal("1380"), "test", NOW), 50, NOW,
                Duration.ofSeconds(30)).orElseThrow();
    }
}
