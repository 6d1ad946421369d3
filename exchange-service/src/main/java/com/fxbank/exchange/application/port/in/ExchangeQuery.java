package com.fxbank.exchange.application.port.in;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fxbank.common.exchange.ExchangeId;
import com.fxbank.exchange.domain.Exchange;
import com.fxbank.exchange.domain.ExchangeSearch;
import com.fxbank.exchange.domain.ExchangeState;
import com.fxbank.exchange.domain.SagaMessage;
import com.fxbank.exchange.domain.StateChange;

public interface ExchangeQuery {

    /** The owner's exchange; another owner's is empty, as if it did not exist. */
    Optional<Exchange> exchangeOf(String owner, ExchangeId id);

    Optional<Exchange> exchange(ExchangeId id);

    List<StateChange> history(ExchangeId id);

    List<Exchange> exchangesOf(String owner);

    List<Exchange> needingAttention();

    /** The exchanges an operator looks for, newest first, a page at a time. */
    ExchangeSearch.Page search(ExchangeSearch search);

    /**
     * How many exchanges are in each state: every unfinished one, and the final ones created in the last 24 hours
     * (counting every final exchange ever would read the whole table).
     */
    StateCounts counts();

    record StateCounts(Map<ExchangeState, Long> unfinished,
                       Map<ExchangeState, Long> finalLast24Hours) {
    }

    /** What the exchange service published for the exchange: its compensation's requests, its alerts. */
    List<SagaMessage> messages(ExchangeId id);
}
