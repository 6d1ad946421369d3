package com.fxbank.exchange.adapter.out.rates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fxbank.exchange.application.port.out.RateSource.RateLookup;
import com.fxbank.exchange.domain.MidRate;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ECB adapter against a real local HTTP server (MockWebServer) serving documents in the feed's published
 * format — written here from the format, since no machine here reaches the ECB: a good one, malformed ones,
 * a slow one, an oversized one and a stale one.
 */
class EcbRateSourceTest {

    static final Instant NOW = Instant.parse("2026-11-26T09:00:00Z");
    private static final Currency USD = Currency.getInstance("USD");
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Currency JPY = Currency.getInstance("JPY");

    private final MockWebServer feed = new MockWebServer();

    @BeforeEach
    void start() throws Exception {
        feed.start();
    }

    @AfterEach
    void stop() {
        feed.close();
    }

    @Test
    void the_days_rates_give_krw_cross_rates_with_their_source_and_as_of_time() {
        EcbRateSource source = source(Duration.ofSeconds(2));
        serve(EcbDocuments.good("2026-11-25"));

        source.refresh();

        // KRW per USD = (KRW per EUR) / (USD per EUR) = 1455.73 / 1.0412 = 1398.127161 (6 decimals).
        assertThat(found(source, USD).krwPerUnit()).isEqualByComparingTo("1398.127161");
        assertThat(found(source, JPY).krwPerUnit()).isEqualByComparingTo("9.028903");
        assertThat(found(source, EUR).krwPerUnit()).isEqualByComparingTo("1455.73");
        MidRate usd = found(source, USD);
        assertThat(usd.source()).isEqualTo("ECB");
        // Fixed at the 14:10 concertation in Frankfurt: 13:10 UTC in November.
        assertThat(usd.asOf()).isEqualTo(Instant.parse("2026-11-25T13:10:00Z"));
        assertThat(source.midRate(Currency.getInstance("CHF"))).isInstanceOf(RateLookup.NotListed.class);
        assertThat(source.description()).contains(feed.url("/eurofxref-daily.xml").toString(), "2026-11-25");
    }

    @Test
    void before_the_feed_ever_answered_there_is_no_rate_and_the_lookup_says_why() {
        EcbRateSource source = source(Duration.ofSeconds(2));
        feed.enqueue(new MockResponse.Builder().code(503).body("down for maintenance").build());

        source.refresh();

        assertThat(source.midRate(USD)).isInstanceOfSatisfying(RateLookup.Unavailable.class,
                unavailable -> assertThat(unavailable.why()).contains("no rates from the ECB feed", "HTTP status 503"));
    }

    @Test
    void a_malformed_document_is_refused_whole_and_the_last_good_rates_stay() {
        Map<String, String> malformed = Map.of(
                "truncated", EcbDocuments.good("2026-11-25").substring(0, 300),
                "a rate with a comma", EcbDocuments.document("2026-11-25", "USD", "1,0412", "KRW", "1455.73"),
                "an exponent", EcbDocuments.document("2026-11-25", "USD", "1e3", "KRW", "1455.73"),
                "a negative rate", EcbDocuments.document("2026-11-25", "USD", "-1.04", "KRW", "1455.73"),
                "no KRW", EcbDocuments.document("2026-11-25", "USD", "1.0412"),
                "USD twice", EcbDocuments.document("2026-11-25", "USD", "1.0412", "USD", "1.1", "KRW", "1455.73"),
                "no date", EcbDocuments.document("yesterday", "USD", "1.0412", "KRW", "1455.73"),
                "another root", "<?xml version=\"1.0\"?><rates><USD>1.04</USD></rates>",
                "an entity", "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                        + EcbDocuments.good("2026-11-25").substring(EcbDocuments.good("2026-11-25").indexOf("<gesmes:Envelope")),
                "two days", EcbDocuments.good("2026-11-25").replace("\t</Cube>\n</gesmes", "\t<Cube time='2026-11-24'/></Cube>\n</gesmes"));
        for (var bad : malformed.entrySet()) {
            EcbRateSource fresh = source(Duration.ofSeconds(2));
            serve(bad.getValue());
            fresh.refresh();
            assertThat(fresh.midRate(USD)).as(bad.getKey()).isInstanceOf(RateLookup.Unavailable.class);
        }

        EcbRateSource source = source(Duration.ofSeconds(2));
        serve(EcbDocuments.good("2026-11-25"));
        source.refresh();
        serve(EcbDocuments.document("2026-11-26", "USD", "9.99", "KRW", "oops"));
        source.refresh();
        assertThat(found(source, USD).krwPerUnit()).isEqualByComparingTo("1398.127161");
        assertThat(source.description()).contains("2026-11-25");
    }

    @Test
    void a_feed_that_answers_too_slowly_or_too_much_is_given_up_within_the_timeout() {
        EcbRateSource source = source(Duration.ofMillis(500));
        feed.enqueue(new MockResponse.Builder().body(EcbDocuments.good("2026-11-25")).headersDelay(10, TimeUnit.SECONDS).build());
        feed.enqueue(new MockResponse.Builder().body(EcbDocuments.good("2026-11-25"))
                .throttleBody(64, 1, TimeUnit.SECONDS).build());
        feed.enqueue(new MockResponse.Builder()
                .body(EcbDocuments.good("2026-11-25").replace("<Cube>", "<Cube>" + "<!-- padding -->".repeat(20_000))).build());

        for (int read = 0; read < 3; read++) {
            assertTimeoutPreemptively(Duration.ofSeconds(3), source::refresh);
            assertThat(source.midRate(USD)).as("read %d", read).isInstanceOf(RateLookup.Unavailable.class);
        }
        assertThat(((RateLookup.Unavailable) source.midRate(USD)).why()).contains("larger than");
    }

    @Test
    void a_stale_document_is_read_with_its_old_date_and_is_too_old_to_price_on() {
        EcbRateSource source = source(Duration.ofSeconds(2));
        serve(EcbDocuments.good("2026-11-10"));

        source.refresh();

        MidRate usd = found(source, USD);
        assertThat(usd.asOf()).isEqualTo(Instant.parse("2026-11-10T13:10:00Z"));
        assertThat(usd.isStaleAt(NOW, Duration.ofDays(4))).isTrue();
        assertThat(found(source, USD).isStaleAt(Instant.parse("2026-11-12T09:00:00Z"), Duration.ofDays(4))).isFalse();
    }

    @Test
    void a_document_dated_in_the_future_is_refused() {
        EcbRateSource source = source(Duration.ofSeconds(2));
        serve(EcbDocuments.good("2026-12-25"));

        source.refresh();

        assertThat(source.midRate(USD)).isInstanceOf(RateLookup.Unavailable.class);
    }

    private void serve(String body) {
        feed.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/xml").body(body).build());
    }

    private static MidRate found(EcbRateSource source, Currency currency) {
        RateLookup lookup = source.midRate(currency);
        assertThat(lookup).isInstanceOf(RateLookup.Found.class);
        return ((RateLookup.Found) lookup).rate();
    }

    private EcbRateSource source(Duration timeout) {
        URI url = URI.create(feed.url("/eurofxref-daily.xml").toString());
        return new EcbRateSource(new EcbFeed(url, Duration.ofMinutes(10), timeout), Clock.fixed(NOW, ZoneOffset.UTC));
    }
}
