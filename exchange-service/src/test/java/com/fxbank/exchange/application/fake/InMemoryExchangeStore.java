package com.fxbank.exchange.application.fake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fxbank.common.exchange.ExchangeId;
import com.fxbank.exchange.application.port.out.ExchangeStore;
import com.fxbank.exchange.domain.BusinessDay;
import com.fxbank.exchange.domain.Exchange;
import com.fxbank.exchange.domain.ExchangeSearch;
import com.fxbank.exchange.domain.ExchangeState;
import com.fxbank.exchange.domain.LargeExchange;
import com.fxbank.exchange.domain.Positions;
import com.fxbank.exchange.domain.ReportingTerms;
import com.fxbank.exchange.domain.StateChange;
import com.fxbank.testsupport.InMemoryTransactions;

/**
 * The exchange store in memory, with the rules of {@code ExchangeJdbcStore} that the saga relies on: a state change is
 * stored only from the state it was decided in; {@code next_attempt_at} is the lease — a claim moves it, and
 * {@link #recordForStartingRequest} stores only while it is still the lease the exchange was inserted with; a write in a transaction that rolls
 * back is undone. The operators' queries (search, counts, spread) are not the saga's and are tried on PostgreSQL.
 */
public final class InMemoryExchangeStore implements ExchangeStore {

    private record Row(Exchange exchange, List<StateChange> history, Optional<Instant> attentionRaisedAt,
                       String traceContext) {

        Row with(Exchange changed) {
            return new Row(changed, history, attentionRaisedAt, traceContext);
        }
    }

    private final Map<ExchangeId, Row> rows = new LinkedHashMap<>();
    private final InMemoryTransactions transactions;

    public InMemoryExchangeStore(InMemoryTransactions transactions) {
        this.transactions = transactions;
    }

    /** Puts an exchange in the store as an earlier drive (or a crash) left it. */
    public synchronized void put(Exchange exchange, List<StateChange> history) {
        rows.put(exchange.id(), new Row(exchange, new ArrayList<>(history), Optional.empty(), null));
    }

    /** The one exchange stored, for a test that started one. */
    public synchronized Exchange only() {
        if (rows.size() != 1) {
            throw new AssertionError("expected one exchange stored, found " + rows.size());
        }
        return rows.values().iterator().next().exchange();
    }

    @Override
    public synchronized void insert(Exchange exchange, Instant leaseUntil, String traceContext) {
        boolean taken = rows.values().stream().map(Row::exchange).anyMatch(other ->
                other.quote().id().equals(exchange.quote().id())
                        || other.owner().equals(exchange.owner()) && other.idempotencyKey().equals(exchange.idempotencyKey()));
        if (taken) {
            throw new AlreadyExistsException("the idempotency key or the quote of exchange " + exchange.id() + " is taken");
        }
        Exchange leased = scheduled(exchange, Optional.of(leaseUntil));
        write(exchange.id(), new Row(leased, new ArrayList<>(List.of(exchange.started())), Optional.empty(), traceContext));
    }

    @Override
    public synchronized Optional<String> traceContext(ExchangeId id) {
        return Optional.ofNullable(rows.get(id)).map(Row::traceContext);
    }

    @Override
    public synchronized Optional<Exchange> find(ExchangeId id) {
        return Optional.ofNullable(rows.get(id)).map(Row::exchange);
    }

    @Override
    public synchronized Optional<Exchange> findByIdempotencyKey(String owner, String idempotencyKey) {
        return rows.values().stream().map(Row::exchange)
                .filter(exchange -> exchange.owner().equals(owner) && exchange.idempotencyKey().equals(idempotencyKey))
                .findFirst();
    }

    @Override
    public synchronized List<Exchange> listOf(String owner, int limit) {
        return rows.values().stream().map(Row::exchange).filter(exchange -> exchange.owner().equals(owner))
                .sorted(Comparator.comparing(Exchange::createdAt).reversed()).limit(limit).toList();
    }

    @Override
    public synchronized List<StateChange> history(ExchangeId id) {
        return Optional.ofNullable(rows.get(id)).map(row -> List.copyOf(row.history())).orElse(List.of());
    }

    @Override
    public synchronized boolean record(Exchange.Transition transition, Optional<Instant> dueAt) {
        Row row = rows.get(transition.to().id());
        if (row == null || row.exchange().state() != transition.from().state()) {
            return false;
        }
        List<StateChange> history = new ArrayList<>(row.history());
        history.add(transition.change());
        write(row.exchange().id(), new Row(scheduled(transition.to(), dueAt), history, row.attentionRaisedAt(),
                row.traceContext()));
        return true;
    }

    @Override
    public synchronized boolean recordForStartingRequest(Exchange.Transition transition, Optional<Instant> dueAt,
                                                         Instant startingLease) {
        Row row = rows.get(transition.to().id());
        return row != null && row.exchange().nextAttemptAt().equals(Optional.of(startingLease)) && record(transition, dueAt);
    }

    @Override
    public synchronized void recordAll(List<Exchange.Transition> transitions) {
        for (Exchange.Transition transition : transitions) {
            if (!record(transition, Optional.empty())) {
                throw new IllegalStateException("exchange " + transition.to().id() + " was not in "
                        + transition.from().state() + " any more");
            }
        }
    }

    @Override
    public synchronized void reschedule(Exchange exchange) {
        Row row = rows.get(exchange.id());
        if (row != null && row.exchange().state() == exchange.state()) {
            write(exchange.id(), row.with(exchange));
        }
    }

    @Override
    public synchronized List<Exchange> claimDue(Instant now, Instant leaseUntil, int limit) {
        List<Exchange> due = rows.values().stream().map(Row::exchange)
                .filter(exchange -> !exchange.state().isFinal())
                .filter(exchange -> exchange.nextAttemptAt().filter(at -> !at.isAfter(now)).isPresent())
                .sorted(Comparator.comparing(exchange -> exchange.nextAttemptAt().orElseThrow()))
                .limit(limit).toList();
        due.forEach(exchange -> write(exchange.id(), rows.get(exchange.id()).with(scheduled(exchange, Optional.of(leaseUntil)))));
        return due;
    }

    @Override
    public synchronized void dueAt(ExchangeId id, Instant at) {
        Row row = rows.get(id);
        if (row != null && row.exchange().nextAttemptAt().isPresent()) {
            write(id, row.with(scheduled(row.exchange(), Optional.of(at))));
        }
    }

    /** One JVM, one lock: every method of this store is synchronized; the row is returned as it is. */
    @Override
    public synchronized Optional<Exchange> lock(ExchangeId id) {
        return find(id);
    }

    @Override
    public synchronized List<Exchange> lockAll(Collection<ExchangeId> ids) {
        return ids.stream().sorted(Comparator.comparing(ExchangeId::value)).map(rows::get).filter(Objects::nonNull)
                .map(Row::exchange).toList();
    }

    @Override
    public synchronized List<Exchange> needingAttention(int limit) {
        return rows.values().stream().map(Row::exchange)
                .filter(exchange -> exchange.needsAttention() && !exchange.state().isFinal()).limit(limit).toList();
    }

    @Override
    public synchronized boolean claimAttentionAlert(ExchangeId id, Instant now, Instant raisedBefore) {
        Row row = rows.get(id);
        if (row == null || !row.exchange().needsAttention()
                || row.attentionRaisedAt().filter(raised -> !raised.isBefore(raisedBefore)).isPresent()) {
            return false;
        }
        write(id, new Row(row.exchange(), row.history(), Optional.of(now), row.traceContext()));
        return true;
    }

    @Override
    public synchronized List<StateCount> unfinishedByState() {
        Map<ExchangeState, List<Exchange>> byState = new EnumMap<>(ExchangeState.class);
        rows.values().stream().map(Row::exchange).filter(exchange -> !exchange.state().isFinal())
                .forEach(exchange -> byState.computeIfAbsent(exchange.state(), state -> new ArrayList<>()).add(exchange));
        return byState.entrySet().stream().map(entry -> new StateCount(entry.getKey(), entry.getValue().size(),
                entry.getValue().stream().filter(Exchange::needsAttention).count(),
                entry.getValue().stream().map(Exchange::createdAt).min(Comparator.naturalOrder()).orElseThrow())).toList();
    }

    @Override
    public synchronized Optional<Instant> enteredAt(ExchangeId id, ExchangeState state) {
        return history(id).stream().filter(change -> change.to() == state).map(StateChange::at).max(Comparator.naturalOrder());
    }

    @Override
    public synchronized Map<ExchangeId, Instant> enteredAt(Collection<ExchangeId> ids, ExchangeState state) {
        Map<ExchangeId, Instant> entered = new HashMap<>();
        ids.forEach(id -> enteredAt(id, state).ifPresent(at -> entered.put(id, at)));
        return entered;
    }

    @Override
    public Positions.Spread spreadEarned(Instant from, Instant to) {
        throw new UnsupportedOperationException("an operators' query, which the saga never makes");
    }

    @Override
    public List<Exchange> search(ExchangeSearch search, Instant now) {
        throw new UnsupportedOperationException("an operators' query, which the saga never makes");
    }

    @Override
    public List<LargeExchange> largeExchanges(BusinessDay day, Instant from, Instant to, ReportingTerms terms, int offset,
                                              int limit) {
        throw new UnsupportedOperationException("an operators' query, which the saga never makes");
    }

    @Override
    public Map<ExchangeState, Long> createdSinceByState(Instant since) {
        throw new UnsupportedOperationException("an operators' query, which the saga never makes");
    }

    /** Writes a row; inside a transaction, remembers how to take it back. */
    private void write(ExchangeId id, Row row) {
        Row before = rows.put(id, row);
        transactions.onRollback(() -> {
            synchronized (this) {
                if (before == null) {
                    rows.remove(id);
                } else {
                    rows.put(id, before);
                }
            }
        });
    }

    /** The exchange as a read returns it: its due time is the column's (the lease, while it is driven). */
    private static Exchange scheduled(Exchange exchange, Optional<Instant> dueAt) {
        return new Exchange(exchange.id(), exchange.owner(), exchange.quote(), exchange.idempotencyKey(), exchange.state(),
                exchange.reason(), exchange.attempts(), dueAt, exchange.needsAttention(), exchange.createdAt(),
                exchange.updatedAt());
    }
}
