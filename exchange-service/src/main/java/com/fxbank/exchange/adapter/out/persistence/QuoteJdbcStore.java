package com.fxbank.exchange.adapter.out.persistence;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;

import com.fxbank.common.money.Money;
import com.fxbank.common.stereotype.PersistenceAdapter;
import com.fxbank.exchange.application.port.out.QuoteStore;
import com.fxbank.exchange.domain.Direction;
import com.fxbank.exchange.domain.Pricing;
import com.fxbank.exchange.domain.Quote;
import org.springframework.jdbc.core.simple.JdbcClient;

@PersistenceAdapter
class QuoteJdbcStore implements QuoteStore {

    /** Aliased, so that a join with the exchange table reads each column by an unambiguous name. */
    static final String COLUMNS = "q.id AS q_id, q.owner AS q_owner, q.direction AS q_direction, q.currency AS q_currency, "
            + "q.fx_amount AS q_fx_amount, q.krw_amount AS q_krw_amount, q.rate AS q_rate, q.created_at AS q_created_at, "
            + "q.expires_at AS q_expires_at";

    private final JdbcClient jdbc;

    QuoteJdbcStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void save(Quote quote) {
        jdbc.sql("""
                        INSERT INTO quote (id, owner, direction, currency, fx_amount, krw_amount, rate, created_at, expires_at)
                        VALUES (:id, :owner, :direction, :currency, :fx, :krw, :rate, :createdAt, :expiresAt)""")
                .param("id", quote.id())
                .param("owner", quote.owner())
                .param("direction", quote.direction().name())
                .param("currency", quote.fxAmount().currency().getCurrencyCode())
                .param("fx", quote.fxAmount().amount())
                .param("krw", quote.krwAmount().amount())
                .param("rate", quote.rate())
                .param("createdAt", Timestamp.from(quote.createdAt()))
                .param("expiresAt", Timestamp.from(quote.expiresAt()))
                .update();
    }

    @Override
    public Optional<Quote> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM quote q WHERE q.id = :id").param("id", id)
                .query(QuoteJdbcStore::toQuote).optional();
    }

    static Quote toQuote(ResultSet row, int rowNum) throws SQLException {
        return new Quote(
                row.getObject("q_id", UUID.class),
                row.getString("q_owner"),
                Direction.valueOf(row.getString("q_direction")),
                Money.of(row.getBigDecimal("q_fx_amount"), row.getString("q_currency")),
                new Money(row.getBigDecimal("q_krw_amount"), Pricing.KRW),
                row.getBigDecimal("q_rate").setScale(Pricing.RATE_SCALE),
                row.getTimestamp("q_created_at").toInstant(),
                row.getTimestamp("q_expires_at").toInstant());
    }
}
