package com.fxbank.launcher;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Where this JVM's CPU goes, by thread group and user against kernel time, read from Linux's {@code /proc/self/task}:
 * what {@code ./fxbank load} prints beside the bank's CPU per exchange. A thread that ended between two snapshots is
 * counted in "ended threads" (the process total less what the threads still there used).
 */
final class BankThreads {

    /** The groups, in the order a thread is matched against them (its name, as the kernel keeps it: 15 characters). */
    enum Group {
        REQUESTS("requests (virtual-thread carriers, Tomcat's I/O)",
                name -> name.startsWith("ForkJoinPool") || name.startsWith("http-nio") || name.startsWith("tomcat")),
        HTTP_CLIENT("HTTP client to the ledgers", name -> name.startsWith("HttpClient")),
        COMPILER("JIT compiler", name -> name.contains("CompilerThre") || name.startsWith("C1 ") || name.startsWith("C2 ")),
        GC("GC and safepoints", name -> name.startsWith("GC ") || name.startsWith("G1 ") || name.equals("VM Thread")
                || name.startsWith("ZGC") || name.startsWith("Shenandoah")),
        RELAYS("outbox relays", name -> name.startsWith("outbox-relay")),
        KAFKA_CLIENTS("Kafka clients (the services' producers and consumers)",
                name -> name.startsWith("kafka-producer") || name.startsWith("kafka-coordinat")
                        || name.startsWith("kafka-admin") || name.startsWith("container-") || name.contains("-C-")),
        BROKER("the embedded broker", name -> name.startsWith("data-plane") || name.startsWith("quorum")
                || name.startsWith("raft") || name.startsWith("kafka-") || name.startsWith("broker")
                || name.startsWith("ExpirationReape") || name.startsWith("group-coordina") || name.startsWith("controller")
                || name.startsWith("share-") || name.startsWith("transaction") || name.startsWith("LogDirFailure")
                || name.startsWith("metadata") || name.startsWith("executor-") || name.startsWith("Replica")
                || name.startsWith("persister") || name.startsWith("network-partiti")),
        OTHER("other", name -> true);

        private final String label;
        private final Predicate<String> matches;

        Group(String label, Predicate<String> matches) {
            this.label = label;
            this.matches = matches;
        }

        String label() {
            return label;
        }

        static Group of(String name) {
            for (Group group : values()) {
                if (group.matches.test(name)) {
                    return group;
                }
            }
            return OTHER;
        }
    }

    /** One thread's CPU so far, in clock ticks. */
    private record Times(String name, long user, long system) {
    }

    /** The CPU of every thread at one moment, and the process's. */
    record Snapshot(Map<String, Times> threads, long processCpuNanos) {
    }

    /** The split of the CPU used between two snapshots, in seconds of CPU. */
    record Split(Map<Group, Double> byGroup, double ended, double user, double system, double total) {

        Map<String, Object> figures(double seconds) {
            Map<String, Object> figures = new LinkedHashMap<>();
            Map<String, Double> cores = new LinkedHashMap<>();
            byGroup.forEach((group, cpu) -> cores.put(group.name().toLowerCase(Locale.ROOT), cpu / seconds));
            cores.put("ended_threads", ended / seconds);
            figures.put("coresByGroup", cores);
            figures.put("userShare", user / Math.max(user + system, 1e-9));
            figures.put("kernelShare", system / Math.max(user + system, 1e-9));
            return figures;
        }

        String render(double seconds) {
            StringBuilder text = new StringBuilder();
            byGroup.entrySet().stream().sorted(Map.Entry.<Group, Double>comparingByValue().reversed())
                    .filter(entry -> entry.getValue() > 0)
                    .forEach(entry -> text.append(String.format("      %-55s %.2f cores (%.0f %%)%n", entry.getKey().label(),
                            entry.getValue() / seconds, 100 * entry.getValue() / Math.max(total, 1e-9))));
            if (ended > 0) {
                text.append(String.format("      %-55s %.2f cores%n", "threads that ended while measuring", ended / seconds));
            }
            text.append(String.format("      user %.0f %%, kernel %.0f %% (the kernel's share is mostly loopback sockets)%n",
                    100 * user / Math.max(user + system, 1e-9), 100 * system / Math.max(user + system, 1e-9)));
            return text.toString();
        }
    }

    /** Linux's clock ticks per second for /proc times (USER_HZ: 100 on every Linux this runs on). */
    private static final double TICKS_PER_SECOND = 100.0;

    private BankThreads() {
    }

    /** Whether this machine has {@code /proc/self/task} to read (Linux); elsewhere the split is not measured. */
    static boolean available() {
        return Files.isDirectory(Path.of("/proc/self/task"));
    }

    static Snapshot snapshot(long processCpuNanos) {
        Map<String, Times> threads = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                read(task).ifPresent(times -> threads.put(task.getFileName().toString(), times));
            }
        } catch (IOException e) {
            // No /proc here: an empty snapshot, the split says nothing.
        }
        return new Snapshot(threads, processCpuNanos);
    }

    /** {@code /proc/self/task/<tid>/stat}: the name in parentheses (which may hold spaces), then utime and stime. */
    private static Optional<Times> read(Path task) {
        try {
            String stat = Files.readString(task.resolve("stat"));
            int open = stat.indexOf('(');
            int close = stat.lastIndexOf(')');
            String[] fields = stat.substring(close + 2).split(" ");
            return Optional.of(new Times(stat.substring(open + 1, close), Long.parseLong(fields[11]),
                    Long.parseLong(fields[12])));
        } catch (IOException | RuntimeException gone) {
            return Optional.empty(); // the thread ended while the directory was read
        }
    }

    static Split between(Snapshot before, Snapshot after) {
        Map<Group, Double> byGroup = new LinkedHashMap<>();
        for (Group group : Group.values()) {
            byGroup.put(group, 0.0);
        }
        double user = 0;
        double system = 0;
        for (Map.Entry<String, Times> entry : after.threads().entrySet()) {
            Times now = entry.getValue();
            Times then = before.threads().getOrDefault(entry.getKey(), new Times(now.name(), 0, 0));
            double threadUser = (now.user() - then.user()) / TICKS_PER_SECOND;
            double threadSystem = (now.system() - then.system()) / TICKS_PER_SECOND;
            byGroup.merge(Group.of(now.name()), threadUser + threadSystem, Double::sum);
            user += threadUser;
            system += threadSystem;
        }
        double total = (after.processCpuNanos() - before.processCpuNanos()) / 1e9;
        double ended = Math.max(0, total - user - system);
        return new Split(byGroup, ended, user, system, total);
    }

    /** The collectors of this JVM, as it names them (e.g. "Copy, MarkSweepCompact" for the serial collector). */
    static String garbageCollectors() {
        List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
        return collectors.stream().map(GarbageCollectorMXBean::getName).collect(Collectors.joining(", "));
    }
}
