package com.fxbank.account.application.port.in;

import java.util.List;

import com.fxbank.account.domain.LedgerEntry;
import com.fxbank.account.domain.PublishedMessage;
import com.fxbank.account.domain.SagaOperation;
import com.fxbank.common.exchange.ExchangeId;

/**
 * Everything this ledger holds about one exchange, for an operator: the saga steps it recorded (a
 * withdrawal, refunded or not, a deposit, a tombstone), the entries they made on accounts, and the replies it
 * published. Empty lists when this ledger never heard of the exchange.
 */
public interface ExchangeRecordQuery {

    ExchangeRecord recordOf(ExchangeId id);

    record ExchangeRecord(List<SagaOperation> operations, List<LedgerEntry> entries, List<PublishedMessage> messages) {
    }
}
