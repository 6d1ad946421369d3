package com.fxbank.exchange;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An in-memory span exporter shared by every service of the test bank (issue 14: "an in-memory exporter is fine"),
 * so that one test sees the spans of all three services, and of an exchange service before and after its restart.
 * Each service exports to it as it would to Zipkin or an OTLP collector, through Boot's batch span processor. It
 * keeps spans only while a test records (other tests run thousands of exchanges), and outlives the services: a
 * service's shutdown does not stop it.
 */
final class RecordedSpans implements SpanExporter {

    private static final RecordedSpans SHARED = new RecordedSpans();

    private final ConcurrentLinkedQueue<SpanData> spans = new ConcurrentLinkedQueue<>();
    private volatile boolean recording;

    private RecordedSpans() {
    }

    /** Gives a service about to start the shared exporter as a bean. */
    static ApplicationContextInitializer<ConfigurableApplicationContext> exporterBean() {
        return context -> context.getBeanFactory().registerSingleton("recordedSpans", SHARED);
    }

    /** Starts recording from nothing. */
    static RecordedSpans start() {
        SHARED.spans.clear();
        SHARED.recording = true;
        return SHARED;
    }

    void stop() {
        recording = false;
        spans.clear();
    }

    List<SpanData> all() {
        return List.copyOf(spans);
    }

    @Override
    public CompletableResultCode export(Collection<SpanData> batch) {
        if (recording) {
            spans.addAll(batch);
        }
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
        return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
        return CompletableResultCode.ofSuccess();
    }
}
