package com.fxbank.exchange.adapter.out.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fxbank.common.money.Money;
import com.fxbank.exchange.domain.Direction;
import com.fxbank.exchange.domain.Exchange;
import com.fxbank.exchange.domain.ExchangeState;
import com.fxbank.exchange.domain.MidRate;
import com.fxbank.exchange.domain.Quote;
import com.fxbank.testsupport.PostgresTestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The drive that started an exchange fails it at once when its withdrawal could not even be sent — but only while no
 * other drive has claimed the exchange since (that one may have sent a withdrawal, which the ledger applied). The
 * condition is the lease the exchange was inserted with, compared as stored: real PostgreSQL, the service's own
 * migrations, instants finer than the column keeps.
 */
class ExchangeLeaseTest {

    private static final Instant NOW = Instant.parse("2026-11-27T03:04:05.123456789Z");
    private static final Instant LEASE = NOW.plus(Duration.ofSeconds(10));
    private static DriverManagerDataSource database;

    @BeforeAll
    static void migrate() {
        PostgresTestDatabase db = PostgresTestDatabase.create("exchange_lease");
        Flyway.configure().dataSource(db.jdbcUrl(), db.username(), db.password())
                .locations("classpath:db/migration/exchange")
                .placeholders(Map.of("business_zone", "Asia/Seoul")) // what exchange-service.yml gives Flyway
                .load().migrate();
        database = new DriverManagerDataSource(db.jdbcUrl(), db.username(), db.password());
    }

    @Test
    void the_first_drive_records_its_failure_while_it_still_holds_the_lease_it_started_with() {
        ExchangeJdbcStore store = store();
        Exchange exchange = started();

        boolean recorded = store.recordForStartingRequest(exchange.moveTo(ExchangeState.FAILED, "nothing withdrawn", NOW.plusMillis(5)),
                Optional.empty(), LEASE);

        assertThat(recorded).isTrue();
        assertThat(store.find(exchange.id()).orElseThrow().state()).isEqualTo(ExchangeState.FAILED);
    }

    @Test
    void once_recovery_has_claimed_the_exchange_the_first_drive_cannot_record_that_nothing_was_withdrawn() {
        ExchangeJdbcStore store = store();
        Exchange exchange = started();
        Instant later = LEASE.plusMillis(1);
        assertThat(store.claimDue(later, later.plus(Duration.ofSeconds(10)), 1000))
                .extracting(Exchange::id).contains(exchange.id());

        boolean recorded = store.recordForStartingRequest(exchange.moveTo(ExchangeState.FAILED, "nothing withdrawn", later),
                Optional.empty(), LEASE);

        assertThat(recorded).isFalse();
        assertThat(store.find(exchange.id()).orElseThrow().state()).isEqualTo(ExchangeState.STARTED);
        assertThat(store.history(exchange.id())).hasSize(1);
    }

    @Test
    void nor_once_an_operator_has_made_it_due_again() {
        ExchangeJdbcStore store = store();
        Exchange exchange = started();
        store.dueAt(exchange.id(), NOW.plusMillis(1));

        assertThat(store.recordForStartingRequest(exchange.moveTo(ExchangeState.FAILED, "nothing withdrawn", NOW.plusMillis(2)),
                Optional.empty(), LEASE)).isFalse();
        assertThat(store.find(exchange.id()).orElseThrow().state()).isEqualTo(ExchangeState.STARTED);
    }

    private static ExchangeJdbcStore store() {
        return new ExchangeJdbcStore(JdbcClient.create(database), new NamedParameterJdbcTemplate(database));
    }

    /** A new exchange of a new quote, inserted STARTED with the lease {@link #LEASE}, as the saga inserts it. */
    private static Exchange started() {
        Quote quote = new Quote(UUID.randomUUID(), "alice", Direction.BUY, Money.of("100.00", "USD"),
                Money.of("138690", "KRW"), Quote.Named.FX_AMOUNT, new BigDecimal("1386.9000"), 50,
                new MidRate(Currency.getInstance("USD"), new BigDecimal("1380.00"), "test", NOW), NOW,
                NOW.plus(Duration.ofSeconds(30)), Money.of("100.00", "USD"));
        new QuoteJdbcStore(JdbcClient.create(database), Duration.ofSeconds(30)).save(quote);
        Exchange exchange = Exchange.start(quote, "key-" + quote.id(), NOW);
        store().insert(exchange, LEASE, null);
        return exchange;
    }
}
