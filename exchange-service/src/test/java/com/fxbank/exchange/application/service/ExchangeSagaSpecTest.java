package com.fxbank.exchange.application.service;

import static com.fxbank.exchange.application.fake.ScriptedLedgers.answer;
import static com.fxbank.exchange.application.service.SagaSpec.TIMINGS;
import static com.fxbank.exchange.application.service.SagaSpec.exchangeIn;
import static com.fxbank.exchange.application.service.SagaSpec.given;
import static com.fxbank.exchange.application.service.SagaSpec.reply;
import static com.fxbank.exchange.domain.CancelOutcome.NOTHING_WITHDRAWN;
import static com.fxbank.exchange.domain.CancelOutcome.REFUNDED;
import static com.fxbank.exchange.domain.ExchangeState.CANCELING_WITHDRAWAL;
import static com.fxbank.exchange.domain.ExchangeState.COMPLETED;
import static com.fxbank.exchange.domain.ExchangeState.DEPOSIT_UNKNOWN;
import static com.fxbank.exchange.domain.ExchangeState.FAILED;
import static com.fxbank.exchange.domain.ExchangeState.FAILED_REFUNDED;
import static com.fxbank.exchange.domain.ExchangeState.STARTED;
import static com.fxbank.exchange.domain.ExchangeState.WITHDRAWAL_UNKNOWN;
import static com.fxbank.exchange.domain.ExchangeState.WITHDRAWN;
import static com.fxbank.exchange.domain.Participant.FX_ACCOUNT;
import static com.fxbank.exchange.domain.Participant.KRW_ACCOUNT;
import static com.fxbank.exchange.domain.ReportingTerms.Reason.CUSTOMER_DAY;
import static com.fxbank.exchange.domain.ReportingTerms.Reason.SINGLE_EXCHANGE;
import static com.fxbank.exchange.domain.SagaRules.Call.DEPOSIT;
import static com.fxbank.exchange.domain.SagaRules.Call.DEPOSIT_STATUS;
import static com.fxbank.exchange.domain.SagaRules.Call.WITHDRAW;
import static com.fxbank.exchange.domain.SagaRules.Call.WITHDRAWAL_STATUS;
import static com.fxbank.exchange.domain.SagaRules.Drive.RECOVERY;
import static com.fxbank.exchange.domain.SagaRules.Drive.STARTING_REQUEST;

import com.fxbank.exchange.application.fake.ScriptedLedgers.Asked;
import com.fxbank.exchange.application.port.in.CompleteWithdrawalCancelUseCase.CompletionResult;
import com.fxbank.exchange.domain.LedgerOutcome;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * How {@code ExchangeSaga} drives an exchange and stores each move, and {@code WithdrawalCancelReplies} ends it, in memory (see {@link SagaSpec}): what
 * {@code SagaRulesTest} decides row by row, here with the lease, the order of writes and calls, the outbox's cancels
 * and the replies. The same paths through the real services, broker and databases: {@code ExchangeSagaEndToEndTest}
 * and {@code ExchangeFaultsTest}.
 */
class ExchangeSagaSpecTest {

    private static final LedgerOutcome APPLIED = new LedgerOutcome.Applied();
    private static final LedgerOutcome NOT_FOUND = new LedgerOutcome.NotFound();

    private static LedgerOutcome refused(String why) {
        return new LedgerOutcome.Refused(why);
    }

    private static LedgerOutcome unknown(String cause) {
        return new LedgerOutcome.Unknown(cause);
    }

    private static LedgerOutcome notSent(String cause) {
        return new LedgerOutcome.NotSent(cause);
    }

    @Nested
    class The_request_that_starts_an_exchange {

        @Test
        void stores_the_withdrawal_before_it_asks_for_the_deposit_and_answers_completed() {
            given(exchangeIn(STARTED)).drivenBy(STARTING_REQUEST)
                    .ledgers(answer(WITHDRAW, APPLIED), answer(DEPOSIT, APPLIED))
                    // A crash while the deposit is asked must leave WITHDRAWN, never a STARTED that hides a withdrawal.
                    .expectAsked(new Asked(WITHDRAW, STARTED), new Asked(DEPOSIT, WITHDRAWN))
                    .expectAnswered(COMPLETED)
                    .expectStored(COMPLETED).expectHistory(STARTED, WITHDRAWN, COMPLETED).expectNotDue()
                    .expectNoCancel().expectFinishedCounted(COMPLETED)
                    // A completed exchange counts against the customer's limits, and in its day's report total.
                    .expectUsedToday("100.00").expectCompletedToday("100.00").expectReportableCounted(SINGLE_EXCHANGE);
        }

        @Test
        void counts_the_customers_day_as_reportable_once_the_completion_that_takes_it_past_the_threshold() {
            given(exchangeIn(STARTED)).drivenBy(STARTING_REQUEST).completedToday("50.00")
                    .ledgers(answer(WITHDRAW, APPLIED), answer(DEPOSIT, APPLIED))
                    .expectAnswered(COMPLETED).expectCompletedToday("150.00")
                    .expectReportableCounted(SINGLE_EXCHANGE, CUSTOMER_DAY);
        }

        @Test
        void does_not_count_a_customers_day_twice() {
            given(exchangeIn(STARTED)).drivenBy(STARTING_REQUEST).completedToday("150.00")
                    .ledgers(answer(WITHDRAW, APPLIED), answer(DEPOSIT, APPLIED))
                    .expectAnswered(COMPLETED).expectCompletedToday("250.00").expectReportableCounted(SINGLE_EXCHANGE);
        }

        @Test
        void publishes_the_cancel_with_the_move_when_the_deposit_is_refused_and_answers_at_once() {
            given(exchangeIn(STARTED)).drivenBy(STARTING_REQUEST)
                    .ledgers(answer(WITHDRAW, APPLIED), answer(DEPOSIT, refused("ACCOUNT_FROZEN")))
                    .expectAnswered(CANCELING_WITHDRAWAL)
                    .expectStored(CANCELING_WITHDRAWAL).expectHistory(STARTED, WITHDRAWN, CANCELING_WITHDRAWAL)
                    .expectCancelTo(KRW_ACCOUNT).expectDueIn(TIMINGS.retry().first()).expectFinishedCounted()
                    // Until the refund is confirmed, it still counts.
                    .expectUsedToday("100.00");
        }

        @Test
        void stores_nothing_and_asks_nothing_when_the_exchange_would_pass_the_customers_daily_limit() {
            given(exchangeIn(STARTED)).drivenBy(STARTING_REQUEST).usedToday("49950.00")
                    .expectRefusedOverLimit("daily limit of 50000.00 USD: 50.00 USD left today");
        }

        @Test
        void holds_the_customers_own_limits_where_an_operator_set_them() {
            given(exchangeIn(STARTED)).drivenBy(STARTING_REQUEST).ownLimits("60000.00", "600000.00").usedToday("49950.00")
                    .ledgers(answer(WITHDRAW, APPLIED), answer(DEPOSIT, APPLIED))
                    .expectAnswered(COMPLETED).expectUsedToday("50050.00");
        }

        @Test
        void refuses_past_the_customers_own_limits_even_below_the_defaults() {
            given(exchangeIn(STARTED)).drivenBy(STARTING_REQUEST).ownLimits("1000.00", "2000.00").usedToday("950.00")
                    .expectRefusedOverLimit("daily limit of 1000.00 USD: 50.00 USD left today");
        }

        @Test
        void ends_failed_with_nothing_to_cancel_when_the_withdrawal_is_refused() {
            given(exchangeIn(STARTED)).drivenBy(STARTING_REQUEST)
                    .ledgers(answer(WITHDRAW, refused("INSUFFICIENT_FUNDS")))
                    .expectAnswered(FAILED).expectHistory(STARTED, FAILED).expectNotDue().expectNoCancel()
                    .expectFinishedCounted(FAILED)
                    // Nothing moved: its share of the limits is given back in the transaction that ends it.
                    .expectUsedToday("0.00").expectCompletedToday("0.00").expectReportableCounted();
        }

        @Test
        void waits_in_withdrawal_unknown_when_the_withdrawal_has_no_answer() {
            given(exchangeIn(STARTED)).drivenBy(STARTING_REQUEST)
                    .ledgers(answer(WITHDRAW, unknown("read timed out")))
                    .expectAnswered(WITHDRAWAL_UNKNOWN).expectDueIn(TIMINGS.retry().first()).expectNoCancel();
        }

        @Test
        void fails_at_once_when_its_withdrawal_was_never_sent() {
            given(exchangeIn(STARTED)).drivenBy(STARTING_REQUEST)
                    .ledgers(answer(WITHDRAW, notSent("circuit breaker open")))
                    .expectAnswered(FAILED).expectHistory(STARTED, FAILED).expectNoCancel().expectUsedToday("0.00");
        }

        @Test
        void does_not_fail_an_exchange_another_drive_claimed_while_its_withdrawal_was_not_sent() {
            SagaSpec spec = given(exchangeIn(STARTED)).drivenBy(STARTING_REQUEST);
            // The other drive may have sent a withdrawal that applied: only a cancel can say; it is the other's to make.
            spec.ledgers(answer(WITHDRAW, notSent("circuit breaker open")).whileInFlight(spec.anotherDriveClaimsIt()))
                    .expectAnswered(STARTED).expectStored(STARTED).expectHistory(STARTED)
                    .expectDueIn(TIMINGS.lease()).expectNoCancel().expectUsedToday("100.00");
        }

        @Test
        void does_not_fail_an_exchange_an_operator_made_due_while_its_withdrawal_was_not_sent() {
            SagaSpec spec = given(exchangeIn(STARTED)).drivenBy(STARTING_REQUEST);
            spec.ledgers(answer(WITHDRAW, notSent("no service token")).whileInFlight(spec.anOperatorRetriesItNow()))
                    .expectAnswered(STARTED).expectHistory(STARTED).expectNoCancel();
        }
    }

    @Nested
    class Recovery {

        @Test
        void cancels_a_started_exchange_whose_withdrawal_it_cannot_send_again() {
            // An earlier drive may have died right after the ledger applied its withdrawal: FAILED would keep the won.
            given(exchangeIn(STARTED)).drivenBy(RECOVERY)
                    .ledgers(answer(WITHDRAW, notSent("circuit breaker open")))
                    .expectStored(CANCELING_WITHDRAWAL).expectCancelTo(KRW_ACCOUNT).expectHistory(STARTED, CANCELING_WITHDRAWAL);
        }

        @Test
        void continues_a_started_exchange_whose_withdrawal_applied_before_a_crash() {
            given(exchangeIn(STARTED)).drivenBy(RECOVERY)
                    .ledgers(answer(WITHDRAW, APPLIED), answer(DEPOSIT, APPLIED))
                    .expectAsked(new Asked(WITHDRAW, STARTED), new Asked(DEPOSIT, WITHDRAWN))
                    .expectStored(COMPLETED).expectHistory(STARTED, WITHDRAWN, COMPLETED).expectNoCancel();
        }

        @Test
        void cancels_a_withdrawal_the_ledger_never_recorded_so_that_a_late_one_is_refused() {
            given(exchangeIn(WITHDRAWAL_UNKNOWN)).drivenBy(RECOVERY)
                    .ledgers(answer(WITHDRAWAL_STATUS, NOT_FOUND))
                    .expectStored(CANCELING_WITHDRAWAL).expectCancelTo(KRW_ACCOUNT);
        }

        @Test
        void resolves_an_unknown_deposit_forward_by_sending_it_again_when_the_ledger_has_none() {
            given(exchangeIn(DEPOSIT_UNKNOWN)).drivenBy(RECOVERY)
                    .ledgers(answer(DEPOSIT_STATUS, NOT_FOUND), answer(DEPOSIT, APPLIED))
                    .expectAsked(new Asked(DEPOSIT_STATUS, DEPOSIT_UNKNOWN), new Asked(DEPOSIT, DEPOSIT_UNKNOWN))
                    .expectStored(COMPLETED).expectNoCancel();
        }

        @Test
        void never_compensates_a_deposit_that_may_have_landed_and_alerts_an_operator_once_the_attempts_run_out() {
            given(exchangeIn(DEPOSIT_UNKNOWN).afterAttempts(2)).drivenBy(RECOVERY)
                    .ledgers(answer(DEPOSIT_STATUS, unknown("connection reset")), answer(DEPOSIT_STATUS, unknown("again")))
                    .expectStored(DEPOSIT_UNKNOWN).expectAttempts(3, true).expectDueIn(TIMINGS.retry().slow())
                    .expectAlerts("needs attention: deposit still unknown: connection reset").expectNoCancel()
                    // The next round within the re-alert period stays silent.
                    .thenRecoveryRunsAgain()
                    .expectAttempts(4, true).expectAlerts("needs attention: deposit still unknown: connection reset");
        }

        @Test
        void waits_for_the_refund_and_publishes_the_cancel_again_once_per_round_of_attempts_after_they_ran_out() {
            given(exchangeIn(CANCELING_WITHDRAWAL).afterAttempts(2)).drivenBy(RECOVERY)
                    .expectStored(CANCELING_WITHDRAWAL).expectAttempts(3, true).expectNoCancel()
                    .thenRecoveryRunsAgain()
                    .expectAttempts(4, true).expectCancelsAgainTo(KRW_ACCOUNT, 1)
                    .thenRecoveryRunsAgain().thenRecoveryRunsAgain()
                    .expectAttempts(6, true).expectCancelsAgainTo(KRW_ACCOUNT, 1)
                    .thenRecoveryRunsAgain()
                    .expectAttempts(7, true).expectCancelsAgainTo(KRW_ACCOUNT, 2);
        }
    }

    @Nested
    class The_ledgers_reply_to_the_cancel {

        @Test
        void ends_the_exchange_failed_refunded_once_however_often_the_refund_is_delivered() {
            given(exchangeIn(CANCELING_WITHDRAWAL)).repliedBy(reply(KRW_ACCOUNT, REFUNDED), reply(KRW_ACCOUNT, REFUNDED))
                    .expectReplies(CompletionResult.Completed.class, CompletionResult.AlreadyCompleted.class)
                    .expectStored(FAILED_REFUNDED).expectNotDue()
                    .expectHistory(STARTED, WITHDRAWN, CANCELING_WITHDRAWAL, FAILED_REFUNDED)
                    .expectFinishedCounted(FAILED_REFUNDED);
        }

        @Test
        void ends_the_exchange_failed_when_nothing_was_withdrawn() {
            given(exchangeIn(CANCELING_WITHDRAWAL)).repliedBy(reply(KRW_ACCOUNT, NOTHING_WITHDRAWN))
                    .expectStored(FAILED).expectFinishedCounted(FAILED);
        }

        @Test
        void refuses_a_reply_from_the_ledger_that_withdrew_nothing_and_alerts() {
            given(exchangeIn(CANCELING_WITHDRAWAL)).repliedBy(reply(FX_ACCOUNT, REFUNDED))
                    .expectReplies(CompletionResult.Refused.class).expectStored(CANCELING_WITHDRAWAL)
                    .expectAlerts("contradiction: exchange <exchange> withdrew from krw-account, not fx-account");
        }

        @Test
        void applies_nothing_of_a_batch_with_one_contradicting_reply() {
            given(exchangeIn(CANCELING_WITHDRAWAL))
                    .repliedInOneBatch(reply(KRW_ACCOUNT, REFUNDED), reply(KRW_ACCOUNT, NOTHING_WITHDRAWN))
                    .expectBatchRefused()
                    .expectStored(CANCELING_WITHDRAWAL).expectHistory(STARTED, WITHDRAWN, CANCELING_WITHDRAWAL)
                    .expectFinishedCounted();
        }
    }
}
