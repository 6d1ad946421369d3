package com.fxbank.exchange.application.port.out;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fxbank.common.exchange.ExchangeId;
import com.fxbank.exchange.domain.BusinessDay;
import com.fxbank.exchange.domain.Exchange;
import com.fxbank.exchange.domain.ExchangeSearch;
import com.fxbank.exchange.domain.ExchangeState;
import com.fxbank.exchange.domain.LargeExchange;
import com.fxbank.exchange.domain.Positions;
import com.fxbank.exchange.domain.ReportingTerms;
import com.fxbank.exchange.domain.StateChange;

/**
 * Exchanges and their history. {@code next_attempt_at} is also the lease: an exchange is driven by whoever
 * set it into the future, and by nobody else until it passes (a crashed driver's exchanges come due).
 */
public interface ExchangeStore {

    /**
     * Inserts a new exchange, due again at {@code leaseUntil} unless driven to rest before, with the trace it started
     * in (see {@link SagaTracing}; null when none).
     *
     * @throws AlreadyExistsException if the owner's idempotency key or the quote is taken: roll back
     */
    void insert(Exchange exchange, Instant leaseUntil, String traceContext);

    /** The trace the exchange started in, for recovery to continue it; empty when none was kept. */
    Optional<String> traceContext(ExchangeId id);

    Optional<Exchange> find(ExchangeId id);

    Optional<Exchange> findByIdempotencyKey(String owner, String idempotencyKey);

    List<Exchange> listOf(String owner, int limit);

    List<StateChange> history(ExchangeId id);

    /**
     * Stores a state change and its history line if the exchange is still in {@code transition.from()}'s
     * state; false if another driver moved it first (nothing written).
     */
    boolean record(Exchange.Transition transition, Optional<Instant> dueAt);

    /**
     * {@link #record}, and only while the starting request still holds the exchange: while it is due at
     * {@code startingLease}, the lease it was inserted with; false once another drive has claimed it (or an operator
     * made it due) since.
     */
    boolean recordForStartingRequest(Exchange.Transition transition, Optional<Instant> dueAt, Instant startingLease);

    /**
     * {@link #record} of many state changes of exchanges this transaction has locked, in two batched statements;
     * none of them due again.
     *
     * @throws IllegalStateException if one of them was not in its {@code from} state: the transaction must roll back
     */
    void recordAll(List<Exchange.Transition> transitions);

    /** Stores attempts, flag and due time of an exchange staying in its state. */
    void reschedule(Exchange exchange);

    /** Locks and returns up to {@code limit} due exchanges, pushing their due time to {@code leaseUntil}. */
    List<Exchange> claimDue(Instant now, Instant leaseUntil, int limit);

    /** Makes an unfinished exchange due at {@code at} (an operator's "retry now"); nothing for a final one. */
    void dueAt(ExchangeId id, Instant at);

    /** Locks the exchange until the current transaction ends. */
    Optional<Exchange> lock(ExchangeId id);

    /** Locks these exchanges until the current transaction ends, in the order of their ids (so that no two deadlock). */
    List<Exchange> lockAll(Collection<ExchangeId> ids);

    List<Exchange> needingAttention(int limit);

    /** The spread earned by the exchanges that completed in [from, to), as {@link Positions.Spread} defines it. */
    Positions.Spread spreadEarned(Instant from, Instant to);

    /**
     * Whether this call may raise the attention alert of {@code id}: true when it never was, or last was before
     * {@code raisedBefore}, and records that it is raised now. Atomic, so that of several instances one raises it.
     */
    boolean claimAttentionAlert(ExchangeId id, Instant now, Instant raisedBefore);

    /** Per unfinished state: how many exchanges, how many of them need attention, and the oldest one's creation. */
    List<StateCount> unfinishedByState();

    /**
     * The completed exchanges that started on {@code day} (from {@code from}, before {@code to}) and that {@code terms}
     * report, oldest first: {@code limit} rows at most from {@code offset}.
     */
    List<LargeExchange> largeExchanges(BusinessDay day, Instant from, Instant to, ReportingTerms terms, int offset,
                                       int limit);

    /** Newest first, {@code search.size()} + 1 rows at most from {@code search.offset()} (the one more says "more"). */
    List<Exchange> search(ExchangeSearch search, Instant now);

    /** Exchanges created since {@code since}, per state (the final ones' recent counts; the unfinished are all recent). */
    Map<ExchangeState, Long> createdSinceByState(Instant since);

    record StateCount(ExchangeState state, long exchanges, long needingAttention,
                      Instant oldestCreatedAt) {
    }

    /** When the exchange last entered {@code state}, from its history. */
    Optional<Instant> enteredAt(ExchangeId id, ExchangeState state);

    /** {@link #enteredAt} of many exchanges in one query; those that never entered it are left out. */
    Map<ExchangeId, Instant> enteredAt(Collection<ExchangeId> ids, ExchangeState state);

    class AlreadyExistsException extends RuntimeException {
        public AlreadyExistsException(String what) {
            super(what);
        }
    }
}
