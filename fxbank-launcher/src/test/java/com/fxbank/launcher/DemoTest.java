package com.fxbank.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The narrated demo runs start to finish on a bank of its own and ends with a clean audit. */
class DemoTest {

    @TempDir
    Path home;

    @Test
    void the_demo_tells_the_whole_story_and_ends_with_a_clean_audit() {
        LaunchSettings settings = LaunchSettings.onFreePorts(home);
        ByteArrayOutputStream narration = new ByteArrayOutputStream();

        boolean clean = Demo.run(settings, new PrintStream(narration, true, StandardCharsets.UTF_8));

        String told = narration.toString(StandardCharsets.UTF_8);
        assertThat(clean).as(told).isTrue();
        assertThat(told).contains("HTTP 201 COMPLETED", "HTTP 201 FAILED_REFUND_PENDING", "REPLY_TOPIC krw-account.withdrawal-cancel.response",
                "the queued refunds were applied", "FAILED_REFUNDED", "AUDIT CLEAN");
    }
}
