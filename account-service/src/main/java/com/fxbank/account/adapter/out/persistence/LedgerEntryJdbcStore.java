package com.fxbank.account.adapter.out.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fxbank.account.application.port.out.AlreadyRecordedException;
import com.fxbank.account.application.port.out.LedgerEntryStore;
import com.fxbank.account.domain.AccountId;
import com.fxbank.account.domain.LedgerEntry;
import com.fxbank.common.money.Money;
import com.fxbank.common.stereotype.PersistenceAdapter;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

@PersistenceAdapter
class LedgerEntryJdbcStore implements LedgerEntryStore {

    private static final String SELECT =
            "SELECT e.id, e.account_id, e.kind, e.amount, e.balance_after, e.reference, e.created_at, a.currency "
            + "FROM ledger_entry e JOIN account a ON a.id = e.account_id ";

    private final JdbcClient jdbc;
    private final org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations batches;
    private final Clock clock;

    LedgerEntryJdbcStore(JdbcClient jdbc, org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations batches, Clock clock) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.clock = clock;
    }

    @Override
    public LedgerEntry append(AccountId accountId, LedgerEntry.Kind kind, Money amount, Money balanceAfter, String reference) {
        Instant now = clock.instant();
        KeyHolder key = new GeneratedKeyHolder();
        try {
            jdbc.sql("""
                            INSERT INTO ledger_entry (account_id, kind, amount, balance_after, reference, created_at)
                            VALUES (:accountId, :kind, :amount, :balanceAfter, :reference, :createdAt)""")
                    .param("accountId", accountId.value())
                    .param("kind", kind.name())
                    .param("amount", amount.amount())
                    .param("balanceAfter", balanceAfter.amount())
                    .param("reference", reference)
                    .param("createdAt", Timestamp.from(now))
                    .update(key, "id");
        } catch (DuplicateKeyException e) {
            throw new AlreadyRecordedException(kind + " " + reference);
        }
        return new LedgerEntry(key.getKeyAs(Long.class), accountId, kind, amount, balanceAfter, reference, now);
    }

    @Override
    public void appendAll(List<NewEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        try {
            batches.batchUpdate("""
                            INSERT INTO ledger_entry (account_id, kind, amount, balance_after, reference, created_at)
                            VALUES (:accountId, :kind, :amount, :balanceAfter, :reference, :createdAt)""",
                    entries.stream().map(entry -> new org.springframework.jdbc.core.namedparam.MapSqlParameterSource()
                            .addValue("accountId", entry.accountId().value())
                            .addValue("kind", entry.kind().name())
                            .addValue("amount", entry.amount().amount())
                            .addValue("balanceAfter", entry.balanceAfter().amount())
                            .addValue("reference", entry.reference())
                            .addValue("createdAt", now)).toArray(org.springframework.jdbc.core.namedparam.MapSqlParameterSource[]::new));
        } catch (DuplicateKeyException e) {
            throw new AlreadyRecordedException("one of " + entries.size() + " entries");
        }
    }

    @Override
    public List<LedgerEntry> ofReference(String reference) {
        return jdbc.sql(SELECT + "WHERE e.reference = :reference ORDER BY e.id").param("reference", reference)
                .query(LedgerEntryJdbcStore::toEntry).list();
    }

    @Override
    public Optional<LedgerEntry> find(String reference, LedgerEntry.Kind kind) {
        return jdbc.sql(SELECT + "WHERE e.reference = :reference AND e.kind = :kind")
                .param("reference", reference)
                .param("kind", kind.name())
                .query(LedgerEntryJdbcStore::toEntry)
                .optional();
    }

    @Override
    public List<LedgerEntry> page(AccountId accountId, int page, int size) {
        return jdbc.sql(SELECT + "WHERE e.account_id = :accountId ORDER BY e.id DESC LIMIT :size OFFSET :offset")
                .param("accountId", accountId.value())
                .param("size", size)
                .param("offset", (long) page * size)
                .query(LedgerEntryJdbcStore::toEntry)
                .list();
    }

    private static LedgerEntry toEntry(ResultSet row, int rowNum) throws SQLException {
        String currency = row.getString("currency");
        return new LedgerEntry(
                row.getLong("id"),
                new AccountId(row.getObject("account_id", UUID.class)),
                LedgerEntry.Kind.valueOf(row.getString("kind")),
                Money.of(row.getBigDecimal("amount"), currency),
                Money.of(row.getBigDecimal("balance_after"), currency),
                row.getString("reference"),
                row.getTimestamp("created_at").toInstant());
    }
}
