package com.fxbank.exchange.adapter.out.persistence;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import com.fxbank.common.money.Money;
import com.fxbank.common.stereotype.PersistenceAdapter;
import com.fxbank.exchange.application.port.out.QuoteStore;
import com.fxbank.exchange.domain.CustomerLimits;
import com.fxbank.exchange.domain.Direction;
import com.fxbank.exchange.domain.MidRate;
import com.fxbank.exchange.domain.Pricing;
import com.fxbank.exchange.domain.Quote;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

@PersistenceAdapter
class QuoteJdbcStore implements QuoteStore {

    /** Aliased, so that a join with the exchange table reads each column by an unambiguous name. */
    static final String COLUMNS = "q.id AS q_id, q.owner AS q_owner, q.direction AS q_direction, q.currency AS q_currency, "
            + "q.fx_amount AS q_fx_amount, q.krw_amount AS q_krw_amount, q.rate AS q_rate, q.created_at AS q_created_at, "
            + "q.expires_at AS q_expires_at, q.mid_rate AS q_mid_rate, q.rate_source AS q_rate_source, "
            + "q.rate_as_of AS q_rate_as_of, q.spread_bp AS q_spread_bp, q.named_amount AS q_named_amount, "
            + "q.usd_equivalent AS q_usd_equivalent";
    /** What a quote written before its price was recorded (migration V3) reads as. */
    static final String UNRECORDED_SOURCE = "unrecorded";

    /** What the NUMERIC(19, 6) mid rate column keeps. */
    private static final int MID_RATE_SCALE = 6;
    /** Enough for every quote valid at once at several hundred quotes a second; beyond it the oldest are read again. */
    private static final int ISSUED_KEPT = 20_000;

    private final JdbcClient jdbc;
    /**
     * The quotes this instance issued, as a read of their rows returns them: a quote is never changed once
     * written, and nearly every exchange executes a quote its customer asked this instance for a moment before, so it
     * needs no read of it. An entry is put only once its row has committed, and lives as long as a quote is valid (an
     * expired quote is refused whether it is found here or not); a quote of another instance, or one no longer here, is
     * read from the database. Caffeine: bounded, expiring, lock-free reads — the cache fxbank-security already uses.
     */
    private final Cache<UUID, Quote> issued;

    QuoteJdbcStore(JdbcClient jdbc, @Value("${fxbank.exchange.quote-validity:30s}") Duration quoteValidity) {
        this.jdbc = jdbc;
        this.issued = Caffeine.newBuilder().maximumSize(ISSUED_KEPT).expireAfterWrite(quoteValidity).build();
    }

    @Override
    public void save(Quote quote) {
        jdbc.sql("""
                        INSERT INTO quote (id, owner, direction, currency, fx_amount, krw_amount, rate, created_at, expires_at,
                                           mid_rate, rate_source, rate_as_of, spread_bp, named_amount, usd_equivalent)
                        VALUES (:id, :owner, :direction, :currency, :fx, :krw, :rate, :createdAt, :expiresAt,
                                :mid, :source, :asOf, :spread, :named, :usd)""")
                .param("id", quote.id())
                .param("owner", quote.owner())
                .param("direction", quote.direction().name())
                .param("currency", quote.fxAmount().currency().getCurrencyCode())
                .param("fx", quote.fxAmount().amount())
                .param("krw", quote.krwAmount().amount())
                .param("rate", quote.rate())
                .param("createdAt", Timestamp.from(quote.createdAt()))
                .param("expiresAt", Timestamp.from(quote.expiresAt()))
                .param("mid", quote.mid().krwPerUnit())
                .param("source", quote.mid().source())
                .param("asOf", Timestamp.from(quote.mid().asOf()))
                .param("spread", quote.spreadBasisPoints())
                .param("named", quote.named().name())
                .param("usd", quote.usdEquivalent().amount())
                .update();
        Quote stored = asStored(quote);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    issued.put(stored.id(), stored);
                }
            });
        } else {
            issued.put(stored.id(), stored);
        }
    }

    /** {@code quote} as a read of its row returns it: the columns' scales, PostgreSQL's microseconds. */
    static Quote asStored(Quote quote) {
        MidRate mid = quote.mid();
        return new Quote(quote.id(), quote.owner(), quote.direction(), quote.fxAmount(), quote.krwAmount(), quote.named(),
                quote.rate().setScale(Pricing.RATE_SCALE), quote.spreadBasisPoints(),
                new MidRate(mid.currency(), mid.krwPerUnit().setScale(MID_RATE_SCALE, RoundingMode.HALF_UP), mid.source(),
                        micros(mid.asOf())),
                micros(quote.createdAt()), micros(quote.expiresAt()), quote.usdEquivalent());
    }

    /** To the nearest microsecond, half up, as the PostgreSQL driver sends an instant (IssuedQuotesTest). */
    private static Instant micros(Instant instant) {
        return instant.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public int deleteUnusedExpiredBetween(Instant from, Instant cutoff, int batch) {
        return jdbc.sql("""
                        DELETE FROM quote WHERE id IN (
                            SELECT q.id FROM quote q
                            WHERE q.expires_at >= :from AND q.expires_at < :cutoff
                              AND NOT EXISTS (SELECT 1 FROM exchange e WHERE e.quote_id = q.id)
                            FETCH FIRST %d ROWS ONLY)""".formatted(batch))
                .param("from", Timestamp.from(from))
                .param("cutoff", Timestamp.from(cutoff))
                .update();
    }

    @Override
    public boolean anyUnusedExpiredBetween(Instant from, Instant cutoff) {
        return jdbc.sql("""
                        SELECT 1 FROM quote q
                        WHERE q.expires_at >= :from AND q.expires_at < :cutoff
                          AND NOT EXISTS (SELECT 1 FROM exchange e WHERE e.quote_id = q.id)
                        FETCH FIRST 1 ROWS ONLY""")
                .param("from", Timestamp.from(from))
                .param("cutoff", Timestamp.from(cutoff))
                .query(Integer.class).optional().isPresent();
    }

    @Override
    public Instant retentionDoneUpTo() {
        return jdbc.sql("SELECT upto FROM retention_watermark WHERE name = 'unused-quotes'").query(Timestamp.class)
                .single().toInstant();
    }

    @Override
    public void retentionDoneUpTo(Instant upto) {
        jdbc.sql("UPDATE retention_watermark SET upto = :upto WHERE name = 'unused-quotes' AND upto < :upto")
                .param("upto", Timestamp.from(upto)).update();
    }

    @Override
    public Optional<Quote> find(UUID id) {
        Quote mine = issued.getIfPresent(id);
        if (mine != null) {
            return Optional.of(mine);
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM quote q WHERE q.id = :id").param("id", id)
                .query(QuoteJdbcStore::toQuote).optional();
    }

    static Quote toQuote(ResultSet row, int rowNum) throws SQLException {
        Money fx = Money.of(row.getBigDecimal("q_fx_amount"), row.getString("q_currency"));
        BigDecimal rate = row.getBigDecimal("q_rate").setScale(Pricing.RATE_SCALE);
        Instant createdAt = row.getTimestamp("q_created_at").toInstant();
        boolean recorded = row.getBigDecimal("q_mid_rate") != null;
        MidRate mid = recorded
                ? new MidRate(fx.currency(), row.getBigDecimal("q_mid_rate"), row.getString("q_rate_source"),
                        row.getTimestamp("q_rate_as_of").toInstant())
                : new MidRate(fx.currency(), rate, UNRECORDED_SOURCE, createdAt);
        return new Quote(
                row.getObject("q_id", UUID.class),
                row.getString("q_owner"),
                Direction.valueOf(row.getString("q_direction")),
                fx,
                new Money(row.getBigDecimal("q_krw_amount"), Pricing.KRW),
                recorded ? Quote.Named.valueOf(row.getString("q_named_amount")) : Quote.Named.FX_AMOUNT,
                rate,
                recorded ? row.getInt("q_spread_bp") : 0,
                mid,
                createdAt,
                row.getTimestamp("q_expires_at").toInstant(),
                // A quote written before limits were counted (migration V9) counts nothing.
                Optional.ofNullable(row.getBigDecimal("q_usd_equivalent"))
                        .map(usd -> new Money(usd, CustomerLimits.USD)).orElse(Money.zero(CustomerLimits.USD)));
    }
}
