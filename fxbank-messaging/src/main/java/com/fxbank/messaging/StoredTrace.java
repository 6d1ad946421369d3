package com.fxbank.messaging;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;

/**
 * A trace context kept in a database row, so that work done later — by the outbox relay on another thread, another
 * instance, or after a restart; by recovery an hour later — continues the trace of the request that caused it (issue
 * 14). Written as the W3C headers the tracer propagates ({@code traceparent}, {@code baggage}) in one line, the same
 * text a Kafka record or an HTTP request would carry.
 *
 * <p>Both sides go through Micrometer's Observation API, so the tracer does the injecting and extracting exactly as
 * for HTTP and Kafka, and a service without a tracer stores nothing and pays nothing.
 */
public final class StoredTrace {

    /** Longest text stored; a carrier longer than this (a huge baggage) is not kept rather than cut. */
    public static final int MAX_LENGTH = 1024;

    private StoredTrace() {
    }

    /**
     * Runs {@code work} as a span {@code name}, a child of the current one, and hands it the context to store: the
     * context of that span, or null when no tracer is there.
     */
    public static <T> T capture(ObservationRegistry registry, String name, String detail,
                                Function<String, T> work) {
        SenderContext<Map<String, String>> context = new SenderContext<>(Map::put, Kind.PRODUCER);
        context.setCarrier(new LinkedHashMap<>());
        Observation observation = Observation.createNotStarted(name, () -> context, registry)
                .lowCardinalityKeyValue("fxbank.detail", detail)
                .start();
        try (Observation.Scope scope = observation.openScope()) {
            return work.apply(encode(context.getCarrier()));
        } catch (RuntimeException | Error e) {
            observation.error(e);
            throw e;
        } finally {
            observation.stop();
        }
    }

    /**
     * Runs {@code work} as a span {@code name} whose parent is the stored context, so that what the work sends or
     * calls carries that trace on; with nothing stored, just runs it.
     */
    public static <T> T resume(ObservationRegistry registry, String stored, String name, String detail, Supplier<T> work) {
        if (stored == null) {
            return work.get();
        }
        ReceiverContext<Map<String, String>> context = new ReceiverContext<>(Map::get, Kind.CONSUMER);
        context.setCarrier(decode(stored));
        return Observation.createNotStarted(name, () -> context, registry)
                .lowCardinalityKeyValue("fxbank.detail", detail)
                .observe(work);
    }

    /** {@code key=value} pairs, one per line: the header values the tracer writes never hold a line break. */
    static String encode(Map<String, String> carrier) {
        if (carrier.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        carrier.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        return text.length() <= MAX_LENGTH ? text.toString() : null;
    }

    static Map<String, String> decode(String stored) {
        Map<String, String> carrier = new LinkedHashMap<>();
        if (stored != null) {
            for (String line : stored.split("\n")) {
                int equals = line.indexOf('=');
                if (equals > 0) {
                    carrier.put(line.substring(0, equals), line.substring(equals + 1));
                }
            }
        }
        return carrier;
    }
}
