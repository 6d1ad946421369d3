package com.fxbank.exchange.adapter.out.persistence;

import java.math.BigDecimal;
import java.sql.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import com.fxbank.common.money.Money;
import com.fxbank.common.stereotype.PersistenceAdapter;
import com.fxbank.exchange.application.port.out.UsageStore;
import com.fxbank.exchange.domain.BusinessDay;
import com.fxbank.exchange.domain.CustomerLimits;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

@PersistenceAdapter
class UsageJdbcStore implements UsageStore {

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;
    /**
     * The counters known to exist (they are never deleted): a customer's second exchange of the day needs no statement
     * to prepare them. Bounded; a counter evicted is looked for again, harmlessly.
     */
    private final Cache<String, Boolean> prepared = Caffeine.newBuilder().maximumSize(100_000).build();

    UsageJdbcStore(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public Standing standing(String owner, BusinessDay day) {
        Map<String, BigDecimal[]> rows = new HashMap<>();
        jdbc.sql("""
                        SELECT period, used, CAST(NULL AS NUMERIC(19, 2)) AS yearly FROM customer_usage
                        WHERE owner = :owner AND ((period = 'DAY' AND period_start = :day) OR (period = 'YEAR' AND period_start = :year))
                        UNION ALL
                        SELECT 'OWN', daily, yearly FROM customer_limit WHERE owner = :owner""")
                .param("owner", owner).param("day", Date.valueOf(day.date())).param("year", Date.valueOf(day.firstOfYear()))
                .query((row, n) -> rows.put(row.getString("period"),
                        new BigDecimal[] {row.getBigDecimal("used"), row.getBigDecimal("yearly")}))
                .list();
        CustomerLimits.Usage usage = new CustomerLimits.Usage(day, usd(first(rows.get("DAY"))), usd(first(rows.get("YEAR"))));
        Optional<CustomerLimits> own = Optional.ofNullable(rows.get("OWN"))
                .map(limits -> new CustomerLimits(usd(limits[0]), usd(limits[1])));
        return new Standing(usage, own);
    }

    private static BigDecimal first(BigDecimal[] columns) {
        return columns == null ? null : columns[0];
    }

    @Override
    public void prepare(String owner, BusinessDay day) {
        String key = owner + "/" + day.date();
        if (prepared.getIfPresent(key) != null) {
            return;
        }
        ownTransaction.executeWithoutResult(status -> {
            insertIfAbsent(owner, "DAY", Date.valueOf(day.date()));
        });
        ownTransaction.executeWithoutResult(status -> {
            insertIfAbsent(owner, "YEAR", Date.valueOf(day.firstOfYear()));
        });
        prepared.put(key, Boolean.TRUE);
    }

    /** A plain INSERT whose key violation means "already there" (the portable insert-if-absent; own transaction). */
    private void insertIfAbsent(String owner, String period, Date start) {
        boolean present = jdbc.sql("SELECT COUNT(*) FROM customer_usage WHERE owner = :owner AND period = :period "
                        + "AND period_start = :start")
                .param("owner", owner).param("period", period).param("start", start).query(Long.class).single() > 0;
        if (present) {
            return;
        }
        try {
            jdbc.sql("INSERT INTO customer_usage (owner, period, period_start, used) VALUES (:owner, :period, :start, 0)")
                    .param("owner", owner).param("period", period).param("start", start).update();
        } catch (DuplicateKeyException createdBeside) {
            // Another request created it a moment before: there it is.
        }
    }

    @Override
    public void take(String owner, BusinessDay day, Money amount, CustomerLimits defaults) {
        // One statement for both counters, reading the customer's own limits (if any) as it runs: each row is locked and
        // its condition checked again on the latest committed value when another transaction changed it first, so two
        // exchanges can never both pass the last of a limit.
        int updated = jdbc.sql("""
                        UPDATE customer_usage SET used = used + :amount
                        WHERE owner = :owner
                          AND ((period = 'DAY' AND period_start = :day AND used + :amount
                                  <= COALESCE((SELECT daily FROM customer_limit WHERE owner = :owner), :daily))
                            OR (period = 'YEAR' AND period_start = :year AND used + :amount
                                  <= COALESCE((SELECT yearly FROM customer_limit WHERE owner = :owner), :yearly)))""")
                .param("amount", amount.amount())
                .param("owner", owner)
                .param("day", Date.valueOf(day.date()))
                .param("daily", defaults.daily().amount())
                .param("year", Date.valueOf(day.firstOfYear()))
                .param("yearly", defaults.yearly().amount())
                .update();
        if (updated != 2) {
            throw new LimitReachedException(owner, day);
        }
    }

    @Override
    public void giveBack(String owner, BusinessDay day, Money amount) {
        jdbc.sql("""
                        UPDATE customer_usage SET used = used - :amount
                        WHERE owner = :owner
                          AND ((period = 'DAY' AND period_start = :day) OR (period = 'YEAR' AND period_start = :year))""")
                .param("amount", amount.amount())
                .param("owner", owner)
                .param("day", Date.valueOf(day.date()))
                .param("year", Date.valueOf(day.firstOfYear()))
                .update();
    }

    @Override
    public Money complete(String owner, BusinessDay day, Money amount) {
        // The new total comes back with the UPDATE itself (the driver's generated-keys read: RETURNING on PostgreSQL),
        // from the row this transaction now holds locked: this exchange's total, whatever completes beside it.
        GeneratedKeyHolder total = new GeneratedKeyHolder();
        int updated = jdbc.sql("UPDATE customer_usage SET completed = completed + :amount "
                        + "WHERE owner = :owner AND period = 'DAY' AND period_start = :day")
                .param("amount", amount.amount()).param("owner", owner).param("day", Date.valueOf(day.date()))
                .update(total, "completed");
        if (updated == 0) {
            // An exchange started before its day's counters were kept (none to add to): nothing to report by.
            return Money.zero(CustomerLimits.USD);
        }
        return usd((BigDecimal) total.getKeys().get("completed"));
    }

    private static Money usd(BigDecimal amount) {
        return amount == null ? Money.zero(CustomerLimits.USD) : new Money(amount, CustomerLimits.USD);
    }
}
