package com.fxbank.exchange.domain;

import static com.fxbank.exchange.domain.ExchangeState.CANCELING_WITHDRAWAL;
import static com.fxbank.exchange.domain.ExchangeState.COMPLETED;
import static com.fxbank.exchange.domain.ExchangeState.DEPOSIT_UNKNOWN;
import static com.fxbank.exchange.domain.ExchangeState.FAILED;
import static com.fxbank.exchange.domain.ExchangeState.FAILED_REFUNDED;
import static com.fxbank.exchange.domain.ExchangeState.STARTED;
import static com.fxbank.exchange.domain.ExchangeState.WITHDRAWAL_UNKNOWN;
import static com.fxbank.exchange.domain.ExchangeState.WITHDRAWN;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import com.fxbank.common.money.Money;
import com.fxbank.exchange.domain.SagaRules.Call;
import com.fxbank.exchange.domain.SagaRules.Decision;
import com.fxbank.exchange.domain.SagaRules.ReplyDecision;
import org.junit.jupiter.api.Test;

/**
 * The saga's specification, row by row, in memory: given an exchange in a state, when a ledger answers the
 * orchestrator's call, expect the decision (DESIGN §4). No Spring, no Kafka, no database.
 */
class SagaRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-26T00:00:00Z");
    private static final RetryPolicy RETRY = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofMinutes(1));
    private static final LedgerOutcome APPLIED = new LedgerOutcome.Applied();
    private static final LedgerOutcome REFUSED = new LedgerOutcome.Refused("INSUFFICIENT_FUNDS");
    private static final LedgerOutcome REFUNDED = new LedgerOutcome.Refunded();
    private static final LedgerOutcome NOT_FOUND = new LedgerOutcome.NotFound();
    private static final LedgerOutcome UNKNOWN = new LedgerOutcome.Unknown("read timed out");

    @Test
    void each_state_makes_one_call_and_waiting_or_final_states_make_none() {
        assertThat(SagaRules.callIn(STARTED)).contains(Call.WITHDRAW);
        assertThat(SagaRules.callIn(WITHDRAWAL_UNKNOWN)).contains(Call.WITHDRAWAL_STATUS);
        assertThat(SagaRules.callIn(WITHDRAWN)).contains(Call.DEPOSIT);
        assertThat(SagaRules.callIn(DEPOSIT_UNKNOWN)).contains(Call.DEPOSIT_STATUS);
        for (ExchangeState state : EnumSet.of(CANCELING_WITHDRAWAL, COMPLETED, FAILED, FAILED_REFUNDED)) {
            assertThat(SagaRules.callIn(state)).as("%s", state).isEmpty();
        }
    }

    @Test
    void started_withdraws() {
        given(STARTED).when(Call.WITHDRAW, APPLIED).expect(new Decision.MoveTo(WITHDRAWN, "withdrawn 138690 KRW"));
        given(STARTED).when(Call.WITHDRAW, REFUSED).expect(new Decision.MoveTo(FAILED, "withdrawal refused: INSUFFICIENT_FUNDS"));
        given(STARTED).when(Call.WITHDRAW, UNKNOWN)
                .expect(new Decision.MoveAndWait(WITHDRAWAL_UNKNOWN, "no answer to the withdrawal: read timed out"));
        given(STARTED).when(Call.WITHDRAW, REFUNDED).expect(new Decision.Compensate("withdrawal found refunded"));
        given(STARTED).when(Call.WITHDRAW, NOT_FOUND).expect(new Decision.RetryLater("unexpected answer to a withdrawal: not found"));
    }

    /**
     * A call the breaker kept from leaving was once an unknown outcome: a status check, a Kafka cancel, a tombstone
     * and a reply before the exchange ended FAILED, all while the ledger struggled. Nothing left, so nothing moved.
     */
    @Test
    void a_withdrawal_that_never_left_fails_at_once_for_the_starting_request_only_and_a_deposit_is_sent_again() {
        LedgerOutcome notSent = new LedgerOutcome.NotSent("krw-account is unavailable");
        given(STARTED).when(Call.WITHDRAW, notSent).expect(
                new Decision.FailForStartingRequest("nothing withdrawn: krw-account is unavailable"),
                // Recovery cannot know that an earlier drive sent nothing (it may have died right after the
                // ledger applied it): the full fault suite's lost money, when this was FAILED for every drive.
                new Decision.Compensate("withdrawal not sent again: cancelled, in case an earlier one applied "
                        + "(krw-account is unavailable)"));
        given(WITHDRAWAL_UNKNOWN).when(Call.WITHDRAWAL_STATUS, notSent)
                .expect(new Decision.RetryLater("withdrawal still unknown: krw-account is unavailable"));
        given(WITHDRAWN).when(Call.DEPOSIT, notSent).expect(new Decision.RetryLater("deposit not sent: krw-account is unavailable"));
        given(DEPOSIT_UNKNOWN).when(Call.DEPOSIT_STATUS, notSent)
                .expect(new Decision.RetryLater("deposit still unknown: krw-account is unavailable"));
    }

    @Test
    void an_unknown_withdrawal_is_looked_up_and_cancelled_when_the_ledger_never_saw_it() {
        given(WITHDRAWAL_UNKNOWN).when(Call.WITHDRAWAL_STATUS, APPLIED).expect(new Decision.MoveTo(WITHDRAWN, "withdrawal found applied"));
        given(WITHDRAWAL_UNKNOWN).when(Call.WITHDRAWAL_STATUS, REFUSED)
                .expect(new Decision.MoveTo(FAILED, "withdrawal refused: INSUFFICIENT_FUNDS"));
        given(WITHDRAWAL_UNKNOWN).when(Call.WITHDRAWAL_STATUS, REFUNDED).expect(new Decision.Compensate("withdrawal found refunded"));
        given(WITHDRAWAL_UNKNOWN).when(Call.WITHDRAWAL_STATUS, NOT_FOUND).expect(new Decision.Compensate(
                "withdrawal not recorded by the ledger: cancelled, a late one will be refused"));
        given(WITHDRAWAL_UNKNOWN).when(Call.WITHDRAWAL_STATUS, UNKNOWN)
                .expect(new Decision.RetryLater("withdrawal still unknown: read timed out"));
    }

    @Test
    void withdrawn_deposits_and_a_refused_deposit_is_compensated() {
        given(WITHDRAWN).when(Call.DEPOSIT, APPLIED).expect(new Decision.MoveTo(COMPLETED, "deposited 100.00 USD"));
        given(WITHDRAWN).when(Call.DEPOSIT, REFUSED).expect(new Decision.Compensate("deposit refused: INSUFFICIENT_FUNDS"));
        given(WITHDRAWN).when(Call.DEPOSIT, UNKNOWN)
                .expect(new Decision.MoveAndWait(DEPOSIT_UNKNOWN, "no answer to the deposit: read timed out"));
        given(WITHDRAWN).when(Call.DEPOSIT, NOT_FOUND).expect(new Decision.RetryLater("unexpected answer to a deposit: not found"));
        given(WITHDRAWN).when(Call.DEPOSIT, REFUNDED).expect(new Decision.RetryLater("unexpected answer to a deposit: refunded"));
    }

    @Test
    void an_unknown_deposit_is_resolved_forward_and_never_compensated_while_it_might_have_landed() {
        given(DEPOSIT_UNKNOWN).when(Call.DEPOSIT_STATUS, APPLIED).expect(new Decision.MoveTo(COMPLETED, "deposit found applied"));
        given(DEPOSIT_UNKNOWN).when(Call.DEPOSIT_STATUS, REFUSED).expect(new Decision.Compensate("deposit refused: INSUFFICIENT_FUNDS"));
        given(DEPOSIT_UNKNOWN).when(Call.DEPOSIT_STATUS, NOT_FOUND).expect(new Decision.Ask(Call.DEPOSIT));
        given(DEPOSIT_UNKNOWN).when(Call.DEPOSIT_STATUS, REFUNDED).expect(new Decision.RetryLater("a deposit cannot be refunded"));
        given(DEPOSIT_UNKNOWN).when(Call.DEPOSIT_STATUS, UNKNOWN).expect(new Decision.RetryLater("deposit still unknown: read timed out"));
        // The deposit sent again after the ledger said it has none:
        given(DEPOSIT_UNKNOWN).when(Call.DEPOSIT, APPLIED).expect(new Decision.MoveTo(COMPLETED, "deposited 100.00 USD"));
        given(DEPOSIT_UNKNOWN).when(Call.DEPOSIT, REFUSED).expect(new Decision.Compensate("deposit refused: INSUFFICIENT_FUNDS"));
        given(DEPOSIT_UNKNOWN).when(Call.DEPOSIT, UNKNOWN).expect(new Decision.RetryLater("deposit still unknown: read timed out"));
        given(DEPOSIT_UNKNOWN).when(Call.DEPOSIT, NOT_FOUND).expect(new Decision.RetryLater("unexpected answer to a deposit: not found"));
        given(DEPOSIT_UNKNOWN).when(Call.DEPOSIT, REFUNDED).expect(new Decision.RetryLater("unexpected answer to a deposit: refunded"));
    }

    @Test
    void a_cancel_waits_for_its_reply_and_is_published_again_once_per_round_after_the_attempts_ran_out() {
        Exchange canceling = exchange(CANCELING_WITHDRAWAL);
        assertThat(SagaRules.awaitingRefund(canceling, RETRY)).isEqualTo(new Decision.AwaitRefund(false));
        List<Boolean> publishedAgain = new ArrayList<>();
        Exchange waiting = canceling;
        for (int attempt = 1; attempt <= 9; attempt++) {
            waiting = waiting.retryLater(RETRY, NOW);
            publishedAgain.add(((Decision.AwaitRefund) SagaRules.awaitingRefund(waiting, RETRY)).publishAgain());
        }
        // Attempts 3, 6 and 9 end a round of 3 once the exchange needs attention (from attempt 3 on).
        assertThat(publishedAgain).containsExactly(false, false, true, false, false, true, false, false, true);
    }

    @Test
    void the_reply_to_a_cancel_ends_the_exchange_once_and_a_reply_it_did_not_ask_for_is_refused() {
        Exchange canceling = exchange(CANCELING_WITHDRAWAL);
        assertThat(SagaRules.onCancelReply(canceling, Participant.KRW_ACCOUNT, CancelOutcome.REFUNDED))
                .isEqualTo(new ReplyDecision.Complete(FAILED_REFUNDED, "refunded 138690 KRW"));
        assertThat(SagaRules.onCancelReply(canceling, Participant.KRW_ACCOUNT, CancelOutcome.NOTHING_WITHDRAWN))
                .isEqualTo(new ReplyDecision.Complete(FAILED, "nothing was withdrawn"));
        assertThat(SagaRules.onCancelReply(exchange(FAILED_REFUNDED), Participant.KRW_ACCOUNT, CancelOutcome.REFUNDED))
                .as("a copy of the reply that ended it").isEqualTo(new ReplyDecision.AlreadyApplied());
        assertThat(SagaRules.onCancelReply(exchange(FAILED), Participant.KRW_ACCOUNT, CancelOutcome.NOTHING_WITHDRAWN))
                .as("a copy of the reply that ended it").isEqualTo(new ReplyDecision.AlreadyApplied());
        assertThat(SagaRules.onCancelReply(exchange(COMPLETED), Participant.KRW_ACCOUNT, CancelOutcome.REFUNDED))
                .as("REFUNDED for a COMPLETED exchange").isInstanceOf(ReplyDecision.Contradiction.class);
        assertThat(SagaRules.onCancelReply(exchange(COMPLETED), Participant.KRW_ACCOUNT, CancelOutcome.NOTHING_WITHDRAWN))
                .isInstanceOf(ReplyDecision.Contradiction.class);
        assertThat(SagaRules.onCancelReply(exchange(FAILED), Participant.KRW_ACCOUNT, CancelOutcome.REFUNDED))
                .isInstanceOf(ReplyDecision.Contradiction.class);
        assertThat(SagaRules.onCancelReply(exchange(FAILED_REFUNDED), Participant.KRW_ACCOUNT, CancelOutcome.NOTHING_WITHDRAWN))
                .isInstanceOf(ReplyDecision.Contradiction.class);
        assertThat(SagaRules.onCancelReply(canceling, Participant.FX_ACCOUNT, CancelOutcome.REFUNDED))
                .isInstanceOf(ReplyDecision.Contradiction.class);
        for (ExchangeState running : EnumSet.of(STARTED, WITHDRAWAL_UNKNOWN, WITHDRAWN, DEPOSIT_UNKNOWN)) {
            assertThat(SagaRules.onCancelReply(exchange(running), Participant.KRW_ACCOUNT, CancelOutcome.REFUNDED))
                    .as("a reply for a %s exchange", running).isInstanceOf(ReplyDecision.Contradiction.class);
        }
    }

    @Test
    void every_move_a_rule_decides_is_one_the_state_machine_allows() {
        for (ExchangeState state : ExchangeState.values()) {
            Optional<Call> call = SagaRules.callIn(state);
            if (call.isEmpty()) {
                continue;
            }
            for (Call asked : List.of(call.get(), Call.DEPOSIT)) {
                if (asked == Call.DEPOSIT && state != DEPOSIT_UNKNOWN && call.get() != Call.DEPOSIT) {
                    continue;
                }
                for (LedgerOutcome outcome : List.of(APPLIED, REFUSED, REFUNDED, NOT_FOUND, UNKNOWN,
                        new LedgerOutcome.NotSent("down"))) {
                  for (SagaRules.Drive drive : SagaRules.Drive.values()) {
                    ExchangeState target = switch (SagaRules.decide(exchange(state), asked, outcome, drive)) {
                        case Decision.MoveTo(ExchangeState next, String why) -> next;
                        case Decision.FailForStartingRequest(String why) -> FAILED;
                        case Decision.MoveAndWait(ExchangeState next, String why) -> next;
                        case Decision.Compensate(String why) -> CANCELING_WITHDRAWAL;
                        default -> state;
                    };
                    assertThat(target == state || state.canMoveTo(target))
                            .as("%s --%s/%s (%s drive)--> %s", state, asked, outcome, drive, target).isTrue();
                  }
                }
            }
        }
    }

    // ---- given / when / expect

    private static Given given(ExchangeState state) {
        return new Given(exchange(state));
    }

    private record Given(Exchange exchange) {
        When when(Call call, LedgerOutcome outcome) {
            assertThat(call == SagaRules.callIn(exchange.state()).orElseThrow()
                    || (call == Call.DEPOSIT && exchange.state() == DEPOSIT_UNKNOWN))
                    .as("%s is asked in %s", call, exchange.state()).isTrue();
            return new When(SagaRules.decide(exchange, call, outcome, SagaRules.Drive.STARTING_REQUEST),
                    SagaRules.decide(exchange, call, outcome, SagaRules.Drive.RECOVERY));
        }
    }

    /** The decision of the starting request, and of recovery. */
    private record When(Decision startingRequest, Decision recovery) {
        /** Whichever drive asks. */
        void expect(Decision expected) {
            expect(expected, expected);
        }

        void expect(Decision ofTheStartingRequest, Decision ofRecovery) {
            assertThat(startingRequest).as("the starting request's decision").isEqualTo(ofTheStartingRequest);
            assertThat(recovery).as("recovery's decision").isEqualTo(ofRecovery);
        }
    }

    /** 100.00 USD bought for 138,690 KRW, in {@code state}. */
    private static Exchange exchange(ExchangeState state) {
        Quote quote = Pricing.quote("alice", Direction.BUY, Money.of("100.00", "USD"),
                new MidRate(Currency.getInstance("USD"), new BigDecimal("1380.00"), "test", NOW), 50, NOW,
                Duration.ofSeconds(30)).orElseThrow();
        Exchange started = Exchange.start(quote, "key", NOW);
        return new Exchange(started.id(), started.owner(), quote, "key", state, Optional.empty(), 0, Optional.empty(),
                false, NOW, NOW);
    }
}
