package com.fxbank.exchange.application.fake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fxbank.common.exchange.ExchangeId;
import com.fxbank.exchange.application.port.out.AlertPort;
import com.fxbank.exchange.application.port.out.CancelWithdrawalPort;
import com.fxbank.exchange.application.port.out.SagaMetrics;
import com.fxbank.exchange.domain.Direction;
import com.fxbank.exchange.domain.Exchange;
import com.fxbank.exchange.domain.ExchangeState;
import com.fxbank.exchange.domain.Participant;
import com.fxbank.exchange.domain.ReportingTerms;
import com.fxbank.testsupport.InMemoryTransactions;

/**
 * The saga's outputs that are not the store: the cancels it published (the outbox rows, undone with a rollback like
 * them), the alerts it raised and the outcomes it counted.
 */
public final class RecordingPorts implements CancelWithdrawalPort, AlertPort, SagaMetrics {

    /** A cancel written to the outbox: to which ledger, and whether it was a repeat. */
    public record Cancel(ExchangeId exchangeId, Participant to, boolean again) {
    }

    private final List<Cancel> cancels = new ArrayList<>();
    private final List<String> alerts = new ArrayList<>();
    private final List<ExchangeState> finished = new ArrayList<>();
    private final List<ReportingTerms.Reason> reportable = new ArrayList<>();
    private final InMemoryTransactions transactions;

    public RecordingPorts(InMemoryTransactions transactions) {
        this.transactions = transactions;
    }

    public synchronized List<Cancel> cancels() {
        return List.copyOf(cancels);
    }

    public synchronized List<String> alerts() {
        return List.copyOf(alerts);
    }

    public synchronized List<ExchangeState> finished() {
        return List.copyOf(finished);
    }

    @Override
    public void cancelWithdrawal(ExchangeId exchangeId, Direction direction) {
        publish(new Cancel(exchangeId, direction.source(), false));
    }

    @Override
    public void cancelWithdrawalAgain(ExchangeId exchangeId, Direction direction) {
        publish(new Cancel(exchangeId, direction.source(), true));
    }

    private synchronized void publish(Cancel cancel) {
        cancels.add(cancel);
        transactions.onRollback(() -> {
            synchronized (this) {
                cancels.remove(cancel);
            }
        });
    }

    @Override
    public synchronized void exchangeNeedsAttention(Exchange exchange, String why) {
        alerts.add("needs attention: " + why);
    }

    @Override
    public synchronized void replyContradicts(Exchange exchange, String why) {
        alerts.add("contradiction: " + why);
    }

    @Override
    public synchronized void finished(Exchange exchange) {
        finished.add(exchange.state());
    }

    @Override
    public void refunded(Exchange exchange, Duration sinceRefused) {
    }

    @Override
    public synchronized void reportable(Exchange exchange, ReportingTerms.Reason reason) {
        reportable.add(reason);
    }

    /** What completions made reportable, as counted. */
    public synchronized List<ReportingTerms.Reason> reportable() {
        return List.copyOf(reportable);
    }
}
