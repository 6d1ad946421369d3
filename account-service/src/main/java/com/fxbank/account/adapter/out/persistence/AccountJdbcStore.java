package com.fxbank.account.adapter.out.persistence;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Collection;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fxbank.account.application.port.out.AccountStore;
import com.fxbank.account.domain.Account;
import com.fxbank.account.domain.AccountId;
import com.fxbank.account.domain.Owner;
import com.fxbank.common.jdbc.BatchCounts;
import com.fxbank.common.money.Money;
import com.fxbank.common.stereotype.PersistenceAdapter;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.jdbc.core.simple.JdbcClient;

@PersistenceAdapter
class AccountJdbcStore implements AccountStore {

    private static final String SELECT =
            "SELECT id, owner, currency, balance, frozen, max_balance, max_withdrawal, opened_at FROM account ";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcOperations batches;

    AccountJdbcStore(JdbcClient jdbc, NamedParameterJdbcOperations batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    /**
     * The unique constraint decides, not a read before the write, so two concurrent opens cannot both win.
     * Plain INSERT and the constraint violation rather than {@code ON CONFLICT}: the same SQL runs on the
     * embedded H2 of the quick start. On PostgreSQL a violation aborts the surrounding transaction, so
     * this runs in a transaction of its own.
     */
    @Override
    public boolean insert(Account account) {
        try {
            jdbc.sql("""
                            INSERT INTO account (id, owner, currency, balance, frozen, opened_at)
                            VALUES (:id, :owner, :currency, :balance, FALSE, :openedAt)""")
                    .param("id", account.id().value())
                    .param("owner", account.owner().value())
                    .param("currency", account.currency().getCurrencyCode())
                    .param("balance", account.balance().amount())
                    .param("openedAt", Timestamp.from(account.openedAt()))
                    .update();
            return true;
        } catch (DuplicateKeyException alreadyThere) {
            return false;
        }
    }

    @Override
    public Optional<Account> find(AccountId id) {
        return jdbc.sql(SELECT + "WHERE id = :id").param("id", id.value()).query(AccountJdbcStore::toAccount).optional();
    }

    @Override
    public Optional<Account> find(Owner owner, Currency currency) {
        return jdbc.sql(SELECT + "WHERE owner = :owner AND currency = :currency")
                .param("owner", owner.value())
                .param("currency", currency.getCurrencyCode())
                .query(AccountJdbcStore::toAccount)
                .optional();
    }

    @Override
    public List<Account> findAll(Owner owner) {
        return jdbc.sql(SELECT + "WHERE owner = :owner ORDER BY currency")
                .param("owner", owner.value())
                .query(AccountJdbcStore::toAccount)
                .list();
    }

    @Override
    public Optional<Account> lock(AccountId id) {
        return jdbc.sql(SELECT + "WHERE id = :id FOR UPDATE")
                .param("id", id.value())
                .query(AccountJdbcStore::toAccount)
                .optional();
    }

    @Override
    public Optional<Account> lock(Owner owner, Currency currency) {
        return jdbc.sql(SELECT + "WHERE owner = :owner AND currency = :currency FOR UPDATE")
                .param("owner", owner.value())
                .param("currency", currency.getCurrencyCode())
                .query(AccountJdbcStore::toAccount)
                .optional();
    }

    @Override
    public List<Account> lockAll(Collection<AccountId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + "WHERE id IN (:ids) ORDER BY id FOR UPDATE")
                .param("ids", ids.stream().map(AccountId::value).toList())
                .query(AccountJdbcStore::toAccount).list();
    }

    @Override
    public void updateBalances(Map<AccountId, Money> balances) {
        if (balances.isEmpty()) {
            return;
        }
        int[] rows = batches.batchUpdate("UPDATE account SET balance = :balance WHERE id = :id",
                balances.entrySet().stream().map(balance -> new MapSqlParameterSource()
                        .addValue("balance", balance.getValue().amount())
                        .addValue("id", balance.getKey().value())).toArray(MapSqlParameterSource[]::new));
        List<AccountId> ids = List.copyOf(balances.keySet());
        BatchCounts.requireEachChangedARow(rows, i -> "account " + ids.get(i) + " not updated");
    }

    @Override
    public void updateBalance(AccountId id, Money balance) {
        requireOneRow(jdbc.sql("UPDATE account SET balance = :balance WHERE id = :id")
                .param("balance", balance.amount())
                .param("id", id.value())
                .update(), id);
    }

    @Override
    public void updateFrozen(AccountId id, boolean frozen) {
        requireOneRow(jdbc.sql("UPDATE account SET frozen = :frozen WHERE id = :id")
                .param("frozen", frozen)
                .param("id", id.value())
                .update(), id);
    }

    @Override
    public void updateLimits(AccountId id, Optional<Money> maxBalance, Optional<Money> maxWithdrawal) {
        requireOneRow(jdbc.sql("UPDATE account SET max_balance = :maxBalance, max_withdrawal = :maxWithdrawal WHERE id = :id")
                .param("maxBalance", maxBalance.map(Money::amount).orElse(null), Types.NUMERIC)
                .param("maxWithdrawal", maxWithdrawal.map(Money::amount).orElse(null), Types.NUMERIC)
                .param("id", id.value())
                .update(), id);
    }

    private static void requireOneRow(int rows, AccountId id) {
        if (rows != 1) {
            throw new IllegalStateException("account " + id + " was not updated (" + rows + " rows)");
        }
    }

    private static Account toAccount(ResultSet row, int rowNum) throws SQLException {
        String currency = row.getString("currency");
        return new Account(
                new AccountId(row.getObject("id", UUID.class)),
                new Owner(row.getString("owner")),
                Money.of(row.getBigDecimal("balance"), currency),
                row.getBoolean("frozen"),
                money(row.getBigDecimal("max_balance"), currency),
                money(row.getBigDecimal("max_withdrawal"), currency),
                row.getTimestamp("opened_at").toInstant());
    }

    private static Optional<Money> money(BigDecimal amount, String currency) {
        return Optional.ofNullable(amount).map(value -> Money.of(value, currency));
    }
}
