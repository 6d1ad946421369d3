package com.fxbank.exchange.adapter.out.messaging;

import java.util.List;
import java.util.Optional;

import com.fxbank.common.exchange.ExchangeId;
import com.fxbank.common.stereotype.MessagingAdapter;
import com.fxbank.exchange.application.port.out.SagaMessageLog;
import com.fxbank.exchange.domain.SagaMessage;
import com.fxbank.outbox.OutboxLog;

/** Every message of an exchange went through the outbox keyed by its id (R5): the outbox's rows are its log. */
@MessagingAdapter
class OutboxSagaMessageLog implements SagaMessageLog {

    private final OutboxLog outbox;

    OutboxSagaMessageLog(OutboxLog outbox) {
        this.outbox = outbox;
    }

    @Override
    public List<SagaMessage> messagesOf(ExchangeId id) {
        return outbox.withKey(id.toString()).stream()
                .map(row -> new SagaMessage(row.topic(), row.createdAt(), Optional.ofNullable(row.sentAt()),
                        Optional.ofNullable(row.partition()), Optional.ofNullable(row.offset()), row.attempts(),
                        Optional.ofNullable(row.lastError()), row.parkedAt() != null))
                .toList();
    }
}
