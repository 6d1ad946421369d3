package com.fxbank.exchange.application.service;

import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fxbank.common.exchange.ExchangeId;
import com.fxbank.common.stereotype.UseCase;
import com.fxbank.exchange.application.port.in.ExchangeQuery;
import com.fxbank.exchange.application.port.in.SagaBacklogQuery;
import com.fxbank.exchange.application.port.out.ExchangeStore;
import com.fxbank.exchange.application.port.out.SagaMessageLog;
import com.fxbank.exchange.domain.Exchange;
import com.fxbank.exchange.domain.ExchangeSearch;
import com.fxbank.exchange.domain.ExchangeState;
import com.fxbank.exchange.domain.SagaMessage;
import com.fxbank.exchange.domain.StateChange;

@UseCase
class ExchangeQueries implements ExchangeQuery, SagaBacklogQuery {

    private final ExchangeStore exchanges;
    private final SagaMessageLog messages;
    private final Clock clock;

    ExchangeQueries(ExchangeStore exchanges, SagaMessageLog messages, Clock clock) {
        this.exchanges = exchanges;
        this.messages = messages;
        this.clock = clock;
    }

    @Override
    public ExchangeSearch.Page search(ExchangeSearch search) {
        List<Exchange> found = exchanges.search(search, clock.instant());
        boolean more = found.size() > search.size();
        return new ExchangeSearch.Page(more ? found.subList(0, search.size()) : found, more);
    }

    @Override
    public StateCounts counts() {
        Map<ExchangeState, Long> unfinished = new EnumMap<>(ExchangeState.class);
        Map<ExchangeState, Long> finals = new EnumMap<>(ExchangeState.class);
        for (ExchangeState state : ExchangeState.values()) {
            (state.isFinal() ? finals : unfinished).put(state, 0L);
        }
        exchanges.unfinishedByState().forEach(count -> unfinished.put(count.state(), count.exchanges()));
        exchanges.createdSinceByState(clock.instant().minus(Duration.ofHours(24))).forEach((state, n) -> {
            if (state.isFinal()) {
                finals.put(state, n);
            }
        });
        return new StateCounts(Collections.unmodifiableMap(unfinished), Collections.unmodifiableMap(finals));
    }

    @Override
    public List<SagaMessage> messages(ExchangeId id) {
        return messages.messagesOf(id);
    }

    @Override
    public Backlog backlog() {
        Map<ExchangeState, Long> unfinished = new EnumMap<>(ExchangeState.class);
        for (ExchangeState state : ExchangeState.values()) {
            if (!state.isFinal()) {
                unfinished.put(state, 0L);
            }
        }
        long attention = 0;
        Duration oldestRefund = Duration.ZERO;
        for (ExchangeStore.StateCount count : exchanges.unfinishedByState()) {
            unfinished.put(count.state(), count.exchanges());
            attention += count.needingAttention();
            if (count.state() == ExchangeState.CANCELING_WITHDRAWAL && count.exchanges() > 0) {
                Duration age = Duration.between(count.oldestCreatedAt(), clock.instant());
                oldestRefund = age.isNegative() ? Duration.ZERO : age;
            }
        }
        return new Backlog(Collections.unmodifiableMap(unfinished), attention, oldestRefund);
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
