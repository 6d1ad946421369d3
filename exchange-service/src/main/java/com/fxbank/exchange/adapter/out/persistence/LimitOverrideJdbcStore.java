package com.fxbank.exchange.adapter.out.persistence;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import com.fxbank.common.money.Money;
import com.fxbank.common.stereotype.PersistenceAdapter;
import com.fxbank.exchange.application.port.out.LimitOverrideStore;
import com.fxbank.exchange.domain.CustomerLimits;
import com.fxbank.exchange.domain.LimitOverride;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

@PersistenceAdapter
class LimitOverrideJdbcStore implements LimitOverrideStore {

    private static final String SELECT = "SELECT owner, daily, yearly, reason, set_by, set_at FROM customer_limit ";

    private final JdbcClient jdbc;

    LimitOverrideJdbcStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<LimitOverride> find(String owner) {
        return jdbc.sql(SELECT + "WHERE owner = :owner").param("owner", owner)
                .query(LimitOverrideJdbcStore::toOverride).optional();
    }

    @Override
    public Optional<LimitOverride> lock(String owner) {
        return jdbc.sql(SELECT + "WHERE owner = :owner FOR UPDATE").param("owner", owner)
                .query(LimitOverrideJdbcStore::toOverride).optional();
    }

    @Override
    public void put(LimitOverride override) {
        // Update, else insert: two operators setting the same customer's first override at the same moment is the one
        // case where the insert meets a key violation, and that operator is told to try again (a 409).
        int updated = jdbc.sql("UPDATE customer_limit SET daily = :daily, yearly = :yearly, reason = :reason, "
                        + "set_by = :setBy, set_at = :setAt WHERE owner = :owner")
                .paramSource(params(override)).update();
        if (updated == 0) {
            try {
                jdbc.sql("INSERT INTO customer_limit (owner, daily, yearly, reason, set_by, set_at) "
                                + "VALUES (:owner, :daily, :yearly, :reason, :setBy, :setAt)")
                        .paramSource(params(override)).update();
            } catch (DuplicateKeyException setBeside) {
                throw new SetBesideException(override.owner());
            }
        }
    }

    private static Object params(LimitOverride override) {
        return new Params(override.owner(), override.limits().daily().amount(), override.limits().yearly().amount(),
                override.reason(), override.setBy(), Timestamp.from(override.setAt()));
    }

    /** The named parameters of a row, read by their record accessors. */
    record Params(String owner, BigDecimal daily, BigDecimal yearly, String reason, String setBy,
                  Timestamp setAt) {
    }

    @Override
    public void remove(String owner) {
        jdbc.sql("DELETE FROM customer_limit WHERE owner = :owner").param("owner", owner).update();
    }

    @Override
    public List<LimitOverride> list(int offset, int limit) {
        return jdbc.sql(SELECT + "ORDER BY owner LIMIT :limit OFFSET :offset")
                .param("limit", limit).param("offset", offset)
                .query(LimitOverrideJdbcStore::toOverride).list();
    }

    private static LimitOverride toOverride(ResultSet row, int n) throws SQLException {
        return new LimitOverride(row.getString("owner"),
                new CustomerLimits(new Money(row.getBigDecimal("daily"), CustomerLimits.USD),
                        new Money(row.getBigDecimal("yearly"), CustomerLimits.USD)),
                row.getString("reason"), row.getString("set_by"), row.getTimestamp("set_at").toInstant());
    }
}
