package com.fxbank.account.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Currency;
import java.util.Optional;

import com.fxbank.common.money.Money;
import org.junit.jupiter.api.Test;

/** What an account refuses, and why, before any money moves; and how it moves money when it does not. */
class AccountTest {

    private static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");
    private static final Currency KRW = Currency.getInstance("KRW");

    @Test
    void a_new_account_is_empty_open_and_without_limits() {
        Account account = Account.open(new Owner("alice"), KRW, NOW);
        assertThat(account.balance()).isEqualTo(Money.zero(KRW));
        assertThat(account.frozen()).isFalse();
        assertThat(account.maxBalance()).isEmpty();
        assertThat(account.maxWithdrawal()).isEmpty();
    }

    @Test
    void a_withdrawal_within_the_balance_is_accepted_and_one_beyond_it_is_refused_for_insufficient_funds() {
        Account account = withBalance("1000");
        assertThat(account.refusesWithdrawal(krw("1000"))).isEmpty();
        assertThat(account.refusesWithdrawal(krw("1001"))).contains(RefusalReason.INSUFFICIENT_FUNDS);
    }

    @Test
    void a_frozen_account_refuses_withdrawals_and_deposits() {
        Account frozen = new Account(AccountId.newId(), new Owner("alice"), krw("1000"), true, Optional.empty(),
                Optional.empty(), NOW);
        assertThat(frozen.refusesWithdrawal(krw("1"))).contains(RefusalReason.ACCOUNT_FROZEN);
        assertThat(frozen.refusesDeposit(krw("1"))).contains(RefusalReason.ACCOUNT_FROZEN);
    }

    @Test
    void limits_refuse_a_withdrawal_above_the_maximum_and_a_deposit_that_would_exceed_the_maximum_balance() {
        Account limited = new Account(AccountId.newId(), new Owner("alice"), krw("1000"), false,
                Optional.of(krw("1500")), Optional.of(krw("300")), NOW);
        assertThat(limited.refusesWithdrawal(krw("300"))).isEmpty();
        assertThat(limited.refusesWithdrawal(krw("301"))).contains(RefusalReason.LIMIT_EXCEEDED);
        assertThat(limited.refusesDeposit(krw("500"))).isEmpty();
        assertThat(limited.refusesDeposit(krw("501"))).contains(RefusalReason.LIMIT_EXCEEDED);
    }

    @Test
    void the_limit_is_reported_before_the_missing_funds() {
        Account limited = new Account(AccountId.newId(), new Owner("alice"), krw("100"), false, Optional.empty(),
                Optional.of(krw("300")), NOW);
        assertThat(limited.refusesWithdrawal(krw("500"))).contains(RefusalReason.LIMIT_EXCEEDED);
    }

    @Test
    void a_withdrawal_moves_the_money_out_and_says_what_to_record_and_a_refused_one_moves_nothing() {
        Account account = withBalance("1000");
        Account.Moved moved = (Account.Moved) account.withdraw(krw("300"), "exchange-1");
        assertThat(moved.account().balance()).isEqualTo(krw("700"));
        assertThat(moved.entry()).isEqualTo(new LedgerEntry.New(account.id(), LedgerEntry.Kind.WITHDRAWAL, krw("-300"),
                krw("700"), "exchange-1"));
        assertThat(account.balance()).as("the account it was taken from is a value: unchanged").isEqualTo(krw("1000"));
        assertThat(account.withdraw(krw("1001"), "exchange-2"))
                .isEqualTo(new Account.Refused(RefusalReason.INSUFFICIENT_FUNDS));
    }

    @Test
    void a_deposit_moves_the_money_in_unless_refused_and_a_refund_goes_back_even_to_a_frozen_account() {
        Account account = withBalance("1000");
        assertThat(((Account.Moved) account.deposit(krw("50"), "exchange-3")).entry())
                .isEqualTo(new LedgerEntry.New(account.id(), LedgerEntry.Kind.DEPOSIT, krw("50"), krw("1050"), "exchange-3"));
        Account frozen = new Account(account.id(), account.owner(), krw("1000"), true, Optional.empty(), Optional.empty(), NOW);
        assertThat(frozen.deposit(krw("50"), "exchange-4")).isEqualTo(new Account.Refused(RefusalReason.ACCOUNT_FROZEN));
        Account.Moved refund = frozen.refund(krw("300"), "exchange-1");
        assertThat(refund.account().balance()).isEqualTo(krw("1300"));
        assertThat(refund.entry().kind()).isEqualTo(LedgerEntry.Kind.WITHDRAWAL_REFUND);
    }

    @Test
    void a_top_up_is_refused_only_beyond_the_ceiling_any_account_holds() {
        Account account = withBalance("1000");
        assertThat(((Account.Moved) account.topUp(krw("5"), "seed-1")).entry())
                .isEqualTo(new LedgerEntry.New(account.id(), LedgerEntry.Kind.TOP_UP, krw("5"), krw("1005"), "seed-1"));
        assertThat(account.topUp(Money.of(Account.BALANCE_CEILING, "KRW"), "seed-2"))
                .isEqualTo(new Account.Refused(RefusalReason.LIMIT_EXCEEDED));
    }

    @Test
    void no_account_can_hold_a_negative_balance() {
        assertThatThrownBy(() -> withBalance("-1")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("negative balance");
    }

    private static Account withBalance(String krw) {
        return new Account(AccountId.newId(), new Owner("alice"), krw(krw), false, Optional.empty(), Optional.empty(), NOW);
    }

    private static Money krw(String amount) {
        return Money.of(amount, "KRW");
    }
}
