package com.fxbank.deploy;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The manifests as Kubernetes would see them: rendered by {@code kubectl kustomize} (the same Kustomize that
 * {@code kubectl apply -k} runs), each object read into its typed class of fabric8's model of the Kubernetes API. What
 * the API's schema does not name (a misspelt field) is kept by the model as an additional property: {@link #unknownFields}
 * finds every one, at any depth.
 */
final class Manifests {

    static final Path KUSTOMIZE_ROOT = Path.of("kubernetes");

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Manifests() {
    }

    /** {@code kubectl kustomize DIR}'s output; fails with kubectl's own message. */
    static String render(Path directory) throws IOException, InterruptedException {
        Process kubectl;
        try {
            kubectl = new ProcessBuilder("kubectl", "kustomize", directory.toString()).start();
        } catch (IOException notInstalled) {
            throw new IllegalStateException("the manifests are rendered by kubectl's built-in Kustomize, and there is no "
                    + "kubectl on the PATH (install kubectl; no cluster is needed)", notInstalled);
        }
        kubectl.getOutputStream().close();
        byte[] out = kubectl.getInputStream().readAllBytes();
        String err = new String(kubectl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!kubectl.waitFor(60, TimeUnit.SECONDS) || kubectl.exitValue() != 0) {
            throw new IllegalStateException("kubectl kustomize " + directory + " failed: " + err);
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** A rendered YAML stream's objects, each in its typed class (or the reason it has none). */
    static List<HasMetadata> read(String rendered) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : rendered.split("(?m)^---\\s*$")) {
            if (document.isBlank()) {
                continue;
            }
            Object object = SERIALIZATION.unmarshal(document);
            if (!(object instanceof HasMetadata typed) || object instanceof GenericKubernetesResource) {
                throw new IllegalArgumentException("not a kind of the Kubernetes API this model knows: " + document.lines()
                        .filter(line -> line.startsWith("kind:") || line.startsWith("apiVersion:")).toList());
            }
            objects.add(typed);
        }
        return objects;
    }

    static String read(Path file) throws IOException {
        return Files.readString(file);
    }

    /** Every field of {@code object} (at any depth) the Kubernetes API's schema does not have, as a path. */
    static List<String> unknownFields(HasMetadata object) {
        List<String> unknown = new ArrayList<>();
        walk(object, object.getKind() + "/" + object.getMetadata().getName(), unknown,
                java.util.Collections.newSetFromMap(new IdentityHashMap<>()));
        return unknown;
    }

    private static void walk(Object node, String path, List<String> unknown, Set<Object> seen) {
        if (node == null || !seen.add(node)) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", unknown, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> walk(value, path + "." + key, unknown, seen));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException(getter + " failed", e);
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra) {
                    extra.keySet().forEach(key -> unknown.add(path + "." + key));
                }
                continue;
            }
            String field = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
            walk(value, path + "." + field, unknown, seen);
        }
    }
}
