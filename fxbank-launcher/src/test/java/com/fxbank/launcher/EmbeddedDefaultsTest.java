package com.fxbank.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * The quick start: the real Kafka broker in-process and an H2 database per service, every service up,
 * the migrations portable to H2, and the data still there after a restart.
 */
class EmbeddedDefaultsTest {

    @TempDir
    Path home;

    @Test
    void the_bank_runs_on_embedded_defaults_and_keeps_its_data_across_a_restart() {
        LaunchSettings settings = new LaunchSettings(home, freePort(), freePort(), freePort(), freePort(),
                Optional.empty(), Optional.empty(), "unused", "");
        String accountId;
        try (RunningBank bank = RunningBank.start(settings)) {
            for (int port : new int[] {settings.exchangePort(), settings.krwAccountPort(), settings.fxAccountPort()}) {
                assertThat(http(port).get().uri("/actuator/health").retrieve().body(String.class)).contains("\"UP\"");
            }
            Map<String, Object> opened = http(settings.fxAccountPort()).post().uri("/api/v1/accounts")
                    .contentType(MediaType.APPLICATION_JSON).body(Map.of("owner", "alice", "currency", "USD"))
                    .retrieve().body(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() { });
            assertThat(opened).containsEntry("balance", "0.00");
            accountId = (String) opened.get("id");
        }

        try (RunningBank bank = RunningBank.start(settings)) {
            Map<String, Object> read = http(settings.fxAccountPort()).get().uri("/api/v1/accounts/{id}", accountId)
                    .retrieve().body(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() { });
            assertThat(read).containsEntry("owner", "alice").containsEntry("currency", "USD");
        }
    }

    private static RestClient http(int port) {
        return RestClient.create("http://127.0.0.1:" + port);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
