package com.fxbank.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real trace viewer for {@code ./fxbank up --tracing}: the Zipkin server ({@code io.zipkin:zipkin-server:<v>:exec},
 * from Maven Central; the {@code fxbank} script fetches it) as a child process keeping traces in memory, and the
 * service settings that export every span to it. Local use only: a bank points the services at its own collector
 * (docs/observability.md).
 */
final class ZipkinServer implements AutoCloseable {

    private static final Duration START_LIMIT = Duration.ofMinutes(2);

    private final Process process;
    private final int port;

    private ZipkinServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static ZipkinServer start(Path jar, int port, Path logFile) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("no Zipkin server at " + jar + " (./fxbank up --tracing fetches it; "
                    + "or set FXBANK_ZIPKIN_JAR)");
        }
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "-jar", jar.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile());
            builder.environment().put("QUERY_PORT", Integer.toString(port));
            builder.environment().put("STORAGE_TYPE", "mem");
            ZipkinServer zipkin = new ZipkinServer(builder.start(), port);
            zipkin.awaitHealthy(logFile);
            return zipkin;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Zipkin server", e);
        }
    }

    private void awaitHealthy(Path logFile) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Zipkin server exited with " + process.exitValue() + "; see " + logFile);
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            try {
                Thread.sleep(250); // polls the health endpoint until the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new IllegalStateException("the Zipkin server did not become healthy within " + START_LIMIT + "; see " + logFile);
    }

    /** What every service is started with so that it exports its spans here. */
    List<String> serviceArgs() {
        return List.of("--management.tracing.export.zipkin.enabled=true",
                "--management.tracing.export.zipkin.endpoint=http://127.0.0.1:" + port + "/api/v2/spans");
    }

    String url() {
        return "http://127.0.0.1:" + port + "/zipkin/";
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
