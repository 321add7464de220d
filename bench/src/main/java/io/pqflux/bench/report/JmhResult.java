package io.pqflux.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of JMH's JSON result file ({@code -rf json}): which benchmark method with which parameters, its
 * primary score, and the allocation per operation when the run used {@code -prof gc}.
 *
 * @param benchmarkClass simple name of the benchmark class
 * @param allocationPerOp {@code gc.alloc.rate.norm} in bytes per operation, or NaN without {@code -prof gc}
 * @param counters        the benchmark's own secondary metrics ({@code @AuxCounters} fields), by name: the mean of
 *                        the per-iteration values (JMH's score for such a counter is their sum)
 */
public record JmhResult(String benchmarkClass, String method, Map<String, String> params, double score,
                        double scoreError, String unit, double allocationPerOp, Map<String, Double> counters) {

    public static List<JmhResult> read(Path json) {
        try {
            JsonNode root = new ObjectMapper().readTree(json.toFile());
            List<JmhResult> results = new ArrayList<>();
            for (JsonNode entry : root) results.add(of(entry));
            return results;
        } catch (IOException e) {
            throw new UncheckedIOException("reading JMH results " + json, e);
        }
    }

    public static List<JmhResult> read(List<Path> jsonFiles) {
        List<JmhResult> results = new ArrayList<>();
        for (Path json : jsonFiles) results.addAll(read(json));
        return results;
    }

    /** The mean of a metric's raw per-iteration values over every fork. */
    private static double meanPerIteration(JsonNode metric) {
        double sum = 0;
        int n = 0;
        for (JsonNode fork : metric.path("rawData")) {
            for (JsonNode iteration : fork) {
                sum += iteration.asDouble();
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static JmhResult of(JsonNode entry) {
        String benchmark = entry.path("benchmark").asText();
        int methodDot = benchmark.lastIndexOf('.');
        String className = benchmark.substring(0, methodDot);
        Map<String, String> params = new LinkedHashMap<>();
        entry.path("params").properties().forEach(p -> params.put(p.getKey(), p.getValue().asText()));
        JsonNode primary = entry.path("primaryMetric");
        JsonNode secondary = entry.path("secondaryMetrics");
        JsonNode allocation = secondary.path("gc.alloc.rate.norm");
        Map<String, Double> counters = new LinkedHashMap<>();
        // profilers' metrics are named after the profiler ("gc.…", "·…"); the rest are the benchmark's counters
        secondary.properties().forEach(m -> {
            if (!m.getKey().contains(".") && !m.getKey().startsWith("·")) counters.put(m.getKey(), meanPerIteration(m.getValue()));
        });
        return new JmhResult(className.substring(className.lastIndexOf('.') + 1), benchmark.substring(methodDot + 1),
                params, primary.path("score").asDouble(Double.NaN), primary.path("scoreError").asDouble(Double.NaN),
                primary.path("scoreUnit").asText(), allocation.isMissingNode() ? Double.NaN : allocation.path("score").asDouble(),
                counters);
    }
}
