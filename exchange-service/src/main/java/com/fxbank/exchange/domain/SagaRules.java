package com.fxbank.exchange.domain;

import java.util.Optional;

import static com.fxbank.exchange.domain.ExchangeState.COMPLETED;
import static com.fxbank.exchange.domain.ExchangeState.DEPOSIT_UNKNOWN;
import static com.fxbank.exchange.domain.ExchangeState.FAILED;
import static com.fxbank.exchange.domain.ExchangeState.FAILED_REFUNDED;
import static com.fxbank.exchange.domain.ExchangeState.WITHDRAWAL_UNKNOWN;
import static com.fxbank.exchange.domain.ExchangeState.WITHDRAWN;

/**
 * Every path of an exchange's saga on one screen (DESIGN §4): in each state, which call the orchestrator makes
 * to a ledger, and what each answer leads to. Pure: no I/O, no clock, no framework — {@code ExchangeSaga} makes
 * the calls and stores the decisions, {@link ExchangeState} guards which transitions exist at all.
 *
 * <pre>
 * state                call                 Applied          Refused       Refunded     NotFound               Unknown
 * STARTED              WITHDRAW             → WITHDRAWN      → FAILED      compensate   retry later            wait in WITHDRAWAL_UNKNOWN
 *                      (not sent: → FAILED if the starting request still holds the exchange, else compensate)
 * WITHDRAWAL_UNKNOWN   WITHDRAWAL_STATUS    → WITHDRAWN      → FAILED      compensate   compensate (tombstone) retry later
 * WITHDRAWN            DEPOSIT              → COMPLETED      compensate    retry later  retry later            wait in DEPOSIT_UNKNOWN
 * DEPOSIT_UNKNOWN      DEPOSIT_STATUS       → COMPLETED      compensate    retry later  ask DEPOSIT again      retry later
 * DEPOSIT_UNKNOWN      DEPOSIT (re-sent)    → COMPLETED      compensate    retry later  retry later            retry later
 * CANCELING_WITHDRAWAL (none: the reply)    REFUNDED → FAILED_REFUNDED, NOTHING_WITHDRAWN → FAILED; meanwhile wait,
 *                                           and publish the cancel again once per round of attempts after they ran out
 * a reply the exchange never asked for, from the wrong ledger, or unlike how it ended: a contradiction (alert, DLT)
 * </pre>
 * A deposit whose outcome is unknown is resolved forward and never compensated while it might have landed; a
 * withdrawal the ledger has no record of is compensated, because the cancel leaves a tombstone that refuses it
 * should it still arrive. Any state that retries past its last attempt is flagged for an operator (see
 * {@link Exchange#retryLater}); retries go on.
 */
public final class SagaRules {

    private SagaRules() {
    }

    /** Who drives the exchange. */
    public enum Drive {
        /**
         * The customer's request that started the exchange, holding the lease the exchange was inserted with: until
         * another drive claims it, no call but its own was made.
         */
        STARTING_REQUEST,
        /**
         * Recovery, on this instance or another, after a crash, a lost lease or a retry pause: an earlier drive may have
         * made any call, and may still be making it (a crashed or slow one).
         */
        RECOVERY
    }

    /** What the orchestrator asks a ledger. */
    public enum Call {
        WITHDRAW, WITHDRAWAL_STATUS, DEPOSIT, DEPOSIT_STATUS
    }

    /** What follows from an answer. */
    public sealed interface Decision {
        /** Record the move and carry on from the new state. */
        record MoveTo(ExchangeState state, String reason) implements Decision {
        }

        /** Record the move into a state whose outcome is unknown, and look again after the retry pause. */
        record MoveAndWait(ExchangeState state, String reason) implements Decision {
        }

        /** Move to CANCELING_WITHDRAWAL and publish the cancel of the withdrawal with it. */
        record Compensate(String reason) implements Decision {
        }

        /** Stay, and look again after the retry pause. */
        record RetryLater(String reason) implements Decision {
        }

        /**
         * End in FAILED, nothing withdrawn: the starting request's withdrawal never left, and none other was made —
         * true only while the starting request still holds the exchange, so stored only on that condition (were it
         * stored after another drive's claim, that drive's withdrawal could be applied and never refunded).
         */
        record FailForStartingRequest(String reason) implements Decision {
        }

        /** Make this call now and decide on its answer. */
        record Ask(Call call) implements Decision {
        }

        /** Wait for the ledger's reply to the cancel; {@code publishAgain}: publish the cancel once more first. */
        record AwaitRefund(boolean publishAgain) implements Decision {
        }
    }

    /** The call to make in {@code state}; none in CANCELING_WITHDRAWAL (the reply comes by itself) or a final state. */
    public static Optional<Call> callIn(ExchangeState state) {
        return Optional.ofNullable(switch (state) {
            case STARTED -> Call.WITHDRAW;
            case WITHDRAWAL_UNKNOWN -> Call.WITHDRAWAL_STATUS;
            case WITHDRAWN -> Call.DEPOSIT;
            case DEPOSIT_UNKNOWN -> Call.DEPOSIT_STATUS;
            case CANCELING_WITHDRAWAL, COMPLETED, FAILED, FAILED_REFUNDED -> null;
        });
    }

    /**
     * What the answer {@code outcome} to {@code call}, made by {@code drive} for {@code exchange} in its current state,
     * leads to. The drive matters in one case only: a withdrawal not sent in STARTED.
     */
    public static Decision decide(Exchange exchange, Call call, LedgerOutcome outcome, Drive drive) {
        boolean firstTry = switch (exchange.state()) {
            case STARTED, WITHDRAWN -> true;
            case WITHDRAWAL_UNKNOWN, DEPOSIT_UNKNOWN -> false;
            default -> throw new IllegalStateException("no ledger call is made in " + exchange.state());
        };
        return switch (call) {
            case WITHDRAW, WITHDRAWAL_STATUS -> switch (outcome) {
                // Stored before the deposit is asked: a drive in STARTED may cancel the withdrawal (NotSent below), so no
                // deposit may be asked while the exchange can still be STARTED (ExchangeSagaSpecTest checks the order).
                case LedgerOutcome.Applied applied -> new Decision.MoveTo(WITHDRAWN,
                        firstTry ? "withdrawn " + exchange.sourceAmount() : "withdrawal found applied");
                case LedgerOutcome.Refused refused -> new Decision.MoveTo(FAILED, "withdrawal refused: " + refused.reason());
                case LedgerOutcome.Refunded refunded -> new Decision.Compensate("withdrawal found refunded");
                case LedgerOutcome.NotFound notFound -> firstTry
                        ? new Decision.RetryLater("unexpected answer to a withdrawal: not found")
                        : new Decision.Compensate("withdrawal not recorded by the ledger: cancelled, a late one will be refused");
                case LedgerOutcome.Unknown unknown -> firstTry
                        ? new Decision.MoveAndWait(WITHDRAWAL_UNKNOWN, "no answer to the withdrawal: " + unknown.cause())
                        : new Decision.RetryLater("withdrawal still unknown: " + unknown.cause());
                // Never sent by this drive. Nothing was withdrawn only if no other drive sent one: the starting
                // request fails the exchange at once (no status check, no cancel) unless another drive has claimed it
                // since; recovery cannot know what an earlier drive did (one that died between the ledger's
                // commit and the move to WITHDRAWN, one whose lease ran out while it waited for the answer), so it
                // cancels: the ledger refunds a withdrawal that applied and refuses one still on its way.
                case LedgerOutcome.NotSent notSent -> exchange.state() != ExchangeState.STARTED
                        ? new Decision.RetryLater("withdrawal still unknown: " + notSent.cause())
                        : drive == Drive.STARTING_REQUEST
                        ? new Decision.FailForStartingRequest("nothing withdrawn: " + notSent.cause())
                        : new Decision.Compensate("withdrawal not sent again: cancelled, in case an earlier one applied ("
                                + notSent.cause() + ")");
            };
            case DEPOSIT, DEPOSIT_STATUS -> switch (outcome) {
                case LedgerOutcome.Applied applied -> new Decision.MoveTo(COMPLETED,
                        call == Call.DEPOSIT_STATUS ? "deposit found applied" : "deposited " + exchange.targetAmount());
                case LedgerOutcome.Refused refused -> new Decision.Compensate("deposit refused: " + refused.reason());
                case LedgerOutcome.Refunded refunded -> new Decision.RetryLater(call == Call.DEPOSIT_STATUS
                        ? "a deposit cannot be refunded" : "unexpected answer to a deposit: refunded");
                case LedgerOutcome.NotFound notFound -> call == Call.DEPOSIT_STATUS
                        ? new Decision.Ask(Call.DEPOSIT)
                        : new Decision.RetryLater("unexpected answer to a deposit: not found");
                case LedgerOutcome.Unknown unknown -> firstTry
                        ? new Decision.MoveAndWait(DEPOSIT_UNKNOWN, "no answer to the deposit: " + unknown.cause())
                        : new Decision.RetryLater("deposit still unknown: " + unknown.cause());
                // The withdrawal stands; the deposit was not even sent: send it again later, nothing to check.
                case LedgerOutcome.NotSent notSent -> new Decision.RetryLater(
                        (firstTry ? "deposit not sent: " : "deposit still unknown: ") + notSent.cause());
            };
        };
    }

    /**
     * While a cancel is on its way: the request waits in Kafka however long the ledger is down, so publishing it
     * at every retry would only flood the topic an outage has already filled. Once the attempts ran out the ledger
     * may have dead-lettered it (its database was down, say): then it is published again once per round of
     * attempts — harmless, the cancel is idempotent. (The fault suite found both floods: 368,000 outbox rows,
     * then tens of thousands of copies.)
     */
    public static Decision awaitingRefund(Exchange exchange, RetryPolicy retry) {
        return new Decision.AwaitRefund(exchange.needsAttention() && exchange.attempts() % retry.maxAttempts() == 0);
    }

    /** What a ledger's reply to the cancel means for the exchange. */
    public sealed interface ReplyDecision {
        record Complete(ExchangeState state, String reason) implements ReplyDecision {
        }

        /** A copy of a reply already applied: nothing to do. */
        record AlreadyApplied() implements ReplyDecision {
        }

        /** A reply the exchange never asked for, or from the wrong ledger: never applied. */
        record Contradiction(String why) implements ReplyDecision {
        }
    }

    public static ReplyDecision onCancelReply(Exchange exchange, Participant from, CancelOutcome outcome) {
        if (exchange.direction().source() != from) {
            return new ReplyDecision.Contradiction("exchange " + exchange.id() + " withdrew from "
                    + exchange.direction().source().id() + ", not " + from.id());
        }
        // A ledger answers every copy of a cancel the same way: a copy that matches how the exchange ended changes
        // nothing; any other reply for a final exchange (REFUNDED for a COMPLETED one, say) contradicts it.
        if (exchange.state() == FAILED_REFUNDED && outcome == CancelOutcome.REFUNDED
                || exchange.state() == FAILED && outcome == CancelOutcome.NOTHING_WITHDRAWN) {
            return new ReplyDecision.AlreadyApplied();
        }
        if (exchange.state().isFinal()) {
            return new ReplyDecision.Contradiction("a " + outcome + " reply for exchange " + exchange.id() + ", which is "
                    + exchange.state());
        }
        if (exchange.state() != ExchangeState.CANCELING_WITHDRAWAL) {
            return new ReplyDecision.Contradiction("exchange " + exchange.id() + " is " + exchange.state()
                    + " and did not ask for a cancel");
        }
        return outcome == CancelOutcome.REFUNDED
                ? new ReplyDecision.Complete(FAILED_REFUNDED, "refunded " + exchange.sourceAmount())
                : new ReplyDecision.Complete(FAILED, "nothing was withdrawn");
    }
}
