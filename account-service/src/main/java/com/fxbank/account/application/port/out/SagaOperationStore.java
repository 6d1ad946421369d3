package com.fxbank.account.application.port.out;

import java.util.Optional;

import com.fxbank.common.exchange.ExchangeId;
import com.fxbank.account.domain.SagaOperation;

public interface SagaOperationStore {

    /** @throws AlreadyRecordedException if (exchangeId, kind) exists: the transaction must roll back */
    void insert(SagaOperation operation);

    Optional<SagaOperation> find(ExchangeId exchangeId, SagaOperation.Kind kind);

    /** Reads and locks the row until the current transaction ends. */
    Optional<SagaOperation> lock(ExchangeId exchangeId, SagaOperation.Kind kind);

    void updateState(SagaOperation operation);
}
