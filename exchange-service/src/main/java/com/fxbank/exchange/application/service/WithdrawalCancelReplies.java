package com.fxbank.exchange.application.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import com.fxbank.common.batch.EachCommand;
import com.fxbank.common.exchange.ExchangeId;
import com.fxbank.common.stereotype.UseCase;
import com.fxbank.exchange.application.port.in.CompleteWithdrawalCancelUseCase;
import com.fxbank.exchange.application.port.out.AlertPort;
import com.fxbank.exchange.application.port.out.ExchangeStore;
import com.fxbank.exchange.application.port.out.SagaMetrics;
import com.fxbank.exchange.application.port.out.SagaTracing;
import com.fxbank.exchange.domain.Exchange;
import com.fxbank.exchange.domain.ExchangeState;
import com.fxbank.exchange.domain.SagaRules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import static com.fxbank.exchange.domain.ExchangeState.CANCELING_WITHDRAWAL;

/**
 * Seed R3: a ledger's reply to the cancel of a withdrawal ends its exchange FAILED_REFUNDED (or FAILED). What a reply
 * means is {@link SagaRules#onCancelReply}; here it is applied with the exchange locked, once however often the
 * reply is delivered, and counted only once committed.
 */
@UseCase
class WithdrawalCancelReplies implements CompleteWithdrawalCancelUseCase {

    private static final Logger log = LoggerFactory.getLogger(WithdrawalCancelReplies.class);

    private final ExchangeStore exchanges;
    private final CustomerUsage usage;
    private final AlertPort alerts;
    private final TransactionTemplate transaction;
    private final SagaMetrics metrics;
    private final SagaTracing tracing;
    private final Clock clock;

    WithdrawalCancelReplies(ExchangeStore exchanges, CustomerUsage usage, AlertPort alerts, TransactionTemplate transaction,
                            SagaMetrics metrics, SagaTracing tracing, Clock clock) {
        this.exchanges = exchanges;
        this.usage = usage;
        this.alerts = alerts;
        this.transaction = transaction;
        this.metrics = metrics;
        this.tracing = tracing;
        this.clock = clock;
    }

    @Override
    public CompletionResult completeWithdrawalCancel(CompleteWithdrawalCancelCommand command) {
        return tracing.resumed(command.exchangeId(), null, () -> complete(command));
    }

    private CompletionResult complete(CompleteWithdrawalCancelCommand command) {
        List<Exchange.Transition> completed = new ArrayList<>();
        Map<ExchangeId, Instant> refusedAt = new HashMap<>();
        CompletionResult result = transaction.execute(status -> {
            CompletionResult applied = exchanges.lock(command.exchangeId())
                    .map(exchange -> apply(exchange, command, transition -> {
                        if (exchanges.record(transition, Optional.empty())) {
                            usage.settle(transition);
                            completed.add(transition);
                        }
                    }))
                    .orElseGet(() -> new CompletionResult.Refused("no exchange " + command.exchangeId()));
            refusedAt.putAll(refusedAt(completed));
            return applied;
        });
        countCommitted(completed, refusedAt);
        return result;
    }

    /**
     * The exchanges are locked together, in the order of their ids; each reply is then decided on the exchange as the
     * replies before it in the batch left it (a copy of a reply finds it final, as it would one poll later), and the
     * state changes are written together at the end.
     */
    @Override
    public void completeWithdrawalCancels(List<CompleteWithdrawalCancelCommand> commands, EachCommand each) {
        List<Exchange.Transition> completed = new ArrayList<>();
        Map<ExchangeId, Instant> refusedAt = new HashMap<>();
        transaction.executeWithoutResult(status -> {
            Map<ExchangeId, Exchange> current = new HashMap<>();
            exchanges.lockAll(commands.stream().map(CompleteWithdrawalCancelCommand::exchangeId).distinct().toList())
                    .forEach(exchange -> current.put(exchange.id(), exchange));
            for (int i = 0; i < commands.size(); i++) {
                CompleteWithdrawalCancelCommand command = commands.get(i);
                int index = i;
                each.run(index, () -> tracing.resumed(command.exchangeId(), null, () -> {
                    Exchange exchange = current.get(command.exchangeId());
                    CompletionResult result = exchange == null
                            ? new CompletionResult.Refused("no exchange " + command.exchangeId())
                            : apply(exchange, command, transition -> {
                                completed.add(transition);
                                current.put(transition.to().id(), transition.to());
                            });
                    if (result instanceof CompletionResult.Refused(String why)) {
                        throw new RefusedInBatch(index, why);
                    }
                    return result;
                }));
            }
            exchanges.recordAll(completed);
            completed.forEach(usage::settle);
            refusedAt.putAll(refusedAt(completed));
        });
        countCommitted(completed, refusedAt);
    }

    /** Inside the transaction, the exchange locked: what the ledger's reply does to it; a move is handed to {@code move}. */
    private CompletionResult apply(Exchange exchange, CompleteWithdrawalCancelCommand command,
                                   Consumer<Exchange.Transition> move) {
        return switch (SagaRules.onCancelReply(exchange, command.ledger(), command.outcome())) {
            case SagaRules.ReplyDecision.Complete(ExchangeState state, String why) -> {
                move.accept(exchange.moveTo(state, why, clock.instant()));
                yield new CompletionResult.Completed();
            }
            case SagaRules.ReplyDecision.AlreadyApplied() -> {
                log.debug("cancel reply for exchange {} already applied ({})", exchange.id(), exchange.state());
                yield new CompletionResult.AlreadyCompleted();
            }
            case SagaRules.ReplyDecision.Contradiction(String why) -> {
                alerts.replyContradicts(exchange, why);
                yield new CompletionResult.Refused(why);
            }
        };
    }

    /**
     * When each of these exchanges was refused (entered CANCELING_WITHDRAWAL), for the refund's latency: read in the
     * transaction that completes them, which then needs no transaction of its own.
     */
    private Map<ExchangeId, Instant> refusedAt(List<Exchange.Transition> completed) {
        return completed.isEmpty() ? Map.of() : exchanges.enteredAt(
                completed.stream().map(transition -> transition.to().id()).toList(), CANCELING_WITHDRAWAL);
    }

    /** Committed: now it is true, and only now counted. */
    private void countCommitted(List<Exchange.Transition> completed,
                                Map<ExchangeId, Instant> refusedAt) {
        completed.forEach(transition -> {
            metrics.finished(transition.to());
            Optional.ofNullable(refusedAt.get(transition.to().id())).ifPresent(refused ->
                    metrics.refunded(transition.to(), Duration.between(refused, transition.at())));
        });
    }
}
