package com.fxbank.exchange.adapter.out.messaging;

import com.fxbank.common.stereotype.MessagingAdapter;
import com.fxbank.exchange.application.port.out.AlertPort;
import com.fxbank.exchange.domain.Exchange;
import com.fxbank.messaging.ExchangeAlert;
import com.fxbank.messaging.MessageCodec;
import com.fxbank.messaging.Topics;
import com.fxbank.outbox.Outbox;
import com.fxbank.outbox.OutboxMessage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

/** An exchange out of attempts: ERROR in the log, {@code fxbank.exchange.attention} counted, a message on fxbank.alerts. */
@MessagingAdapter
class ExchangeAlerts implements AlertPort {

    private static final Logger log = LoggerFactory.getLogger(ExchangeAlerts.class);

    private final Outbox outbox;
    private final MessageCodec codec;
    private final TransactionTemplate transaction;
    private final Counter raised;
    private final Counter contradictions;

    ExchangeAlerts(Outbox outbox, MessageCodec codec, TransactionTemplate transaction, MeterRegistry meters) {
        this.outbox = outbox;
        this.codec = codec;
        this.transaction = transaction;
        this.raised = Counter.builder("fxbank.exchange.attention")
                .description("exchanges that ran out of attempts and were flagged for an operator")
                .register(meters);
        this.contradictions = Counter.builder("fxbank.exchange.contradicting.replies")
                .description("ledger replies that contradict their exchange: dead-lettered, never applied")
                .register(meters);
    }

    /**
     * Written in the reply's transaction, before the record goes to the DLT: if the process dies in between, the
     * record is delivered again and the alert raised again. Alerts are at least once; the exchange never changes.
     */
    @Override
    public void replyContradicts(Exchange exchange, String why) {
        log.error("a ledger reply contradicts exchange {} ({}): {}; it goes to the dead-letter topic and is not applied",
                exchange.id(), exchange.state(), why);
        contradictions.increment();
        String key = exchange.id().toString();
        transaction.executeWithoutResult(status -> outbox.enqueue(OutboxMessage.of(Topics.ALERTS, key,
                codec.encode(new ExchangeAlert(key, exchange.state().name(), "contradicting reply: " + why,
                        exchange.attempts())))));
    }

    @Override
    public void exchangeNeedsAttention(Exchange exchange, String why) {
        log.error("exchange {} needs an operator: {} after {} attempts ({}); retries go on",
                exchange.id(), exchange.state(), exchange.attempts(), why);
        raised.increment();
        String key = exchange.id().toString();
        transaction.executeWithoutResult(status -> outbox.enqueue(OutboxMessage.of(Topics.ALERTS, key,
                codec.encode(new ExchangeAlert(key, exchange.state().name(), why, exchange.attempts())))));
    }
}
