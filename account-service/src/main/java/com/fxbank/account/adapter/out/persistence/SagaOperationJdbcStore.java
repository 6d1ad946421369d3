package com.fxbank.account.adapter.out.persistence;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fxbank.account.application.port.out.AlreadyRecordedException;
import com.fxbank.account.application.port.out.SagaOperationStore;
import com.fxbank.account.domain.AccountId;
import com.fxbank.account.domain.Owner;
import com.fxbank.account.domain.RefusalReason;
import com.fxbank.account.domain.SagaOperation;
import com.fxbank.common.exchange.ExchangeId;
import com.fxbank.common.jdbc.BatchCounts;
import com.fxbank.common.money.Money;
import com.fxbank.common.stereotype.PersistenceAdapter;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;

@PersistenceAdapter
class SagaOperationJdbcStore implements SagaOperationStore {

    private static final String SELECT = """
            SELECT exchange_id, kind, state, reason, owner, account_id, amount, currency
            FROM saga_operation WHERE exchange_id = :exchangeId AND kind = :kind""";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcOperations batches;
    private final Clock clock;

    SagaOperationJdbcStore(JdbcClient jdbc, NamedParameterJdbcOperations batches, Clock clock) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.clock = clock;
    }

    /** The columns of a record; what a kind of record does not have is NULL. */
    private record Columns(String reason, String owner, UUID accountId, BigDecimal amount, String currency) {
        static Columns of(SagaOperation operation) {
            return switch (operation) {
                case SagaOperation.Applied a -> new Columns(null, a.owner().value(), a.accountId().value(),
                        a.amount().amount(), a.amount().currency().getCurrencyCode());
                case SagaOperation.Refused r -> new Columns(r.reason().name(), r.owner().value(),
                        r.account().map(AccountId::value).orElse(null), r.amount().amount(),
                        r.amount().currency().getCurrencyCode());
                case SagaOperation.Refunded r -> new Columns(null, r.owner().value(), r.accountId().value(),
                        r.amount().amount(), r.amount().currency().getCurrencyCode());
                case SagaOperation.Tombstone t -> new Columns(null, null, null, null, null);
            };
        }
    }

    @Override
    public void insert(SagaOperation operation) {
        Timestamp now = Timestamp.from(clock.instant());
        Columns columns = Columns.of(operation);
        try {
            jdbc.sql("""
                            INSERT INTO saga_operation
                                (exchange_id, kind, state, reason, owner, account_id, amount, currency, created_at, updated_at)
                            VALUES (:exchangeId, :kind, :state, :reason, :owner, :accountId, :amount, :currency, :now, :now)""")
                    .param("exchangeId", operation.exchangeId().value())
                    .param("kind", operation.kind().name())
                    .param("state", operation.state().name())
                    .param("reason", columns.reason(), Types.VARCHAR)
                    .param("owner", columns.owner(), Types.VARCHAR)
                    .param("accountId", columns.accountId())
                    .param("amount", columns.amount(), Types.NUMERIC)
                    .param("currency", columns.currency(), Types.CHAR)
                    .param("now", now)
                    .update();
        } catch (DuplicateKeyException e) {
            throw new AlreadyRecordedException(operation.kind() + " of exchange " + operation.exchangeId());
        }
    }

    @Override
    public Optional<SagaOperation> find(ExchangeId exchangeId, SagaOperation.Kind kind) {
        return query(SELECT, exchangeId, kind);
    }

    @Override
    public Optional<SagaOperation> lock(ExchangeId exchangeId, SagaOperation.Kind kind) {
        return query(SELECT + " FOR UPDATE", exchangeId, kind);
    }

    @Override
    public List<SagaOperation> lockAll(Collection<ExchangeId> exchangeIds, SagaOperation.Kind kind) {
        if (exchangeIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT exchange_id, kind, state, reason, owner, account_id, amount, currency
                        FROM saga_operation WHERE kind = :kind AND exchange_id IN (:exchangeIds)
                        ORDER BY exchange_id FOR UPDATE""")
                .param("kind", kind.name())
                .param("exchangeIds", exchangeIds.stream().map(ExchangeId::value).toList())
                .query(SagaOperationJdbcStore::toOperation)
                .list();
    }

    @Override
    public void updateState(SagaOperation operation) {
        int rows = jdbc.sql("""
                        UPDATE saga_operation SET state = :state, updated_at = :now
                        WHERE exchange_id = :exchangeId AND kind = :kind""")
                .param("state", operation.state().name())
                .param("now", Timestamp.from(clock.instant()))
                .param("exchangeId", operation.exchangeId().value())
                .param("kind", operation.kind().name())
                .update();
        if (rows != 1) {
            throw new IllegalStateException("saga operation " + operation.exchangeId() + " " + operation.kind() + " not updated");
        }
    }

    @Override
    public void updateStates(List<SagaOperation> operations) {
        if (operations.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        int[] rows = batches.batchUpdate("""
                        UPDATE saga_operation SET state = :state, updated_at = :now
                        WHERE exchange_id = :exchangeId AND kind = :kind""",
                operations.stream().map(operation -> new MapSqlParameterSource()
                        .addValue("state", operation.state().name())
                        .addValue("now", now)
                        .addValue("exchangeId", operation.exchangeId().value())
                        .addValue("kind", operation.kind().name())).toArray(MapSqlParameterSource[]::new));
        BatchCounts.requireEachChangedARow(rows,
                i -> "saga operation " + operations.get(i).exchangeId() + " not updated");
    }

    private Optional<SagaOperation> query(String sql, ExchangeId exchangeId, SagaOperation.Kind kind) {
        return jdbc.sql(sql)
                .param("exchangeId", exchangeId.value())
                .param("kind", kind.name())
                .query(SagaOperationJdbcStore::toOperation)
                .optional();
    }

    private static SagaOperation toOperation(ResultSet row, int rowNum) throws SQLException {
        ExchangeId exchangeId = new ExchangeId(row.getObject("exchange_id", UUID.class));
        SagaOperation.State state = SagaOperation.State.valueOf(row.getString("state"));
        if (state == SagaOperation.State.CANCELED) {
            return new SagaOperation.Tombstone(exchangeId);
        }
        SagaOperation.Kind kind = SagaOperation.Kind.valueOf(row.getString("kind"));
        Owner owner = new Owner(row.getString("owner"));
        Money amount = Money.of(row.getBigDecimal("amount"), row.getString("currency").trim());
        Optional<AccountId> account = Optional.ofNullable(row.getObject("account_id", UUID.class)).map(AccountId::new);
        return switch (state) {
            case APPLIED -> new SagaOperation.Applied(exchangeId, kind, owner, amount, account.orElseThrow());
            case REFUSED -> new SagaOperation.Refused(exchangeId, kind, owner, amount,
                    RefusalReason.valueOf(row.getString("reason")), account);
            case REFUNDED -> new SagaOperation.Refunded(exchangeId, owner, amount, account.orElseThrow());
            case CANCELED -> throw new IllegalStateException("unreachable");
        };
    }
}
