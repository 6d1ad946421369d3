package com.fxbank.exchange.application.port.in;

import java.util.List;
import java.util.Optional;

import com.fxbank.common.exchange.ExchangeId;
import com.fxbank.exchange.domain.SagaMessage;
import com.fxbank.exchange.domain.StateChange;
import com.fxbank.exchange.domain.Exchange;

public interface ExchangeQuery {

    /** The owner's exchange; another owner's is empty, as if it did not exist. */
    Optional<Exchange> exchangeOf(String owner, ExchangeId id);

    Optional<Exchange> exchange(ExchangeId id);

    List<StateChange> history(ExchangeId id);

    List<Exchange> exchangesOf(String owner);

    List<Exchange> needingAttention();

    /** What the exchange service published for the exchange: its compensation's requests, its alerts. */
    List<SagaMessage> messages(ExchangeId id);
}
