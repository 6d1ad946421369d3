package com.fxbank.exchange.application.service;

import java.util.List;
import java.util.Optional;

import com.fxbank.common.exchange.ExchangeId;
import com.fxbank.common.stereotype.UseCase;
import com.fxbank.exchange.application.port.in.ExchangeQuery;
import com.fxbank.exchange.application.port.out.ExchangeStore;
import com.fxbank.exchange.domain.Exchange;
import com.fxbank.exchange.domain.StateChange;

@UseCase
class ExchangeQueries implements ExchangeQuery {

    private final ExchangeStore exchanges;

    ExchangeQueries(ExchangeStore exchanges) {
        this.exchanges = exchanges;
    }

    @Override
    public Optional<Exchange> exchangeOf(String owner, ExchangeId id) {
        return exchanges.find(id).filter(exchange -> exchange.owner().equals(owner));
    }

    @Override
    public Optional<Exchange> exchange(ExchangeId id) {
        return exchanges.find(id);
    }

    @Override
    public List<StateChange> history(ExchangeId id) {
        return exchanges.history(id);
    }

    @Override
    public List<Exchange> exchangesOf(String owner) {
        return exchanges.listOf(owner, 100);
    }

    @Override
    public List<Exchange> needingAttention() {
        return exchanges.needingAttention(500);
    }
}
