package com.fxbank.exchange.application.fake;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.fxbank.exchange.application.port.out.ExchangeStore;
import com.fxbank.exchange.application.port.out.LedgerPort;
import com.fxbank.exchange.domain.Exchange;
import com.fxbank.exchange.domain.ExchangeState;
import com.fxbank.exchange.domain.LedgerOutcome;
import com.fxbank.exchange.domain.SagaRules.Call;

/**
 * The two ledgers as a script: each call is answered by the next answer given for it, and a call nobody scripted
 * fails the test. Every call is recorded with the exchange's state as the store held it at that moment — what a
 * crash right then would leave for recovery.
 */
public final class ScriptedLedgers implements LedgerPort {

    /** One scripted answer; {@code meanwhile} runs while the call is in flight (another drive claims it, say). */
    public record Answer(Call call, LedgerOutcome outcome, Runnable meanwhile) {

        public Answer whileInFlight(Runnable happening) {
            return new Answer(call, outcome, happening);
        }
    }

    /** A call made: to whom, and the exchange's stored state when it was made. */
    public record Asked(Call call, ExchangeState stored) {
    }

    private final Map<Call, Deque<Answer>> script = new EnumMap<>(Call.class);
    private final List<Asked> asked = new ArrayList<>();
    private final ExchangeStore store;

    public ScriptedLedgers(ExchangeStore store) {
        this.store = store;
    }

    public static Answer answer(Call call, LedgerOutcome outcome) {
        return new Answer(call, outcome, () -> { });
    }

    public synchronized void script(List<Answer> answers) {
        answers.forEach(answer -> script.computeIfAbsent(answer.call(), call -> new ArrayDeque<>()).add(answer));
    }

    public synchronized List<Asked> asked() {
        return List.copyOf(asked);
    }

    @Override
    public LedgerOutcome withdraw(Exchange exchange) {
        return next(Call.WITHDRAW, exchange);
    }

    @Override
    public LedgerOutcome deposit(Exchange exchange) {
        return next(Call.DEPOSIT, exchange);
    }

    @Override
    public LedgerOutcome withdrawalStatus(Exchange exchange) {
        return next(Call.WITHDRAWAL_STATUS, exchange);
    }

    @Override
    public LedgerOutcome depositStatus(Exchange exchange) {
        return next(Call.DEPOSIT_STATUS, exchange);
    }

    private LedgerOutcome next(Call call, Exchange exchange) {
        Answer answer;
        synchronized (this) {
            asked.add(new Asked(call, store.find(exchange.id()).orElseThrow().state()));
            Deque<Answer> answers = script.get(call);
            if (answers == null || answers.isEmpty()) {
                throw new AssertionError("the saga asked " + call + " in " + exchange.state() + ", which the test did not script");
            }
            answer = answers.poll();
        }
        answer.meanwhile().run();
        return answer.outcome();
    }
}
