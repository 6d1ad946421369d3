package com.fxbank.tracing;

import java.util.List;

import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * Copies the named baggage fields onto each span as it starts, from the context it starts in. Boot's
 * {@code tag-fields} tags only the span current when the baggage is set; spans started later in that scope (an HTTP
 * call, a Kafka send, the consumer on the other side) would not carry it.
 */
final class BaggageOnSpans implements SpanProcessor {

    private final List<String> fields;

    BaggageOnSpans(List<String> fields) {
        this.fields = List.copyOf(fields);
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {
        Baggage baggage = Baggage.fromContext(parentContext);
        for (String field : fields) {
            String value = baggage.getEntryValue(field);
            if (value != null) {
                span.setAttribute(field, value);
            }
        }
    }

    @Override
    public boolean isStartRequired() {
        return true;
    }

    @Override
    public void onEnd(ReadableSpan span) {
    }

    @Override
    public boolean isEndRequired() {
        return false;
    }
}
