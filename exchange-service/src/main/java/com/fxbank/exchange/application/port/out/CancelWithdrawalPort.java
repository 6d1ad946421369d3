package com.fxbank.exchange.application.port.out;


import com.fxbank.common.exchange.ExchangeId;
import com.fxbank.exchange.domain.Direction;

/**
 * Seed R1: ask the source ledger of {@code direction} to cancel the withdrawal of an exchange, without
 * waiting for it. Must be called in the transaction that records the move to CANCELING_WITHDRAWAL: the
 * request is written to the outbox there and relayed after the commit (DESIGN B1).
 */
public interface CancelWithdrawalPort {

    void cancelWithdrawal(ExchangeId exchangeId, Direction direction);

    /**
     * Asks again, in case the first request was lost downstream (dead-lettered by the ledger); does
     * nothing while an earlier request of this exchange has not yet reached Kafka.
     */
    void cancelWithdrawalAgain(ExchangeId exchangeId, Direction direction);
}
