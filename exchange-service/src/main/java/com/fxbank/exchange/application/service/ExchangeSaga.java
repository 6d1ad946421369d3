package com.fxbank.exchange.application.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fxbank.common.stereotype.UseCase;
import com.fxbank.exchange.application.port.in.CompleteWithdrawalCancelUseCase;
import com.fxbank.exchange.application.port.in.RecoverExchangesUseCase;
import com.fxbank.exchange.application.port.in.StartExchangeUseCase;
import com.fxbank.exchange.application.port.out.AlertPort;
import com.fxbank.exchange.application.port.out.CancelWithdrawalPort;
import com.fxbank.exchange.application.port.out.ExchangeStore;
import com.fxbank.exchange.application.port.out.LedgerPort;
import com.fxbank.exchange.application.port.out.QuoteStore;
import com.fxbank.exchange.config.ExchangeProperties;
import com.fxbank.exchange.domain.Exchange;
import com.fxbank.exchange.domain.ExchangeState;
import com.fxbank.exchange.domain.LedgerOutcome;
import com.fxbank.exchange.domain.Quote;
import com.fxbank.exchange.domain.RetryPolicy;
import com.fxbank.messaging.PoisonMessageException;
import com.fxbank.messaging.WithdrawalCancelResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import static com.fxbank.exchange.domain.ExchangeState.CANCELING_WITHDRAWAL;
import static com.fxbank.exchange.domain.ExchangeState.COMPLETED;
import static com.fxbank.exchange.domain.ExchangeState.DEPOSIT_UNKNOWN;
import static com.fxbank.exchange.domain.ExchangeState.FAILED;
import static com.fxbank.exchange.domain.ExchangeState.FAILED_REFUNDED;
import static com.fxbank.exchange.domain.ExchangeState.WITHDRAWAL_UNKNOWN;
import static com.fxbank.exchange.domain.ExchangeState.WITHDRAWN;

/**
 * The orchestrator of every exchange. Each step is one call to a ledger; its outcome is stored (state and
 * history, in one transaction) before the next call, so a crash at any line leaves a state that recovery
 * knows how to continue. What each outcome leads to is decided here, the allowed transitions by
 * {@link ExchangeState}.
 *
 * <ul>
 *   <li>a deposit whose outcome is unknown is resolved forward (re-checked, re-sent) and never
 *       compensated while it might have landed;</li>
 *   <li>a withdrawal whose outcome is unknown and that the ledger does not know is cancelled: the
 *       tombstone refuses it should it still arrive;</li>
 *   <li>the compensation is published through the outbox and the saga moves on (seed R1); the reply
 *       completes it (R3).</li>
 * </ul>
 */
@UseCase
class ExchangeSaga implements StartExchangeUseCase, RecoverExchangesUseCase, CompleteWithdrawalCancelUseCase {

    private static final Logger log = LoggerFactory.getLogger(ExchangeSaga.class);
    private static final int RECOVERY_BATCH = 50;

    private final QuoteStore quotes;
    private final ExchangeStore exchanges;
    private final LedgerPort ledgers;
    private final CancelWithdrawalPort cancelWithdrawal;
    private final AlertPort alerts;
    private final TransactionTemplate transaction;
    private final ExchangeProperties properties;
    private final RetryPolicy retry;
    private final Clock clock;

    ExchangeSaga(QuoteStore quotes, ExchangeStore exchanges, LedgerPort ledgers, CancelWithdrawalPort cancelWithdrawal,
                 AlertPort alerts, TransactionTemplate transaction, ExchangeProperties properties, Clock clock) {
        this.quotes = quotes;
        this.exchanges = exchanges;
        this.ledgers = ledgers;
        this.cancelWithdrawal = cancelWithdrawal;
        this.alerts = alerts;
        this.transaction = transaction;
        this.properties = properties;
        this.retry = properties.retry().policy();
        this.clock = clock;
    }

    @Override
    public StartResult start(StartExchangeCommand command) {
        Optional<Exchange> earlier = exchanges.findByIdempotencyKey(command.owner(), command.idempotencyKey());
        if (earlier.isPresent()) {
            return repeated(earlier.get(), command);
        }
        Optional<Quote> quote = quotes.find(command.quoteId()).filter(q -> q.owner().equals(command.owner()));
        if (quote.isEmpty()) {
            return new StartResult.QuoteNotFound();
        }
        Instant now = clock.instant();
        if (quote.get().isExpiredAt(now)) {
            return new StartResult.QuoteExpired();
        }
        Exchange exchange = Exchange.start(quote.get(), command.idempotencyKey(), now);
        try {
            transaction.executeWithoutResult(status -> exchanges.insert(exchange, now.plus(properties.lease())));
        } catch (ExchangeStore.AlreadyExistsException taken) {
            return exchanges.findByIdempotencyKey(command.owner(), command.idempotencyKey())
                    .map(racer -> repeated(racer, command))
                    .orElseGet(StartResult.QuoteAlreadyUsed::new);
        }
        return new StartResult.Exchanged(drive(exchange), false);
    }

    private StartResult repeated(Exchange earlier, StartExchangeCommand command) {
        if (!earlier.quote().id().equals(command.quoteId())) {
            return new StartResult.KeyUsedForAnotherQuote(earlier);
        }
        return new StartResult.Exchanged(earlier, true);
    }

    /**
     * Claims due exchanges batch by batch until none is left, driving each batch concurrently (every claimed
     * exchange is ours alone until its lease ends, and they do not depend on one another). After an outage
     * thousands may be due at once; one at a time they would take minutes to even be looked at.
     */
    @Override
    public int driveDueExchanges() {
        int driven = 0;
        List<Exchange> due;
        do {
            Instant now = clock.instant();
            due = transaction.execute(status -> exchanges.claimDue(now, now.plus(properties.lease()), RECOVERY_BATCH));
            try (ExecutorService drivers = Executors.newVirtualThreadPerTaskExecutor()) {
                for (Exchange exchange : due) {
                    drivers.submit(() -> {
                        try {
                            drive(exchange);
                        } catch (RuntimeException e) {
                            // Its lease runs out and it comes due again; the others are not held up.
                            log.warn("driving exchange {} failed, it will be retried: {}", exchange.id(), e.toString());
                        }
                    });
                }
            }
            driven += due.size();
        } while (due.size() == RECOVERY_BATCH);
        return driven;
    }

    /** Takes the exchange as far as it goes now; stops at a final state or one that has to wait. */
    private Exchange drive(Exchange exchange) {
        Exchange current = exchange;
        while (!current.state().isFinal()) {
            Optional<Exchange> next = step(current);
            if (next.isEmpty()) {
                break;
            }
            current = next.get();
        }
        return exchanges.find(exchange.id()).orElse(current);
    }

    /** One call to a ledger and what follows from its answer; empty when the exchange now waits. */
    private Optional<Exchange> step(Exchange exchange) {
        return switch (exchange.state()) {
            case STARTED -> afterWithdraw(exchange, ledgers.withdraw(exchange));
            case WITHDRAWAL_UNKNOWN -> switch (ledgers.withdrawalStatus(exchange)) {
                case LedgerOutcome.Applied applied -> move(exchange, WITHDRAWN, "withdrawal found applied");
                case LedgerOutcome.Refused refused -> move(exchange, FAILED, "withdrawal refused: " + refused.reason());
                case LedgerOutcome.Refunded refunded -> cancel(exchange, "withdrawal found refunded");
                case LedgerOutcome.NotFound notFound ->
                        cancel(exchange, "withdrawal not recorded by the ledger: cancelled, a late one will be refused");
                case LedgerOutcome.Unknown unknown -> later(exchange, "withdrawal still unknown: " + unknown.cause());
            };
            case WITHDRAWN -> afterDeposit(exchange, ledgers.deposit(exchange));
            case DEPOSIT_UNKNOWN -> switch (ledgers.depositStatus(exchange)) {
                case LedgerOutcome.Applied applied -> move(exchange, COMPLETED, "deposit found applied");
                case LedgerOutcome.Refused refused -> cancel(exchange, "deposit refused: " + refused.reason());
                case LedgerOutcome.NotFound notFound -> afterDeposit(exchange, ledgers.deposit(exchange));
                case LedgerOutcome.Refunded refunded -> later(exchange, "a deposit cannot be refunded");
                case LedgerOutcome.Unknown unknown -> later(exchange, "deposit still unknown: " + unknown.cause());
            };
            case CANCELING_WITHDRAWAL -> {
                // The request reached Kafka through the outbox and waits there, however long the ledger is down;
                // publishing it at every retry would only flood the topic an outage has already filled (each
                // copy is consumed and answered once the ledger is back). Once the attempts ran out the ledger
                // may have dead-lettered it (e.g. its database was down): then it is published again once per
                // round of attempts (with the defaults: after ~2 min, then every 8 min) — harmless, the cancel
                // is idempotent — and not at all while the last copy is still in the outbox (Kafka down).
                // The fault suite found both floods: 368,000 outbox rows, then tens of thousands of copies.
                if (exchange.needsAttention() && exchange.attempts() % retry.maxAttempts() == 0) {
                    transaction.executeWithoutResult(status ->
                            cancelWithdrawal.cancelWithdrawalAgain(exchange.id(), exchange.direction()));
                }
                yield later(exchange, "waiting for the ledger to confirm the refund");
            }
            case COMPLETED, FAILED, FAILED_REFUNDED -> Optional.empty();
        };
    }

    private Optional<Exchange> afterWithdraw(Exchange exchange, LedgerOutcome outcome) {
        return switch (outcome) {
            case LedgerOutcome.Applied applied -> move(exchange, WITHDRAWN, "withdrawn " + exchange.sourceAmount());
            case LedgerOutcome.Refused refused -> move(exchange, FAILED, "withdrawal refused: " + refused.reason());
            case LedgerOutcome.Unknown unknown -> moveAndWait(exchange, WITHDRAWAL_UNKNOWN,
                    "no answer to the withdrawal: " + unknown.cause());
            case LedgerOutcome.NotFound notFound -> later(exchange, "unexpected answer to a withdrawal: not found");
            case LedgerOutcome.Refunded refunded -> cancel(exchange, "withdrawal found refunded");
        };
    }

    private Optional<Exchange> afterDeposit(Exchange exchange, LedgerOutcome outcome) {
        return switch (outcome) {
            case LedgerOutcome.Applied applied -> move(exchange, COMPLETED, "deposited " + exchange.targetAmount());
            case LedgerOutcome.Refused refused -> cancel(exchange, "deposit refused: " + refused.reason());
            case LedgerOutcome.Unknown unknown -> exchange.state() == WITHDRAWN
                    ? moveAndWait(exchange, DEPOSIT_UNKNOWN, "no answer to the deposit: " + unknown.cause())
                    : later(exchange, "deposit still unknown: " + unknown.cause());
            case LedgerOutcome.NotFound notFound -> later(exchange, "unexpected answer to a deposit: not found");
            case LedgerOutcome.Refunded refunded -> later(exchange, "unexpected answer to a deposit: refunded");
        };
    }

    /** Records the transition; empty if another driver got there first (it carries on, not us). */
    private Optional<Exchange> move(Exchange exchange, ExchangeState next, String why) {
        Exchange.Transition transition = exchange.moveTo(next, why, clock.instant());
        Optional<Instant> due = next.isFinal() ? Optional.empty() : Optional.of(transition.at().plus(properties.lease()));
        boolean recorded = Boolean.TRUE.equals(transaction.execute(status -> exchanges.record(transition, due)));
        return recorded ? Optional.of(transition.to()) : Optional.empty();
    }

    /** Moves to a waiting state, due again after the first retry pause. */
    private Optional<Exchange> moveAndWait(Exchange exchange, ExchangeState waiting, String why) {
        Exchange.Transition transition = exchange.moveTo(waiting, why, clock.instant());
        Exchange scheduled = transition.to().retryLater(retry, transition.at());
        transaction.executeWithoutResult(status -> exchanges.record(
                new Exchange.Transition(transition.from(), scheduled, why, transition.at()), scheduled.nextAttemptAt()));
        return Optional.empty();
    }

    /** Deposit refused (or nothing withdrawn): publish the compensation with the state change, move on. */
    private Optional<Exchange> cancel(Exchange exchange, String why) {
        Exchange.Transition transition = exchange.moveTo(CANCELING_WITHDRAWAL, why, clock.instant());
        Exchange scheduled = transition.to().retryLater(retry, transition.at());
        transaction.executeWithoutResult(status -> {
            if (exchanges.record(new Exchange.Transition(transition.from(), scheduled, why, transition.at()),
                    scheduled.nextAttemptAt())) {
                cancelWithdrawal.cancelWithdrawal(exchange.id(), exchange.direction());
            }
        });
        return Optional.empty();
    }

    /** Stays put and comes due again; raises the alert the first time the attempts run out. */
    private Optional<Exchange> later(Exchange exchange, String why) {
        Exchange rescheduled = exchange.retryLater(retry, clock.instant());
        transaction.executeWithoutResult(status -> exchanges.reschedule(rescheduled));
        if (rescheduled.needsAttention() && !exchange.needsAttention()) {
            alerts.exchangeNeedsAttention(rescheduled, why);
        }
        return Optional.empty();
    }

    @Override
    public void completeWithdrawalCancel(CompleteWithdrawalCancelCommand command) {
        transaction.executeWithoutResult(status -> {
            Exchange exchange = exchanges.lock(command.exchangeId()).orElseThrow(() ->
                    new PoisonMessageException("no exchange " + command.exchangeId()));
            if (exchange.direction().source() != command.ledger()) {
                throw new PoisonMessageException("exchange " + exchange.id() + " withdrew from "
                        + exchange.direction().source().id() + ", not " + command.ledger().id());
            }
            if (exchange.state().isFinal()) {
                log.debug("cancel reply for exchange {} already applied ({})", exchange.id(), exchange.state());
                return;
            }
            if (exchange.state() != CANCELING_WITHDRAWAL) {
                throw new IllegalStateException("exchange " + exchange.id() + " is " + exchange.state()
                        + " and did not ask for a cancel");
            }
            boolean refunded = command.outcome() == WithdrawalCancelResponse.Outcome.REFUNDED;
            Exchange.Transition transition = exchange.moveTo(refunded ? FAILED_REFUNDED : FAILED,
                    refunded ? "refunded " + exchange.sourceAmount() : "nothing was withdrawn", clock.instant());
            exchanges.record(transition, Optional.empty());
        });
    }
}
