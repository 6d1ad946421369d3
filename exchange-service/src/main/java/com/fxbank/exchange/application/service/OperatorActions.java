package com.fxbank.exchange.application.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import com.fxbank.common.exchange.ExchangeId;
import com.fxbank.common.stereotype.UseCase;
import com.fxbank.exchange.application.port.in.OperatorActionUseCase;
import com.fxbank.exchange.application.port.out.ExchangeStore;
import com.fxbank.exchange.domain.Exchange;
import com.fxbank.common.operator.OperatorAction;
import com.fxbank.common.operator.OperatorActionLog;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Operators' actions on exchanges. Each is done and recorded in one transaction, so the log never shows an action that
 * did not happen nor misses one that did. None moves money itself: "retry now" only brings the saga's next step
 * forward, and the saga decides it as always (a driver already on the exchange at that moment and the one this wakes
 * may both ask the ledger; every ledger step is idempotent and every move is recorded only from the state it left).
 */
@UseCase
class OperatorActions implements OperatorActionUseCase {

    private final ExchangeStore exchanges;
    private final OperatorActionLog log;
    private final TransactionTemplate transaction;
    private final Clock clock;

    OperatorActions(ExchangeStore exchanges, OperatorActionLog log, TransactionTemplate transaction, Clock clock) {
        this.exchanges = exchanges;
        this.log = log;
        this.transaction = transaction;
        this.clock = clock;
    }

    @Override
    public RetryResult retryNow(ExchangeId id, String operator, String reason) {
        return transaction.execute(status -> {
            Optional<Exchange> locked = exchanges.lock(id);
            if (locked.isEmpty()) {
                return new RetryResult.NotFound();
            }
            Exchange exchange = locked.get();
            if (exchange.state().isFinal()) {
                return new RetryResult.AlreadyFinal(exchange.state().name());
            }
            Instant now = clock.instant();
            exchanges.dueAt(id, now);
            OperatorAction action = new OperatorAction(now, operator, OperatorAction.Kind.RETRY_NOW, id.toString(), reason,
                    "due now in " + exchange.state() + " after " + exchange.attempts() + " attempt(s)"
                            + exchange.nextAttemptAt().map(next -> ", was due " + next).orElse(""));
            log.append(action);
            return new RetryResult.Scheduled(action);
        });
    }
}
