package com.fxbank.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fxbank.common.net.FreePorts;
import com.fxbank.issuer.IssuerTokens;
import com.fxbank.security.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 25, tried from outside over plain TCP as an attacker would: every HTTP port of the bank (the exchange
 * service, both ledgers, their management ports, the console and the development issuer) is sent a body one byte
 * over the cap (with a {@code Content-Length} and chunked), 10 MB of valid JSON with an unknown field, 1 MB of
 * whitespace before the JSON, a 100 KB header and a 1 MB {@code Idempotency-Key}. Each is a 4xx that comes back in
 * well under a second (the server answers without reading what it was sent), the service is healthy after, and no
 * quote, exchange, ledger entry, saga step or outbox row exists that did not before. A body of exactly the cap
 * still works.
 *
 * <p>The client is a socket, not an HTTP library: it keeps writing what it was told to while it reads the answer,
 * as a hostile client would, and it sees what the server wrote even when the server then closes the connection.
 */
class RequestSizeLimitsTest {

    private static final int CAP = 64 * 1024;
    private static final Duration FAST = Duration.ofMillis(500);
    private static final List<String> TABLES = List.of("exchange:quote", "exchange:exchange", "exchange:outbox_message",
            "krw_account:ledger_entry", "krw_account:saga_operation", "krw_account:outbox_message",
            "fx_account:ledger_entry", "fx_account:saga_operation", "fx_account:outbox_message");

    @TempDir
    static Path home;

    private static LaunchSettings settings;
    private static RunningBank bank;
    private static IssuerTokens tokens;

    /** Where a request is sent, with what a client of that port sends, and a body that port accepts. */
    record Target(String name, int port, String method, String path, Map<String, String> headers, String contentType,
                  String accepted, int acceptedStatus, String healthPath) {
    }

    @BeforeAll
    static void startBank() {
        settings = LaunchSettings.onFreePorts(home).withConsole(FreePorts.pick());
        bank = RunningBank.start(settings);
        tokens = bank.tokens();
        DemoCustomers.seed(settings, tokens);
    }

    @AfterAll
    static void stopBank() {
        if (bank != null) {
            bank.close();
        }
    }

    @Test
    void every_port_refuses_oversize_requests_at_once_changes_nothing_and_still_takes_a_body_of_the_cap() throws Exception {
        List<Target> targets = targets();
        Map<String, Long> before = rowCounts();

        for (Target target : targets) {
            for (Map.Entry<String, Request> probe : probes(target).entrySet()) {
                Answer answer = send(target.port(), probe.getValue());
                assertThat(answer.status()).as(target.name() + ": " + probe.getKey() + " -> " + answer.head())
                        .isBetween(400, 499);
                assertThat(answer.took()).as(target.name() + ": " + probe.getKey() + " answered in").isLessThan(FAST);
                if (probe.getKey().contains("body")) {
                    assertThat(answer.status()).as(target.name() + ": " + probe.getKey()).isEqualTo(413);
                    if (!(target.contentType().endsWith("form-urlencoded") && probe.getKey().endsWith("chunked"))) {
                        // (a chunked form is answered by Tomcat itself, while it parses the form: its own 413 page)
                        assertThat(answer.body()).as(target.name() + ": " + probe.getKey())
                                .contains("\"status\":413", "at most " + CAP + " bytes");
                    }
                }
                if (probe.getKey().contains("header") || probe.getKey().contains("Idempotency-Key")) {
                    assertThat(answer.status()).as(target.name() + ": " + probe.getKey()).isIn(400, 431);
                }
            }
            Answer health = send(target.port(), new Request("GET", target.healthPath(), Map.of(), null, new byte[0], false));
            assertThat(health.status()).as(target.name() + " healthy after the probes").isEqualTo(200);
        }
        assertThat(rowCounts()).as("nothing was created by a refused request").isEqualTo(before);

        for (Target target : targets) {
            byte[] body = padded(target.accepted(), CAP, target.contentType());
            assertThat(body).hasSize(CAP);
            for (boolean chunked : new boolean[] {false, true}) {
                Answer answer = send(target.port(), new Request(target.method(), target.path(), target.headers(),
                        target.contentType(), body, chunked));
                assertThat(answer.status()).as(target.name() + ": a body of exactly " + CAP + " bytes, chunked " + chunked
                        + " -> " + answer.head() + answer.body()).isEqualTo(target.acceptedStatus());
            }
        }
    }

    @Test
    void json_nested_deeper_than_the_limit_is_a_400_even_in_a_field_nobody_reads() throws Exception {
        byte[] deep = ("[".repeat(1000) + "]".repeat(1000)).getBytes(StandardCharsets.US_ASCII);
        for (Target target : targets().subList(0, 3)) {
            Answer answer = send(target.port(), request(target, target.contentType(), deep, false));
            assertThat(answer.status()).as(target.name() + " -> " + answer.head() + answer.body()).isEqualTo(400);
            // An unknown field is ignored, but not read past the depth limit (32, with the document's own object).
            for (int depth : new int[] {31, 40}) {
                String accepted = target.accepted();
                byte[] nested = (accepted.substring(0, accepted.length() - 1) + ",\"unknown\":" + "[".repeat(depth)
                        + "]".repeat(depth) + "}").getBytes(StandardCharsets.US_ASCII);
                answer = send(target.port(), request(target, target.contentType(), nested, false));
                assertThat(answer.status()).as(target.name() + ", an unknown field " + depth + " deep -> " + answer.head()
                        + answer.body()).isEqualTo(depth < 32 ? target.acceptedStatus() : 400);
            }
        }
    }

    private static List<Target> targets() {
        String alice = "Bearer " + tokens.mint("alice", Role.CUSTOMER);
        String service = "Bearer " + tokens.mint("exchange-service", Role.SERVICE);
        String ops = "Bearer " + tokens.mint("ops", Role.OPERATOR);
        String basic = "Basic " + Base64.getEncoder().encodeToString("alice:development".getBytes(StandardCharsets.US_ASCII));
        String json = "application/json";
        return List.of(
                new Target("exchange-service", settings.exchangePort(), "POST", "/api/v1/quotes",
                        Map.of("Authorization", alice), json, "{\"side\":\"BUY\",\"currency\":\"USD\",\"amount\":\"10.00\"}",
                        201, "/readyz"),
                new Target("krw-account", settings.krwAccountPort(), "PUT", "/internal/v1/deposits/{new}",
                        Map.of("Authorization", service), json, "{\"owner\":\"alice\",\"amount\":\"1000\",\"currency\":\"KRW\"}",
                        200, "/readyz"),
                new Target("fx-account", settings.fxAccountPort(), "PUT", "/internal/v1/deposits/{new}",
                        Map.of("Authorization", service), json, "{\"owner\":\"alice\",\"amount\":\"1.00\",\"currency\":\"USD\"}",
                        200, "/readyz"),
                management("exchange-service", ops), management("krw-account", ops), management("fx-account", ops),
                new Target("fxbank-console", settings.consolePort(), "GET", "/signed-out", Map.of(), json, "{}", 200,
                        "/signed-out"),
                new Target("fxbank-issuer", settings.issuerPort(), "POST", "/oauth2/token", Map.of("Authorization", basic),
                        "application/x-www-form-urlencoded", "grant_type=client_credentials&scope=customer", 200,
                        "/.well-known/openid-configuration"));
    }

    private static Target management(String service, String ops) {
        int port = Integer.parseInt(bank.metricsUrl(service).replaceAll("^http://127\\.0\\.0\\.1:(\\d+)/.*$", "$1"));
        return new Target(service + " management port", port, "GET", "/actuator/health", Map.of("Authorization", ops),
                "application/json", "{}", 200, "/actuator/health");
    }

    /** The hostile requests, by what each is. */
    private static Map<String, Request> probes(Target target) {
        Map<String, Request> probes = new LinkedHashMap<>();
        String type = target.contentType();
        byte[] overCap = padded(target.accepted(), CAP + 1, type);
        probes.put("a body one byte over the cap with Content-Length", request(target, type, overCap, false));
        probes.put("a body one byte over the cap, chunked", request(target, type, overCap, true));
        String json = "{\"side\":\"BUY\",\"currency\":\"USD\",\"amount\":\"10.00\",\"unknown\":\""
                + "x".repeat(10 * 1024 * 1024) + "\"}";
        probes.put("a 10 MB body of valid JSON with an unknown field",
                request(target, "application/json", json.getBytes(StandardCharsets.US_ASCII), false));
        probes.put("a body of 1 MB of whitespace before the JSON, chunked", request(target, "application/json",
                (" ".repeat(1024 * 1024) + target.accepted()).getBytes(StandardCharsets.US_ASCII), true));
        Map<String, String> bigHeader = new LinkedHashMap<>(target.headers());
        bigHeader.put("X-Padding", "p".repeat(100 * 1024));
        probes.put("a 100 KB header", new Request(target.method(), target.path(), bigHeader, type,
                target.accepted().getBytes(StandardCharsets.US_ASCII), false));
        Map<String, String> bigKey = new LinkedHashMap<>(target.headers());
        bigKey.put("Idempotency-Key", "k".repeat(1024 * 1024));
        probes.put("a 1 MB Idempotency-Key", new Request(target.method(), target.path(), bigKey, type,
                target.accepted().getBytes(StandardCharsets.US_ASCII), false));
        return probes;
    }

    private static Request request(Target target, String type, byte[] body, boolean chunked) {
        return new Request(target.method(), target.path(), target.headers(), type, body, chunked);
    }

    /** {@code document} grown to exactly {@code size} bytes, still valid: leading whitespace for JSON, a field for a form. */
    private static byte[] padded(String document, int size, String type) {
        String padded = type.startsWith("application/json")
                ? " ".repeat(size - document.length()) + document
                : document + "&pad=" + "p".repeat(size - document.length() - "&pad=".length());
        return padded.getBytes(StandardCharsets.US_ASCII);
    }

    private static Map<String, Long> rowCounts() throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            String[] at = table.split(":");
            try (Connection db = DriverManager.getConnection(new ServiceDatabases(settings).urlOf(at[0]), "sa", "");
                 Statement sql = db.createStatement();
                 ResultSet rows = sql.executeQuery("SELECT COUNT(*) FROM " + at[1])) {
                rows.next();
                counts.put(table, rows.getLong(1));
            }
        }
        return counts;
    }

    record Request(String method, String path, Map<String, String> headers, String contentType, byte[] body,
                   boolean chunked) {
    }

    record Answer(int status, Duration took, String head, String body) {
    }

    /**
     * Sends {@code request} on a connection of its own: a writer thread sends it all (or until the server closes),
     * while this thread reads the status line, the headers and a {@code Content-Length} body.
     */
    private static Answer send(int port, Request request) throws IOException, InterruptedException {
        String path = request.path().replace("{new}", UUID.randomUUID().toString());
        StringBuilder head = new StringBuilder(request.method() + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n");
        request.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (request.body().length > 0) {
            head.append("Content-Type: ").append(request.contentType()).append("\r\n");
            head.append(request.chunked() ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + request.body().length + "\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            long start = System.nanoTime();
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
                    byte[] body = request.body();
                    for (int at = 0; at < body.length; at += 16 * 1024) {
                        int length = Math.min(16 * 1024, body.length - at);
                        if (request.chunked()) {
                            out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        }
                        out.write(body, at, length);
                        if (request.chunked()) {
                            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                        }
                    }
                    if (request.chunked() && body.length > 0) {
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.flush();
                } catch (IOException closedByTheServer) {
                    // The server may answer and close before it has read everything: its answer is what counts.
                }
            });
            InputStream in = socket.getInputStream();
            String statusLine = line(in);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            StringBuilder headers = new StringBuilder(statusLine).append('\n');
            int contentLength = 0;
            boolean chunkedAnswer = false;
            for (String line = line(in); !line.isEmpty(); line = line(in)) {
                headers.append(line).append('\n');
                String lower = line.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    contentLength = Integer.parseInt(lower.substring("content-length:".length()).trim());
                }
                chunkedAnswer |= lower.startsWith("transfer-encoding:") && lower.contains("chunked");
            }
            String body = chunkedAnswer ? line(in) + line(in) : new String(in.readNBytes(contentLength), StandardCharsets.UTF_8);
            writer.interrupt();
            String[] parts = statusLine.split(" ");
            return new Answer(parts.length > 1 ? Integer.parseInt(parts[1]) : -1, took, headers.toString(), body);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
