package com.fxbank.account.application.service;

import java.util.Arrays;
import java.util.Optional;

import com.fxbank.account.application.port.in.ExchangeRecordQuery;
import com.fxbank.account.application.port.out.LedgerEntryStore;
import com.fxbank.account.application.port.out.PublishedMessageLog;
import com.fxbank.account.application.port.out.SagaOperationStore;
import com.fxbank.account.domain.SagaOperation;
import com.fxbank.common.exchange.ExchangeId;
import com.fxbank.common.stereotype.UseCase;

@UseCase
class ExchangeRecords implements ExchangeRecordQuery {

    private final SagaOperationStore operations;
    private final LedgerEntryStore entries;
    private final PublishedMessageLog messages;

    ExchangeRecords(SagaOperationStore operations, LedgerEntryStore entries, PublishedMessageLog messages) {
        this.operations = operations;
        this.entries = entries;
        this.messages = messages;
    }

    @Override
    public ExchangeRecord recordOf(ExchangeId id) {
        return new ExchangeRecord(
                Arrays.stream(SagaOperation.Kind.values()).map(kind -> operations.find(id, kind))
                        .flatMap(Optional::stream).toList(),
                entries.ofReference(id.toString()),
                messages.messagesOf(id));
    }
}
