package com.fxbank.exchange.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import com.fxbank.common.exchange.ExchangeId;
import com.fxbank.common.money.Money;

/**
 * One exchange: the quote it executes, where its saga stands, and when it is to be tried again.
 *
 * @param nextAttemptAt when a waiting exchange (unknown outcome, refund on its way) is looked at again;
 *                      empty while it is being driven or once it is final
 * @param attempts      how often the current state has been retried
 * @param needsAttention set once the attempts ran out: an operator was alerted; retries go on slowly
 */
public record Exchange(ExchangeId id, String owner, Quote quote, String idempotencyKey, ExchangeState state,
                       Optional<String> reason, int attempts, Optional<Instant> nextAttemptAt, boolean needsAttention,
                       Instant createdAt, Instant updatedAt) {

    public Exchange {
        Objects.requireNonNull(id);
        Objects.requireNonNull(owner);
        Objects.requireNonNull(quote);
        Objects.requireNonNull(idempotencyKey);
        Objects.requireNonNull(state);
        Objects.requireNonNull(reason);
        reason = reason.map(StateChange::fit);
        Objects.requireNonNull(nextAttemptAt);
        Objects.requireNonNull(createdAt);
        Objects.requireNonNull(updatedAt);
    }

    public static Exchange start(Quote quote, String idempotencyKey, Instant now) {
        return new Exchange(ExchangeId.newId(), quote.owner(), quote, idempotencyKey, ExchangeState.STARTED,
                Optional.empty(), 0, Optional.empty(), false, now, now);
    }

    /** The first line of a new exchange's history. */
    public StateChange started() {
        return new StateChange(null, state, "started: " + direction() + " " + quote.fxAmount() + " for "
                + quote.krwAmount() + " at " + quote.rate(), createdAt);
    }

    public Direction direction() {
        return quote.direction();
    }

    public Money sourceAmount() {
        return quote.sourceAmount();
    }

    public Money targetAmount() {
        return quote.targetAmount();
    }

    /**
     * The one way to change state: refused unless {@link ExchangeState} allows it. Attempts start over; a final
     * state needs no operator any more, so the attention flag goes with it.
     */
    public Transition moveTo(ExchangeState next, String why, Instant now) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException("exchange " + id + " cannot go from " + state + " to " + next);
        }
        Exchange moved = new Exchange(id, owner, quote, idempotencyKey, next, Optional.ofNullable(why), 0,
                Optional.empty(), needsAttention && !next.isFinal(), createdAt, now);
        return new Transition(this, moved, new StateChange(state, next, why, now), now);
    }

    public Exchange retryLater(RetryPolicy policy, Instant now) {
        int tried = attempts + 1;
        boolean attention = needsAttention || tried >= policy.maxAttempts();
        return new Exchange(id, owner, quote, idempotencyKey, state, reason, tried,
                Optional.of(now.plus(policy.pauseAfter(tried))), attention, createdAt, now);
    }

    /**
     * A change of this exchange as it is to be stored: from the exchange as stored to the exchange as it will be, and
     * the history line that says so. Stored only while the exchange is still in {@code from}'s state.
     *
     * @param at when it happened
     */
    public record Transition(Exchange from, Exchange to, StateChange change, Instant at) {

        public Transition {
            Objects.requireNonNull(from);
            Objects.requireNonNull(to);
            Objects.requireNonNull(change);
            Objects.requireNonNull(at);
        }

        /** The same move, to be stored as {@code as} (the exchange with its retry scheduled, say). */
        public Transition storedAs(Exchange as) {
            return new Transition(from, as, change, at);
        }
    }
}
