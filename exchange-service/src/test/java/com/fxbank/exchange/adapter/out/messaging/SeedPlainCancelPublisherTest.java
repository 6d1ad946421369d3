package com.fxbank.exchange.adapter.out.messaging;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fxbank.messaging.MessageCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/**
 * The seed's plain send loses cancels when it fails: a bank must never run it. (Started as a whole service outside
 * development mode, other fail-closed checks refuse first; this is its own.)
 */
class SeedPlainCancelPublisherTest {

    @Test
    void it_refuses_to_exist_outside_development_mode() {
        assertThatThrownBy(() -> new SeedPlainCancelPublisher(null, new MessageCodec(), new SimpleMeterRegistry(), new MockEnvironment()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("refusing to start: fxbank.benchmark.seed-plain-send")
                .hasMessageContaining("benchmark only");
    }

    @Test
    void in_development_mode_it_starts() {
        assertThatCode(() -> new SeedPlainCancelPublisher(null, new MessageCodec(), new SimpleMeterRegistry(),
                new MockEnvironment().withProperty("fxbank.development-mode", "true"))).doesNotThrowAnyException();
    }
}
