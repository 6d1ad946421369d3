package com.fxbank.exchange.adapter.out.persistence;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import com.fxbank.common.exchange.ExchangeId;
import com.fxbank.common.jdbc.BatchCounts;
import com.fxbank.common.money.Money;
import com.fxbank.common.stereotype.PersistenceAdapter;
import com.fxbank.exchange.application.port.out.ExchangeStore;
import com.fxbank.exchange.domain.BusinessDay;
import com.fxbank.exchange.domain.CustomerLimits;
import com.fxbank.exchange.domain.Exchange;
import com.fxbank.exchange.domain.ExchangeSearch;
import com.fxbank.exchange.domain.ExchangeState;
import com.fxbank.exchange.domain.LargeExchange;
import com.fxbank.exchange.domain.Positions;
import com.fxbank.exchange.domain.ReportingTerms;
import com.fxbank.exchange.domain.StateChange;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;

@PersistenceAdapter
class ExchangeJdbcStore implements ExchangeStore {

    private static final String SELECT = "SELECT e.id, e.owner, e.idempotency_key, e.state, e.reason, e.attempts, "
            + "e.next_attempt_at, e.needs_attention, e.created_at, e.updated_at, " + QuoteJdbcStore.COLUMNS
            + " FROM exchange e JOIN quote q ON q.id = e.quote_id ";
    private static final String NOT_FINAL = "e.state NOT IN ('COMPLETED', 'FAILED', 'FAILED_REFUNDED')";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcOperations batches;

    ExchangeJdbcStore(JdbcClient jdbc, NamedParameterJdbcOperations batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    @Override
    public void insert(Exchange exchange, Instant leaseUntil, String traceContext) {
        try {
            jdbc.sql("""
                            INSERT INTO exchange (id, owner, quote_id, idempotency_key, state, reason, attempts,
                                                  next_attempt_at, needs_attention, created_at, updated_at, trace_context)
                            VALUES (:id, :owner, :quoteId, :key, :state, NULL, 0, :due, FALSE, :now, :now, :trace)""")
                    .param("id", exchange.id().value())
                    .param("owner", exchange.owner())
                    .param("quoteId", exchange.quote().id())
                    .param("key", exchange.idempotencyKey())
                    .param("state", exchange.state().name())
                    .param("due", Timestamp.from(leaseUntil))
                    .param("now", Timestamp.from(exchange.createdAt()))
                    .param("trace", traceContext)
                    .update();
        } catch (DuplicateKeyException e) {
            throw new AlreadyExistsException("the idempotency key or the quote of exchange " + exchange.id() + " is taken");
        }
        history(exchange.id(), List.of(exchange.started()));
    }

    /** The rule of {@link com.fxbank.exchange.domain.Positions.Spread}, summed by the database over the period's exchanges. */
    @Override
    public Positions.Spread spreadEarned(Instant from, Instant to) {
        return jdbc.sql("""
                        SELECT COUNT(*) AS exchanges, COUNT(*) - COUNT(q.mid_rate) AS not_valued,
                               COALESCE(SUM(CASE WHEN q.direction = 'BUY' THEN q.krw_amount - q.fx_amount * q.mid_rate
                                                 ELSE q.fx_amount * q.mid_rate - q.krw_amount END), 0) AS earned
                        FROM exchange e JOIN quote q ON q.id = e.quote_id
                        WHERE e.state = 'COMPLETED' AND e.updated_at >= :from AND e.updated_at < :to""")
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .query((row, n) -> new Positions.Spread(from, to,
                        row.getBigDecimal("earned").stripTrailingZeros(), row.getLong("exchanges"), row.getLong("not_valued")))
                .single();
    }

    @Override
    public List<Exchange> search(ExchangeSearch search, Instant now) {
        // Only fixed fragments are joined; every value is a bound parameter.
        StringBuilder where = new StringBuilder("WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>();
        search.owner().ifPresent(owner -> {
            where.append(" AND e.owner = :owner");
            params.put("owner", owner);
        });
        search.state().ifPresent(state -> {
            where.append(" AND e.state = :state");
            params.put("state", state.name());
        });
        search.direction().ifPresent(direction -> {
            where.append(" AND q.direction = :direction");
            params.put("direction", direction.name());
        });
        if (search.needingAttention()) {
            where.append(" AND e.needs_attention = TRUE");
        }
        search.olderThan().ifPresent(age -> {
            where.append(" AND e.created_at <= :createdBefore");
            params.put("createdBefore", Timestamp.from(now.minus(age)));
        });
        search.refundPendingLongerThan().ifPresent(age -> {
            where.append(" AND e.state = 'CANCELING_WITHDRAWAL' AND EXISTS (SELECT 1 FROM exchange_history h "
                    + "WHERE h.exchange_id = e.id AND h.to_state = 'CANCELING_WITHDRAWAL' AND h.at <= :refusedBefore)");
            params.put("refusedBefore", Timestamp.from(now.minus(age)));
        });
        return jdbc.sql(SELECT + where + " ORDER BY e.created_at DESC, e.id DESC LIMIT :limit OFFSET :offset")
                .params(params)
                .param("limit", search.size() + 1)
                .param("offset", search.offset())
                .query(ExchangeJdbcStore::toExchange).list();
    }

    @Override
    public List<LargeExchange> largeExchanges(BusinessDay day, Instant from, Instant to, ReportingTerms terms, int offset,
                                              int limit) {
        // The day's exchanges by their start (exchange_by_created); the customer's day total is the one row of
        // customer_usage that the completions added to.
        return jdbc.sql(SELECT.replace(" FROM exchange e", ", u.completed AS day_total FROM exchange e") + """
                        LEFT JOIN customer_usage u ON u.owner = e.owner AND u.period = 'DAY' AND u.period_start = :day
                        WHERE e.created_at >= :from AND e.created_at < :to AND e.state = 'COMPLETED'
                          AND (q.usd_equivalent > :single OR u.completed > :customerDay)
                        ORDER BY e.created_at, e.id LIMIT :limit OFFSET :offset""")
                .param("day", Date.valueOf(day.date()))
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .param("single", terms.singleExchange().amount())
                .param("customerDay", terms.customerDay().amount())
                .param("limit", limit)
                .param("offset", offset)
                .query((row, n) -> {
                    Exchange exchange = toExchange(row, n);
                    Money dayTotal = new Money(Optional.ofNullable(row.getBigDecimal("day_total")).orElse(BigDecimal.ZERO),
                            CustomerLimits.USD);
                    return new LargeExchange(exchange, dayTotal, terms.reasons(exchange.quote().usdEquivalent(), dayTotal));
                })
                .list();
    }

    @Override
    public Map<ExchangeState, Long> createdSinceByState(Instant since) {
        Map<ExchangeState, Long> counts =
                new EnumMap<>(ExchangeState.class);
        jdbc.sql("SELECT state, COUNT(*) AS n FROM exchange WHERE created_at >= :since GROUP BY state")
                .param("since", Timestamp.from(since))
                .query((rs, n) -> counts.put(ExchangeState.valueOf(rs.getString("state")),
                        rs.getLong("n")))
                .list();
        return counts;
    }

    @Override
    public Optional<String> traceContext(ExchangeId id) {
        return jdbc.sql("SELECT trace_context FROM exchange WHERE id = :id").param("id", id.value())
                .query(String.class).optional();
    }

    @Override
    public Optional<Exchange> find(ExchangeId id) {
        return jdbc.sql(SELECT + "WHERE e.id = :id").param("id", id.value()).query(ExchangeJdbcStore::toExchange).optional();
    }

    @Override
    public Optional<Exchange> findByIdempotencyKey(String owner, String idempotencyKey) {
        return jdbc.sql(SELECT + "WHERE e.owner = :owner AND e.idempotency_key = :key")
                .param("owner", owner).param("key", idempotencyKey)
                .query(ExchangeJdbcStore::toExchange).optional();
    }

    @Override
    public List<Exchange> listOf(String owner, int limit) {
        return jdbc.sql(SELECT + "WHERE e.owner = :owner ORDER BY e.created_at DESC LIMIT :limit")
                .param("owner", owner).param("limit", limit)
                .query(ExchangeJdbcStore::toExchange).list();
    }

    @Override
    public List<StateChange> history(ExchangeId id) {
        return jdbc.sql("SELECT from_state, to_state, reason, at FROM exchange_history WHERE exchange_id = :id ORDER BY id")
                .param("id", id.value())
                .query((row, n) -> new StateChange(
                        Optional.ofNullable(row.getString("from_state")).map(ExchangeState::valueOf).orElse(null),
                        ExchangeState.valueOf(row.getString("to_state")),
                        row.getString("reason"),
                        row.getTimestamp("at").toInstant()))
                .list();
    }

    @Override
    public boolean record(Exchange.Transition transition, Optional<Instant> dueAt) {
        return record(transition, dueAt, "", Optional.empty());
    }

    @Override
    public boolean recordForStartingRequest(Exchange.Transition transition, Optional<Instant> dueAt, Instant startingLease) {
        // The same conversion as the insert's and the claim's, so the stored value and this one are equal.
        return record(transition, dueAt, " AND next_attempt_at = :lease", Optional.of(Timestamp.from(startingLease)));
    }

    private boolean record(Exchange.Transition transition, Optional<Instant> dueAt, String condition,
                           Optional<Timestamp> lease) {
        Exchange to = transition.to();
        int rows = jdbc.sql("""
                        UPDATE exchange SET state = :state, reason = :reason, attempts = :attempts,
                               next_attempt_at = :due, needs_attention = :attention, updated_at = :now
                        WHERE id = :id AND state = :expected""" + condition)
                .param("lease", lease.orElse(null)) // bound only with the condition; untyped, as the insert and the claim
                .param("state", to.state().name())
                .param("reason", to.reason().orElse(null), Types.VARCHAR)
                .param("attempts", to.attempts())
                .param("due", dueAt.map(Timestamp::from).orElse(null), Types.TIMESTAMP)
                .param("attention", to.needsAttention())
                .param("now", Timestamp.from(transition.at()))
                .param("id", to.id().value())
                .param("expected", transition.from().state().name())
                .update();
        if (rows == 1) {
            history(to.id(), List.of(transition.change()));
        }
        return rows == 1;
    }

    @Override
    public void recordAll(List<Exchange.Transition> transitions) {
        if (transitions.isEmpty()) {
            return;
        }
        int[] rows = batches.batchUpdate("""
                        UPDATE exchange SET state = :state, reason = :reason, attempts = :attempts,
                               next_attempt_at = NULL, needs_attention = :attention, updated_at = :now
                        WHERE id = :id AND state = :expected""",
                transitions.stream().map(transition -> new MapSqlParameterSource()
                        .addValue("state", transition.to().state().name())
                        .addValue("reason", transition.to().reason().orElse(null), Types.VARCHAR)
                        .addValue("attempts", transition.to().attempts())
                        .addValue("attention", transition.to().needsAttention())
                        .addValue("now", Timestamp.from(transition.at()))
                        .addValue("id", transition.to().id().value())
                        .addValue("expected", transition.from().state().name())).toArray(MapSqlParameterSource[]::new));
        BatchCounts.requireEachChangedARow(rows, i -> "exchange " + transitions.get(i).to().id()
                + " was not in " + transitions.get(i).from().state() + " any more");
        batches.batchUpdate("INSERT INTO exchange_history (exchange_id, from_state, to_state, reason, at) "
                        + "VALUES (:id, :from, :to, :reason, :at)",
                transitions.stream().map(transition -> new MapSqlParameterSource()
                                .addValue("id", transition.to().id().value())
                                .addValue("from", transition.change().from().name())
                                .addValue("to", transition.change().to().name())
                                .addValue("reason", transition.change().reason(), Types.VARCHAR)
                                .addValue("at", Timestamp.from(transition.change().at())))
                        .toArray(MapSqlParameterSource[]::new));
    }

    @Override
    public void reschedule(Exchange exchange) {
        jdbc.sql("""
                        UPDATE exchange SET attempts = :attempts, next_attempt_at = :due, needs_attention = :attention,
                               updated_at = :now
                        WHERE id = :id AND state = :state""")
                .param("attempts", exchange.attempts())
                .param("due", exchange.nextAttemptAt().map(Timestamp::from).orElse(null), Types.TIMESTAMP)
                .param("attention", exchange.needsAttention())
                .param("now", Timestamp.from(exchange.updatedAt()))
                .param("id", exchange.id().value())
                .param("state", exchange.state().name())
                .update();
    }

    @Override
    public List<Exchange> claimDue(Instant now, Instant leaseUntil, int limit) {
        List<Exchange> due = jdbc.sql(SELECT + "WHERE " + NOT_FINAL
                        + " AND e.next_attempt_at <= :now ORDER BY e.next_attempt_at LIMIT :limit FOR UPDATE SKIP LOCKED")
                .param("now", Timestamp.from(now)).param("limit", limit)
                .query(ExchangeJdbcStore::toExchange).list();
        if (!due.isEmpty()) {
            jdbc.sql("UPDATE exchange SET next_attempt_at = :lease WHERE id IN (:ids)")
                    .param("lease", Timestamp.from(leaseUntil))
                    .param("ids", due.stream().map(exchange -> exchange.id().value()).toList())
                    .update();
        }
        return due;
    }

    @Override
    public void dueAt(ExchangeId id, Instant at) {
        jdbc.sql("UPDATE exchange SET next_attempt_at = :at WHERE id = :id AND next_attempt_at IS NOT NULL")
                .param("at", Timestamp.from(at)).param("id", id.value()).update();
    }

    @Override
    public Optional<Exchange> lock(ExchangeId id) {
        return jdbc.sql(SELECT + "WHERE e.id = :id FOR UPDATE").param("id", id.value())
                .query(ExchangeJdbcStore::toExchange).optional();
    }

    @Override
    public List<Exchange> lockAll(Collection<ExchangeId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + "WHERE e.id IN (:ids) ORDER BY e.id FOR UPDATE")
                .param("ids", ids.stream().map(ExchangeId::value).toList())
                .query(ExchangeJdbcStore::toExchange).list();
    }

    @Override
    public boolean claimAttentionAlert(ExchangeId id, Instant now, Instant raisedBefore) {
        return jdbc.sql("UPDATE exchange SET attention_raised_at = :now WHERE id = :id AND needs_attention "
                        + "AND (attention_raised_at IS NULL OR attention_raised_at < :before)")
                .param("now", Timestamp.from(now)).param("id", id.value()).param("before", Timestamp.from(raisedBefore))
                .update() == 1;
    }

    @Override
    public List<Exchange> needingAttention(int limit) {
        return jdbc.sql(SELECT + "WHERE e.needs_attention AND " + NOT_FINAL + " ORDER BY e.created_at LIMIT :limit")
                .param("limit", limit).query(ExchangeJdbcStore::toExchange).list();
    }

    /**
     * Reads only unfinished exchanges: they are the ones with a due time (index {@code exchange_due}), so the gauges'
     * query costs what is in flight, not every exchange ever made.
     */
    @Override
    public List<StateCount> unfinishedByState() {
        return jdbc.sql("""
                        SELECT e.state, COUNT(*) AS exchanges,
                               SUM(CASE WHEN e.needs_attention THEN 1 ELSE 0 END) AS attention,
                               MIN(e.created_at) AS oldest
                        FROM exchange e
                        WHERE e.next_attempt_at IS NOT NULL AND\s""" + NOT_FINAL + " GROUP BY e.state")
                .query((row, n) -> new StateCount(ExchangeState.valueOf(row.getString("state")), row.getLong("exchanges"),
                        row.getLong("attention"), row.getTimestamp("oldest").toInstant()))
                .list();
    }

    @Override
    public Optional<Instant> enteredAt(ExchangeId id, ExchangeState state) {
        return jdbc.sql("SELECT MAX(at) FROM exchange_history WHERE exchange_id = :id AND to_state = :state")
                .param("id", id.value()).param("state", state.name())
                .query(Timestamp.class).list().stream().filter(Objects::nonNull).findFirst().map(Timestamp::toInstant);
    }

    @Override
    public Map<ExchangeId, Instant> enteredAt(Collection<ExchangeId> ids, ExchangeState state) {
        Map<ExchangeId, Instant> entered = new HashMap<>();
        if (ids.isEmpty()) {
            return entered;
        }
        jdbc.sql("SELECT exchange_id, MAX(at) AS at FROM exchange_history WHERE exchange_id IN (:ids) AND to_state = :state "
                        + "GROUP BY exchange_id")
                .param("ids", ids.stream().map(ExchangeId::value).toList()).param("state", state.name())
                .query((row, n) -> entered.put(new ExchangeId(row.getObject("exchange_id", UUID.class)),
                        row.getTimestamp("at").toInstant()))
                .list();
        return entered;
    }

    /**
     * The history lines of one exchange, in order. (Plain statements, not PostgreSQL's data-modifying WITH that would
     * join them to the state change: the bank also runs on H2 in PostgreSQL mode, `./fxbank up`'s embedded default.)
     */
    private void history(ExchangeId id, List<StateChange> lines) {
        for (StateChange line : lines) {
            jdbc.sql("INSERT INTO exchange_history (exchange_id, from_state, to_state, reason, at) VALUES (:id, :from, :to, :reason, :at)")
                    .param("id", id.value())
                    .param("from", line.from() == null ? null : line.from().name(), Types.VARCHAR)
                    .param("to", line.to().name())
                    .param("reason", line.reason(), Types.VARCHAR)
                    .param("at", Timestamp.from(line.at()))
                    .update();
        }
    }

    private static Exchange toExchange(ResultSet row, int rowNum) throws SQLException {
        Timestamp due = row.getTimestamp("next_attempt_at");
        return new Exchange(
                new ExchangeId(row.getObject("id", UUID.class)),
                row.getString("owner"),
                QuoteJdbcStore.toQuote(row, rowNum),
                row.getString("idempotency_key"),
                ExchangeState.valueOf(row.getString("state")),
                Optional.ofNullable(row.getString("reason")),
                row.getInt("attempts"),
                Optional.ofNullable(due).map(Timestamp::toInstant),
                row.getBoolean("needs_attention"),
                row.getTimestamp("created_at").toInstant(),
                row.getTimestamp("updated_at").toInstant());
    }
}
