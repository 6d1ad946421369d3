package com.fxbank.exchange.application.service;

import static com.fxbank.exchange.domain.ExchangeState.CANCELING_WITHDRAWAL;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fxbank.common.stereotype.UseCase;
import com.fxbank.exchange.application.port.in.RecoverExchangesUseCase;
import com.fxbank.exchange.application.port.in.StartExchangeUseCase;
import com.fxbank.exchange.application.port.out.AlertPort;
import com.fxbank.exchange.application.port.out.CancelWithdrawalPort;
import com.fxbank.exchange.application.port.out.ExchangeStore;
import com.fxbank.exchange.application.port.out.LedgerPort;
import com.fxbank.exchange.application.port.out.QuoteStore;
import com.fxbank.exchange.application.port.out.SagaMetrics;
import com.fxbank.exchange.application.port.out.SagaTracing;
import com.fxbank.exchange.application.port.out.UsageStore;
import com.fxbank.exchange.domain.Exchange;
import com.fxbank.exchange.domain.ExchangeState;
import com.fxbank.exchange.domain.LedgerOutcome;
import com.fxbank.exchange.domain.Quote;
import com.fxbank.exchange.domain.ReportingTerms;
import com.fxbank.exchange.domain.SagaRules.Call;
import com.fxbank.exchange.domain.SagaRules.Decision;
import com.fxbank.exchange.domain.SagaRules.Drive;
import com.fxbank.exchange.domain.SagaRules;
import com.fxbank.exchange.domain.SagaTimings;
import com.fxbank.exchange.domain.StateChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;


/**
 * The drive of every exchange: its I/O and its transactions. Each step is one call to a ledger; what the answer leads
 * to is decided by {@link SagaRules} (every path on one screen), and stored (state and history, in one transaction)
 * before the next call, so a crash at any line leaves a state that recovery knows how to continue. The compensation
 * is published through the outbox in the transaction of the move to CANCELING_WITHDRAWAL, and the saga moves on
 * (seed R1); the ledger's reply completes it in {@link WithdrawalCancelReplies} (R3).
 */
@UseCase
class ExchangeSaga implements StartExchangeUseCase, RecoverExchangesUseCase {

    private static final Logger log = LoggerFactory.getLogger(ExchangeSaga.class);
    private static final int RECOVERY_BATCH = 50;

    private final QuoteStore quotes;
    private final ExchangeStore exchanges;
    private final CustomerUsage usage;
    private final LedgerPort ledgers;
    private final CancelWithdrawalPort cancelWithdrawal;
    private final AlertPort alerts;
    private final TransactionTemplate transaction;
    private final SagaTimings timings;
    private final SagaMetrics metrics;
    private final SagaTracing tracing;
    private final Clock clock;

    ExchangeSaga(QuoteStore quotes, ExchangeStore exchanges, CustomerUsage usage, LedgerPort ledgers,
                 CancelWithdrawalPort cancelWithdrawal, AlertPort alerts, TransactionTemplate transaction, SagaTimings timings,
                 SagaMetrics metrics, SagaTracing tracing, Clock clock) {
        this.quotes = quotes;
        this.exchanges = exchanges;
        this.usage = usage;
        this.ledgers = ledgers;
        this.cancelWithdrawal = cancelWithdrawal;
        this.alerts = alerts;
        this.transaction = transaction;
        this.timings = timings;
        this.metrics = metrics;
        this.tracing = tracing;
        this.clock = clock;
    }

    /**
     * The idempotency key is looked up only when the exchange cannot be started as asked (no such quote, an expired
     * one, or the insert finds the key or the quote taken): a first request — nearly all of them — costs no read for
     * it, and a repeat still gets the first answer whatever became of its quote since.
     */
    @Override
    public StartResult start(StartExchangeCommand command) {
        Optional<Quote> quote = quotes.find(command.quoteId()).filter(q -> q.owner().equals(command.owner()));
        Instant now = clock.instant();
        if (quote.isEmpty() || quote.get().isExpiredAt(now)) {
            StartResult refusal = quote.isEmpty() ? new StartResult.QuoteNotFound() : new StartResult.QuoteExpired();
            return exchanges.findByIdempotencyKey(command.owner(), command.idempotencyKey())
                    .map(earlier -> repeated(earlier, command))
                    .orElse(refusal);
        }
        Exchange exchange = Exchange.start(quote.get(), command.idempotencyKey(), now);
        Lease lease = new Lease(Drive.STARTING_REQUEST, now.plus(timings.lease()));
        usage.prepareFor(exchange);
        return tracing.started(exchange.id(), traceContext -> {
            try {
                // The exchange and its share of the customer's limits are stored together, or neither.
                transaction.executeWithoutResult(status -> {
                    exchanges.insert(exchange, lease.until(), traceContext);
                    usage.take(exchange);
                });
            } catch (ExchangeStore.AlreadyExistsException taken) {
                return exchanges.findByIdempotencyKey(command.owner(), command.idempotencyKey())
                        .map(racer -> repeated(racer, command))
                        .orElseGet(StartResult.QuoteAlreadyUsed::new);
            } catch (UsageStore.LimitReachedException overLimit) {
                return new StartResult.OverCustomerLimit(usage.whyOver(exchange));
            }
            Driven driven = drive(exchange, History.startingWith(exchange.started()), lease);
            return new StartResult.Exchanged(driven.exchange(), false, driven.history().whole());
        });
    }

    private StartResult repeated(Exchange earlier, StartExchangeCommand command) {
        if (!earlier.quote().id().equals(command.quoteId())) {
            return new StartResult.KeyUsedForAnotherQuote(earlier);
        }
        return new StartResult.Exchanged(earlier, true, Optional.empty());
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
            Lease lease = new Lease(Drive.RECOVERY, now.plus(timings.lease()));
            due = transaction.execute(status -> exchanges.claimDue(now, lease.until(), RECOVERY_BATCH));
            try (ExecutorService drivers = Executors.newVirtualThreadPerTaskExecutor()) {
                for (Exchange exchange : due) {
                    // execute, not submit: an Error (OutOfMemoryError) would vanish into a discarded Future; this way
                    // it reaches the thread's uncaught-exception handler and the log. The exchange's lease runs out
                    // either way and it comes due again; the scheduler's own thread is not the one that dies.
                    drivers.execute(() -> {
                        try {
                            // Recovery continues the exchange's own trace, kept on its row since its start.
                            tracing.resumed(exchange.id(), exchanges.traceContext(exchange.id()).orElse(null),
                                    () -> drive(exchange, History.unknown(), lease));
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

    /**
     * Takes the exchange as far as it goes now; stops at a final state or one that has to wait. At a final state, or
     * waiting for the refund of the cancel it published, it returns what it recorded itself (a snapshot as of its own
     * commit: nothing moves a final exchange, and the refund's reply may come any time); when it stops short otherwise —
     * waiting, or another driver recorded the step first — it reads the exchange as it now is.
     */
    private Driven drive(Exchange exchange, History history, Lease lease) {
        Exchange at = exchange;
        while (!at.state().isFinal()) {
            switch (step(at, history, lease)) {
                case Step.Moved(Exchange to) -> at = to;
                case Step.WaitsAsRecorded(Exchange recorded) -> {
                    return new Driven(recorded, history);
                }
                case Step.Stopped() -> {
                    return new Driven(exchanges.find(exchange.id()).orElse(at), History.unknown());
                }
            }
        }
        return new Driven(at, history);
    }

    /** What one step did to the exchange. */
    private sealed interface Step {
        /** Moved on to {@code to}, recorded. */
        record Moved(Exchange to) implements Step {
        }

        /** Recorded as {@code recorded}, which now waits (for the refund of the cancel it published). */
        record WaitsAsRecorded(Exchange recorded) implements Step {
        }

        /** Waits, or another driver recorded the step first: the exchange is as the database now has it. */
        record Stopped() implements Step {
        }

        static Step movedOrStopped(Optional<Exchange> moved) {
            return moved.<Step>map(Moved::new).orElseGet(Stopped::new);
        }
    }

    /** One call to a ledger and what {@link SagaRules} decides on its answer. */
    private Step step(Exchange exchange, History history, Lease lease) {
        if (exchange.state() == CANCELING_WITHDRAWAL) {
            return apply(exchange, SagaRules.awaitingRefund(exchange, timings.retry()), history, lease);
        }
        Optional<Call> call = SagaRules.callIn(exchange.state());
        if (call.isEmpty()) {
            return new Step.Stopped();
        }
        Decision decision = SagaRules.decide(exchange, call.get(), ask(call.get(), exchange), lease.drive());
        if (decision instanceof Decision.Ask(Call again)) {
            decision = SagaRules.decide(exchange, again, ask(again, exchange), lease.drive());
        }
        return apply(exchange, decision, history, lease);
    }

    private LedgerOutcome ask(Call call, Exchange exchange) {
        return switch (call) {
            case WITHDRAW -> ledgers.withdraw(exchange);
            case WITHDRAWAL_STATUS -> ledgers.withdrawalStatus(exchange);
            case DEPOSIT -> ledgers.deposit(exchange);
            case DEPOSIT_STATUS -> ledgers.depositStatus(exchange);
        };
    }

    private Step apply(Exchange exchange, Decision decision, History history, Lease lease) {
        return switch (decision) {
            case Decision.MoveTo(ExchangeState next, String why) ->
                    Step.movedOrStopped(move(exchange, next, why, history, Optional.empty()));
            case Decision.FailForStartingRequest(String why) ->
                    Step.movedOrStopped(move(exchange, ExchangeState.FAILED, why, history, Optional.of(lease.until())));
            case Decision.MoveAndWait(ExchangeState waiting, String why) -> moveAndWait(exchange, waiting, why);
            case Decision.Compensate(String why) -> cancel(exchange, why, history);
            case Decision.RetryLater(String why) -> later(exchange, why);
            case Decision.AwaitRefund(boolean publishAgain) -> {
                if (publishAgain) {
                    transaction.executeWithoutResult(status ->
                            cancelWithdrawal.cancelWithdrawalAgain(exchange.id(), exchange.direction()));
                }
                yield later(exchange, "waiting for the ledger to confirm the refund");
            }
            case Decision.Ask(Call call) ->
                    throw new IllegalStateException("a decision asks " + call + " twice for exchange " + exchange.id());
        };
    }

    /**
     * Records the transition — given the {@code startingLease}, only while the starting request still holds the
     * exchange — and returns the exchange as moved; empty if another driver got there first (it carries on, not us).
     */
    private Optional<Exchange> move(Exchange exchange, ExchangeState next, String why, History history,
                                    Optional<Instant> startingLease) {
        Exchange.Transition transition = exchange.moveTo(next, why, clock.instant());
        Optional<Instant> due = next.isFinal() ? Optional.empty() : Optional.of(transition.at().plus(timings.lease()));
        // Empty when another driver recorded a transition first; else what the end made reportable.
        Optional<Set<ReportingTerms.Reason>> recorded = transaction.execute(status -> {
            boolean stored = startingLease
                    .map(lease -> exchanges.recordForStartingRequest(transition, due, lease))
                    .orElseGet(() -> exchanges.record(transition, due));
            return stored ? Optional.of(usage.settle(transition)) : Optional.empty();
        });
        if (recorded == null || recorded.isEmpty()) {
            return Optional.empty();
        }
        history.stored(transition);
        if (next.isFinal()) {
            metrics.finished(transition.to());
        }
        recorded.get().forEach(reason -> metrics.reportable(transition.to(), reason));
        return Optional.of(transition.to());
    }

    /** Moves to a waiting state, due again after the first retry pause. */
    private Step moveAndWait(Exchange exchange, ExchangeState waiting, String why) {
        Exchange.Transition transition = exchange.moveTo(waiting, why, clock.instant());
        Exchange scheduled = transition.to().retryLater(timings.retry(), transition.at());
        transaction.executeWithoutResult(status -> exchanges.record(transition.storedAs(scheduled), scheduled.nextAttemptAt()));
        return new Step.Stopped();
    }

    /**
     * Deposit refused (or nothing withdrawn): publish the compensation with the state change, then wait for the refund.
     * The drive answers with what it recorded (no read of the exchange and its history after the commit).
     */
    private Step cancel(Exchange exchange, String why, History history) {
        Exchange.Transition transition = exchange.moveTo(CANCELING_WITHDRAWAL, why, clock.instant());
        Exchange scheduled = transition.to().retryLater(timings.retry(), transition.at());
        Boolean recorded = transaction.execute(status -> {
            if (!exchanges.record(transition.storedAs(scheduled), scheduled.nextAttemptAt())) {
                return false;
            }
            cancelWithdrawal.cancelWithdrawal(scheduled.id(), scheduled.direction());
            return true;
        });
        if (!Boolean.TRUE.equals(recorded)) {
            return new Step.Stopped();
        }
        history.stored(transition);
        return new Step.WaitsAsRecorded(scheduled);
    }

    /**
     * Stays put and comes due again; raises the alert when the attempts run out, and again every
     * {@code attention-realert} while the exchange is still unfinished (an alert once, then silence, let an exchange
     * sit stuck for hours).
     */
    private Step later(Exchange exchange, String why) {
        Instant now = clock.instant();
        Exchange rescheduled = exchange.retryLater(timings.retry(), now);
        transaction.executeWithoutResult(status -> exchanges.reschedule(rescheduled));
        if (rescheduled.needsAttention()) {
            // The claim and the alert's outbox row commit together: a crash between them raises it next time, never
            // records it as raised when it was not.
            transaction.executeWithoutResult(status -> {
                if (exchanges.claimAttentionAlert(rescheduled.id(), now, now.minus(timings.attentionRealert()))) {
                    alerts.exchangeNeedsAttention(rescheduled, why);
                }
            });
        }
        return new Step.Stopped();
    }

    /** Which drive this is, and the end of the lease it took the exchange with (at its insert, or its claim). */
    private record Lease(Drive drive, Instant until) {
    }

    /** Where a drive left the exchange, and its history when the drive knows all of it. */
    private record Driven(Exchange exchange, History history) {
    }

    /**
     * The history lines a drive stored. All of the exchange's history when the starting request drove the exchange to
     * its end, every line it wrote stored: a state is never entered twice and each line is stored only from the state the
     * drive last stored, so no other line can lie between them. The answer to the customer then needs no read.
     */
    private static final class History {

        private final List<StateChange> lines;

        private History(List<StateChange> lines) {
            this.lines = lines;
        }

        static History startingWith(StateChange first) {
            return new History(new ArrayList<>(List.of(first)));
        }

        static History unknown() {
            return new History(null);
        }

        void stored(Exchange.Transition transition) {
            if (lines != null) {
                lines.add(transition.change());
            }
        }

        Optional<List<StateChange>> whole() {
            return Optional.ofNullable(lines).map(List::copyOf);
        }
    }
}
