package com.fxbank.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.fxbank.common.net.FreePorts;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/** One FxBank service as an OS process of its own, from its runnable jar: started, killed with -9, started again. */
final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final ServiceLaunch launch;
    private final int port;
    private final List<String> args;
    private final Path log;
    private Process process;
    /** The loopback port of this launch's JDWP agent ({@link CommitSyncBreakpoints}), 0 when it has none. */
    private int debugPort;
    private long launchedAt;
    /** When each start became ready, and how long it took from launch: what the report says of restarts under load. */
    private final List<Start> starts = new CopyOnWriteArrayList<>();

    record Start(Instant ready, Duration took) {
    }

    ServiceProcess(String name, ServiceLaunch launch, int port, List<String> args, Path log) {
        this.name = name;
        this.launch = launch;
        this.port = port;
        this.args = List.copyOf(args);
        this.log = log;
    }

    /** Starts the JVM and returns once the service reports itself ready. */
    void start() {
        launch();
        awaitReady();
    }

    /** Starts the JVM without waiting for it: several services start side by side. */
    void launch() {
        launch(0);
    }

    /**
     * Starts the JVM with a JDWP agent listening on a loopback port, never waiting for a debugger, and returns once
     * it is ready. Without the class cache: the JDK refuses a cache of linked classes beside a debugger agent. The
     * next {@link #launch()} is without either.
     */
    void startWithDebugger() {
        launch(FreePorts.pick());
        awaitReady();
    }

    private void launch(int debugPort) {
        this.debugPort = debugPort;
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(ServiceLaunch.JVM);
        if (debugPort == 0) {
            command.addAll(launch.jvmFlags());
        } else {
            command.add("-agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=127.0.0.1:" + debugPort);
        }
        command.addAll(List.of("-jar", launch.jar().toString(), "--server.port=" + port, "--management.server.port=0", "--spring.main.banner-mode=off"));
        command.addAll(args);
        launchedAt = System.nanoTime();
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /**
     * Returns once the service reports itself ready; fails at once if its JVM exited, and when for {@link #STALL} its
     * JVM neither used another second of CPU nor wrote to its log: a start that still works is still starting,
     * however slow the machine (the services log at WARN, so the CPU is the signal that counts); a start stuck on
     * something uses next to none. A start that keeps working without ever becoming ready meets the ceiling.
     */
    void awaitReady() {
        // HTTP/1.1 and a read timeout: a check that hangs must fail and be tried again, not block the wait.
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(1)).build());
        requests.setReadTimeout(Duration.ofSeconds(2));
        RestClient health = RestClient.builder().baseUrl("http://127.0.0.1:" + port).requestFactory(requests).build();
        Progress.await(name + " to become ready (see " + log + ")",
                () -> health.get().uri("/readyz").retrieve().body(String.class).contains("UP"),
                this::work, STALL, CEILING, () -> !process.isAlive());
        starts.add(new Start(Instant.now(), Duration.ofNanos(System.nanoTime() - launchedAt)));
    }

    /** Whole CPU seconds used by the JVM, and its log's length: changes while the service does anything. */
    private long work() {
        long cpuSeconds = process.toHandle().info().totalCpuDuration().map(Duration::toSeconds).orElse(0L);
        return cpuSeconds * 1_000_000_000_000L + log.toFile().length();
    }

    /** Neither CPU nor log for this long while not ready: the start is stuck. */
    static final Duration STALL = Duration.ofSeconds(60);
    /** Only a start that keeps logging without ever becoming ready reaches this. */
    static final Duration CEILING = Duration.ofMinutes(10);

    /** The starts of this service that became ready after {@code since}. */
    List<Start> startsSince(Instant since) {
        return starts.stream().filter(start -> start.ready().isAfter(since)).toList();
    }

    /** kill -9: no shutdown hook, no graceful anything. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A graceful stop (SIGTERM): the service finishes what it is doing and leaves its consumer groups. */
    void stop() {
        close();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    int debugPort() {
        if (debugPort == 0) {
            throw new IllegalStateException(name + " was not started with a debugger agent");
        }
        return debugPort;
    }

    long pid() {
        return process.pid();
    }

    /** How this service's JVM is launched (extracted jar, class cache), for the report. */
    String launchedAs() {
        return launch.describe();
    }

    String name() {
        return name;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
