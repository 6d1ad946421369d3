package com.fxbank.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fxbank.messaging.Ledger;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: one trace per exchange. The spans of a refused-deposit exchange, captured from all three services, form
 * one trace from the customer's request through the ledger calls, the outbox, Kafka to the ledger that refunds, its
 * reply and the exchange service's handling of it — also when the exchange service is restarted between the refusal
 * and the reply, because the trace is kept with the outbox row and the exchange's row, not in a thread or a process.
 */
class TracingTest {

    private static final AttributeKey<String> SERVICE = AttributeKey.stringKey("service.name");
    private static final AttributeKey<String> EXCHANGE_ID = AttributeKey.stringKey("exchangeId");
    private static final String CANCEL_REQUESTS = Ledger.KRW_ACCOUNT.withdrawalCancelRequestTopic();
    private static final String CANCEL_REPLIES = Ledger.KRW_ACCOUNT.withdrawalCancelResponseTopic();

    private final Bank bank = Bank.get();
    private RecordedSpans spans;

    @BeforeEach
    void record() {
        spans = RecordedSpans.start();
    }

    @AfterEach
    void stopRecording() {
        spans.stop();
    }

    @Test
    void a_refused_deposit_is_one_trace_from_the_request_to_the_refund_reply() {
        String owner = bank.customerWithFrozenUsd("1000000");
        String id = (String) bank.exchange(owner, bank.quote(owner, "BUY", "USD", "30.00", null).get("quoteId"), "k1")
                .getBody().get("id");
        awaitState(owner, id, "FAILED_REFUNDED");

        List<SpanData> trace = awaitTraceUpToTheReply(id);
        assertThat(trace).as(describe(trace)).anySatisfy(span -> {
            assertThat(span.getKind()).isEqualTo(SpanKind.SERVER);
            assertThat(service(span)).isEqualTo("exchange-service");
            assertThat(span.getName()).contains("/api/v1/exchanges");
        });
        assertThatTheSagaIsInIt(trace, id);
    }

    @Test
    void the_trace_goes_on_across_a_restart_of_the_exchange_service_between_the_refusal_and_the_reply() {
        String owner = bank.customerWithFrozenUsd("1000000");
        Object quoteId = bank.quote(owner, "BUY", "USD", "40.00", null).get("quoteId");
        // The deposit's answer is held back; the refund's ledger goes down, so the cancel request waits in Kafka.
        bank.fxProxy.swallowAnswers();
        String id = (String) bank.exchange(owner, quoteId, "k1").getBody().get("id");
        bank.stopLedger(Ledger.KRW_ACCOUNT);
        bank.fxProxy.passAnswers();
        // Recovery learns the deposit was refused and publishes the cancel, in the exchange's trace.
        awaitState(owner, id, "CANCELING_WITHDRAWAL");

        bank.stopExchange();
        bank.startLedger(Ledger.KRW_ACCOUNT);
        // The refund lands and its reply waits in Kafka for an exchange service that is not there.
        await().atMost(Duration.ofSeconds(60)).until(() -> bank.ledgerEntries(Ledger.KRW_ACCOUNT, id, "WITHDRAWAL_REFUND") == 1);
        long restartedAt = System.currentTimeMillis() * 1_000_000;
        bank.startExchange();
        awaitState(owner, id, "FAILED_REFUNDED");

        List<SpanData> trace = awaitTraceUpToTheReply(id);
        assertThat(trace).as(describe(trace)).anySatisfy(span -> {
            assertThat(span.getName()).isEqualTo("fxbank.exchange.recovery");
            assertThat(service(span)).isEqualTo("exchange-service");
        });
        assertThat(trace).as("the reply is handled by the restarted exchange service, in the same trace")
                .anySatisfy(span -> {
                    assertThat(span.getKind()).isEqualTo(SpanKind.CONSUMER);
                    assertThat(span.getName()).contains(CANCEL_REPLIES);
                    assertThat(service(span)).isEqualTo("exchange-service");
                    assertThat(span.getStartEpochNanos()).isGreaterThan(restartedAt);
                });
        assertThatTheSagaIsInIt(trace, id);
    }

    /** The hops every refused deposit takes, all in the trace, each span naming the exchange. */
    private void assertThatTheSagaIsInIt(List<SpanData> trace, String id) {
        String spans = describe(trace);
        assertThat(trace).as("ledger calls, both sides: " + spans)
                .anySatisfy(span -> assertHop(span, SpanKind.CLIENT, "exchange-service", "http"))
                .anySatisfy(span -> assertHop(span, SpanKind.SERVER, "krw-account", "/internal/v1/"))
                .anySatisfy(span -> assertHop(span, SpanKind.SERVER, "fx-account", "/internal/v1/"));
        assertThat(trace).as("the cancel request through the outbox and Kafka: " + spans)
                .anySatisfy(span -> assertHop(span, SpanKind.PRODUCER, "exchange-service", "fxbank.outbox.enqueue"))
                .anySatisfy(span -> assertHop(span, SpanKind.CONSUMER, "exchange-service", "fxbank.outbox.relay"))
                .anySatisfy(span -> assertHop(span, SpanKind.PRODUCER, "exchange-service", CANCEL_REQUESTS))
                .anySatisfy(span -> assertHop(span, SpanKind.CONSUMER, "krw-account", CANCEL_REQUESTS));
        assertThat(trace).as("the reply through krw-account's outbox and Kafka: " + spans)
                .anySatisfy(span -> assertHop(span, SpanKind.PRODUCER, "krw-account", "fxbank.outbox.enqueue"))
                .anySatisfy(span -> assertHop(span, SpanKind.PRODUCER, "krw-account", CANCEL_REPLIES))
                .anySatisfy(span -> assertHop(span, SpanKind.CONSUMER, "exchange-service", CANCEL_REPLIES));
        // Spring Security's spans of the customer's request end before the exchange exists; every other span names it.
        List<SpanData> saga = trace.stream().filter(span -> span.getKind() != SpanKind.INTERNAL
                || span.getName().startsWith("fxbank.")).toList();
        assertThat(saga).as("every span of the exchange names it: " + spans)
                .allSatisfy(span -> assertThat(span.getAttributes().get(EXCHANGE_ID)).isEqualTo(id));
    }

    private static void assertHop(SpanData span, SpanKind kind, String service, String nameContains) {
        assertThat(span.getKind()).isEqualTo(kind);
        assertThat(service(span)).isEqualTo(service);
        assertThat(span.getName()).contains(nameContains);
    }

    /**
     * The trace of the exchange: the one its {@code fxbank.exchange.start} span is in, once the exchange service's
     * handling of the reply has been exported.
     */
    private List<SpanData> awaitTraceUpToTheReply(String id) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            String traceId = spans.all().stream()
                    .filter(span -> span.getName().equals("fxbank.exchange.start") && id.equals(span.getAttributes().get(EXCHANGE_ID)))
                    .map(SpanData::getTraceId).findFirst().orElse(null);
            return traceId == null ? List.<SpanData>of()
                    : spans.all().stream().filter(span -> span.getTraceId().equals(traceId)).toList();
        }, trace -> trace.stream().anyMatch(span -> span.getKind() == SpanKind.CONSUMER
                && span.getName().contains(CANCEL_REPLIES) && "exchange-service".equals(service(span))));
    }


    private void awaitState(String owner, String id, String state) {
        await().atMost(Duration.ofSeconds(60)).until(() -> state.equals(bank.read(owner, id).get("state")));
    }

    private static String service(SpanData span) {
        return span.getResource().getAttribute(SERVICE);
    }

    private static String describe(List<SpanData> trace) {
        Map<String, String> byId = trace.stream().collect(Collectors.toMap(SpanData::getSpanId, SpanData::getName, (a, b) -> a));
        return trace.stream().sorted(Comparator.comparingLong(SpanData::getStartEpochNanos))
                .map(span -> "\n  " + service(span) + " " + span.getKind() + " '" + span.getName() + "' parent '"
                        + byId.getOrDefault(span.getParentSpanId(), span.getParentSpanId()) + "' exchangeId="
                        + span.getAttributes().get(EXCHANGE_ID))
                .collect(Collectors.joining());
    }
}
