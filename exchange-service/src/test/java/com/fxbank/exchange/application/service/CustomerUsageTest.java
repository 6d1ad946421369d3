package com.fxbank.exchange.application.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;

import com.fxbank.common.money.Money;
import com.fxbank.exchange.application.fake.InMemoryUsage;
import com.fxbank.exchange.application.port.in.LimitsQuery.Limits;
import com.fxbank.exchange.application.port.out.UsageStore;
import com.fxbank.exchange.domain.CustomerLimits;
import com.fxbank.exchange.domain.Direction;
import com.fxbank.exchange.domain.Exchange;
import com.fxbank.exchange.domain.LimitTerms;
import com.fxbank.exchange.domain.MidRate;
import com.fxbank.exchange.domain.Pricing;
import com.fxbank.exchange.domain.ReportingTerms;
import com.fxbank.testsupport.InMemoryTransactions;
import org.junit.jupiter.api.Test;

/**
 * The business calendar of customer limits, in memory: an exchange counts in the business day (and year) it started in
 * the bank's zone, so a new day in Seoul starts the daily count again and keeps the yearly one, and a new year both.
 */
class CustomerUsageTest {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final LimitTerms TERMS = new LimitTerms(new CustomerLimits(Money.of("1500.00", "USD"),
            Money.of("2000.00", "USD")), SEOUL);
    private static final ReportingTerms REPORTING = new ReportingTerms(Money.of("10000.00", "USD"),
            Money.of("10000.00", "USD"));

    private final InMemoryUsage store = new InMemoryUsage(new InMemoryTransactions());

    @Test
    void a_new_business_day_in_the_banks_zone_resets_the_daily_usage_and_not_the_yearly_one() {
        // 23:59 in Seoul on 1 March is 14:59 UTC; 00:01 on 2 March is 15:01 UTC, the same UTC day.
        Instant lateOnTheFirst = Instant.parse("2026-03-01T14:59:00Z");
        Instant earlyOnTheSecond = Instant.parse("2026-03-01T15:01:00Z");
        usageAt(lateOnTheFirst).take(exchangeOf("1000.00", lateOnTheFirst));
        assertThatThrownBy(() -> usageAt(lateOnTheFirst).take(exchangeOf("1000.00", lateOnTheFirst)))
                .isInstanceOf(UsageStore.LimitReachedException.class);

        usageAt(earlyOnTheSecond).take(exchangeOf("800.00", earlyOnTheSecond));
        Limits second = usageAt(earlyOnTheSecond).limitsOf("alice");
        assertThat(second.day().date()).hasToString("2026-03-02");
        assertThat(second.usedToday()).isEqualTo(Money.of("800.00", "USD"));
        assertThat(second.usedThisYear()).isEqualTo(Money.of("1800.00", "USD"));
        assertThat(second.leftToday()).isEqualTo(Money.of("700.00", "USD"));
        assertThat(second.leftThisYear()).isEqualTo(Money.of("200.00", "USD"));
        // The yearly limit holds across days: 300 more would pass it though the day has room.
        assertThat(usageAt(earlyOnTheSecond).refusal("alice", Money.of("300.00", "USD"), earlyOnTheSecond))
                .hasValueSatisfying(why -> assertThat(why).contains("yearly limit of 2000.00 USD: 200.00 USD left this year"));
    }

    @Test
    void a_new_business_year_resets_both() {
        Instant lastOfTheYear = Instant.parse("2026-12-31T12:00:00Z");
        Instant firstOfTheNext = Instant.parse("2026-12-31T15:30:00Z"); // 00:30 on 1 January in Seoul
        usageAt(lastOfTheYear).take(exchangeOf("1400.00", lastOfTheYear));
        Limits next = usageAt(firstOfTheNext).limitsOf("alice");
        assertThat(next.day().date()).hasToString("2027-01-01");
        assertThat(next.usedToday()).isEqualTo(Money.zero(CustomerLimits.USD));
        assertThat(next.usedThisYear()).isEqualTo(Money.zero(CustomerLimits.USD));
    }

    private CustomerUsage usageAt(Instant now) {
        return new CustomerUsage(store, TERMS, REPORTING, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static Exchange exchangeOf(String usd, Instant at) {
        MidRate mid = new MidRate(Currency.getInstance("USD"), new BigDecimal("1380.00"), "test", at);
        return Exchange.start(Pricing.quote("alice", Direction.BUY, Money.of(usd, "USD"), mid, 50, at,
                Duration.ofSeconds(30)).orElseThrow(), "key-" + at, at);
    }
}
