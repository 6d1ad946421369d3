package com.fxbank.account.application.port.out;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import com.fxbank.account.domain.SagaOperation;
import com.fxbank.common.exchange.ExchangeId;

public interface SagaOperationStore {

    /** @throws AlreadyRecordedException if (exchangeId, kind) exists: the transaction must roll back */
    void insert(SagaOperation operation);

    Optional<SagaOperation> find(ExchangeId exchangeId, SagaOperation.Kind kind);

    /** Reads and locks the row until the current transaction ends. */
    Optional<SagaOperation> lock(ExchangeId exchangeId, SagaOperation.Kind kind);

    /**
     * Reads and locks the rows of {@code kind} of these exchanges, in the order of their exchange ids: every
     * transaction that locks several saga rows takes them in that one order, so two of them cannot deadlock.
     * Exchanges with no such row are left out.
     */
    List<SagaOperation> lockAll(Collection<ExchangeId> exchangeIds, SagaOperation.Kind kind);

    void updateState(SagaOperation operation);

    /** {@link #updateState} of many rows in one batched statement. */
    void updateStates(List<SagaOperation> operations);
}
