package com.fxbank.exchange.adapter.out.rates;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import com.fxbank.common.stereotype.ExternalSystemAdapter;
import com.fxbank.exchange.application.port.out.RateSource;
import com.fxbank.exchange.domain.MidRate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Mid rates from the European Central Bank's daily euro reference rates ({@link EcbReferenceRates}), read
 * over HTTP from a configurable address on a schedule and cached. KRW per unit of a currency is a cross rate:
 * (KRW per EUR) ÷ (currency per EUR), to {@value #CROSS_SCALE} decimals.
 * <p>
 * A read that fails — no answer within the timeout, a status other than 200, a document larger than
 * {@value #MAX_DOCUMENT_BYTES} bytes, one the parser refuses — keeps the rates read before; those then age,
 * and the quote service refuses to price on them once they are older than the allowed age.
 */
@ExternalSystemAdapter
@ConditionalOnProperty(name = "fxbank.exchange.rates.source", havingValue = "ecb")
class EcbRateSource implements RateSource {

    static final String SOURCE = "ECB";
    static final int CROSS_SCALE = 6;
    static final int MAX_DOCUMENT_BYTES = 256 * 1024;
    private static final Logger log = LoggerFactory.getLogger(EcbRateSource.class);

    private final EcbFeed feed;
    private final Clock clock;
    private final HttpClient http;
    private volatile EcbReferenceRates latest;
    private volatile String lastProblem = "no read has finished yet";

    EcbRateSource(EcbFeed feed, Clock clock) {
        this.feed = feed;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .connectTimeout(feed.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    @Override
    public RateLookup midRate(Currency currency) {
        EcbReferenceRates rates = latest;
        if (rates == null) {
            return new RateLookup.Unavailable("no rates from the ECB feed at " + feed.url() + " yet (" + lastProblem
                    + "); quotes resume when it answers");
        }
        BigDecimal krwPerEur = rates.perEur().get("KRW");
        BigDecimal krwPerUnit;
        if (currency.getCurrencyCode().equals("EUR")) {
            krwPerUnit = krwPerEur;
        } else {
            BigDecimal unitsPerEur = rates.perEur().get(currency.getCurrencyCode());
            if (unitsPerEur == null) {
                return new RateLookup.NotListed("the ECB feed of " + rates.day());
            }
            // A mid rate, not an amount: rounding it to 6 decimals moves a quote by far less than a minor unit, and
            // every price is rounded for the bank against the mid recorded with it (Pricing), which the audit rechecks.
            krwPerUnit = krwPerEur.divide(unitsPerEur, CROSS_SCALE, RoundingMode.HALF_EVEN);
        }
        return new RateLookup.Found(new MidRate(currency, krwPerUnit, SOURCE, rates.asOf()));
    }

    @Override
    public String description() {
        EcbReferenceRates rates = latest;
        return "ECB euro reference rates from " + feed.url() + ", read every " + feed.refresh().toMinutes() + " min; "
                + (rates == null ? "none yet (" + lastProblem + ")" : "latest of " + rates.day());
    }

    @Scheduled(fixedDelayString = "${fxbank.exchange.rates.ecb.refresh:10m}")
    void refresh() {
        try {
            EcbReferenceRates read = EcbReferenceRates.parse(read());
            if (read.asOf().isAfter(clock.instant().plus(Duration.ofDays(1)))) {
                throw new EcbReferenceRates.Unusable("the rates are dated " + read.day() + ", in the future");
            }
            EcbReferenceRates before = latest;
            if (before == null || !read.day().isBefore(before.day())) {
                latest = read;
            }
            lastProblem = "none";
            log.debug("ECB reference rates of {} read from {}", read.day(), feed.url());
        } catch (EcbReferenceRates.Unusable | IOException e) {
            lastProblem = "the last read at " + Instant.now(clock) + " failed: " + e.getMessage();
            log.warn("ECB rates not refreshed from {}: {}", feed.url(), e.getMessage());
        }
    }

    /** The document, read within the timeout and no larger than the limit, whatever the server does. */
    private byte[] read() throws IOException {
        HttpRequest request = HttpRequest.newBuilder(feed.url()).timeout(feed.timeout())
                .header("Accept", "application/xml, text/xml").GET().build();
        AtomicReference<InputStream> body = new AtomicReference<>();
        CompletableFuture<byte[]> document = http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .thenApply(response -> {
                    body.set(response.body());
                    try (InputStream in = response.body()) {
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException("HTTP status " + response.statusCode());
                        }
                        byte[] bytes = in.readNBytes(MAX_DOCUMENT_BYTES + 1);
                        if (bytes.length > MAX_DOCUMENT_BYTES) {
                            throw new IllegalStateException("the document is larger than " + MAX_DOCUMENT_BYTES + " bytes");
                        }
                        return bytes;
                    } catch (IOException e) {
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                });
        try {
            return document.get(feed.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            document.cancel(true);
            InputStream open = body.get();
            if (open != null) {
                open.close();
            }
            throw new IOException("no whole answer within " + feed.timeout().toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new IOException(cause instanceof IllegalStateException ? cause.getMessage() : cause.toString());
        }
    }
}
