package com.fxbank.account.domain;

import com.fxbank.common.exchange.ExchangeId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.UUID;

import com.fxbank.common.money.Money;
import org.junit.jupiter.api.Test;

/** The record of one saga step: what a repeat is answered, what can be refunded, what the tombstone refuses. */
class SagaOperationTest {

    private static final ExchangeId EXCHANGE = new ExchangeId(UUID.randomUUID());
    private static final Owner ALICE = new Owner("alice");
    private static final Money AMOUNT = Money.of("100.00", "USD");

    @Test
    void a_repeat_is_the_same_request_only_with_the_same_owner_and_amount() {
        SagaOperation applied = SagaOperation.applied(EXCHANGE, SagaOperation.Kind.WITHDRAWAL, ALICE, AMOUNT, AccountId.newId());
        assertThat(applied.sameRequest(ALICE, AMOUNT)).isTrue();
        assertThat(applied.sameRequest(new Owner("bob"), AMOUNT)).isFalse();
        assertThat(applied.sameRequest(ALICE, Money.of("100.01", "USD"))).isFalse();
    }

    @Test
    void an_applied_withdrawal_can_be_refunded_and_an_applied_deposit_cannot() {
        AccountId account = AccountId.newId();
        SagaOperation.Refunded refunded = SagaOperation.applied(EXCHANGE, SagaOperation.Kind.WITHDRAWAL, ALICE, AMOUNT, account)
                .refunded();
        assertThat(refunded).isEqualTo(new SagaOperation.Refunded(EXCHANGE, ALICE, AMOUNT, account));
        assertThat(refunded.state()).isEqualTo(SagaOperation.State.REFUNDED);
        assertThat(refunded.kind()).isEqualTo(SagaOperation.Kind.WITHDRAWAL);
        assertThatThrownBy(() -> SagaOperation.applied(EXCHANGE, SagaOperation.Kind.DEPOSIT, ALICE, AMOUNT, account)
                .refunded()).isInstanceOf(IllegalStateException.class);
        // A refusal, a refund and a tombstone have no refunded(): the type says what can be refunded.
    }

    @Test
    void the_tombstone_is_a_canceled_withdrawal_that_answers_any_late_withdrawal_of_its_exchange() {
        SagaOperation tombstone = SagaOperation.tombstone(EXCHANGE);
        assertThat(tombstone.kind()).isEqualTo(SagaOperation.Kind.WITHDRAWAL);
        assertThat(tombstone.state()).isEqualTo(SagaOperation.State.CANCELED);
        // Whoever sends the late withdrawal, with whatever amount, gets the tombstone back: no money moves.
        assertThat(tombstone.sameRequest(ALICE, AMOUNT)).isTrue();
        assertThat(tombstone.sameRequest(new Owner("bob"), Money.of("1.00", "USD"))).isTrue();
    }

    @Test
    void a_refusal_carries_its_reason_and_the_account_that_refused_if_there_is_one() {
        SagaOperation.Refused frozen = SagaOperation.refused(EXCHANGE, SagaOperation.Kind.DEPOSIT, ALICE, AMOUNT,
                RefusalReason.ACCOUNT_FROZEN, Optional.of(AccountId.newId()));
        assertThat(frozen.reason()).isEqualTo(RefusalReason.ACCOUNT_FROZEN);
        assertThat(frozen.state()).isEqualTo(SagaOperation.State.REFUSED);
        assertThat(frozen.sameRequest(ALICE, AMOUNT)).isTrue();
        assertThatThrownBy(() -> SagaOperation.refused(EXCHANGE, SagaOperation.Kind.DEPOSIT, ALICE, AMOUNT, null,
                Optional.empty())).isInstanceOf(NullPointerException.class);
    }
}
