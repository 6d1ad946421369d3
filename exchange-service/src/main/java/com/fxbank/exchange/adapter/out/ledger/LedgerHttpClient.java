package com.fxbank.exchange.adapter.out.ledger;

import java.math.BigDecimal;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Arrays;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fxbank.common.money.Money;
import com.fxbank.common.stereotype.ExternalSystemAdapter;
import com.fxbank.exchange.application.port.out.BankBooksPort;
import com.fxbank.exchange.application.port.out.LedgerPort;
import com.fxbank.exchange.domain.Exchange;
import com.fxbank.exchange.domain.LedgerOutcome;
import com.fxbank.exchange.domain.Participant;
import com.fxbank.messaging.LedgerStep;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.ObservationRegistry;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * The ledgers' saga endpoints over HTTP, with the exchange service's SERVICE token from the issuer, connect and read
 * timeouts, and a Resilience4j circuit breaker per ledger (a well-kept library, so a ledger that is down
 * costs a fast "unknown" instead of a timeout per call). Anything but a clear answer is
 * {@link LedgerOutcome.Unknown}: the request may have been applied (DESIGN B3).
 *
 * <p>A ledger may run as several instances: its URL setting then lists them, comma-separated. Calls go
 * round-robin, and a call whose instance cannot be reached (refused, reset, timed out) is sent at once to
 * the next one. That is safe because every ledger step is idempotent by exchange id: the same PUT applied
 * by two instances moves money once.
 */
@ExternalSystemAdapter
class LedgerHttpClient implements LedgerPort, BankBooksPort, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LedgerHttpClient.class);
    /** Connections kept to one ledger instance: more calls at once than this wait for one (see the request timeout). */
    static final int MAX_CONNECTIONS_PER_INSTANCE = 200;

    private final Map<Participant, List<RestClient>> instances = new EnumMap<>(Participant.class);
    private final AtomicInteger nextInstance = new AtomicInteger();
    private final Map<Participant, CircuitBreaker> breakers = new EnumMap<>(Participant.class);
    private final ServiceToken token;
    private final MeterRegistry meters;
    private final CloseableHttpClient http;

    LedgerHttpClient(LedgerEndpoints ledgers, ServiceToken token, CircuitBreakerRegistry circuitBreakers,
                     MeterRegistry meters,
                     ObservationRegistry observations) {
        this.token = token;
        this.meters = meters;
        http = pooledHttp(ledgers);
        HttpComponentsClientHttpRequestFactory requests = new HttpComponentsClientHttpRequestFactory(http);
        requests.setReadTimeout(ledgers.readTimeout());
        // A call that finds every pooled connection busy waits no longer than a connection takes to open.
        requests.setConnectionRequestTimeout(ledgers.connectTimeout());
        for (Participant ledger : Participant.values()) {
            String urls = ledger == Participant.KRW_ACCOUNT ? ledgers.krwAccountUrl() : ledgers.fxAccountUrl();
            instances.put(ledger, Arrays.stream(urls.split(",")).map(String::strip).filter(url -> !url.isEmpty())
                    // Observed: each call is a client span and carries the trace and the exchange id to the ledger.
                    .map(url -> RestClient.builder().baseUrl(url).requestFactory(requests).observationRegistry(observations)
                            .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { })
                            .build())
                    .toList());
            if (instances.get(ledger).isEmpty()) {
                throw new IllegalArgumentException("no URL configured for " + ledger.id());
            }
            // Only what says the ledger itself is struggling opens the breaker: no connection, a timeout, a 5xx. A 4xx
            // or an unusable answer is about one request, not the ledger's health.
            breakers.put(ledger, circuitBreakers.circuitBreaker(ledger.id(),
                    CircuitBreakerConfig.from(circuitBreakers.getDefaultConfig())
                            .recordException(LedgerHttpClient::isLedgerStruggling).build()));
        }
    }

    /**
     * Apache HttpClient 5, classic: pooled HTTP/1.1 connections kept alive, the request written and its answer read on
     * the calling (virtual) thread — against the JDK's HttpClient, whose selector and worker threads took 13 % of the
     * bank's CPU for these calls (docs/benchmarks.md). No retries of its own (a call that cannot be sent goes to the
     * next instance, {@link #onAnyInstance}); a connection idle for a second is checked before it is used again, so a
     * ledger that closed it costs no call.
     */
    private static CloseableHttpClient pooledHttp(LedgerEndpoints ledgers) {
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(ledgers.connectTimeout()))
                                .setSocketTimeout(Timeout.of(ledgers.readTimeout()))
                                .setValidateAfterInactivity(TimeValue.ofSeconds(1))
                                .build())
                        .setMaxConnPerRoute(MAX_CONNECTIONS_PER_INSTANCE)
                        .setMaxConnTotal(4 * MAX_CONNECTIONS_PER_INSTANCE)
                        .build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
    }

    @Override
    public void destroy() throws Exception {
        http.close();
    }

    private static LedgerStep.Request request(String owner, Money amount) {
        return new LedgerStep.Request(owner, amount.amount().toPlainString(), amount.currency().getCurrencyCode());
    }

    @Override
    public LedgerOutcome withdraw(Exchange exchange) {
        return timed("withdrawal", exchange.direction().source(), () -> put(exchange.direction().source(),
                "/internal/v1/withdrawals/{id}", exchange, request(exchange.owner(), exchange.sourceAmount())));
    }

    @Override
    public LedgerOutcome deposit(Exchange exchange) {
        return timed("deposit", exchange.direction().target(), () -> put(exchange.direction().target(),
                "/internal/v1/deposits/{id}", exchange, request(exchange.owner(), exchange.targetAmount())));
    }

    @Override
    public LedgerOutcome withdrawalStatus(Exchange exchange) {
        return timed("withdrawal_status", exchange.direction().source(),
                () -> get(exchange.direction().source(), "/internal/v1/withdrawals/{id}", exchange));
    }

    @Override
    public LedgerOutcome depositStatus(Exchange exchange) {
        return timed("deposit_status", exchange.direction().target(),
                () -> get(exchange.direction().target(), "/internal/v1/deposits/{id}", exchange));
    }

    /**
     * Each saga step's latency and outcome: {@code fxbank_ledger_call_seconds{ledger,step,outcome}}, the
     * outcome being what the saga made of the answer (applied, refused, unknown, not_sent, ...).
     */
    private LedgerOutcome timed(String step, Participant ledger, Supplier<LedgerOutcome> call) {
        long started = System.nanoTime();
        LedgerOutcome outcome = call.get();
        Timer.builder("fxbank.ledger.call")
                .description("a saga step's call to a ledger, by what its answer meant")
                .tag("ledger", ledger.id()).tag("step", step).tag("outcome", outcomeTag(outcome))
                .publishPercentileHistogram()
                .register(meters).record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        return outcome;
    }

    private static String outcomeTag(LedgerOutcome outcome) {
        return switch (outcome) {
            case LedgerOutcome.Applied a -> "applied";
            case LedgerOutcome.Refused r -> "refused";
            case LedgerOutcome.Refunded r -> "refunded";
            case LedgerOutcome.NotFound n -> "not_found";
            case LedgerOutcome.Unknown u -> "unknown";
            case LedgerOutcome.NotSent n -> "not_sent";
        };
    }

    private LedgerOutcome put(Participant ledger, String path, Exchange exchange, LedgerStep.Request body) {
        return call(ledger, (client, bearer) -> client.put().uri(path, exchange.id())
                .header("Authorization", bearer)
                .contentType(MediaType.APPLICATION_JSON).body(body)
                .exchange((request, response) -> outcome(response.getStatusCode(), response.bodyTo(LedgerStep.Response.class))));
    }

    private LedgerOutcome get(Participant ledger, String path, Exchange exchange) {
        return call(ledger, (client, bearer) -> client.get().uri(path, exchange.id())
                .header("Authorization", bearer)
                .exchange((request, response) -> outcome(response.getStatusCode(), response.bodyTo(LedgerStep.Response.class))));
    }

    /** One of the bank's accounts as a ledger's /internal/v1/books lists it. */
    record BankAccountLine(String account, String currency, String balance) {
    }

    record Books(List<BankAccountLine> accounts) {
    }

    /**
     * Both ledgers' POSITION accounts, asked of any instance of each. Not through the saga's circuit breakers: an
     * operator's read must not open the breaker that guards exchanges.
     */
    @Override
    public Map<Currency, BigDecimal> positions() {
        Map<Currency, BigDecimal> positions = new HashMap<>();
        for (Participant ledger : Participant.values()) {
            Books books;
            try {
                books = onAnyInstance(instances.get(ledger), client -> client.get().uri("/internal/v1/books")
                        .header("Authorization", "Bearer " + token.value())
                        .exchange((request, response) -> {
                            if (response.getStatusCode().value() != 200) {
                                throw new IllegalStateException("HTTP " + response.getStatusCode().value());
                            }
                            return response.bodyTo(Books.class);
                        }));
            } catch (RuntimeException e) {
                // The gauges ask every 10 s: a ledger that is down is the breaker's and the health checks' news, not this.
                log.debug("{} did not give its books: {}", ledger.id(), e.toString());
                throw new BooksUnavailable(ledger.id() + " did not give its books", e);
            }
            if (books == null || books.accounts() == null) {
                throw new BooksUnavailable(ledger.id() + " gave no books", null);
            }
            for (BankAccountLine line : books.accounts()) {
                if ("POSITION".equals(line.account())) {
                    positions.merge(Money.currency(line.currency()), new BigDecimal(line.balance()),
                            BigDecimal::add);
                }
            }
        }
        return positions;
    }

    static boolean isLedgerStruggling(Throwable failure) {
        return failure instanceof ResourceAccessException || failure instanceof LedgerServerError;
    }

    /** A 5xx from a ledger. */
    static final class LedgerServerError extends IllegalStateException {
        LedgerServerError(String message) {
            super(message);
        }
    }

    /** One saga step's request to {@code ledger}: the token looked up once, before anything leaves. */
    private LedgerOutcome call(Participant ledger, BiFunction<RestClient, String, LedgerOutcome> request) {
        String bearer;
        try {
            bearer = "Bearer " + token.value();
        } catch (RuntimeException noToken) {
            log.warn("no service token for {}: {}", ledger.id(), noToken.toString());
            return new LedgerOutcome.NotSent(ledger.id() + " could not be called (no service credential)");
        }
        try {
            return breakers.get(ledger).executeSupplier(() -> onAnyInstance(instances.get(ledger),
                    client -> request.apply(client, bearer)));
        } catch (CallNotPermittedException open) {
            return new LedgerOutcome.NotSent(ledger.id() + " is unavailable (not called while it recovers)");
        } catch (RuntimeException e) {
            // The customer and the exchange's history get a short, fixed text; addresses and exception text go
            // to the log only.
            log.warn("{} gave no usable answer: {}", ledger.id(), e.toString());
            return new LedgerOutcome.Unknown(ledger.id() + (isTimeout(e) ? " did not answer in time"
                    : e instanceof ResourceAccessException ? " could not be reached" : " gave no usable answer"));
        }
    }

    /** Tries each instance once, starting with the next in turn, while they cannot be reached. */
    private <T> T onAnyInstance(List<RestClient> clients, Function<RestClient, T> request) {
        int first = Math.floorMod(nextInstance.getAndIncrement(), clients.size());
        for (int i = 0; ; i++) {
            try {
                return request.apply(clients.get((first + i) % clients.size()));
            } catch (ResourceAccessException unreachable) {
                if (i == clients.size() - 1) {
                    throw unreachable;
                }
            }
        }
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static LedgerOutcome outcome(HttpStatusCode status, LedgerStep.Response answer) {
        if (status.value() == 404 && answer != null && answer.state() == LedgerStep.State.NOT_FOUND) {
            return new LedgerOutcome.NotFound();
        }
        if (status.is5xxServerError()) {
            throw new LedgerServerError("HTTP " + status.value() + (answer == null ? "" : " " + answer));
        }
        if (status.value() != 200 || answer == null || answer.state() == null) {
            // An auth problem, a 409 conflict: nothing we can call a result. Re-check later.
            throw new IllegalStateException("HTTP " + status.value() + (answer == null ? "" : " " + answer));
        }
        return switch (answer.state()) {
            case APPLIED -> new LedgerOutcome.Applied();
            // A refusal's reason is a code (INSUFFICIENT_FUNDS, ...); anything else a ledger says is not shown.
            case REFUSED -> new LedgerOutcome.Refused(answer.reason() != null && answer.reason().matches("[A-Z_]{1,32}")
                    ? answer.reason() : "UNSPECIFIED");
            case REFUNDED -> new LedgerOutcome.Refunded();
            case NOT_FOUND -> throw new IllegalStateException("NOT_FOUND with HTTP " + status.value());
        };
    }
}
