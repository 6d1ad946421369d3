package com.fxbank.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * An OCI image as the build wrote it ({@code target/<module>-image.tar}, Docker's archive layout: a manifest, a config,
 * one gzipped tar per layer), unpacked layer by layer into a root filesystem, and started from there as a container
 * runtime would start it: its entrypoint, as its user, with its environment, in a mount and PID namespace of its own
 * with {@code /proc} and {@code /dev}, the root filesystem as {@code /} ({@code unshare} and {@code chroot}; no
 * container engine).
 */
final class Image {

    private static final ObjectMapper JSON = new ObjectMapper();

    final Path tar;
    final List<String> layers;
    final List<String> layerComments;
    final List<String> entrypoint;
    final String user;
    final Map<String, String> environment;
    final Map<String, String> labels;

    private Image(Path tar, JsonNode manifest, JsonNode config) {
        this.tar = tar;
        this.layers = new ArrayList<>();
        manifest.get(0).get("Layers").forEach(layer -> layers.add(layer.asText()));
        this.layerComments = new ArrayList<>();
        config.get("history").forEach(step -> layerComments.add(step.path("comment").asText()));
        JsonNode container = config.get("config");
        this.entrypoint = new ArrayList<>();
        container.get("Entrypoint").forEach(arg -> entrypoint.add(arg.asText()));
        this.user = container.path("User").asText("");
        this.environment = new LinkedHashMap<>();
        container.path("Env").forEach(pair -> {
            String[] kv = pair.asText().split("=", 2);
            environment.put(kv[0], kv[1]);
        });
        this.labels = new LinkedHashMap<>();
        container.path("Labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asText()));
    }

    /** Reads {@code tar}'s manifest and config (the layers stay in the tar until {@link #unpack}). */
    static Image read(Path tar, Path work) throws IOException, InterruptedException {
        if (!Files.isRegularFile(tar)) {
            throw new IllegalStateException(tar + " is not there: the images are built by ./mvnw -Pimages package "
                    + "(./fxbank test does it)");
        }
        Path meta = Files.createDirectories(work.resolve("meta"));
        run(List.of("tar", "-xf", tar.toString(), "-C", meta.toString(), "manifest.json", "config.json"));
        return new Image(tar, JSON.readTree(meta.resolve("manifest.json").toFile()), JSON.readTree(meta.resolve("config.json").toFile()));
    }

    /** Every layer, in order, extracted into {@code rootfs}: the image's file system. */
    Path unpack(Path rootfs) throws IOException, InterruptedException {
        Path layersDir = Files.createDirectories(rootfs.resolveSibling(rootfs.getFileName() + ".layers"));
        run(List.of("tar", "-xf", tar.toString(), "-C", layersDir.toString()));
        Files.createDirectories(rootfs);
        for (String layer : layers) {
            run(List.of("tar", "--warning=no-unknown-keyword", "-xzf", layersDir.resolve(layer).toString(), "-C", rootfs.toString()));
        }
        return rootfs;
    }

    /**
     * What each layer holds, by its history comment: every entry's path and modification time ({@code tar --full-time
     * -tvzf}), after {@link #unpack} extracted the layers beside {@code rootfs}.
     */
    Map<String, List<String>> layerEntries(Path rootfs) throws IOException, InterruptedException {
        Path layersDir = rootfs.resolveSibling(rootfs.getFileName() + ".layers");
        Map<String, List<String>> entries = new LinkedHashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            entries.put(layerComments.get(i), Image.run(List.of("tar", "--warning=no-unknown-keyword", "--full-time", "-tvzf",
                    layersDir.resolve(layers.get(i)).toString())).lines().toList());
        }
        return entries;
    }

    /** The image's entrypoint started from {@code rootfs}, with its environment and {@code extra} on top of it. */
    Process start(Path rootfs, Map<String, String> extra, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/unshare", "--mount", "--pid", "--fork", "--kill-child",
                "--mount-proc=" + rootfs.resolve("proc"), "/bin/bash", "-c",
                "/bin/mount --rbind /dev \"$0/dev\" && exec /usr/sbin/chroot --userspec=\"$1\" \"$0\" \"${@:2}\"",
                rootfs.toString(), user));
        command.addAll(entrypoint);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().putAll(extra);
        return builder.start();
    }

    /**
     * Stops what {@link #start} started: SIGTERM to the service itself (unshare ignores it while it waits for its
     * child; the service, PID 1 of its namespace, shuts down gracefully), then SIGKILL to all after 30 s.
     */
    static void stop(Process started) throws InterruptedException {
        started.descendants().forEach(ProcessHandle::destroy);
        if (!started.waitFor(30, TimeUnit.SECONDS)) {
            started.descendants().forEach(ProcessHandle::destroyForcibly);
            started.destroyForcibly();
            started.waitFor(10, TimeUnit.SECONDS);
        }
    }

    static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream out = process.getInputStream()) {
            output = new String(out.readAllBytes());
        }
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }
}
