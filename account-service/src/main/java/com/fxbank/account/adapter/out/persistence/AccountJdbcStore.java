package com.fxbank.account.adapter.out.persistence;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import com.fxbank.account.application.port.out.AccountStore;
import com.fxbank.account.domain.Account;
import com.fxbank.account.domain.AccountId;
import com.fxbank.account.domain.Owner;
import com.fxbank.common.money.Money;
import com.fxbank.common.stereotype.PersistenceAdapter;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

@PersistenceAdapter
class AccountJdbcStore implements AccountStore {

    private static final String COLUMNS = "id, owner, currency, balance, opened_at";

    private final JdbcClient jdbc;

    AccountJdbcStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
                            INSERT INTO account (id, owner, currency, balance, opened_at)
                            VALUES (:id, :owner, :currency, :balance, :openedAt)""")
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
        return jdbc.sql("SELECT " + COLUMNS + " FROM account WHERE id = :id")
                .param("id", id.value())
                .query(AccountJdbcStore::toAccount)
                .optional();
    }

    @Override
    public Optional<Account> find(Owner owner, Currency currency) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM account WHERE owner = :owner AND currency = :currency")
                .param("owner", owner.value())
                .param("currency", currency.getCurrencyCode())
                .query(AccountJdbcStore::toAccount)
                .optional();
    }

    @Override
    public List<Account> findAll(Owner owner) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM account WHERE owner = :owner ORDER BY currency")
                .param("owner", owner.value())
                .query(AccountJdbcStore::toAccount)
                .list();
    }

    private static Account toAccount(ResultSet row, int rowNum) throws SQLException {
        BigDecimal balance = row.getBigDecimal("balance");
        return new Account(
                new AccountId(row.getObject("id", UUID.class)),
                new Owner(row.getString("owner")),
                Money.of(balance, row.getString("currency")),
                row.getTimestamp("opened_at").toInstant());
    }
}
