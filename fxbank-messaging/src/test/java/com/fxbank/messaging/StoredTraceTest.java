package com.fxbank.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

/** The text a trace is kept as in a row: what goes in comes out, and nothing half-kept. */
class StoredTraceTest {

    @Test
    void the_headers_come_back_as_they_went_in_baggage_with_its_own_equals_signs_included() {
        Map<String, String> carrier = new LinkedHashMap<>();
        carrier.put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        carrier.put("baggage", "exchangeId=0f8e3d7a-1b2c-4d5e-8f90-123456789abc,other=x");

        assertThat(StoredTrace.decode(StoredTrace.encode(carrier))).isEqualTo(carrier);
    }

    @Test
    void nothing_is_kept_when_there_is_no_trace_or_too_much_of_one() {
        assertThat(StoredTrace.encode(Map.of())).isNull();
        assertThat(StoredTrace.encode(Map.of("baggage", "x".repeat(StoredTrace.MAX_LENGTH)))).as("never cut").isNull();
        assertThat(StoredTrace.decode(null)).isEmpty();
        assertThat(StoredTrace.decode("not a header\n=nameless\n")).isEmpty();
    }

    @Test
    void without_a_tracer_the_work_runs_and_keeps_nothing() {
        String kept = StoredTrace.capture(ObservationRegistry.NOOP, "fxbank.test", "t", context -> context);
        assertThat(kept).isNull();
        kept = StoredTrace.capture(ObservationRegistry.create(), "fxbank.test", "t", context -> context);
        assertThat(kept).isNull();
        assertThat(StoredTrace.resume(ObservationRegistry.create(), null, "fxbank.test", "t", () -> "ran")).isEqualTo("ran");
        assertThat(StoredTrace.resume(ObservationRegistry.create(), "traceparent=x\n", "fxbank.test", "t", () -> "ran"))
                .isEqualTo("ran");
    }
}
