package com.fxbank.account.adapter.out.persistence;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fxbank.account.application.port.out.AlreadyRecordedException;
import com.fxbank.account.application.port.out.LedgerEntryStore;
import com.fxbank.account.domain.AccountId;
import com.fxbank.account.domain.BankAccount;
import com.fxbank.account.domain.LedgerEntry;
import com.fxbank.common.money.Money;
import com.fxbank.common.stereotype.PersistenceAdapter;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

/**
 * The customers' entries and, in the same transaction and with no statement in between that could fail alone, the
 * counter-leg of each on the bank's account ({@link BankAccount}): the entry and its leg are written together or
 * not at all. The legs are only ever inserted, never updated, so the bank's accounts are no row any transaction
 * locks.
 */
@PersistenceAdapter
class LedgerEntryJdbcStore implements LedgerEntryStore {

    /** The counter-leg of the entry just inserted under (reference, kind), which is unique. */
    private static final String INSERT_LEG = """
            INSERT INTO posting_leg (entry_id, bank_account, currency, amount, created_at)
            SELECT e.id, :bankAccount, :currency, :amount, e.created_at FROM ledger_entry e
            WHERE e.reference = :reference AND e.kind = :kind""";

    private static final String SELECT =
            "SELECT e.id, e.account_id, e.kind, e.amount, e.balance_after, e.reference, e.created_at, a.currency "
            + "FROM ledger_entry e JOIN account a ON a.id = e.account_id ";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcOperations batches;
    private final Clock clock;

    LedgerEntryJdbcStore(JdbcClient jdbc, NamedParameterJdbcOperations batches, Clock clock) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.clock = clock;
    }

    @Override
    public LedgerEntry append(LedgerEntry.New entry) {
        AccountId accountId = entry.accountId();
        LedgerEntry.Kind kind = entry.kind();
        Money amount = entry.amount();
        Money balanceAfter = entry.balanceAfter();
        String reference = entry.reference();
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
        requireLegs(new int[] {batches.update(INSERT_LEG, leg(kind, amount, reference))});
        return new LedgerEntry(key.getKeyAs(Long.class), accountId, kind, amount, balanceAfter, reference, now);
    }

    @Override
    public void appendAll(List<LedgerEntry.New> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        try {
            batches.batchUpdate("""
                            INSERT INTO ledger_entry (account_id, kind, amount, balance_after, reference, created_at)
                            VALUES (:accountId, :kind, :amount, :balanceAfter, :reference, :createdAt)""",
                    entries.stream().map(entry -> new MapSqlParameterSource()
                            .addValue("accountId", entry.accountId().value())
                            .addValue("kind", entry.kind().name())
                            .addValue("amount", entry.amount().amount())
                            .addValue("balanceAfter", entry.balanceAfter().amount())
                            .addValue("reference", entry.reference())
                            .addValue("createdAt", now)).toArray(MapSqlParameterSource[]::new));
        } catch (DuplicateKeyException e) {
            throw new AlreadyRecordedException("one of " + entries.size() + " entries");
        }
        requireLegs(batches.batchUpdate(INSERT_LEG, entries.stream()
                .map(entry -> leg(entry.kind(), entry.amount(), entry.reference())).toArray(MapSqlParameterSource[]::new)));
    }

    private static MapSqlParameterSource leg(LedgerEntry.Kind kind, Money customerAmount, String reference) {
        BankAccount.Leg leg = BankAccount.counterLegOf(kind, customerAmount);
        return new MapSqlParameterSource()
                .addValue("bankAccount", leg.account().name())
                .addValue("currency", leg.amount().currency().getCurrencyCode())
                .addValue("amount", leg.amount().amount())
                .addValue("reference", reference)
                .addValue("kind", kind.name());
    }

    /** Each entry just written has exactly one leg, or the transaction must not commit. */
    private static void requireLegs(int[] inserted) {
        for (int rows : inserted) {
            if (rows != 1 && rows != Statement.SUCCESS_NO_INFO) {
                throw new IllegalStateException("a counter-leg was not written (" + rows + " rows): rolling back");
            }
        }
    }

    @Override
    public List<BankAccount.Balance> bankBalances() {
        return jdbc.sql("""
                        SELECT bank_account, currency, SUM(amount) AS balance, COUNT(*) AS legs FROM posting_leg
                        GROUP BY bank_account, currency ORDER BY bank_account, currency""")
                .query((row, n) -> new BankAccount.Balance(BankAccount.valueOf(row.getString("bank_account")),
                        Money.of(row.getBigDecimal("balance"), row.getString("currency").trim()), row.getLong("legs")))
                .list();
    }

    @Override
    public Money balanceBefore(AccountId accountId, Currency currency, Instant at) {
        BigDecimal sum = jdbc.sql("SELECT COALESCE(SUM(amount), 0) FROM ledger_entry WHERE account_id = :accountId AND created_at < :at")
                .param("accountId", accountId.value())
                .param("at", Timestamp.from(at))
                .query(BigDecimal.class).single();
        return Money.of(sum, currency.getCurrencyCode());
    }

    @Override
    public List<LedgerEntry> between(AccountId accountId, Instant from, Instant to, int atMost) {
        return jdbc.sql(SELECT + "WHERE e.account_id = :accountId AND e.created_at >= :from AND e.created_at < :to "
                        + "ORDER BY e.created_at, e.id LIMIT :atMost")
                .param("accountId", accountId.value())
                .param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to))
                .param("atMost", atMost)
                .query(LedgerEntryJdbcStore::toEntry)
                .list();
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
