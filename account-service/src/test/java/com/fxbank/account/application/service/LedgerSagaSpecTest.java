package com.fxbank.account.application.service;

import static com.fxbank.account.application.service.LedgerSpec.alice;
import static com.fxbank.account.application.service.LedgerSpec.cancel;
import static com.fxbank.account.application.service.LedgerSpec.cancelInOneBatch;
import static com.fxbank.account.application.service.LedgerSpec.deposit;
import static com.fxbank.account.application.service.LedgerSpec.given;
import static com.fxbank.account.application.service.LedgerSpec.withdraw;
import static com.fxbank.account.application.service.LedgerSpec.withdrawAs;
import static com.fxbank.account.domain.CancelOutcome.NOTHING_WITHDRAWN;
import static com.fxbank.account.domain.CancelOutcome.REFUNDED;

import com.fxbank.account.domain.Owner;
import com.fxbank.common.exchange.ExchangeId;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * How {@code LedgerSagaService} takes part in an exchange, in memory (see {@link LedgerSpec}): each step once per
 * exchange, the cancel's refund or tombstone with its reply, the books balanced after every request. The same through
 * HTTP, Kafka and PostgreSQL: {@code LedgerSagaEndToEndTest}, {@code CancelConsumerTest}, {@code CancelBatchTest},
 * {@code ConcurrentWithdrawalsTest}.
 */
class LedgerSagaSpecTest {

    private final ExchangeId x = ExchangeId.newId();
    private final ExchangeId y = ExchangeId.newId();

    @Nested
    class A_withdrawal {

        @Test
        void moves_the_money_once_however_often_it_is_asked() {
            given(alice("500000")).when(withdraw(x, "138690"), withdraw(x, "138690"))
                    .expectAnswers("APPLIED", "APPLIED").expectBalance("361310").expectEntries("WITHDRAWAL -138690");
        }

        @Test
        void is_refused_with_its_reason_and_moves_nothing_from_a_frozen_account_or_past_a_limit_or_the_balance() {
            given(alice("500000").frozen()).when(withdraw(x, "100"))
                    .expectAnswers("REFUSED ACCOUNT_FROZEN").expectBalance("500000").expectNoEntries();
            given(alice("500000").withdrawingAtMost("100000")).when(withdraw(x, "100001"))
                    .expectAnswers("REFUSED LIMIT_EXCEEDED").expectNoEntries();
            given(alice("500000")).when(withdraw(x, "500001"), withdraw(x, "500001"))
                    .expectAnswers("REFUSED INSUFFICIENT_FUNDS", "REFUSED INSUFFICIENT_FUNDS").expectNoEntries();
        }

        @Test
        void under_an_exchange_id_used_by_someone_else_or_for_another_amount_is_a_conflict_and_moves_nothing() {
            given(alice("500000")).when(withdraw(x, "1000"), withdraw(x, "2000"), withdrawAs(new Owner("mallory"), x, "1000"))
                    .expectAnswers("APPLIED", "CONFLICTING_REPEAT", "CONFLICTING_REPEAT")
                    .expectBalance("499000").expectEntries("WITHDRAWAL -1000");
        }

        @Test
        void in_a_currency_this_ledger_does_not_hold_is_refused_as_no_such_account() {
            given(alice("500000")).when(deposit(x, "100.00", "USD"))
                    .expectAnswers("REFUSED NO_SUCH_ACCOUNT").expectNoEntries();
        }
    }

    @Nested
    class A_deposit {

        @Test
        void credits_once_however_often_it_is_asked() {
            given(alice("0")).when(deposit(x, "100000", "KRW"), deposit(x, "100000", "KRW"))
                    .expectAnswers("APPLIED", "APPLIED").expectBalance("100000").expectEntries("DEPOSIT 100000");
        }

        @Test
        void to_a_frozen_account_is_refused_so_that_the_exchange_service_compensates() {
            given(alice("0").frozen()).when(deposit(x, "100000", "KRW"))
                    .expectAnswers("REFUSED ACCOUNT_FROZEN").expectBalance("0").expectNoEntries();
        }
    }

    @Nested
    class A_cancel {

        @Test
        void refunds_an_applied_withdrawal_once_and_answers_every_copy_of_the_request() {
            given(alice("500000")).when(withdraw(x, "138690"), cancel(x), cancel(x))
                    .expectAnswers("APPLIED", "REFUNDED", "REFUNDED").expectBalance("500000")
                    .expectEntries("WITHDRAWAL -138690", "WITHDRAWAL_REFUND 138690").expectReplies(REFUNDED, REFUNDED);
        }

        @Test
        void refunds_an_account_frozen_since_the_withdrawal_the_money_goes_back_where_it_came_from() {
            given(alice("500000")).when(withdraw(x, "1000")).frozenByAnOperator().when(cancel(x), withdraw(y, "1"))
                    .expectAnswers("APPLIED", "REFUNDED", "REFUSED ACCOUNT_FROZEN").expectBalance("500000")
                    .expectEntries("WITHDRAWAL -1000", "WITHDRAWAL_REFUND 1000");
        }

        @Test
        void that_comes_before_the_withdrawal_leaves_a_tombstone_that_refuses_the_withdrawal_for_good() {
            given(alice("500000")).when(cancel(x), withdraw(x, "138690"), withdraw(x, "1"))
                    .expectAnswers("NOTHING_WITHDRAWN", "CANCELED", "CANCELED").expectBalance("500000").expectNoEntries()
                    .expectReplies(NOTHING_WITHDRAWN);
        }

        @Test
        void of_a_refused_withdrawal_answers_nothing_withdrawn() {
            given(alice("100")).when(withdraw(x, "138690"), cancel(x))
                    .expectAnswers("REFUSED INSUFFICIENT_FUNDS", "NOTHING_WITHDRAWN").expectNoEntries()
                    .expectReplies(NOTHING_WITHDRAWN);
        }

        @Test
        void racing_a_withdrawal_that_lands_first_refunds_it_instead_of_leaving_a_tombstone() {
            given(alice("500000")).racedBy(withdraw(x, "138690")).when(cancel(x))
                    .expectAnswers("APPLIED", "REFUNDED").expectBalance("500000")
                    .expectEntries("WITHDRAWAL -138690", "WITHDRAWAL_REFUND 138690").expectReplies(REFUNDED);
        }
    }

    @Nested
    class A_poll_of_cancels_in_one_transaction {

        @Test
        void refunds_each_recorded_withdrawal_once_answers_each_request_and_leaves_the_unrecorded_to_a_cancel_of_their_own() {
            ExchangeId never = ExchangeId.newId();
            given(alice("500000")).when(withdraw(x, "1000"), withdraw(y, "2000"), cancelInOneBatch(x, never, y, x))
                    .expectAnswers("APPLIED", "APPLIED", "not recorded: [1]").expectBalance("500000")
                    .expectEntriesInAnyOrder("WITHDRAWAL -1000", "WITHDRAWAL -2000", "WITHDRAWAL_REFUND 1000", "WITHDRAWAL_REFUND 2000")
                    .expectReplies(REFUNDED, REFUNDED, REFUNDED);
        }

        @Test
        void answers_an_already_refunded_or_refused_withdrawal_without_moving_money() {
            given(alice("1500")).when(withdraw(x, "1000"), cancel(x), withdraw(y, "2000"), cancelInOneBatch(x, y))
                    .expectAnswers("APPLIED", "REFUNDED", "REFUSED INSUFFICIENT_FUNDS", "not recorded: []")
                    .expectBalance("1500").expectEntries("WITHDRAWAL -1000", "WITHDRAWAL_REFUND 1000")
                    .expectReplies(REFUNDED, REFUNDED, NOTHING_WITHDRAWN);
        }
    }
}
