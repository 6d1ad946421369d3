package com.fxbank.exchange.application.port.in;

import java.time.Duration;
import java.util.Map;

import com.fxbank.exchange.domain.ExchangeState;

/** Where the unfinished exchanges stand, for the operators' gauges. */
public interface SagaBacklogQuery {

    /**
     * @param unfinished       unfinished exchanges per state (every unfinished state, zero included)
     * @param needingAttention unfinished exchanges that ran out of attempts
     * @param oldestRefundWait how long the oldest exchange still waiting for its refund has existed; zero when none
     */
    record Backlog(Map<ExchangeState, Long> unfinished, long needingAttention, Duration oldestRefundWait) {
    }

    Backlog backlog();
}
