package com.fxbank.account.adapter.out.messaging;

import java.util.List;
import java.util.Optional;

import com.fxbank.account.application.port.out.PublishedMessageLog;
import com.fxbank.account.domain.PublishedMessage;
import com.fxbank.common.exchange.ExchangeId;
import com.fxbank.common.stereotype.MessagingAdapter;
import com.fxbank.outbox.OutboxLog;

/** A ledger's replies go through its outbox keyed by the exchange id (R5): the outbox's rows are their log. */
@MessagingAdapter
class OutboxPublishedMessageLog implements PublishedMessageLog {

    private final OutboxLog outbox;

    OutboxPublishedMessageLog(OutboxLog outbox) {
        this.outbox = outbox;
    }

    @Override
    public List<PublishedMessage> messagesOf(ExchangeId id) {
        return outbox.withKey(id.toString()).stream()
                .map(row -> new PublishedMessage(row.topic(), row.createdAt(), Optional.ofNullable(row.sentAt()),
                        Optional.ofNullable(row.partition()), Optional.ofNullable(row.offset()), row.attempts(),
                        Optional.ofNullable(row.lastError()), row.parkedAt() != null))
                .toList();
    }
}
