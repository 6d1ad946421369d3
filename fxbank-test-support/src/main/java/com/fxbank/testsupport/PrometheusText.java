package com.fxbank.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Prometheus text scrape, read as Prometheus reads it: one sample per line, {@code name{label="value",...} number}.
 * Enough for tests to ask "what does this series say", summing the samples that carry the given labels.
 */
public final class PrometheusText {

    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private PrometheusText(List<Sample> samples) {
        this.samples = samples;
    }

    public static PrometheusText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            String name;
            Map<String, String> labels = new LinkedHashMap<>();
            if (brace > 0 && brace < space) {
                name = line.substring(0, brace);
                String inside = line.substring(brace + 1, line.lastIndexOf('}'));
                for (String pair : splitLabels(inside)) {
                    int eq = pair.indexOf('=');
                    labels.put(pair.substring(0, eq).strip(), pair.substring(eq + 2, pair.length() - 1));
                }
            } else {
                name = line.substring(0, line.indexOf(' '));
            }
            String value = line.substring(space + 1).strip();
            samples.add(new Sample(name, labels, switch (value) {
                case "NaN" -> Double.NaN;
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                default -> Double.parseDouble(value);
            }));
        }
        return new PrometheusText(samples);
    }

    private static List<String> splitLabels(String inside) {
        List<String> pairs = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < inside.length(); i++) {
            char c = inside.charAt(i);
            if (c == '"' && (i == 0 || inside.charAt(i - 1) != '\\')) {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                pairs.add(inside.substring(start, i));
                start = i + 1;
            }
        }
        if (start < inside.length()) {
            pairs.add(inside.substring(start));
        }
        return pairs.stream().filter(pair -> !pair.isBlank()).toList();
    }

    /** The sum of the samples of {@code name} whose labels include {@code labels}; 0 when there is none. */
    public double sum(String name, Map<String, String> labels) {
        return matching(name, labels).stream().mapToDouble(Sample::value).sum();
    }

    public double sum(String name) {
        return sum(name, Map.of());
    }

    /** The samples of {@code name} whose labels include {@code labels}. */
    public List<Sample> matching(String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name))
                .filter(s -> s.labels().entrySet().containsAll(labels.entrySet())).toList();
    }

    public boolean has(String name) {
        return samples.stream().anyMatch(s -> s.name().equals(name));
    }

    /** Every series name in the scrape. */
    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        samples.forEach(s -> names.add(s.name()));
        return names;
    }
}
