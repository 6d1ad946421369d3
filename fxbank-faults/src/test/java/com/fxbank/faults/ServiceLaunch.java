package com.fxbank.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * How the fault suites launch a service's runnable jar, the way FxBank recommends running it (docs/configuration.md, "Starting
 * fast"): extracted as Spring Boot's {@code -Djarmode=tools extract} lays it out, with the JDK's AOT cache (JDK 24+,
 * JEP 483/514) — or a CDS archive on older JDKs — recorded by one training run that stops once the context is
 * refreshed ({@code spring.context.exit=onRefresh}). {@code scripts/measure-start.sh} measured krw-account's time to
 * ready, unloaded, median of 5: fat jar 12.6 s, lazy initialisation 10.2 s, extracted 7.8 s, extracted + AOT cache
 * 3.9 s. A service restarted during a fault is back that much sooner. If the training run writes no cache, the
 * extracted jar runs without one (and {@link #describe()} says so in the report).
 */
record ServiceLaunch(Path jar, List<String> jvmFlags, String describe) {

    static final List<String> JVM = List.of("-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
    private static final Map<Path, ServiceLaunch> PREPARED = new ConcurrentHashMap<>();

    /** Extracts {@code fatJar} and records its cache once per test JVM, training with {@code trainingArgs}. */
    static ServiceLaunch prepare(Path fatJar, Path work, List<String> trainingArgs) {
        return PREPARED.computeIfAbsent(fatJar.toAbsolutePath(), jar -> train(jar, work, trainingArgs));
    }

    private static ServiceLaunch train(Path fatJar, Path work, List<String> trainingArgs) {
        Path dir = work.resolve(fatJar.getFileName().toString().replace(".jar", "") + "-" + System.nanoTime());
        run(List.of(java(), "-Djarmode=tools", "-jar", fatJar.toString(), "extract", "--destination", dir.toString()),
                dir.resolveSibling(dir.getFileName() + "-extract.log"));
        Path jar = dir.resolve(fatJar.getFileName());
        boolean aot = Runtime.version().feature() >= 25;
        Path cache = dir.resolve(aot ? "app.aot" : "app.jsa");
        List<String> training = new ArrayList<>(List.of(java()));
        training.addAll(JVM);
        training.add(aot ? "-XX:AOTCacheOutput=" + cache : "-XX:ArchiveClassesAtExit=" + cache);
        training.addAll(List.of("-Dspring.context.exit=onRefresh", "-jar", jar.toString()));
        training.addAll(trainingArgs);
        run(training, dir.resolve("training.log"));
        if (!Files.isRegularFile(cache)) {
            return new ServiceLaunch(jar, List.of(), "extracted jar, no class cache (training wrote none; see "
                    + dir.resolve("training.log") + ")");
        }
        return new ServiceLaunch(jar, List.of(aot ? "-XX:AOTCache=" + cache : "-XX:SharedArchiveFile=" + cache),
                "extracted jar + " + (aot ? "JDK AOT cache" : "CDS archive"));
    }

    private static void run(List<String> command, Path log) {
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("still running after 5 minutes: " + String.join(" ", command) + "; see " + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
